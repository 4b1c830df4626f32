/**
 * The physical-line layer under the parser: splitting text into lines, spotting comments, and BuildKit's
 * line-continuation test.
 */
import type { EscapeToken, SourceRange } from '../types.ts';
import { leadingSpaceLength } from '../text.ts';

/** A physical source line. */
export interface SrcLine {
  /** Content without the line terminator (trailing \r and \n removed as BuildKit's trimNewline). */
  text: string;
  /** The raw line including its "\n" (used verbatim for heredoc bodies). */
  raw: string;
}

export function splitSourceLines(text: string): SrcLine[] {
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

export function isComment(line: string): boolean {
  const n = leadingSpaceLength(line);
  return n < line.length && line.charCodeAt(n) === 35;
}

/**
 * BuildKit's line-continuation regex ``([^\\])\\[ \t]*$|^\\[ \t]*$`` (built with the escape token), written
 * as a scan from the end: the last character before trailing blanks must be the escape token, not itself
 * preceded by the escape token. Returns [line without the token and blanks, isEndOfLine].
 */
export function trimContinuation(line: string, escape: EscapeToken): [string, boolean] {
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

/** The whole of one source line, for errors that BuildKit reports against a line. */
export function lineRange(line: number, text: string): SourceRange {
  return { start: { line, column: 0 }, end: { line, column: text.length } };
}
