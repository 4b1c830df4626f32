/**
 * The pattern side of `${var#pattern}`, `${var%pattern}` and `${var/pattern/replacement}`: BuildKit's shell
 * patterns turned into regular expressions, suffix trimming by matching the reversed string, and Go's
 * replacement-template expansion.
 */
import { LexError } from './lex-error.ts';

/**
 * Go's regexp template expansion ($name, ${name}, $$) as used by ReplaceAllString. Our patterns have no
 * capture groups, so only `$0` (the whole match) yields text; other names expand to nothing.
 */
export function goExpand(template: string, match: string): string {
  let out = '';
  let i = 0;
  while (i < template.length) {
    const d = template.indexOf('$', i);
    if (d < 0) {
      out += template.slice(i);
      break;
    }
    out += template.slice(i, d);
    let j = d + 1;
    if (template[j] === '$') {
      out += '$';
      i = j + 1;
      continue;
    }
    const brace = template[j] === '{';
    if (brace) j++;
    let k = j;
    while (k < template.length && /[\p{L}\p{Nd}_]/u.test(template[k]!)) k++;
    if (k === j || (brace && template[k] !== '}')) {
      out += '$';
      i = d + 1;
      continue;
    }
    const name = template.slice(j, k);
    i = brace ? k + 1 : k;
    if (/^(0|[1-9][0-9]*)$/.test(name) && Number(name) === 0) out += match;
  }
  return out;
}

const regexCache = new Map<string, RegExp>();

/** BuildKit's convertShellPatternToRegex: `*` and `?` globs, `\*` `\?` `\\` escapes; errors on other escapes. */
export function patternToRegExp(pattern: string, greedy: boolean, anchored: boolean, global = false): RegExp {
  const key = `${greedy ? 1 : 0}${anchored ? 1 : 0}${global ? 1 : 0}${pattern}`;
  const hit = regexCache.get(key);
  if (hit) {
    hit.lastIndex = 0;
    return hit;
  }
  const re = buildPatternRegExp(pattern, greedy, anchored, global);
  if (regexCache.size > 500) regexCache.clear();
  regexCache.set(key, re);
  return re;
}

function buildPatternRegExp(pattern: string, greedy: boolean, anchored: boolean, global: boolean): RegExp {
  let out = anchored ? '^' : '';
  const star = greedy ? '[^\\n]*' : '[^\\n]*?';
  const chars = Array.from(pattern);
  for (let i = 0; i < chars.length; i++) {
    const tok = chars[i]!;
    if (tok === '*') {
      out += star;
      continue;
    }
    if (tok === '?') {
      out += '[^\\n]';
      continue;
    }
    if (tok === '\\') {
      const n = chars[i + 1];
      if (n === '}' || n === '/') continue;
      i++;
      if (n !== '*' && n !== '?' && n !== '\\') {
        throw new LexError(`invalid pattern (${pattern}) in substitution: invalid escape '\\${n ?? '\uFFFD'}'`);
      }
      out += '\\' + n;
      continue;
    }
    out += tok.replace(/[.+^${}()|[\]]/g, '\\$&');
  }
  return new RegExp(out, global ? 'gu' : 'u');
}

export function trimPrefix(pattern: string, value: string, greedy: boolean): string {
  const m = patternToRegExp(pattern, greedy, true).exec(value);
  return m ? value.slice(m[0].length) : value;
}

function reversePattern(pattern: string): string {
  const p = SURROGATE.test(pattern) ? Array.from(pattern) : pattern.split('');
  const out: string[] = new Array(p.length);
  const last = p.length - 1;
  for (let i = 0; i <= last; ) {
    const tok = p[i]!;
    const o = last - i;
    if (tok === '\\' && i !== last) {
      out[o - 1] = tok;
      out[o] = p[i + 1]!;
      i += 2;
    } else {
      out[o] = tok;
      i++;
    }
  }
  return out.join('');
}

const SURROGATE = /[\ud800-\udfff]/;

function reverseString(s: string): string {
  // Without surrogate pairs, UTF-16 units are code points.
  if (!SURROGATE.test(s)) return s.split('').reverse().join('');
  return Array.from(s).reverse().join('');
}

export function trimSuffix(pattern: string, value: string, greedy: boolean): string {
  return reverseString(trimPrefix(reversePattern(pattern), reverseString(value), greedy));
}
