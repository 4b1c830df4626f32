// HTML for the sample apps' pages: comments, the doctype, tag names, attribute names and values,
// character references, and the contents of <script> elements as JavaScript.

import { JAVASCRIPT, tokenizeCode } from './code.ts';
import type { Token } from './token.ts';

const NAME = /[A-Za-z][\w:.-]*/y;
const ATTR = /[^\s"'<>\/=]+/y;
const ENTITY = /&(?:#\d+|#x[\da-fA-F]+|[A-Za-z][A-Za-z\d]*);/y;

export function tokenizeHtml(text: string): Token[] {
  const out: Token[] = [];
  const n = text.length;
  let q = 0;
  const match = (re: RegExp, at: number): number => {
    re.lastIndex = at;
    return re.test(text) ? re.lastIndex : at;
  };
  // Next `<` and `&` at or after q, searched again only once q has passed them (-1: none left).
  let lt = -2;
  let amp = -2;
  while (q < n) {
    if (lt !== -1 && lt < q) lt = text.indexOf('<', q);
    if (amp !== -1 && amp < q) amp = text.indexOf('&', q);
    if (amp >= 0 && (lt < 0 || amp < lt)) {
      const e = match(ENTITY, amp);
      if (e > amp) out.push({ from: amp, to: e, kind: 'number' });
      q = Math.max(e, amp + 1);
      continue;
    }
    if (lt < 0) break;
    q = lt;
    if (text.startsWith('<!--', q)) {
      const close = text.indexOf('-->', q + 4);
      const e = close < 0 ? n : close + 3;
      out.push({ from: q, to: e, kind: 'comment' });
      q = e;
      continue;
    }
    if (text.startsWith('<!', q) || text.startsWith('<?', q)) {
      const close = text.indexOf('>', q);
      const e = close < 0 ? n : close + 1;
      out.push({ from: q, to: e, kind: 'meta' });
      q = e;
      continue;
    }
    const nameAt = q + (text[q + 1] === '/' ? 2 : 1);
    const nameEnd = match(NAME, nameAt);
    if (nameEnd === nameAt) {
      q++; // a lone `<` in text
      continue;
    }
    out.push({ from: nameAt, to: nameEnd, kind: 'type' });
    const tag = text.slice(nameAt, nameEnd).toLowerCase();
    const closing = nameAt === q + 2;
    q = nameEnd;
    // Attributes up to the end of the tag.
    while (q < n && text[q] !== '>' && text[q] !== '<') {
      const c = text[q]!;
      if (c === '"' || c === "'") {
        const close = text.indexOf(c, q + 1);
        const e = close < 0 ? n : close + 1;
        out.push({ from: q, to: e, kind: 'string' });
        q = e;
        continue;
      }
      const e = match(ATTR, q);
      if (e > q) {
        // An unquoted value after `=` is a value, not a name.
        out.push({ from: q, to: e, kind: text[q - 1] === '=' ? 'string' : 'name' });
        q = e;
      } else q++;
    }
    if (text[q] === '>') q++;
    if (!closing && (tag === 'script' || tag === 'style')) {
      const end = new RegExp(`</${tag}`, 'gi');
      end.lastIndex = q;
      const e = end.exec(text)?.index ?? n;
      if (tag === 'script') out.push(...tokenizeCode(text, JAVASCRIPT, q, e));
      q = e;
    }
  }
  return out;
}
