/**
 * Variable expansion and word splitting with the semantics of BuildKit's shell lexer
 * (frontend/dockerfile/shell/lex.go): `$VAR`, `${VAR}`, the modifiers `:- - :+ + ? :? # ## % %% / //`,
 * single and double quotes, the escape token, and BuildKit's error texts.
 *
 * The scanner is here; the pattern matching of the `# % /` modifiers is in lexer/shell-patterns.ts.
 */
import type { Env, EscapeToken } from './types.ts';
import { ExpansionError } from './types.ts';
import { goQuote, isGoSpace } from './text.ts';
import { LexError } from './lexer/lex-error.ts';
import { goExpand, patternToRegExp, trimPrefix, trimSuffix } from './lexer/shell-patterns.ts';

const EOF = '';

export interface LexerOptions {
  /** Keep quote characters in the result (BuildKit RawQuotes). */
  rawQuotes?: boolean;
  /** Keep escape tokens in the result (BuildKit RawEscapes). */
  rawEscapes?: boolean;
  /** Treat quotes as ordinary characters (BuildKit SkipProcessQuotes; used for heredoc bodies). */
  skipProcessQuotes?: boolean;
  /** Leave unset variables as written (BuildKit SkipUnsetEnv; used for progress names). */
  skipUnsetEnv?: boolean;
}

export interface ProcessResult {
  result: string;
  words: string[];
  /** Variable names that were looked up and found. */
  matched: ReadonlySet<string>;
  /** Variable names that were looked up and not found. */
  unmatched: ReadonlySet<string>;
}

type Getter = (name: string) => string | undefined;

function toGetter(env: Env): Getter {
  if (env instanceof Map) return (k) => env.get(k);
  const rec = env as Readonly<Record<string, string>>;
  return (k) => (Object.hasOwn(rec, k) ? rec[k] : undefined);
}

const LETTER = /^\p{L}$/u;
const DIGIT = /^\p{Nd}$/u;

function isLetter(ch: string): boolean {
  if (ch.length === 1) {
    const c = ch.charCodeAt(0);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return true;
    if (c < 128) return false;
  }
  return LETTER.test(ch);
}

function isDigit(ch: string): boolean {
  if (ch.length === 1) {
    const c = ch.charCodeAt(0);
    if (c >= 48 && c <= 57) return true;
    if (c < 128) return false;
  }
  return DIGIT.test(ch);
}

function isSpecialParam(ch: string): boolean {
  return ch === '@' || ch === '*' || ch === '#' || ch === '?' || ch === '-' || ch === '$' || ch === '!' || ch === '0';
}

/** Words accumulator; the buffer is shared between nested scans exactly like BuildKit's shellWord.wordsBuffer. */
class Words {
  words: string[] = [];
  inWord = false;
  private shared: SharedBuf;
  constructor(shared: SharedBuf) {
    this.shared = shared;
  }
  addChar(ch: string): void {
    if (this.shared.off) return;
    const space = isGoSpace(ch);
    if (space && this.inWord) {
      if (this.shared.buf.length !== 0) {
        this.words.push(this.shared.buf);
        this.shared.buf = '';
        this.inWord = false;
      }
    } else if (!space) {
      this.addRawChar(ch);
    }
  }
  addRawChar(ch: string): void {
    if (this.shared.off) return;
    this.shared.buf += ch;
    this.inWord = true;
  }
  addString(s: string): void {
    if (this.shared.off) return;
    for (const ch of s) this.addChar(ch);
  }
  addRawString(s: string): void {
    if (this.shared.off) return;
    this.shared.buf += s;
    this.inWord = true;
  }
  getWords(): string[] {
    if (this.shared.buf.length > 0) {
      this.words.push(this.shared.buf);
      this.shared.buf = '';
      this.inWord = false;
    }
    return this.words;
  }
}

const noLookup: Getter = () => undefined;

/** The empty set returned when no variable was looked up (read-only by type). */
const NONE: ReadonlySet<string> = new Set<string>();

/** BuildKit's shellWord.wordsBuffer, shared by nested scans; `off` when the caller does not need the words. */
interface SharedBuf {
  buf: string;
  off: boolean;
}

/** One run of the lexer over a word. */
class Scan {
  private src: string;
  private pos = 0;
  private escape: string;
  private opts: LexerOptions;
  private rawEscapes: boolean;
  private get: Getter;
  private shared: SharedBuf;
  matched: Set<string> | undefined;
  unmatched: Set<string> | undefined;

  /** Words of the last processStopOn call. */
  lastWords: string[] = [];
  busy = false;
  private offWords: Words;

  constructor(escape: string, opts: LexerOptions) {
    this.shared = { buf: '', off: false };
    this.offWords = new Words({ buf: '', off: true });
    this.src = '';
    this.escape = escape;
    this.get = noLookup;
    this.opts = opts;
    this.rawEscapes = !!opts.rawEscapes;
  }

  /** Prepares a run over `word` (the scanner is reused between runs). */
  reset(word: string, get: Getter, wantWords: boolean): void {
    this.shared.buf = '';
    this.shared.off = !wantWords;
    this.src = word;
    // Go's text/scanner skips a byte order mark at the start of its input.
    this.pos = word.charCodeAt(0) === 0xfeff ? 1 : 0;
    this.get = get;
    this.rawEscapes = !!this.opts.rawEscapes;
    this.matched = undefined;
    this.unmatched = undefined;
    this.lastWords = [];
  }

  /** Width in UTF-16 units of the code point at `pos`. */
  private width(pos: number): number {
    const c = this.src.charCodeAt(pos);
    if (c >= 0xd800 && c <= 0xdbff && pos + 1 < this.src.length) {
      const d = this.src.charCodeAt(pos + 1);
      if (d >= 0xdc00 && d <= 0xdfff) return 2;
    }
    return 1;
  }

  private peek(): string {
    const p = this.pos;
    if (p >= this.src.length) return EOF;
    const w = this.width(p);
    return w === 1 ? this.src[p]! : this.src.slice(p, p + 2);
  }

  private next(): string {
    const p = this.pos;
    if (p >= this.src.length) return EOF;
    const w = this.width(p);
    this.pos = p + w;
    return w === 1 ? this.src[p]! : this.src.slice(p, p + 2);
  }

  private getEnv(name: string): [string, boolean] {
    const v = this.get(name);
    if (v !== undefined) {
      (this.matched ??= new Set()).add(name);
      return [v, true];
    }
    (this.unmatched ??= new Set()).add(name);
    return ['', false];
  }

  /** processStopOn inside `${…}`: when the text runs out first, BuildKit reports what is missing instead. */
  private processStopOrMissing(stop: string, rawEscapes: boolean, missing: string): string {
    try {
      return this.processStopOn(stop, rawEscapes);
    } catch (e) {
      if (this.peek() === EOF) throw new LexError(missing);
      throw e;
    }
  }

  processStopOn(stop: string, rawEscapes: boolean): string {
    let result = '';
    this.shared.buf = '';
    const words = this.shared.off ? this.offWords : new Words(this.shared);
    const saved = this.rawEscapes;
    this.rawEscapes = rawEscapes;
    try {
      while (this.peek() !== EOF) {
        const ch = this.peek();
        if (stop !== EOF && ch === stop) {
          this.next();
          this.lastWords = words.getWords();
          return result;
        }
        if (ch === '$') {
          const tmp = this.processDollar();
          result += tmp;
          words.addString(tmp);
        } else if (ch === '<') {
          const tmp = this.processPossibleHeredoc();
          result += tmp;
          words.addRawString(tmp);
        } else if (!this.opts.skipProcessQuotes && (ch === "'" || ch === '"')) {
          const tmp = ch === "'" ? this.processSingleQuote() : this.processDoubleQuote();
          result += tmp;
          words.addRawString(tmp);
        } else if (this.shared.off && ch !== this.escape) {
          // Without word splitting, a run of ordinary characters is copied in one slice.
          const start = this.pos;
          this.pos = this.ordinaryRunEnd(this.pos, stop);
          result += this.src.slice(start, this.pos);
        } else {
          let c = this.next();
          if (c === this.escape) {
            if (this.rawEscapes) {
              words.addRawChar(c);
              result += c;
            }
            c = this.next();
            if (c === EOF) break;
            words.addRawChar(c);
          } else {
            words.addChar(c);
          }
          result += c;
        }
      }
      if (stop !== EOF) {
        throw new LexError(`unexpected end of statement while looking for matching ${stop}`);
      }
      this.lastWords = words.getWords();
      return result;
    } finally {
      this.rawEscapes = saved;
    }
  }

  /** End of the run of characters from `pos` that processStopOn copies unchanged (at least one character). */
  private ordinaryRunEnd(pos: number, stop: string): number {
    const src = this.src;
    const esc = this.escape.charCodeAt(0);
    const stopCode = stop === EOF ? -1 : stop.charCodeAt(0);
    const quotes = !this.opts.skipProcessQuotes;
    let p = pos + 1;
    while (p < src.length) {
      const c = src.charCodeAt(p);
      if (c === 36 || c === 60 || c === esc || c === stopCode || (quotes && (c === 34 || c === 39))) break;
      p++;
    }
    return p;
  }

  private processSingleQuote(): string {
    let result = '';
    let ch = this.next();
    if (this.opts.rawQuotes) result += ch;
    for (;;) {
      ch = this.next();
      if (ch === EOF) throw new LexError('unexpected end of statement while looking for matching single-quote');
      if (ch === "'") {
        if (this.opts.rawQuotes) result += ch;
        return result;
      }
      result += ch;
    }
  }

  private processDoubleQuote(): string {
    let result = '';
    const open = this.next();
    if (this.opts.rawQuotes) result += open;
    for (;;) {
      const p = this.peek();
      if (p === EOF) throw new LexError('unexpected end of statement while looking for matching double-quote');
      if (p === '"') {
        const ch = this.next();
        if (this.opts.rawQuotes) result += ch;
        return result;
      }
      if (p === '$') {
        result += this.processDollar();
        continue;
      }
      let ch = this.next();
      if (ch === this.escape) {
        if (this.rawEscapes) result += ch;
        const n = this.peek();
        if (n === EOF) continue;
        if (n === '"' || n === '$' || n === this.escape) ch = this.next();
      }
      result += ch;
    }
  }

  private processName(): string {
    let name = '';
    while (this.peek() !== EOF) {
      const ch = this.peek();
      if (name.length === 0 && isDigit(ch)) {
        while (this.peek() !== EOF && isDigit(this.peek())) name += this.next();
        return name;
      }
      if (name.length === 0 && isSpecialParam(ch)) return this.next();
      if (!isLetter(ch) && !isDigit(ch) && ch !== '_') break;
      name += this.next();
    }
    return name;
  }

  private processPossibleHeredoc(): string {
    this.next();
    if (this.peek() !== '<') return '<';
    this.next();
    let space = '';
    let n = this.peek();
    while (n === '\t' || n === '\r' || n === ' ') {
      space += n;
      this.next();
      n = this.peek();
    }
    return '<<' + space;
  }

  private processDollar(): string {
    this.next();
    if (this.peek() !== '{') {
      const name = this.processName();
      if (name === '') return '$';
      const [value, found] = this.getEnv(name);
      if (!found && this.opts.skipUnsetEnv) return '$' + name;
      return value;
    }
    this.next();
    const p = this.peek();
    if (p === EOF) throw new LexError("syntax error: missing '}'");
    if (p === '{' || p === '}' || p === ':') throw new LexError('syntax error: bad substitution');
    const name = this.processName();
    let ch = this.next();
    // Go converts the EOF rune (-1) to U+FFFD when formatting it.
    let chs = ch === EOF ? '\uFFFD' : ch;
    let nullIsUnset = false;
    if (ch === '}') {
      const [value, set] = this.getEnv(name);
      if (!set && this.opts.skipUnsetEnv) return '${' + name + '}';
      return value;
    }
    if (ch === ':' || ch === '+' || ch === '-' || ch === '?' || ch === '#' || ch === '%') {
      if (ch === ':') {
        nullIsUnset = true;
        ch = this.next();
        chs += ch === EOF ? '\uFFFD' : ch;
      }
      const rawEscapes = ch === '#' || ch === '%';
      if (nullIsUnset && rawEscapes) throw new LexError(`unsupported modifier (${chs}) in substitution`);
      const word = this.processStopOrMissing('}', rawEscapes, "syntax error: missing '}'");
      const [value, set] = this.getEnv(name);
      if (this.opts.skipUnsetEnv && !set) return '${' + name + chs + word + '}';
      switch (ch) {
        case '-':
          return !set || (nullIsUnset && value === '') ? word : value;
        case '+':
          return !set || (nullIsUnset && value === '') ? '' : word;
        case '?':
          if (!set) throw new LexError(`${name}: ${word !== '' ? word : 'is not allowed to be unset'}`);
          if (nullIsUnset && value === '') throw new LexError(`${name}: ${word !== '' ? word : 'is not allowed to be empty'}`);
          return value;
        case '%':
        case '#': {
          let greedy = false;
          let pat = word;
          if (pat.length > 0 && pat[0] === ch) {
            greedy = true;
            pat = pat.slice(1);
          }
          return ch === '%' ? trimSuffix(pat, value, greedy) : trimPrefix(pat, value, greedy);
        }
        default:
          throw new LexError(`unsupported modifier (${chs}) in substitution`);
      }
    }
    if (ch === '/') {
      const all = this.peek() === '/';
      if (all) this.next();
      const pattern = this.processStopOrMissing('/', true, "syntax error: missing '/' in ${}");
      const replacement = this.processStopOrMissing('}', true, "syntax error: missing '}'");
      const [value, set] = this.getEnv(name);
      if (this.opts.skipUnsetEnv && !set) return '${' + name + '/' + pattern + '/' + replacement + '}';
      const re = patternToRegExp(pattern, true, false, all);
      if (all) {
        return value.replace(re, (m) => goExpand(replacement, m));
      }
      const m = re.exec(value);
      if (!m) return value;
      return value.slice(0, m.index) + goExpand(replacement, m[0]) + value.slice(m.index + m[0].length);
    }
    throw new LexError(`unsupported modifier (${chs}) in substitution`);
  }
}

/** A configurable lexer, like BuildKit's shell.Lex. */
export class ShellLexer {
  escape: EscapeToken;
  options: LexerOptions;
  private scan: Scan | undefined;
  constructor(escape: EscapeToken = '\\', options: LexerOptions = {}) {
    this.escape = escape;
    this.options = options;
  }

  /** Runs the scanner over `word`; returns the result and leaves words and lookups on the scanner. */
  private run(word: string, env: Env | Getter, wantWords: boolean): [string, Scan] {
    const get = typeof env === 'function' ? env : toGetter(env);
    // One scanner per lexer is reused; a re-entrant call (from an env getter) gets its own.
    let scan = this.scan;
    if (!scan || scan.busy) {
      scan = new Scan(this.escape, this.options);
      if (!this.scan) this.scan = scan;
    }
    scan.reset(word, get, wantWords);
    scan.busy = true;
    try {
      return [scan.processStopOn(EOF, !!this.options.rawEscapes), scan];
    } catch (e) {
      if (e instanceof LexError) {
        throw new ExpansionError(`failed to process ${goQuote(word)}: ${e.message}`, e.message);
      }
      throw e;
    } finally {
      scan.busy = false;
    }
  }

  /**
   * Full run: result string, split words and the variables looked up. Throws ExpansionError.
   * With `wantWords` false the word list is left empty (the result is the same).
   */
  process(word: string, env: Env | Getter, wantWords = true): ProcessResult {
    // Fast path: nothing to expand, unquote or unescape; the result is the word itself.
    if (!this.special(word)) {
      return { result: word, words: wantWords ? goFields(word) : [], matched: NONE, unmatched: NONE };
    }
    const [result, scan] = this.run(word, env, wantWords);
    return {
      result,
      words: wantWords ? scan.lastWords : [],
      matched: scan.matched ?? NONE,
      unmatched: scan.unmatched ?? NONE,
    };
  }

  processWord(word: string, env: Env | Getter): string {
    if (!this.special(word)) return word;
    return this.run(word, env, false)[0];
  }

  /** Whether the word holds anything the lexer treats specially ($, quotes, the escape token, <<). */
  private special(word: string): boolean {
    if (word.charCodeAt(0) === 0xfeff) return true;
    for (let i = 0; i < word.length; i++) {
      const c = word.charCodeAt(i);
      if (c === 36 || c === 60 || c === 92 || c === 96) {
        if (c === 36 || c === 60) return true;
        if (word[i] === this.escape) return true;
      } else if ((c === 34 || c === 39) && !this.options.skipProcessQuotes) return true;
    }
    return false;
  }

  processWords(word: string, env: Env | Getter): string[] {
    return this.process(word, env).words;
  }
}

/** Splits on Go whitespace (what the lexer does for text without special characters). */
const GO_SPACES = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

function goFields(s: string): string[] {
  return s.split(GO_SPACES).filter((w) => w !== '');
}

const lexers = new Map<string, ShellLexer>();
function plainLexer(escape: EscapeToken): ShellLexer {
  let l = lexers.get(escape);
  if (!l) {
    l = new ShellLexer(escape);
    lexers.set(escape, l);
  }
  return l;
}

/** BuildKit's ProcessWord: expand one word (quotes removed). Throws ExpansionError. */
export function expandWord(word: string, env: Env, escape: EscapeToken = '\\'): string {
  return plainLexer(escape).processWord(word, env);
}

/** BuildKit's ProcessWords: expand and split into words on unquoted whitespace. Throws ExpansionError. */
export function expandWords(word: string, env: Env, escape: EscapeToken = '\\'): string[] {
  return plainLexer(escape).processWords(word, env);
}
