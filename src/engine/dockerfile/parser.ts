/**
 * Line-level Dockerfile parser with the behaviour of BuildKit's frontend/dockerfile/parser:
 * parser directives, comments, line continuations, flags, per-instruction argument forms, heredocs,
 * and the AST dump format. Every node keeps source ranges.
 */
import type { Diagnostic, EscapeToken, Heredoc, Position, RawFlag, SourceRange, Token } from './types.ts';
import { ShellLexer } from './lexer.ts';
import { goQuote, goQuoteSlice, goTrimLeft, goTrimSpace, isGoSpace, isSpaceCode, leadingSpaceLength, utf8Length } from './text.ts';

/** One parsed line of BuildKit's AST (parser.Node). */
export interface AstNode {
  /** Lower-cased instruction name. */
  value: string;
  /** The instruction word as written. */
  keyword: string;
  /** Argument strings as BuildKit's Node.Next chain (for ENV/LABEL: key, value, sep triples). */
  next: string[];
  /** ONBUILD: the nested node. */
  nested?: AstNode;
  flags: RawFlag[];
  tokens: Token[];
  /** JSON (exec) form. */
  json: boolean;
  /** BuildKit's Node.Original. */
  original: string;
  heredocs: Heredoc[];
  comments: string[];
  range: SourceRange;
  keywordRange: SourceRange;
}

export interface Ast {
  escape: EscapeToken;
  syntax?: string;
  check?: string;
  children: AstNode[];
  lines: string[];
  warnings: Diagnostic[];
}

/** A parse failure with BuildKit's message. */
export class DockerfileSyntaxError extends Error {
  range?: SourceRange;
  line?: number;
  constructor(message: string, range?: SourceRange) {
    super(message);
    this.name = 'DockerfileSyntaxError';
    if (range) {
      this.range = range;
      this.line = range.start.line;
    }
  }
}

/** BuildKit reads lines with bufio.Scanner: a line of 65,536 bytes or more stops the scan. */
export const MAX_LINE_BYTES = 65535;

export const NO_EMPTY_CONTINUATION_URL = 'https://docs.docker.com/go/dockerfile/rule/no-empty-continuation/';

const HEREDOC_INSTRUCTIONS = new Set(['add', 'copy', 'run']);
const RE_HEREDOC = /^(\d*)<<(-?)\s*([^<]*)$/;
const DIRECTIVE_RE = /^([a-zA-Z][a-zA-Z0-9]*)[\t\n\f\r ]*=[\t\n\f\r ]*(.+?)[\t\n\f\r ]*$/s;

type ArgParser = 'json-or-string' | 'json-or-list' | 'name-val' | 'words' | 'whitespace' | 'string' | 'sub' | 'health';

const DISPATCH: Readonly<Record<string, ArgParser>> = {
  add: 'json-or-list',
  arg: 'words',
  cmd: 'json-or-string',
  copy: 'json-or-list',
  entrypoint: 'json-or-string',
  env: 'name-val',
  expose: 'whitespace',
  from: 'whitespace',
  healthcheck: 'health',
  label: 'name-val',
  maintainer: 'string',
  onbuild: 'sub',
  run: 'json-or-string',
  shell: 'json-or-string',
  stopsignal: 'string',
  user: 'string',
  volume: 'json-or-list',
  workdir: 'string',
};

/** A physical source line. */
interface SrcLine {
  /** Content without the line terminator (trailing \r and \n removed as BuildKit's trimNewline). */
  text: string;
  /** The raw line including its "\n" (used verbatim for heredoc bodies). */
  raw: string;
}

/** Maps offsets in a joined logical line back to source positions. */
class OffsetMap {
  /** Flat triples (offset, line, column) of each segment; most instructions have one. */
  private segs: number[];
  private endPos: Position = { line: 1, column: 0 };
  constructor(offset?: number, line?: number, column?: number) {
    this.segs = offset === undefined ? [] : [offset, line!, column!];
  }
  add(offset: number, line: number, column: number): void {
    this.segs.push(offset, line, column);
  }
  setEnd(p: Position): void {
    this.endPos = p;
  }
  private seg(offset: number): number {
    const g = this.segs;
    let lo = 0;
    let hi = g.length / 3 - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (g[mid * 3]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo * 3;
  }
  at(offset: number): Position {
    if (this.segs.length === 0) return { line: this.endPos.line, column: this.endPos.column };
    const k = this.seg(offset);
    const g = this.segs;
    return { line: g[k + 1]!, column: g[k + 2]! + (offset - g[k]!) };
  }
  range(start: number, end: number): SourceRange {
    return { start: this.at(start), end: end <= start ? this.at(start) : this.atEnd(end) };
  }
  /** Position just after the character at end-1. */
  atEnd(end: number): Position {
    if (this.segs.length === 0) return { line: this.endPos.line, column: this.endPos.column };
    const k = this.seg(end - 1);
    const g = this.segs;
    return { line: g[k + 1]!, column: g[k + 2]! + (end - g[k]!) };
  }
  shifted(by: number): OffsetMap {
    const m = new OffsetMap();
    const g = this.segs;
    for (let i = 0; i < g.length; i += 3) {
      const off = g[i]! - by;
      if (off < 0) {
        const nextOff = i + 3 < g.length ? g[i + 3]! - by : Infinity;
        if (nextOff > 0) m.add(0, g[i + 1]!, g[i + 2]! - off);
      } else m.add(off, g[i + 1]!, g[i + 2]!);
    }
    m.endPos = this.endPos;
    return m;
  }
}

function splitSourceLines(text: string): SrcLine[] {
  const out: SrcLine[] = [];
  let start = 0;
  while (start < text.length) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl + 1;
    const raw = text.slice(start, end);
    let e = raw.length;
    while (e > 0 && (raw.charCodeAt(e - 1) === 10 || raw.charCodeAt(e - 1) === 13)) e--;
    out.push({ text: raw.slice(0, e), raw });
    start = end;
  }
  return out;
}

function isComment(line: string): boolean {
  const n = leadingSpaceLength(line);
  return n < line.length && line.charCodeAt(n) === 35;
}

/**
 * BuildKit's line-continuation regex ``([^\\])\\[ \t]*$|^\\[ \t]*$`` (built with the escape token), written
 * as a scan from the end: the last character before trailing blanks must be the escape token, not itself
 * preceded by the escape token. Returns [line without the token and blanks, isEndOfLine].
 */
function trimContinuation(line: string, escape: EscapeToken): [string, boolean] {
  let k = line.length - 1;
  while (k >= 0) {
    const c = line.charCodeAt(k);
    if (c !== 32 && c !== 9) break;
    k--;
  }
  if (k < 0 || line[k] !== escape) return [line, true];
  if (k > 0 && line[k - 1] === escape) return [line, true];
  return [line.slice(0, k), false];
}

interface DirectiveState {
  done: boolean;
  seen: Set<string>;
  escape: EscapeToken;
  syntax?: string;
  check?: string;
}

/** BuildKit's DirectiveParser.ParseLine + setEscapeToken. Returns true when the line was a directive. */
function possibleDirective(d: DirectiveState, line: string, lineNo: number): boolean {
  if (d.done) return false;
  if (!line.startsWith('#')) {
    d.done = true;
    return false;
  }
  const body = goTrimLeft(line.slice(1));
  const m = DIRECTIVE_RE.exec(body);
  if (!m) {
    d.done = true;
    return false;
  }
  const key = m[1]!.toLowerCase();
  if (key !== 'syntax' && key !== 'escape' && key !== 'check') {
    d.done = true;
    return false;
  }
  const range = { start: { line: lineNo, column: 0 }, end: { line: lineNo, column: line.length } };
  if (d.seen.has(key)) throw new DockerfileSyntaxError(`only one ${key} parser directive can be used`, range);
  d.seen.add(key);
  const value = m[2]!;
  if (key === 'escape') {
    if (value !== '`' && value !== '\\') {
      throw new DockerfileSyntaxError(`invalid escape token '${value}' does not match \` or \\`, range);
    }
    d.escape = value;
  } else if (key === 'syntax') d.syntax = value;
  else d.check = value;
  return true;
}

interface Word {
  value: string;
  start: number;
  end: number;
}

/**
 * BuildKit's parseWords: space-delimited words, quotes and escape tokens kept (they are removed later by
 * expansion). The words are slices of the input: the only character parseWords ever drops is an escape
 * token at the very end of the input. Spaces, quotes and escape tokens are all in the BMP, so scanning
 * UTF-16 units gives the same words as BuildKit's scan over runes.
 */
function parseWords(rest: string, escape: string): Word[] {
  const words: Word[] = [];
  const esc = escape.charCodeAt(0);
  const n = rest.length;
  let phase = 0; // 0 spaces, 1 word, 2 quote
  let quote = 0;
  let blankOK = false;
  let wordStart = 0;
  let droppedLast = false;
  let pos = 0;
  for (;;) {
    if (pos >= n) {
      if (phase !== 0) {
        const end = droppedLast ? n - 1 : n;
        if (blankOK || end > wordStart) words.push({ value: rest.slice(wordStart, end), start: wordStart, end: n });
      }
      break;
    }
    const c = rest.charCodeAt(pos);
    if (phase === 0) {
      if (isSpaceCode(c)) {
        pos++;
        continue;
      }
      phase = 1;
      wordStart = pos;
    }
    if (phase === 1) {
      if (isSpaceCode(c)) {
        phase = 0;
        if (blankOK || pos > wordStart) words.push({ value: rest.slice(wordStart, pos), start: wordStart, end: pos });
        blankOK = false;
        pos++;
        continue;
      }
      if (c === 39 || c === 34) {
        quote = c;
        blankOK = true;
        phase = 2;
      }
      if (c === esc) {
        if (pos + 1 === n) {
          droppedLast = true;
          pos++;
          continue;
        }
        pos += 2;
        continue;
      }
      pos++;
      continue;
    }
    // phase === 2
    if (c === quote) phase = 1;
    if (c === esc && quote !== 39) {
      if (pos + 1 === n) {
        phase = 1;
        droppedLast = true;
        pos++;
        continue;
      }
      pos += 2;
      continue;
    }
    pos++;
  }
  return words;
}

const RE_WS = /[\t\v\f\r ]+/g;

/** Go's reWhitespace.Split(s, -1), with offsets. */
function splitWhitespace(s: string, base: number): Word[] {
  const out: Word[] = [];
  let last = 0;
  RE_WS.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = RE_WS.exec(s)) !== null) {
    out.push({ value: s.slice(last, m.index), start: base + last, end: base + m.index });
    last = m.index + m[0].length;
  }
  out.push({ value: s.slice(last), start: base + last, end: base + s.length });
  return out;
}

/** BuildKit's extractBuilderFlags: returns the flags and the offset where the remaining text starts. */
const NO_FLAGS: Word[] = [];

function extractFlags(line: string, escape: string, base: number): { flags: Word[]; restStart: number } {
  // Fast path: the arguments do not start with "--" (the line was trimmed, so no leading blanks).
  if (!(line.charCodeAt(0) === 45 && line.charCodeAt(1) === 45) && !isGoSpace(line[0] ?? '')) {
    return { flags: NO_FLAGS, restStart: 0 };
  }
  const words: Word[] = [];
  let phase = 0;
  let buf = '';
  let quote = '';
  let blankOK = false;
  let wordStart = 0;
  const n = line.length;
  for (let pos = 0; pos <= n; pos++) {
    let ch = pos < n ? line[pos]! : '';
    if (phase === 0) {
      if (pos === n) break;
      if (isGoSpace(ch)) continue;
      if (ch !== '-' || pos + 1 === n || line[pos + 1] !== '-') return { flags: words, restStart: pos };
      phase = 1;
      wordStart = pos;
    }
    if ((phase === 1 || phase === 2) && pos === n) {
      if (buf !== '--' && (blankOK || buf.length > 0)) words.push({ value: buf, start: base + wordStart, end: base + n });
      break;
    }
    if (phase === 1) {
      if (isGoSpace(ch)) {
        phase = 0;
        if (buf === '--') return { flags: words, restStart: pos };
        if (blankOK || buf.length > 0) words.push({ value: buf, start: base + wordStart, end: base + pos });
        buf = '';
        blankOK = false;
        continue;
      }
      if (ch === "'" || ch === '"') {
        quote = ch;
        blankOK = true;
        phase = 2;
        continue;
      }
      if (ch === escape) {
        if (pos + 1 === n) continue;
        pos++;
        ch = line[pos]!;
      }
      buf += ch;
      continue;
    }
    if (ch === quote) {
      phase = 1;
      continue;
    }
    if (ch === escape) {
      if (pos + 1 === n) {
        phase = 1;
        continue;
      }
      pos++;
      ch = line[pos]!;
    }
    buf += ch;
  }
  return { flags: words, restStart: n };
}

class NotJSON extends Error {}
const NOT_STRINGS = 'when using JSON array syntax, arrays must be comprised of strings only';

/** BuildKit's parseJSON: undefined when not a JSON array (fall back), throws on non-string elements. */
function parseJSON(rest: string): string[] | undefined {
  const t = goTrimLeft(rest);
  if (!t.startsWith('[')) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(t);
  } catch {
    return undefined;
  }
  if (!Array.isArray(v)) return undefined;
  const out: string[] = [];
  for (const x of v) {
    if (typeof x !== 'string') throw new NotJSON(NOT_STRINGS);
    out.push(x.toWellFormed());
  }
  return out;
}

interface ArgsResult {
  next: string[];
  words: Word[];
  json: boolean;
  nested?: AstNode;
  /** parseIgnore: BuildKit still creates an (empty) Next node. */
  ignored?: boolean;
}

/** Splits a logical line into instruction, flags and arguments, then applies the instruction's argument parser. */
function nodeFromLine(
  line: string,
  map: OffsetMap,
  escape: EscapeToken,
  comments: string[],
  range: SourceRange,
): AstNode {
  // splitCommand: TrimSpace, then split once on [\t\v\f\r ]+
  const lead = leadingSpaceLength(line);
  const trimmed = goTrimSpace(line);
  // reWhitespace ([\t\v\f\r ]+) splits the instruction word from the rest.
  let wsAt = -1;
  for (let k = 0; k < trimmed.length; k++) {
    const c = trimmed.charCodeAt(k);
    if (c === 32 || c === 9 || c === 11 || c === 12 || c === 13) {
      wsAt = k;
      break;
    }
  }
  const cmd = wsAt < 0 ? trimmed : trimmed.slice(0, wsAt);
  let flags: Word[] = NO_FLAGS;
  let args = '';
  let argsStart = lead + trimmed.length;
  if (wsAt >= 0) {
    let wsEnd = wsAt + 1;
    while (wsEnd < trimmed.length) {
      const c = trimmed.charCodeAt(wsEnd);
      if (c !== 32 && c !== 9 && c !== 11 && c !== 12 && c !== 13) break;
      wsEnd++;
    }
    const afterStart = lead + wsEnd;
    const after = trimmed.slice(wsEnd);
    const r = extractFlags(after, escape, afterStart);
    flags = r.flags;
    const restRaw = r.restStart === 0 ? after : after.slice(r.restStart);
    args = goTrimSpace(restRaw);
    argsStart = afterStart + r.restStart + leadingSpaceLength(restRaw);
  }
  const value = cmd.toLowerCase();
  const parser = Object.prototype.hasOwnProperty.call(DISPATCH, value) ? DISPATCH[value] : undefined;
  const res = parser === undefined ? ({ next: [], words: [], json: false, ignored: true } as ArgsResult) : applyParser(parser, args, argsStart, escape, map, range, value);
  const keywordRange = map.range(lead, lead + cmd.length);
  const node: AstNode = {
    value,
    keyword: cmd,
    next: res.ignored ? [''] : res.next,
    flags: flags.length === 0 ? [] : flags.map((f) => {
      const eq = f.value.indexOf('=');
      const name = f.value.startsWith('--') ? (eq < 0 ? f.value.slice(2) : f.value.slice(2, eq)) : '';
      const flag: RawFlag = { text: f.value, name, range: map.range(f.start, f.end) };
      if (eq >= 0) flag.value = f.value.slice(eq + 1);
      return flag;
    }),
    tokens: res.words.map((w) => ({ value: w.value, range: map.range(w.start, w.end) })),
    json: res.json,
    original: line,
    heredocs: [],
    comments,
    range,
    keywordRange,
  };
  if (res.nested) node.nested = res.nested;
  return node;
}

function applyParser(
  parser: ArgParser,
  rest: string,
  base: number,
  escape: EscapeToken,
  map: OffsetMap,
  range: SourceRange,
  instruction: string,
): ArgsResult {
  const whole = (): Word[] => (rest === '' ? [] : [{ value: rest, start: base, end: base + rest.length }]);
  switch (parser) {
    case 'string':
      return { next: rest === '' ? [] : [rest], words: whole(), json: false };
    case 'whitespace': {
      if (rest === '') return { next: [], words: [], json: false };
      const w = splitWhitespace(rest, base);
      return { next: w.map((x) => x.value), words: w, json: false };
    }
    case 'words': {
      const w = parseWords(rest, escape);
      const shifted = w.map((x) => ({ value: x.value, start: base + x.start, end: base + x.end }));
      return { next: shifted.map((x) => x.value), words: shifted, json: false };
    }
    case 'json-or-string': {
      if (rest === '') return { next: [], words: [], json: false };
      const j = parseJSON(rest);
      if (j) return { next: j, words: whole(), json: true };
      return { next: [rest], words: whole(), json: false };
    }
    case 'json-or-list': {
      const j = parseJSON(rest);
      if (j) return { next: j, words: whole(), json: true };
      if (rest === '') return { next: [], words: [], json: false };
      const w = splitWhitespace(rest, base);
      return { next: w.map((x) => x.value), words: w, json: false };
    }
    case 'name-val':
      return parseNameVal(rest, base, escape, instruction === 'label' ? 'LABEL' : 'ENV');
    case 'health': {
      let sep = 0;
      while (sep < rest.length && !isGoSpace(rest[sep]!)) sep++;
      let nx = sep;
      while (nx < rest.length && isGoSpace(rest[nx]!)) nx++;
      if (sep === 0) return { next: [], words: [], json: false };
      const typ = rest.slice(0, sep);
      const sub = applyParser('json-or-string', rest.slice(nx), base + nx, escape, map, range, instruction);
      return {
        next: [typ, ...sub.next],
        words: [{ value: typ, start: base, end: base + sep }, ...sub.words],
        json: sub.json,
      };
    }
    case 'sub': {
      if (rest === '') return { next: [], words: [], json: false };
      const child = nodeFromLine(rest, map.shifted(base), escape, [], range);
      return { next: [], words: whole(), json: false, nested: child };
    }
  }
}

class NameValError extends Error {}

function parseNameVal(rest: string, base: number, escape: EscapeToken, key: string): ArgsResult {
  const words = parseWords(rest, escape);
  if (words.length === 0) return { next: [], words: [], json: false };
  if (!words[0]!.value.includes('=')) {
    const ws = /[\t\v\f\r ]+/.exec(rest);
    if (!ws) throw new NameValError(`${key} must have two arguments`);
    const name = rest.slice(0, ws.index);
    const valStart = ws.index + ws[0].length;
    const val = rest.slice(valStart);
    return {
      next: [name, val, ''],
      words: [
        { value: name, start: base, end: base + ws.index },
        { value: val, start: base + valStart, end: base + rest.length },
      ],
      json: false,
    };
  }
  const next: string[] = [];
  const out: Word[] = [];
  for (const w of words) {
    const eq = w.value.indexOf('=');
    if (eq < 0) {
      throw new NameValError(`Syntax error - can't find = in ${goQuote(w.value)}. Must be of the form: name=value`);
    }
    next.push(w.value.slice(0, eq), w.value.slice(eq + 1), '=');
    out.push({ value: w.value, start: base + w.start, end: base + w.end });
  }
  return { next, words: out, json: false };
}

function canContainHeredoc(node: AstNode): boolean {
  let n = node;
  if (n.value === 'onbuild' && n.nested) n = n.nested;
  return HEREDOC_INSTRUCTIONS.has(n.value) && !n.json;
}

interface HeredocHead {
  name: string;
  expand: boolean;
  chomp: boolean;
  fd?: number;
}

const heredocLineLexer = new ShellLexer('\\', { rawQuotes: true, rawEscapes: true, skipUnsetEnv: true });
const heredocWordLexer = new ShellLexer('\\', { skipUnsetEnv: true });
const heredocWordLexerRaw = new ShellLexer('\\', { skipUnsetEnv: true, rawQuotes: true });
const noEnv = (): undefined => undefined;

/** BuildKit's ParseHeredoc: a heredoc head such as `<<EOF`, `<<-"EOF"` or `3<<EOF`, else undefined. */
export function parseHeredocWord(src: string): HeredocHead | undefined {
  const m = RE_HEREDOC.exec(src);
  if (!m) return undefined;
  const rest = m[3]!;
  if (rest.length === 0) return undefined;
  const words = heredocWordLexer.processWords(rest, noEnv);
  if (words.length !== 1) return undefined;
  const raw = heredocWordLexerRaw.processWords(rest, noEnv);
  if (raw.length !== words.length) {
    throw new DockerfileSyntaxError(`internal lexing of heredoc produced inconsistent results: ${rest}`);
  }
  const word = words[0]!;
  const count = (s: string) => s.split("'").length - 1 + (s.split('"').length - 1);
  const head: HeredocHead = { name: word, expand: count(word) === count(raw[0]!), chomp: m[2] === '-' };
  if (m[1] !== '') {
    const fd = Number(m[1]);
    if (Number.isSafeInteger(fd)) head.fd = fd;
  }
  return head;
}

/** BuildKit's MustParseHeredoc: like parseHeredocWord, but a word that fails to lex is simply not a heredoc. */
export function mustParseHeredocWord(src: string): HeredocHead | undefined {
  try {
    return parseHeredocWord(src);
  } catch {
    return undefined;
  }
}

function heredocsFromLine(line: string): HeredocHead[] {
  let words: string[];
  try {
    words = heredocLineLexer.processWords(line, noEnv);
  } catch {
    words = [];
  }
  const out: HeredocHead[] = [];
  for (const w of words) {
    const h = parseHeredocWord(w);
    if (h) out.push(h);
  }
  return out;
}

function lineRange(line: number, text: string): SourceRange {
  return { start: { line, column: 0 }, end: { line, column: text.length } };
}

/**
 * Parses Dockerfile text into BuildKit's AST. Throws DockerfileSyntaxError with BuildKit's message.
 * `text` must not be empty (BuildKit's converter refuses empty files before parsing).
 */
export function parseAst(text: string): Ast {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const src = splitSourceLines(text);
  const lines = src.map((l) => l.text);
  // bufio.Scanner stops at the first line of 65,536 bytes or more.
  let limit = src.length;
  let tooLong = false;
  for (let i = 0; i < src.length; i++) {
    const t = src[i]!.raw;
    const content = t.endsWith('\n') ? t.slice(0, -1) : t;
    if (content.length >= 16384 && utf8Length(content) > MAX_LINE_BYTES) {
      limit = i;
      tooLong = true;
      break;
    }
  }
  const d: DirectiveState = { done: false, seen: new Set(), escape: '\\' };
  const children: AstNode[] = [];
  const warnings: Diagnostic[] = [];
  let comments: string[] = [];
  let i = 0; // index of next source line to read
  const err = (message: string, start: number, end: number): never => {
    const s = Math.max(1, start);
    const e = Math.max(s, end);
    throw new DockerfileSyntaxError(message, {
      start: { line: s, column: 0 },
      end: { line: e, column: (lines[e - 1] ?? '').length },
    });
  };

  while (i < limit) {
    const first = src[i]!;
    const lineNo = i + 1;
    i++;
    let text0 = first.text;
    if (isComment(text0)) {
      const c = goTrimSpace(first.raw.slice(1));
      if (c === '') comments = [];
      else comments.push(c);
    }
    const lead = leadingSpaceLength(text0);
    text0 = text0.slice(lead);
    let isDirective: boolean;
    try {
      isDirective = possibleDirective(d, text0, lineNo);
    } catch (e) {
      if (e instanceof DockerfileSyntaxError) {
        e.range = lineRange(lineNo, first.text);
        e.line = lineNo;
      }
      throw e;
    }
    if (isDirective) comments.pop();
    if (isComment(text0)) text0 = '';
    const startLine = lineNo;
    let [body, eol] = trimContinuation(text0, d.escape);
    if (eol && body.length === 0) continue;
    const map = new OffsetMap(0, lineNo, lead);
    let joined = body;
    let lastLine = lineNo;
    let lastCol = lead + text0.length;
    let emptyContinuation = false;
    while (!eol && i < limit) {
      const cur = src[i]!;
      const curNo = i + 1;
      i++;
      lastLine = curNo;
      lastCol = cur.text.length;
      possibleDirective(d, cur.text, curNo);
      if (isComment(cur.text)) continue;
      if (goTrimLeft(cur.text).length === 0) {
        emptyContinuation = true;
        continue;
      }
      const [b, e] = trimContinuation(cur.text, d.escape);
      map.add(joined.length, curNo, 0);
      joined += b;
      eol = e;
    }
    map.setEnd({ line: lastLine, column: lastCol });
    const line = joined;
    let range: SourceRange = { start: { line: startLine, column: lead }, end: { line: lastLine, column: lastCol } };
    if (emptyContinuation) {
      warnings.push({
        rule: 'NoEmptyContinuation',
        message: 'Empty continuation line',
        severity: 'warning',
        range: { start: { line: lastLine, column: 0 }, end: { line: lastLine, column: lastCol } },
        url: NO_EMPTY_CONTINUATION_URL,
        description: 'Empty continuation lines will become errors in a future release',
      });
    }
    let node: AstNode;
    try {
      node = nodeFromLine(line, map, d.escape, comments, range);
    } catch (e) {
      if (e instanceof NameValError || e instanceof NotJSON) err(e.message, startLine, lastLine);
      throw e;
    }
    if (canContainHeredoc(node) && line.includes('<<')) {
      let heads: HeredocHead[];
      try {
        heads = heredocsFromLine(line);
      } catch (e) {
        if (e instanceof DockerfileSyntaxError) err(e.message, startLine, lastLine);
        throw e;
      }
      let searchFrom = 0;
      for (const h of heads) {
        let content = '';
        let terminated = false;
        const markerAt = line.indexOf('<<', searchFrom);
        if (markerAt >= 0) searchFrom = markerAt + 2;
        const hStart = map.at(markerAt >= 0 ? markerAt : 0);
        while (i < limit) {
          const cur = src[i]!;
          i++;
          lastLine = i;
          lastCol = cur.text.length;
          let term = cur.text;
          if (h.chomp) term = term.replace(/^\t+/, '');
          if (term === h.name) {
            terminated = true;
            break;
          }
          content += cur.raw;
        }
        if (!terminated) err('unterminated heredoc', startLine, i);
        const hd: Heredoc = {
          name: h.name,
          content,
          expand: h.expand,
          chomp: h.chomp,
          range: { start: hStart, end: { line: lastLine, column: lastCol } },
        };
        if (h.fd !== undefined) hd.fileDescriptor = h.fd;
        node.heredocs.push(hd);
      }
      range = { start: range.start, end: { line: lastLine, column: lastCol } };
      node.range = range;
      if (node.nested) node.nested.range = range;
    }
    children.push(node);
    comments = [];
  }

  if (children.length === 0) err('file with no instructions', i, i);
  if (tooLong) {
    err(`dockerfile line greater than max allowed size of ${MAX_LINE_BYTES}`, limit + 1, limit + 1);
  }
  const ast: Ast = { escape: d.escape, children, lines, warnings };
  if (d.syntax !== undefined) ast.syntax = d.syntax;
  if (d.check !== undefined) ast.check = d.check;
  return ast;
}

/** One node in BuildKit's Node.Dump() form, without the surrounding parentheses. */
export function dumpNode(node: AstNode): string {
  let s = node.keyword.toLowerCase();
  if (node.flags.length > 0) s += ' ' + goQuoteSlice(node.flags.map((f) => f.text));
  if (node.nested) s += ' (' + dumpNode(node.nested) + ')';
  for (const v of node.next) s += ' ' + goQuote(v);
  return goTrimSpace(s);
}

/** Dumps a parsed AST as BuildKit's `AST.Dump()` followed by a newline (the testfiles' `result`). */
export function dumpParsed(ast: Ast): string {
  let s = '';
  for (const c of ast.children) s += '(' + dumpNode(c) + ')\n';
  return goTrimSpace(s) + '\n';
}

/** Parses `text` and returns BuildKit's AST dump. Throws DockerfileSyntaxError. */
export function dumpAst(text: string): string {
  return dumpParsed(parseAst(text));
}
