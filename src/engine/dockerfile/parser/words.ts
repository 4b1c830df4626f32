/**
 * The word splitters BuildKit's parser applies to an instruction's text: parseWords (quotes and escapes
 * kept), the whitespace split, and the leading `--flag` words. Each word keeps its offsets in the line.
 */
import { isGoSpace, isSpaceCode } from '../text.ts';

export interface Word {
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
export function parseWords(rest: string, escape: string): Word[] {
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
export function splitWhitespace(s: string, base: number): Word[] {
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

/** The flags of a line without flags (shared, never written to). */
export const NO_FLAGS: Word[] = [];

/** BuildKit's extractBuilderFlags: returns the flags and the offset where the remaining text starts. */
export function extractFlags(line: string, escape: string, base: number): { flags: Word[]; restStart: number } {
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
