// Dockerfile highlighting that follows the line rules of BuildKit's parser (and of our engine's
// parser.ts): parser directives only at the top, `#` comment lines (also inside continuations), the
// escape token (`# escape=`) for continuations, flags before the arguments, exec (JSON) form, and
// heredoc bodies after the instruction's last line. The engine's parser throws on half-typed input
// (an unterminated heredoc, a file with no instruction yet), and the editor must colour every
// keystroke, so this is a small scanner of its own; tests compare it with the engine's ranges.

import { INSTRUCTION_WORDS as INSTRUCTION_NAMES } from '../../../engine/dockerfile/instruction-names.ts';
import { isSpaceCode } from '../../../engine/dockerfile/text.ts';
import type { Token, TokenKind } from './token.ts';

const KNOWN = new Set(INSTRUCTION_NAMES);
/** BuildKit refuses these as ONBUILD triggers. */
const NOT_ONBUILD = new Set(['ONBUILD', 'FROM', 'MAINTAINER']);
const HEREDOC_INSTRUCTIONS = new Set(['RUN', 'COPY', 'ADD']);
const DIRECTIVE = /^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/;
const HEREDOC = /^\d*<<-?(.*)$/s;
const PORTLIKE = /^\d+(?:-\d+)?(?:\/[a-z]+)?$/i;
const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_.-]*(?==|$)/;

interface Line {
  from: number;
  text: string;
}

interface HeredocHead {
  name: string;
  chomp: boolean;
  expand: boolean;
}

function splitLines(text: string): Line[] {
  const out: Line[] = [];
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (start < text.length) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    const cr = end > start && text.charCodeAt(end - 1) === 13 ? 1 : 0;
    out.push({ from: start, text: text.slice(start, end - cr) });
    start = end + 1;
  }
  return out;
}

function leadingSpace(s: string): number {
  let i = 0;
  while (i < s.length && isSpaceCode(s.charCodeAt(i))) i++;
  return i;
}

/** BuildKit's continuation test: the escape token, then only blanks, not itself escaped. [end, continues] */
function continuation(line: string, start: number, escape: string): [number, boolean] {
  let k = line.length - 1;
  while (k >= start && (line[k] === ' ' || line[k] === '\t')) k--;
  if (k < start || line[k] !== escape || (k > start && line[k - 1] === escape)) return [line.length, false];
  return [k, true];
}

/** End (exclusive) of a `$NAME` or `${…}` reference starting at q, or q when there is none. */
function variableEnd(s: string, q: number, limit: number): number {
  const c = s.charCodeAt(q + 1);
  if (c === 123) {
    let depth = 0;
    for (let k = q + 1; k < limit; k++) {
      const d = s.charCodeAt(k);
      if (d === 123) depth++;
      else if (d === 125 && --depth === 0) return k + 1;
    }
    return limit;
  }
  if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95)) return q;
  let k = q + 2;
  while (k < limit) {
    const d = s.charCodeAt(k);
    if (!((d >= 65 && d <= 90) || (d >= 97 && d <= 122) || (d >= 48 && d <= 57) || d === 95)) break;
    k++;
  }
  return Math.min(k, limit);
}

export function tokenizeDockerfile(text: string): Token[] {
  const out: Token[] = [];
  const lines = splitLines(text);
  const seen = new Set<string>();
  let escape = '\\';
  let directives = true;
  let i = 0;

  /** Colours one line of a heredoc body: a string, with its variables when the delimiter was unquoted. */
  const body = (line: Line, expand: boolean): void => {
    const s = line.text;
    let start = 0;
    if (expand) {
      for (let q = 0; q < s.length; q++) {
        const c = s.charCodeAt(q);
        if (c === 92) q++;
        else if (c === 36) {
          const v = variableEnd(s, q, s.length);
          if (v > q) {
            if (q > start) out.push({ from: line.from + start, to: line.from + q, kind: 'string' });
            out.push({ from: line.from + q, to: line.from + v, kind: 'name' });
            start = v;
            q = v - 1;
          }
        }
      }
    }
    if (s.length > start) out.push({ from: line.from + start, to: line.from + s.length, kind: 'string' });
  };

  while (i < lines.length) {
    const line = lines[i++]!;
    const lead = leadingSpace(line.text);
    const t = line.text.slice(lead);
    if (directives) {
      const m = t.startsWith('#') ? DIRECTIVE.exec(t) : null;
      const key = m?.[1]!.toLowerCase();
      if (m && (key === 'syntax' || key === 'escape' || key === 'check') && !seen.has(key)) {
        seen.add(key);
        const end = lead + t.trimEnd().length;
        const valueAt = end - m[2]!.length;
        out.push({ from: line.from + lead, to: line.from + valueAt, kind: 'meta' });
        out.push({ from: line.from + valueAt, to: line.from + end, kind: 'string' });
        if (key === 'escape' && (m[2] === '`' || m[2] === '\\')) escape = m[2];
        continue;
      }
      directives = false;
    }
    if (t.startsWith('#')) {
      out.push({ from: line.from + lead, to: line.from + line.text.length, kind: 'comment' });
      continue;
    }
    if (t.length === 0) continue;

    // The logical line: source ranges joined as the parser joins continuation lines.
    const map: number[] = [];
    let joined = '';
    const take = (from: number, to: number): void => {
      joined += text.slice(from, to);
      for (let k = from; k < to; k++) map.push(k);
    };
    let [end, more] = continuation(line.text, lead, escape);
    take(line.from + lead, line.from + end);
    while (more && i < lines.length) {
      const cur = lines[i++]!;
      const curLead = leadingSpace(cur.text);
      if (cur.text.charCodeAt(curLead) === 35) {
        out.push({ from: cur.from + curLead, to: cur.from + cur.text.length, kind: 'comment' });
        continue;
      }
      if (curLead === cur.text.length) continue;
      [end, more] = continuation(cur.text, 0, escape);
      take(cur.from, cur.from + end);
    }

    for (const h of instruction(joined, map, escape, out)) {
      while (i < lines.length) {
        const cur = lines[i++]!;
        const term = h.chomp ? cur.text.replace(/^\t+/, '') : cur.text;
        if (term === h.name) {
          out.push({ from: cur.from + cur.text.length - term.length, to: cur.from + cur.text.length, kind: 'type' });
          break;
        }
        body(cur, h.expand);
      }
    }
  }
  return out.sort((a, b) => a.from - b.from);
}

/** Colours one logical instruction (`s`, with `map` from its offsets to the document's); returns its heredocs. */
function instruction(s: string, map: number[], escape: string, out: Token[]): HeredocHead[] {
  const n = s.length;
  const esc = escape.charCodeAt(0);
  const heads: HeredocHead[] = [];
  // A token of the joined line may cover several source lines: one token per contiguous piece.
  const emit = (a: number, b: number, kind: TokenKind): void => {
    b = Math.min(b, n);
    let start = a;
    for (let k = a + 1; k <= b; k++) {
      if (k === b || map[k] !== map[k - 1]! + 1) {
        if (k > start) out.push({ from: map[start]!, to: map[k - 1]! + 1, kind });
        start = k;
      }
    }
  };
  const skipSpace = (q: number): number => {
    while (q < n && isSpaceCode(s.charCodeAt(q))) q++;
    return q;
  };
  const plainEnd = (q: number): number => {
    while (q < n && !isSpaceCode(s.charCodeAt(q))) q++;
    return q;
  };
  /** End of a shell word: blanks inside quotes or after the escape token do not end it. */
  const wordEnd = (q: number): number => {
    let quote = 0;
    while (q < n) {
      const c = s.charCodeAt(q);
      if (quote) {
        if (c === quote) quote = 0;
        else if (c === esc && quote === 34) q++;
      } else if (isSpaceCode(c)) break;
      else if (c === 39 || c === 34) quote = c;
      else if (c === esc) q++;
      q++;
    }
    return Math.min(q, n);
  };
  /** Quotes and variables inside one word (single quotes keep `$` literal, as the shell lexer does). */
  const scanWord = (a: number, b: number): void => {
    let quote = 0;
    let from = a;
    let q = a;
    while (q < b) {
      const c = s.charCodeAt(q);
      if (quote) {
        if (c === quote) {
          emit(from, q + 1, 'string');
          quote = 0;
        } else if (quote === 34 && c === esc) q++;
        else if (quote === 34 && c === 36) {
          const v = variableEnd(s, q, b);
          if (v > q) {
            emit(from, q, 'string');
            emit(q, v, 'name');
            from = v;
            q = v;
            continue;
          }
        }
      } else if (c === 39 || c === 34) {
        quote = c;
        from = q;
      } else if (c === esc) q++;
      else if (c === 36) {
        const v = variableEnd(s, q, b);
        if (v > q) {
          emit(q, v, 'name');
          q = v;
          continue;
        }
      }
      q++;
    }
    if (quote) emit(from, b, 'string');
  };

  let p = plainEnd(0);
  let kw = s.slice(0, p).toUpperCase();
  emit(0, p, KNOWN.has(kw) ? 'keyword' : 'invalid');
  p = skipSpace(p);
  if (kw === 'ONBUILD' && p < n) {
    const e = plainEnd(p);
    kw = s.slice(p, e).toUpperCase();
    emit(p, e, KNOWN.has(kw) && !NOT_ONBUILD.has(kw) ? 'keyword' : 'invalid');
    p = skipSpace(e);
  }
  while (p < n && s.startsWith('--', p)) {
    const e = wordEnd(p);
    const eq = p + s.slice(p, e).indexOf('=');
    if (eq >= p) {
      emit(p, eq, 'type');
      scanWord(eq + 1, e);
    } else emit(p, e, 'type');
    p = skipSpace(e);
  }
  if (s.charCodeAt(p) === 91) {
    // Exec form: JSON strings (backslash escapes, whatever the escape token).
    for (let q = p; q < n; q++) {
      if (s.charCodeAt(q) !== 34) continue;
      let k = q + 1;
      while (k < n && s.charCodeAt(k) !== 34) k += s.charCodeAt(k) === 92 ? 2 : 1;
      emit(q, k + 1, 'string');
      q = k;
    }
    return heads;
  }
  const envPairs = kw === 'ENV' && s.slice(p, wordEnd(p)).includes('=');
  let afterAs = false;
  for (let index = 0; p < n; index++) {
    const e = wordEnd(p);
    const word = s.slice(p, e);
    const h = HEREDOC_INSTRUCTIONS.has(kw) ? HEREDOC.exec(word) : null;
    const key = kw === 'ARG' || (kw === 'ENV' && (index === 0 || envPairs)) ? ENV_KEY.exec(word) : null;
    if (h && h[1]!.length > 0) {
      const name = h[1]!.replace(/["']/g, '');
      if (name.length > 0) heads.push({ name, chomp: word.includes('<<-'), expand: !/["']/.test(h[1]!) });
      emit(p, e, 'type');
    } else if (kw === 'FROM' && index === 1 && /^as$/i.test(word)) {
      emit(p, e, 'keyword');
      afterAs = true;
    } else if (afterAs) {
      emit(p, e, 'name');
      afterAs = false;
    } else if (key) {
      emit(p, p + key[0].length, 'name');
      scanWord(p + key[0].length, e);
    } else if (PORTLIKE.test(word)) emit(p, e, 'number');
    else scanWord(p, e);
    p = skipSpace(e);
  }
  return heads;
}
