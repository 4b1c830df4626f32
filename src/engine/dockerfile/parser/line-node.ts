/**
 * One logical line to one AST node: the instruction word, its flags, and the arguments as split by that
 * instruction's argument parser (BuildKit's dispatch table in parser.go and line_parsers.go).
 */
import type { EscapeToken, RawFlag, SourceRange } from '../types.ts';
import { goQuote, goTrimLeft, goTrimSpace, isGoSpace, leadingSpaceLength } from '../text.ts';
import type { AstNode } from './ast.ts';
import type { OffsetMap } from './offset-map.ts';
import { extractFlags, NO_FLAGS, parseWords, splitWhitespace, type Word } from './words.ts';

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

/** A JSON array with a non-string element; parseAst reports it against the instruction's lines. */
export class NotJSON extends Error {}
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
export function nodeFromLine(
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
  const parser = Object.hasOwn(DISPATCH, value) ? DISPATCH[value] : undefined;
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

/** A malformed ENV or LABEL; parseAst reports it against the instruction's lines. */
export class NameValError extends Error {}

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
