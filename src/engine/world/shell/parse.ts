// A recursive-descent parser for the lab's POSIX sh subset. Anything outside the subset raises a
// ShellSyntaxError whose `unsupported` field names the construct, so the caller can say so plainly.
import {
  ShellSyntaxError, type AndOr, type Assign, type Command, type List, type Pipeline, type Redir, type SimpleCommand, type Word, type WordPart,
} from './ast.ts';

const META = new Set([' ', '\t', '\n', ';', '&', '|', '(', ')', '<', '>']);
const RESERVED_STOP = new Set(['then', 'elif', 'else', 'fi', 'do', 'done', 'esac', '}', 'in']);
/** Characters that open a quote or an expansion inside a word. */
const QUOTE_OR_EXPANSION = new Set(["'", '"', '$', '`']);
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** How deeply constructs may nest ( `(`, `$(`, `{`, if, for, … ) before the parser stops with a lab limit. */
export const MAX_PARSE_DEPTH = 100;

/**
 * Work one parse may do, shared with the scripts parsed inside backquotes. Every parser loop spends
 * from it, so a loop that stops advancing ends with a lab message instead of hanging the tab.
 */
interface ParseBudget {
  left: number;
}

export function parseScript(src: string, budget: ParseBudget = { left: 64 * src.length + 10_000 }, line = 1): List {
  const p = new Parser(src, budget, line);
  const list = p.parseList(new Set(), false);
  p.skipSpace(true);
  if (!p.eof()) p.unexpected();
  return list;
}

/**
 * The text of a $((…)) as a word: parameters, $(…) and `…` inside it are expanded first, as in
 * double quotes (POSIX 2.6.4), so `$(( $1 + 1 ))` and `$(( ${#x} * 2 ))` work.
 */
export function parseArithWord(expr: string): Word {
  return new Parser(expr, { left: 64 * expr.length + 10_000 }, 1).parseArithText();
}

class Parser {
  private readonly src: string;
  private readonly budget: ParseBudget;
  private depth = 0;
  pos = 0;
  line = 1;

  constructor(src: string, budget: ParseBudget, line: number) {
    this.src = src;
    this.budget = budget;
    this.line = line;
  }

  /** Spends one unit of parse work; called in every loop. */
  private tick(): void {
    if (--this.budget.left < 0) {
      throw new ShellSyntaxError('In this lab, the shell gave up parsing this script: it took more steps than a script of this length should', this.line, { limit: 'parse-steps' });
    }
  }

  /** Runs `f` one nesting level deeper, refusing to go past MAX_PARSE_DEPTH. */
  private nested<T>(f: () => T): T {
    if (++this.depth > MAX_PARSE_DEPTH) {
      throw new ShellSyntaxError(`In this lab, shell constructs may nest at most ${MAX_PARSE_DEPTH} levels deep; this script nests deeper`, this.line, { limit: 'parse-depth' });
    }
    try {
      return f();
    } finally {
      this.depth--;
    }
  }

  eof(): boolean {
    return this.pos >= this.src.length;
  }

  private ch(offset = 0): string {
    return this.src[this.pos + offset] ?? '';
  }

  private advance(n = 1): void {
    for (let i = 0; i < n; i++) {
      if (this.src[this.pos] === '\n') this.line++;
      this.pos++;
    }
  }

  private startsWith(s: string): boolean {
    return this.src.startsWith(s, this.pos);
  }

  unsupported(construct: string): never {
    throw new ShellSyntaxError(`this lab does not support ${construct}`, this.line, { unsupported: construct });
  }

  unexpected(expecting?: string): never {
    const tok = this.eof() ? 'end of file' : this.peekToken();
    const opts: { token: string; expecting?: string } = { token: tok };
    if (expecting) opts.expecting = expecting;
    throw new ShellSyntaxError(`syntax error: unexpected ${tok === 'end of file' ? tok : `"${tok}"`}${expecting ? ` (expecting "${expecting}")` : ''}`, this.line, opts);
  }

  private peekToken(): string {
    const redir = /^[0-9]*(>>|>&|>\||<&|<>|<<|>|<)/.exec(this.src.slice(this.pos, this.pos + 12));
    if (redir) return redir[0];
    for (const op of ['&&', '||', ';;', ';', '&', '|', '(', ')', '\n']) if (this.startsWith(op)) return op === '\n' ? 'newline' : op;
    return this.peekBare() ?? this.ch();
  }

  /** Skips blanks, comments and line continuations; with `newlines`, newlines too. */
  skipSpace(newlines = false): void {
    for (;;) {
      this.tick();
      const c = this.ch();
      if (c === ' ' || c === '\t' || c === '\r') this.advance();
      else if (c === '\\' && this.ch(1) === '\n') this.advance(2);
      else if (c === '#') {
        while (!this.eof() && this.ch() !== '\n') this.advance();
      } else if (newlines && c === '\n') this.advance();
      else break;
    }
  }

  /** The next bare word (no quotes or expansions) if there is one, without consuming it. */
  private peekBare(): string | undefined {
    let i = this.pos;
    let out = '';
    while (i < this.src.length) {
      const c = this.src[i]!;
      if (META.has(c)) break;
      if (c === '"' || c === "'" || c === '\\' || c === '$' || c === '`') return undefined;
      out += c;
      i++;
    }
    return out || undefined;
  }

  private peekReserved(): string | undefined {
    const w = this.peekBare();
    if (w === undefined) return undefined;
    return ['if', 'then', 'elif', 'else', 'fi', 'for', 'in', 'do', 'done', 'while', 'until', 'case', 'esac', '{', '}', '!', 'function', 'select', '[[', '(('].includes(w) ? w : undefined;
  }

  private expectReserved(word: string): void {
    this.skipSpace(true);
    if (this.peekReserved() !== word) this.unexpected(word);
    this.advance(word.length);
  }

  parseList(stop: Set<string>, closeParen: boolean): List {
    const items: AndOr[] = [];
    for (;;) {
      this.tick();
      this.skipSpace(true);
      if (this.eof()) break;
      const r = this.peekReserved();
      if (r && (stop.has(r) || RESERVED_STOP.has(r))) break;
      if (this.ch() === ')' && closeParen) break;
      if (this.ch() === ')' || this.ch() === ';' || this.ch() === '|' || (this.ch() === '&' && this.ch(1) === '&')) this.unexpected();
      items.push(this.parseAndOr());
      this.skipSpace(false);
      if (this.startsWith(';;')) this.unexpected();
      if (this.ch() === ';' || this.ch() === '\n') {
        this.advance();
        continue;
      }
      if (this.ch() === '&') this.unsupported('background jobs (&)');
      break;
    }
    return { items };
  }

  private parseAndOr(): AndOr {
    const first = this.parsePipeline();
    const rest: AndOr['rest'] = [];
    for (;;) {
      this.tick();
      this.skipSpace(false);
      if (this.startsWith('&&') || this.startsWith('||')) {
        const op = this.src.slice(this.pos, this.pos + 2) as '&&' | '||';
        this.advance(2);
        this.skipSpace(true);
        rest.push({ op, pipeline: this.parsePipeline() });
      } else break;
    }
    return { first, rest };
  }

  private parsePipeline(): Pipeline {
    this.skipSpace(false);
    let bang = false;
    if (this.peekReserved() === '!') {
      bang = true;
      this.advance();
    }
    const commands = [this.parseCommand()];
    for (;;) {
      this.tick();
      this.skipSpace(false);
      if (this.ch() === '|' && this.ch(1) !== '|') {
        this.advance();
        this.skipSpace(true);
        commands.push(this.parseCommand());
      } else break;
    }
    return { bang, commands };
  }

  private parseCommand(): Command {
    return this.nested(() => this.parseCommandHere());
  }

  private parseCommandHere(): Command {
    this.skipSpace(false);
    const line = this.line;
    const r = this.peekReserved();
    if (r === 'if') return this.withRedirs(this.parseIf(line));
    if (r === 'for') return this.withRedirs(this.parseFor(line));
    if (r === 'while' || r === 'until') return this.withRedirs(this.parseWhile(line, r === 'until'));
    if (r === '{') {
      this.advance();
      const body = this.parseList(new Set(['}']), false);
      this.expectReserved('}');
      return this.withRedirs({ kind: 'group', body, redirs: [], line });
    }
    if (r === 'case') this.unsupported('case statements (case … esac)');
    if (r === 'function') this.unsupported('the bash `function` keyword (write name() { …; } instead)');
    if (r === 'select') this.unsupported('select loops');
    if (r === '((') this.unsupported('arithmetic commands ((…))');
    if (r && RESERVED_STOP.has(r)) this.unexpected();
    if (this.ch() === '(') {
      this.advance();
      const body = this.parseList(new Set(), true);
      this.skipSpace(true);
      if (this.ch() !== ')') this.unexpected(')');
      this.advance();
      return this.withRedirs({ kind: 'subshell', body, redirs: [], line });
    }
    return this.parseSimple(line);
  }

  private withRedirs<T extends Command>(cmd: T): T {
    for (;;) {
      this.tick();
      this.skipSpace(false);
      const redir = this.tryRedir();
      if (!redir) break;
      cmd.redirs.push(redir);
    }
    return cmd;
  }

  private parseIf(line: number): Command {
    this.advance(2);
    const clauses: { cond: List; body: List }[] = [];
    let elseBody: List | undefined;
    const cond = this.parseList(new Set(['then']), false);
    this.expectReserved('then');
    clauses.push({ cond, body: this.parseList(new Set(['elif', 'else', 'fi']), false) });
    for (;;) {
      this.tick();
      this.skipSpace(true);
      const r = this.peekReserved();
      if (r === 'elif') {
        this.advance(4);
        const c = this.parseList(new Set(['then']), false);
        this.expectReserved('then');
        clauses.push({ cond: c, body: this.parseList(new Set(['elif', 'else', 'fi']), false) });
      } else if (r === 'else') {
        this.advance(4);
        elseBody = this.parseList(new Set(['fi']), false);
        this.expectReserved('fi');
        break;
      } else if (r === 'fi') {
        this.advance(2);
        break;
      } else this.unexpected('fi');
    }
    const out: Command = { kind: 'if', clauses, redirs: [], line };
    if (elseBody) out.elseBody = elseBody;
    return out;
  }

  private parseFor(line: number): Command {
    this.advance(3);
    this.skipSpace(false);
    const name = this.peekBare();
    if (!name || !NAME_RE.test(name)) this.unexpected();
    this.advance(name.length);
    this.skipSpace(false);
    let items: Word[] | undefined;
    if (this.ch() === ';') this.advance();
    this.skipSpace(true);
    if (this.peekReserved() === 'in') {
      this.advance(2);
      items = [];
      for (;;) {
        this.tick();
        this.skipSpace(false);
        if (this.ch() === ';' || this.ch() === '\n') {
          this.advance();
          break;
        }
        if (this.eof()) this.unexpected('do');
        // Only words may follow `in`: an operator such as ( ) | & < > is a syntax error, as in ash's
        // list() (`while (readtoken() == TWORD)`, then "unexpected" for anything but ; or newline).
        if (META.has(this.ch())) this.unexpected();
        items.push(this.parseWord());
      }
    }
    this.expectReserved('do');
    const body = this.parseList(new Set(['done']), false);
    this.expectReserved('done');
    const out: Command = { kind: 'for', name, body, redirs: [], line };
    if (items) out.items = items;
    return out;
  }

  private parseWhile(line: number, until: boolean): Command {
    this.advance(until ? 5 : 5);
    const cond = this.parseList(new Set(['do']), false);
    this.expectReserved('do');
    const body = this.parseList(new Set(['done']), false);
    this.expectReserved('done');
    return { kind: 'while', until, cond, body, redirs: [], line };
  }

  private tryRedir(): Redir | undefined {
    let i = this.pos;
    let digits = '';
    while (/[0-9]/.test(this.src[i] ?? '')) digits += this.src[i++];
    const c = this.src[i];
    if (c !== '<' && c !== '>') {
      if (this.startsWith('&>')) this.unsupported('the &> redirection (a bash extension; use > file 2>&1)');
      return undefined;
    }
    const rest = this.src.slice(i);
    let op: string;
    if (rest.startsWith('<<<')) this.unsupported('here-strings (<<<)');
    if (rest.startsWith('<<')) this.unsupported('here-documents (<<) inside RUN; write the file with printf or COPY instead');
    if (rest.startsWith('<(') || rest.startsWith('>(')) this.unsupported('process substitution');
    if (rest.startsWith('<>')) this.unsupported('the <> redirection');
    if (rest.startsWith('>>')) op = '>>';
    else if (rest.startsWith('>&')) op = '>&';
    else if (rest.startsWith('<&')) op = '<&';
    else if (rest.startsWith('>|')) op = '>|';
    else op = c;
    this.advance(i - this.pos + op.length);
    this.skipSpace(false);
    if (this.eof() || META.has(this.ch())) this.unexpected();
    const target = this.parseWord();
    const fd = digits ? Number(digits) : op.startsWith('<') ? 0 : 1;
    return { fd, op: op === '>|' ? '>' : op, target };
  }

  private parseSimple(line: number): Command {
    const cmd: SimpleCommand = { kind: 'simple', assigns: [], words: [], redirs: [], line };
    for (;;) {
      this.tick();
      this.skipSpace(false);
      if (this.eof()) break;
      const c = this.ch();
      const redir = this.tryRedir();
      if (redir) {
        cmd.redirs.push(redir);
        continue;
      }
      if (c === '(' && cmd.words.length === 1 && cmd.assigns.length === 0 && cmd.redirs.length === 0) {
        const w = cmd.words[0]!;
        const name = w.parts.length === 1 && w.parts[0]!.t === 'lit' && !w.parts[0]!.q ? w.parts[0]!.v : '';
        if (!NAME_RE.test(name) && !/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name)) this.unexpected();
        this.advance();
        this.skipSpace(false);
        if (this.ch() !== ')') this.unexpected(')');
        this.advance();
        this.skipSpace(true);
        const body = this.parseCommand();
        if (body.kind === 'simple') this.unexpected();
        return { kind: 'func', name, body, redirs: [], line };
      }
      if (META.has(c)) break;
      const start = this.pos;
      const word = this.parseWord();
      if (cmd.words.length === 0) {
        const assign = asAssign(word);
        if (assign) {
          cmd.assigns.push(assign);
          continue;
        }
      }
      if (this.pos === start) this.unexpected();
      cmd.words.push(word);
    }
    if (cmd.words.length === 0 && cmd.assigns.length === 0 && cmd.redirs.length === 0) this.unexpected();
    return cmd;
  }

  /** One shell word up to an unquoted metacharacter. */
  parseWord(): Word {
    const parts: WordPart[] = [];
    let lit = '';
    const flush = (): void => {
      if (lit) parts.push({ t: 'lit', v: lit, q: false });
      lit = '';
    };
    const start = this.pos;
    while (!this.eof()) {
      this.tick();
      const c = this.ch();
      if (META.has(c)) break;
      if (c === '~' && this.pos === start) {
        let user = '';
        let j = this.pos + 1;
        while (j < this.src.length && !META.has(this.src[j]!) && this.src[j] !== '/') user += this.src[j++];
        if (/^[A-Za-z0-9_.-]*$/.test(user)) {
          parts.push({ t: 'tilde', user });
          this.advance(1 + user.length);
          continue;
        }
      }
      if (c === '\\') {
        if (this.ch(1) === '\n') {
          this.advance(2);
          continue;
        }
        flush();
        parts.push({ t: 'lit', v: this.ch(1), q: true });
        this.advance(2);
      } else if (QUOTE_OR_EXPANSION.has(c)) {
        flush();
        parts.push(...this.parseQuoteOrExpansion(() => {
          throw new ShellSyntaxError('unterminated quoted string', this.line, { token: 'end of file', expecting: "'" });
        }));
      } else {
        lit += c;
        this.advance();
      }
    }
    flush();
    return { parts };
  }

  /**
   * The '…', "…", $… or `…` at the cursor inside an unquoted word. A plain word and a ${…} argument
   * word report a ' with no closing quote differently, so each passes its own `unterminated`.
   */
  private parseQuoteOrExpansion(unterminated: () => never): WordPart[] {
    const c = this.ch();
    if (c === '$') return [this.parseDollar(false)];
    if (c === '`') return [this.parseBackquote(false)];
    this.advance();
    if (c === '"') return this.parseDquoted();
    const end = this.src.indexOf("'", this.pos);
    if (end < 0) unterminated();
    const part: WordPart = { t: 'lit', v: this.src.slice(this.pos, end), q: true };
    this.advance(end - this.pos + 1);
    return [part];
  }

  private parseDquoted(): WordPart[] {
    const parts: WordPart[] = [];
    let lit = '';
    let any = false;
    const flush = (): void => {
      if (lit || !any) parts.push({ t: 'lit', v: lit, q: true });
      any = true;
      lit = '';
    };
    for (;;) {
      this.tick();
      if (this.eof()) throw new ShellSyntaxError('unterminated quoted string', this.line, { token: 'end of file', expecting: '"' });
      const c = this.ch();
      if (c === '"') {
        this.advance();
        break;
      }
      if (c === '\\') {
        const n = this.ch(1);
        if (n === '\n') this.advance(2);
        else if ('$`"\\'.includes(n)) {
          lit += n;
          this.advance(2);
        } else {
          lit += c;
          this.advance();
        }
      } else if (c === '$') {
        if (lit) flush();
        const part = this.parseDollar(true);
        parts.push(part);
        any = true;
      } else if (c === '`') {
        if (lit) flush();
        parts.push(this.parseBackquote(true));
        any = true;
      } else {
        lit += c;
        this.advance();
      }
    }
    if (lit || !any) flush();
    return parts;
  }

  parseArithText(): Word {
    const parts: WordPart[] = [];
    let lit = '';
    while (!this.eof()) {
      this.tick();
      const c = this.ch();
      if (c === '$' || c === '`') {
        if (lit) parts.push({ t: 'lit', v: lit, q: true });
        lit = '';
        parts.push(c === '$' ? this.parseDollar(true) : this.parseBackquote(true));
      } else if (c === '\\' && '$`"\\'.includes(this.ch(1)) && this.ch(1)) {
        lit += this.ch(1);
        this.advance(2);
      } else if (c === '"') {
        // Double quotes inside $((…)) are removed, as in dash and ash.
        this.advance();
      } else {
        lit += c;
        this.advance();
      }
    }
    if (lit || !parts.length) parts.push({ t: 'lit', v: lit, q: true });
    return { parts };
  }

  private parseBackquote(q: boolean): WordPart {
    this.advance();
    let inner = '';
    while (!this.eof() && this.ch() !== '`') {
      this.tick();
      if (this.ch() === '\\' && '$`\\'.includes(this.ch(1))) {
        inner += this.ch(1);
        this.advance(2);
      } else {
        inner += this.ch();
        this.advance();
      }
    }
    if (this.eof()) throw new ShellSyntaxError('unterminated backquote', this.line, { token: 'end of file', expecting: '`' });
    this.advance();
    return { t: 'cmd', body: this.nested(() => parseScript(inner, this.budget, this.line)), q };
  }

  private parseDollar(q: boolean): WordPart {
    return this.nested(() => this.parseDollarHere(q));
  }

  private parseDollarHere(q: boolean): WordPart {
    this.advance();
    const c = this.ch();
    if (c === '(') {
      if (this.ch(1) === '(') {
        this.advance(2);
        let depth = 0;
        let expr = '';
        while (!this.eof()) {
          this.tick();
          if (this.ch() === '(') depth++;
          if (this.ch() === ')') {
            if (depth === 0 && this.ch(1) === ')') break;
            depth--;
          }
          expr += this.ch();
          this.advance();
        }
        if (this.eof()) this.unexpected('))');
        this.advance(2);
        return { t: 'arith', expr, q };
      }
      this.advance();
      const body = this.parseList(new Set(), true);
      this.skipSpace(true);
      if (this.ch() !== ')') this.unexpected(')');
      this.advance();
      return { t: 'cmd', body, q };
    }
    if (c === '{') {
      this.advance();
      let len = false;
      if (this.ch() === '#' && this.ch(1) !== '}') {
        len = true;
        this.advance();
      }
      let name = '';
      if (/[A-Za-z_]/.test(this.ch())) while (/[A-Za-z0-9_]/.test(this.ch())) { name += this.ch(); this.advance(); }
      else if (/[0-9]/.test(this.ch())) while (/[0-9]/.test(this.ch())) { name += this.ch(); this.advance(); }
      else if ('@*#?$!-'.includes(this.ch()) && this.ch()) { name = this.ch(); this.advance(); }
      if (!name) this.unsupported('this kind of ${…} expansion');
      if (this.ch() === '}') {
        this.advance();
        return len ? { t: 'var', name, q, len: true } : { t: 'var', name, q };
      }
      if (len) this.unexpected('}');
      let op = '';
      for (const candidate of [':-', ':=', ':+', ':?', '-', '=', '+', '?', '##', '#', '%%', '%', '//', '/']) {
        if (this.startsWith(candidate)) {
          op = candidate;
          break;
        }
      }
      if (!op) {
        if (this.ch() === ':') this.unsupported('substring expansion ${VAR:offset:length}');
        if (this.ch() === '^' || this.ch() === ',') this.unsupported('case-changing expansion ${VAR^^}');
        this.unexpected('}');
      }
      this.advance(op.length);
      const arg = this.parseBraceArg();
      return { t: 'var', name, op, arg, q };
    }
    if (/[A-Za-z_]/.test(c)) {
      let name = '';
      while (/[A-Za-z0-9_]/.test(this.ch())) {
        this.tick();
        name += this.ch();
        this.advance();
      }
      return { t: 'var', name, q };
    }
    if (/[0-9@*#?$!-]/.test(c) && c) {
      this.advance();
      return { t: 'var', name: c, q };
    }
    return { t: 'lit', v: '$', q: true };
  }

  /** The word inside ${name<op>…}, up to the matching `}`. */
  private parseBraceArg(): Word {
    const parts: WordPart[] = [];
    let lit = '';
    const flush = (): void => {
      if (lit) parts.push({ t: 'lit', v: lit, q: false });
      lit = '';
    };
    for (;;) {
      this.tick();
      if (this.eof()) this.unexpected('}');
      const c = this.ch();
      if (c === '}') {
        this.advance();
        break;
      }
      if (c === '\\') {
        flush();
        parts.push({ t: 'lit', v: this.ch(1), q: true });
        this.advance(2);
      } else if (QUOTE_OR_EXPANSION.has(c)) {
        flush();
        parts.push(...this.parseQuoteOrExpansion(() => this.unexpected("'")));
      } else {
        lit += c;
        this.advance();
      }
    }
    flush();
    return { parts };
  }
}

function asAssign(word: Word): Assign | undefined {
  const first = word.parts[0];
  if (!first || first.t !== 'lit' || first.q) return undefined;
  const eq = first.v.indexOf('=');
  if (eq <= 0 || !NAME_RE.test(first.v.slice(0, eq))) return undefined;
  const rest = first.v.slice(eq + 1);
  const parts: WordPart[] = rest ? [{ t: 'lit', v: rest, q: false }, ...word.parts.slice(1)] : word.parts.slice(1);
  return { name: first.v.slice(0, eq), value: { parts } };
}
