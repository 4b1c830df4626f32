// Word expansion for the lab's sh (POSIX 2.6): parameters, tilde, arithmetic, command
// substitution, field splitting and pathname expansion. It reads the shell's state through
// ExpansionScope, the part of a Shell that expansion needs, so that it does not import the interpreter.
import { ShellSyntaxError, type List, type Word, type WordPart } from './ast.ts';
import { parseArithWord } from './parse.ts';
import { MAX_STRING_CHARS, stringLimit, type World } from './world.ts';
import type { ArithError } from './arith.ts';
import { requireExtras } from './lazy.ts';
import { globMatch, replacePattern, trimPattern } from './glob.ts';
import { ExitSignal } from './signals.ts';
import type { Dialect, IO } from './io.ts';

/** What expansion reads and sets of the running shell. */
export interface ExpansionScope {
  readonly world: World;
  readonly dialect: Dialect;
  readonly vars: Map<string, string>;
  readonly opts: { readonly e: boolean; readonly x: boolean; readonly u: boolean };
  readonly positional: readonly string[];
  readonly argv0: string;
  readonly status: number;
  readonly cwd: string;
  readonly currentLine: number;
  /** The "sh: line N: " prefix of the shell's error messages. */
  prefix(): string;
  abs(path: string): string;
  /** `$(…)`: runs the list in a subshell and returns its output without trailing newlines. */
  commandSubst(body: List, io: IO): Promise<string>;
}

const IFS_WS = /[ \t\n]+/;

/** Escapes glob characters so that a quoted expansion matches itself. */
export function escapeGlob(s: string): string {
  return s.replace(/[*?[\]\\]/g, '\\$&');
}

export function getVar(sh: ExpansionScope, name: string): string | undefined {
  if (name === '?') return String(sh.status);
  if (name === '#') return String(sh.positional.length);
  if (name === '@' || name === '*') return sh.positional.join(' ');
  if (name === '$') return '1';
  if (name === '!') return '';
  if (name === '-') return (sh.opts.e ? 'e' : '') + (sh.opts.u ? 'u' : '') + (sh.opts.x ? 'x' : '');
  if (name === '0') return sh.argv0;
  if (/^\d+$/.test(name)) return sh.positional[Number(name) - 1];
  return sh.vars.get(name);
}

function paramError(sh: ExpansionScope, name: string, msg: string): never {
  sh.world.emit('stderr', `${sh.prefix()}${name}: ${msg}\n`);
  throw new ExitSignal(sh.dialect === 'bash' ? 1 : 2);
}

/** `$name`, `${#name}` at once; `${name<op>word}` as a promise (its word may hold a command substitution). */
function expandVar(sh: ExpansionScope, part: Extract<WordPart, { t: 'var' }>, io: IO): string | Promise<string> {
  const value = getVar(sh, part.name);
  if (part.len) return String((value ?? '').length);
  if (!part.op) {
    if (value === undefined && sh.opts.u && !['@', '*'].includes(part.name)) paramError(sh, part.name, sh.dialect === 'bash' ? 'unbound variable' : 'parameter not set');
    return value ?? '';
  }
  return expandVarOp(sh, part, value, io);
}

async function expandVarOp(sh: ExpansionScope, part: Extract<WordPart, { t: 'var' }>, value: string | undefined, io: IO): Promise<string> {
  const op = part.op;
  const arg = async (): Promise<string> => (part.arg ? expandNoSplit(sh, part.arg, io) : '');
  const unsetOrEmpty = value === undefined || value === '';
  switch (op) {
    case ':-': return unsetOrEmpty ? arg() : value!;
    case '-': return value === undefined ? arg() : value;
    case ':=': if (unsetOrEmpty) { const v = await arg(); sh.vars.set(part.name, v); return v; } return value!;
    case '=': if (value === undefined) { const v = await arg(); sh.vars.set(part.name, v); return v; } return value;
    case ':+': return unsetOrEmpty ? '' : arg();
    case '+': return value === undefined ? '' : arg();
    case ':?': if (unsetOrEmpty) paramError(sh, part.name, (await arg()) || (value === undefined ? 'parameter not set' : 'parameter null or not set')); return value!;
    case '?': if (value === undefined) paramError(sh, part.name, (await arg()) || 'parameter not set'); return value;
    case '#': case '##': case '%': case '%%':
      return trimPattern(value ?? '', await patternOf(sh, part.arg, io), op, (n) => sh.world.step(1 + (n >> 10)));
    case '/': case '//': {
      if (sh.dialect === 'dash') throw new ShellSyntaxError('this lab does not support ${VAR/pattern/replacement} in dash (it is a bash/ash extension)', sh.currentLine, { unsupported: '${VAR/…/…}' });
      // The pattern ends at the first unquoted, unescaped `/`; quoted characters match literally.
      const raw = await patternOf(sh, part.arg, io);
      let slash = -1;
      for (let i = 0; i < raw.length; i++) {
        if (raw[i] === '\\') i++;
        else if (raw[i] === '/') {
          slash = i;
          break;
        }
      }
      const pat = slash < 0 ? raw : raw.slice(0, slash);
      const rep = slash < 0 ? '' : raw.slice(slash + 1).replace(/\\(.)/g, '$1');
      return replacePattern(value ?? '', pat, rep, op === '//', (n) => sh.world.step(1 + (n >> 10)));
    }
  }
  return value ?? '';
}

/** The word as a glob pattern: quoted characters are escaped. */
async function patternOf(sh: ExpansionScope, word: Word | undefined, io: IO): Promise<string> {
  if (!word) return '';
  let out = '';
  for (const p of word.parts) {
    const text = await partText(sh, p, io);
    out += p.t === 'lit' && !p.q ? text : (p.t !== 'lit' && !('q' in p && p.q)) ? text : text.replace(/[*?[\]\\/]/g, '\\$&');
  }
  return out;
}

/** A part's text: a literal or tilde at once, an expansion (which may run a command substitution) as a promise. */
function partText(sh: ExpansionScope, p: WordPart, io: IO): string | Promise<string> {
  switch (p.t) {
    case 'lit': return p.v;
    case 'tilde': return p.user ? homeOf(sh, p.user) ?? `~${p.user}` : sh.vars.get('HOME') ?? '/root';
    case 'var': return expandVar(sh, p, io);
    case 'cmd': return sh.commandSubst(p.body, io);
    case 'arith': return arith(sh, p.expr, io);
  }
}

function homeOf(sh: ExpansionScope, user: string): string | undefined {
  try {
    const line = sh.world.readText('/etc/passwd').split('\n').find((l) => l.split(':')[0] === user);
    return line?.split(':')[5];
  } catch {
    return undefined;
  }
}

async function arith(sh: ExpansionScope, expr: string, io: IO): Promise<string> {
  const word = parseArithWord(expr);
  const expanded = await expandNoSplit(sh, word, io);
  const { evalArith, ArithError } = requireExtras();
  try {
    return String(evalArith(expanded, (n) => getVar(sh, n), (n, v) => sh.vars.set(n, v), sh.dialect !== 'dash'));
  } catch (e) {
    if (!(e instanceof ArithError)) throw e;
    sh.world.emit('stderr', arithMessage(sh, e, expanded));
    // ash and dash raise an error, which ends a non-interactive shell with status 2; bash ends
    // the command with status 1.
    throw new ExitSignal(sh.dialect === 'bash' ? 1 : 2);
  }
}

/**
 * busybox shell/math.c: "divide by zero" or "arithmetic syntax error"; dash src/arith_yacc.c
 * yyerror(): `arithmetic expression: <what>: "<expression>"`; bash expr.c evalerror():
 * `<expression>: <what> (error token is "<rest>")`.
 */
function arithMessage(sh: ExpansionScope, e: ArithError, expr: string): string {
  if (sh.dialect === 'dash') {
    // dash src/mystring.c badnum(): "Illegal number: %s".
    if (e.kind === 'number') return `${sh.prefix()}Illegal number: ${e.dashText}\n`;
    return `${sh.prefix()}arithmetic expression: ${e.dashText}: "${expr}"\n`;
  }
  if (sh.dialect === 'bash') {
    const what = e.kind === 'zero' ? 'division by 0' : 'syntax error: operand expected';
    return `${sh.prefix()}${expr.trimStart()}: ${what} (error token is "${e.rest}")\n`;
  }
  if (e.dashText === 'expression recursion loop detected') return `${sh.prefix()}${e.dashText}\n`;
  return `${sh.prefix()}${e.kind === 'zero' ? 'divide by zero' : 'arithmetic syntax error'}\n`;
}


// Expansion runs at once when a word has nothing to wait for (most words: literals and plain `$name`),
// and continues as a promise from the first part that has (a command substitution, `$((…))`, `${x:-…}`):
// the parts are expanded in order either way, so side effects and errors come in the same order.

/** Expands a word without field splitting or globbing (assignments, redirection targets). */
export function expandNoSplit(sh: ExpansionScope, word: Word, io: IO): string | Promise<string> {
  let out = '';
  const parts = word.parts;
  for (let i = 0; i < parts.length; i++) {
    const text = partText(sh, parts[i]!, io);
    if (typeof text !== 'string') return noSplitRest(sh, parts, i, text, out, io);
    out = sh.world.grow(out, text);
  }
  return out;
}

async function noSplitRest(sh: ExpansionScope, parts: readonly WordPart[], i: number, pending: Promise<string>, out: string, io: IO): Promise<string> {
  out = sh.world.grow(out, await pending);
  for (i++; i < parts.length; i++) {
    const text = partText(sh, parts[i]!, io);
    out = sh.world.grow(out, typeof text === 'string' ? text : await text);
  }
  return out;
}

/** Full expansion: parameters, command substitution, field splitting, pathname expansion, quote removal. */
export function expandWord(sh: ExpansionScope, word: Word, io: IO): string[] | Promise<string[]> {
  const fields = new Fields(sh);
  const parts = word.parts;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (isQuotedAt(p)) {
      fields.positional();
      continue;
    }
    const text = partText(sh, p, io);
    if (typeof text !== 'string') return expandRest(sh, parts, i, text, fields, io);
    fields.add(p, text);
  }
  return fields.finish();
}

async function expandRest(sh: ExpansionScope, parts: readonly WordPart[], i: number, pending: Promise<string>, fields: Fields, io: IO): Promise<string[]> {
  fields.add(parts[i]!, await pending);
  for (i++; i < parts.length; i++) {
    const p = parts[i]!;
    if (isQuotedAt(p)) {
      fields.positional();
      continue;
    }
    const text = partText(sh, p, io);
    fields.add(p, typeof text === 'string' ? text : await text);
  }
  return fields.finish();
}

/** "$@": one field per positional parameter. */
function isQuotedAt(p: WordPart): boolean {
  return p.t === 'var' && p.name === '@' && !!p.q && !p.op;
}

type Field = { text: string; pattern: string; glob: boolean };

/** The fields of one word as its parts' texts arrive: quoting, IFS splitting, then pathname expansion. */
class Fields {
  private readonly sh: ExpansionScope;
  private readonly ifs: string;
  private readonly fields: Field[] = [];
  private cur: Field | undefined;
  constructor(sh: ExpansionScope) {
    this.sh = sh;
    this.ifs = sh.vars.get('IFS') ?? ' \t\n';
  }

  private start(): Field {
    return (this.cur ??= { text: '', pattern: '', glob: false });
  }

  positional(): void {
    const args = this.sh.positional;
    args.forEach((arg, i) => {
      const f = this.start();
      f.text += arg;
      f.pattern += escapeGlob(arg);
      if (i < args.length - 1) {
        this.fields.push(f);
        this.cur = undefined;
      }
    });
  }

  add(p: WordPart, text: string): void {
    if ((this.cur?.text.length ?? 0) + text.length > MAX_STRING_CHARS) throw stringLimit();
    const quoted = p.t === 'tilde' || ('q' in p && p.q);
    if (p.t === 'lit' && !p.q) {
      const f = this.start();
      f.text += text;
      f.pattern += text;
      if (/[*?[]/.test(text)) f.glob = true;
    } else if (quoted) {
      const f = this.start();
      f.text += text;
      f.pattern += escapeGlob(text);
    } else {
      // Unquoted expansion: split on IFS whitespace.
      if (this.ifs === '') {
        const f = this.start();
        f.text += text;
        f.pattern += text;
        return;
      }
      const pieces = text.split(IFS_WS);
      pieces.forEach((piece, i) => {
        if (i > 0) {
          if (this.cur) this.fields.push(this.cur);
          this.cur = undefined;
        }
        if (piece === '') return;
        const f = this.start();
        f.text += piece;
        f.pattern += piece;
        if (/[*?[]/.test(piece)) f.glob = true;
      });
    }
  }

  finish(): string[] {
    if (this.cur) this.fields.push(this.cur);
    const out: string[] = [];
    for (const f of this.fields) {
      if (f.glob) {
        const matches = glob(this.sh, f.pattern);
        if (matches.length) {
          out.push(...matches);
          continue;
        }
      }
      out.push(f.text);
    }
    return out;
  }
}

function glob(sh: ExpansionScope, pattern: string): string[] {
  const absolute = pattern.startsWith('/');
  const segs = pattern.split('/').filter((s, i) => s !== '' || i === 0);
  let paths: string[] = [absolute ? '/' : ''];
  for (const seg of segs) {
    if (seg === '') continue;
    const next: string[] = [];
    for (const base of paths) {
      const dir = base === '' ? sh.cwd : sh.abs(base);
      if (!/[*?[]/.test(seg)) {
        const unescaped = seg.replace(/\\(.)/g, '$1');
        const candidate = base === '' ? unescaped : base === '/' ? `/${unescaped}` : `${base}/${unescaped}`;
        if (sh.world.lstat(sh.abs(candidate))) next.push(candidate);
        continue;
      }
      let names: string[];
      try {
        names = sh.world.readdir(dir);
      } catch {
        continue;
      }
      for (const n of names) {
        if (n.startsWith('.') && !seg.startsWith('.')) continue;
        if (globMatch(seg, n)) next.push(base === '' ? n : base === '/' ? `/${n}` : `${base}/${n}`);
      }
    }
    paths = next;
    if (!paths.length) break;
  }
  return paths.sort();
}
