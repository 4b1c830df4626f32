/** Small text helpers that reproduce the Go standard library behaviour BuildKit relies on. */

/** Go's unicode.IsSpace for one code point (given as a string). */
export function isGoSpace(ch: string): boolean {
  const c = ch.codePointAt(0);
  return c !== undefined && isSpaceCode(c);
}

/** Go's unicode.IsSpace for one UTF-16 unit (every Go space is in the BMP). */
export function isSpaceCode(c: number): boolean {
  if (c <= 0xff) return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0x85 || c === 0xa0;
  return (
    c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000
  );
}

/** Number of UTF-16 units of leading Go-whitespace. (All Go spaces are in the BMP.) */
export function leadingSpaceLength(s: string): number {
  let i = 0;
  while (i < s.length && isSpaceCode(s.charCodeAt(i))) i++;
  return i;
}

/** Go's strings.TrimLeftFunc(s, unicode.IsSpace). */
export function goTrimLeft(s: string): string {
  const n = leadingSpaceLength(s);
  return n === 0 ? s : s.slice(n);
}

/** Go's strings.TrimRightFunc(s, unicode.IsSpace). */
export function goTrimRight(s: string): string {
  let e = s.length;
  while (e > 0 && isSpaceCode(s.charCodeAt(e - 1))) e--;
  return e === s.length ? s : s.slice(0, e);
}

/** Go's strings.TrimSpace. */
export function goTrimSpace(s: string): string {
  return goTrimRight(goTrimLeft(s));
}

/** Byte length of the UTF-8 encoding of s (lone surrogates count as 3 bytes, as U+FFFD). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

const GRAPHIC = /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u;
const HEX = '0123456789abcdef';

function isGoPrint(c: number, ch: string): boolean {
  if (c <= 0xff) {
    if (c >= 0x20 && c <= 0x7e) return true;
    if (c >= 0xa1 && c <= 0xff) return c !== 0xad;
    return false;
  }
  if (c >= 0xd800 && c <= 0xdfff) return false;
  return GRAPHIC.test(ch);
}

function hex(n: number, width: number): string {
  let s = '';
  for (let i = width - 1; i >= 0; i--) s += HEX[(n >> (4 * i)) & 15];
  return s;
}

/** Go's strconv.Quote (what `%q` prints for a string). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c === 0x22 || c === 0x5c) {
      out += '\\' + ch;
      continue;
    }
    if (c >= 0x20 && c < 0x7f) {
      out += ch;
      continue;
    }
    if (isGoPrint(c, ch)) {
      out += ch;
      continue;
    }
    switch (c) {
      case 7:
        out += '\\a';
        continue;
      case 8:
        out += '\\b';
        continue;
      case 12:
        out += '\\f';
        continue;
      case 10:
        out += '\\n';
        continue;
      case 13:
        out += '\\r';
        continue;
      case 9:
        out += '\\t';
        continue;
      case 11:
        out += '\\v';
        continue;
    }
    if (c < 0x20 || c === 0x7f) out += '\\x' + hex(c, 2);
    else if (c >= 0xd800 && c <= 0xdfff) out += '\\ufffd';
    else if (c < 0x10000) out += '\\u' + hex(c, 4);
    else out += '\\U' + hex(c, 8);
  }
  return out + '"';
}

/** Go's `%q` of a []string: ["a" "b"]. */
export function goQuoteSlice(list: readonly string[]): string {
  return '[' + list.map(goQuote).join(' ') + ']';
}

/** Levenshtein distance over code points (insert, delete and substitute all cost 1). */
export function levenshtein(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  if (x.length === 0) return y.length;
  if (y.length === 0) return x.length;
  let prev = new Array<number>(y.length + 1);
  let cur = new Array<number>(y.length + 1);
  for (let j = 0; j <= y.length; j++) prev[j] = j;
  for (let i = 1; i <= x.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[y.length]!;
}

function matchCase(val: string, orig: string): string {
  if (orig === orig.toLowerCase()) return val.toLowerCase();
  if (orig === orig.toUpperCase()) return val.toUpperCase();
  return val;
}

/**
 * BuildKit's suggest.Search: the closest option with a distance under 3 (none on an exact match).
 * Case-insensitive search returns the match in the letter case of the input.
 */
export function suggest(val: string, options: readonly string[], caseSensitive: boolean): string | undefined {
  const v = caseSensitive ? val : val.toLowerCase();
  let match = '';
  let min = 3;
  for (const o of options) {
    const opt = caseSensitive ? o : o.toLowerCase();
    if (v === opt) return undefined;
    const d = levenshtein(v, opt);
    if (d < min) {
      match = caseSensitive ? opt : matchCase(opt, val);
      min = d;
    }
  }
  return match === '' ? undefined : match;
}

/** Appends BuildKit's " (did you mean X?)" when there is a suggestion. */
export function withSuggestion(message: string, val: string, options: readonly string[], caseSensitive: boolean): string {
  const m = suggest(val, options, caseSensitive);
  return m === undefined ? message : `${message} (did you mean ${m}?)`;
}

/** Go's strconv.ParseBool: undefined where Go returns an error. */
export function parseGoBool(v: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  return undefined;
}
