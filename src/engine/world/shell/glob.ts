// Shell pattern matching (`*`, `?`, `[...]`, backslash escapes), for globbing and ${VAR#pattern}.
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

export function globToRegExp(pattern: string, anchored = true): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) {
      re += escapeRe(pattern[++i]!);
    } else if (c === '*') re += '[\\s\\S]*';
    else if (c === '?') re += '[\\s\\S]';
    else if (c === '[') {
      const b = bracket(pattern, i);
      if (!b) {
        re += '\\[';
        continue;
      }
      re += b.re;
      i = b.end;
    } else re += escapeRe(c);
  }
  return new RegExp(anchored ? `^${re}$` : re, 'u');
}

function escapeRe(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function escapeClass(c: string): string {
  return c.replace(/[\]\\^-]/g, '\\$&');
}

export function globMatch(pattern: string, text: string): boolean {
  return globToRegExp(pattern).test(text);
}
