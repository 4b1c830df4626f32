// Shell pattern matching (`*`, `?`, `[...]`, backslash escapes), for globbing, find -name and ${VAR#pattern}.
// Bracket expressions follow dash's pmatch() (src/expand.c), which busybox ash shares: `!` or `^`
// negates, a `]` first is literal, `[:class:]` names a class, and a range whose end sorts before its
// start (`[z-a]`) matches nothing. An unclosed `[` is an ordinary character.

const CLASSES: Record<string, string> = {
  alnum: 'A-Za-z0-9', alpha: 'A-Za-z', blank: ' \\t', cntrl: '\\x00-\\x1f\\x7f', digit: '0-9', graph: '!-~',
  lower: 'a-z', print: ' -~', punct: '!-\\/:-@\\[-`{-~', space: ' \\t\\n\\r\\f\\v', upper: 'A-Z', xdigit: '0-9A-Fa-f',
};

/** The regular-expression class for the bracket expression at `pattern[i] === '['`, or undefined if unclosed. */
function bracket(pattern: string, i: number): { re: string; end: number } | undefined {
  let j = i + 1;
  let negate = false;
  if (pattern[j] === '!' || pattern[j] === '^') {
    negate = true;
    j++;
  }
  const items: string[] = [];
  let first = true;
  for (;;) {
    if (j >= pattern.length) return undefined;
    let c = pattern[j]!;
    if (c === ']' && !first) break;
    first = false;
    if (c === '[' && pattern[j + 1] === ':') {
      const close = pattern.indexOf(':]', j + 2);
      const name = close < 0 ? undefined : pattern.slice(j + 2, close);
      if (name !== undefined && /^[a-z]+$/.test(name)) {
        // An unknown class name matches nothing, as in dash.
        if (Object.hasOwn(CLASSES, name)) items.push(CLASSES[name]!);
        j = close + 2;
        continue;
      }
    }
    if (c === '\\' && j + 1 < pattern.length) c = pattern[++j]!;
    j++;
    if (pattern[j] === '-' && pattern[j + 1] !== undefined && pattern[j + 1] !== ']') {
      let hi = pattern[j + 1]!;
      j += 2;
      if (hi === '\\' && j < pattern.length) hi = pattern[j++]!;
      if (hi.codePointAt(0)! >= c.codePointAt(0)!) items.push(`${escapeClass(c)}-${escapeClass(hi)}`);
      continue;
    }
    items.push(escapeClass(c));
  }
  const body = items.join('');
  // [^] and [] mean "any" and "nothing" in JavaScript; say so explicitly.
  const re = body === '' ? (negate ? '[\\s\\S]' : '[^\\s\\S]') : `[${negate ? '^' : ''}${body}]`;
  return { re, end: j };
}

function escapeClass(c: string): string {
  return c.replace(/[\]\\^-]/g, '\\$&');
}

type Token = { t: 'star' } | { t: 'one'; test: (c: string) => boolean };

const compiled = new Map<string, Token[]>();

/** The pattern as tokens: `*`, or a test for one character (a literal, `?` or a bracket expression). */
function tokens(pattern: string): Token[] {
  const hit = compiled.get(pattern);
  if (hit) return hit;
  const out: Token[] = [];
  const chars = Array.from(pattern);
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === '\\' && i + 1 < chars.length) {
      const lit = chars[++i]!;
      out.push({ t: 'one', test: (x) => x === lit });
    } else if (c === '*') {
      if (out.at(-1)?.t !== 'star') out.push({ t: 'star' });
    } else if (c === '?') out.push({ t: 'one', test: () => true });
    else if (c === '[') {
      const b = bracket(pattern, pattern.indexOf('[', chars.slice(0, i).join('').length));
      if (!b) {
        out.push({ t: 'one', test: (x) => x === '[' });
        continue;
      }
      const re = new RegExp(`^${b.re}$`, 'u');
      out.push({ t: 'one', test: (x) => re.test(x) });
      // Skip the characters the bracket expression used.
      const used = Array.from(pattern.slice(0, b.end + 1)).length;
      i = used - 1;
    } else out.push({ t: 'one', test: (x) => x === c });
  }
  if (compiled.size > 500) compiled.clear();
  compiled.set(pattern, out);
  return out;
}

/**
 * Whether `text` matches `pattern`, in time proportional to their lengths' product: the classic
 * backtrack-to-the-last-star walk, with no regular expression that could backtrack without end.
 */
export function globMatch(pattern: string, text: string): boolean {
  const pat = tokens(pattern);
  const str = Array.from(text);
  let p = 0;
  let t = 0;
  let star = -1;
  let starT = 0;
  while (t < str.length) {
    const tok = pat[p];
    if (tok?.t === 'one' && tok.test(str[t]!)) {
      p++;
      t++;
    } else if (tok?.t === 'star') {
      star = p++;
      starT = t;
    } else if (star >= 0) {
      p = star + 1;
      t = ++starT;
    } else return false;
  }
  while (pat[p]?.t === 'star') p++;
  return p === pat.length;
}


/** Reports work done (in characters compared), so that the caller can count it against its step limit. */
export type Charge = (chars: number) => void;

/** ${v#pat} ${v##pat} ${v%pat} ${v%%pat}: the shortest or longest matching prefix or suffix removed. */
export function trimPattern(v: string, pat: string, op: '#' | '##' | '%' | '%%', charge: Charge): string {
  const greedy = op.length === 2;
  const n = v.length;
  for (let k = 0; k <= n; k++) {
    const len = greedy ? n - k : k;
    const piece = op[0] === '#' ? v.slice(0, len) : v.slice(n - len);
    charge(piece.length + 1);
    if (globMatch(pat, piece)) return op[0] === '#' ? v.slice(len) : v.slice(0, n - len);
  }
  return v;
}

/** ${v/pat/rep} and ${v//pat/rep}: the longest match at the leftmost place (or every place) replaced. */
export function replacePattern(v: string, pat: string, rep: string, all: boolean, charge: Charge): string {
  if (pat === '') return v;
  if (!/[*?[\\]/.test(pat)) {
    charge(v.length + 1);
    return all ? v.split(pat).join(rep) : v.replace(pat, () => rep);
  }
  let out = '';
  let i = 0;
  let replaced = false;
  while (i < v.length) {
    let end = -1;
    if (!replaced || all) {
      for (let j = v.length; j > i; j--) {
        charge(j - i + 1);
        if (globMatch(pat, v.slice(i, j))) {
          end = j;
          break;
        }
      }
    }
    if (end < 0) {
      out += v[i];
      i++;
      continue;
    }
    out += rep;
    i = end;
    replaced = true;
  }
  return out;
}
