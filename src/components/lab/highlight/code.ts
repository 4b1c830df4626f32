// One small tokenizer for the sample apps' source files, parametrised per language: comments, strings
// (JS template literals, Go raw strings, Python triple quotes), numbers, keywords and a few names.
// It aims to look right on small, well-formed files; on anything else it must still end quickly and
// never throw, so every step of the loop advances.

import type { Token, TokenKind } from './token.ts';

export interface CodeLanguage {
  /** Starts a comment that runs to the end of the line. */
  readonly lineComment?: string;
  readonly blockComment?: readonly [string, string];
  /** Quote characters of one-line strings (a backslash escapes). */
  readonly quotes: string;
  /** Quote character of strings that may span lines (JS template literals, Go raw strings). */
  readonly multilineQuote?: string;
  /** Go raw strings take no escapes. */
  readonly multilineEscapes?: boolean;
  /** Python: `'''…'''`, `"""…"""` and prefixes such as f"…", rb'…'. */
  readonly python?: boolean;
  /** JavaScript: `/…/` regular expression literals where an operand is expected. */
  readonly regex?: boolean;
  /** JSON: a string followed by `:` is a key. */
  readonly jsonKeys?: boolean;
  readonly keywords: ReadonlySet<string>;
  /** Literals such as true, null, None: coloured as numbers. */
  readonly atoms?: ReadonlySet<string>;
  /** Built-in types and functions. */
  readonly types?: ReadonlySet<string>;
  /** Keywords after which the next identifier is being defined (function, def, class…). */
  readonly definers?: ReadonlySet<string>;
}

const words = (s: string): ReadonlySet<string> => new Set(s.split(' '));

const JS_KEYWORDS =
  'async await break case catch class const continue debugger default delete do else export extends finally for from function if import in instanceof let new of return static super switch this throw try typeof var void while with yield';

export const JAVASCRIPT: CodeLanguage = {
  lineComment: '//',
  blockComment: ['/*', '*/'],
  quotes: `"'`,
  multilineQuote: '`',
  multilineEscapes: true,
  regex: true,
  keywords: words(JS_KEYWORDS),
  atoms: words('true false null undefined NaN Infinity'),
  types: words('Array Object String Number Boolean Promise Map Set JSON Math Date Error console process require module'),
  definers: words('function class const let var'),
};

export const TYPESCRIPT: CodeLanguage = {
  ...JAVASCRIPT,
  keywords: words(`${JS_KEYWORDS} abstract as declare enum implements interface keyof namespace private protected public readonly satisfies type`),
  types: words('string number boolean any unknown never object symbol bigint Array Record Partial Readonly Promise Map Set JSON Math Date Error console process'),
  definers: words('function class const let var interface type enum'),
};

export const JSON_LANGUAGE: CodeLanguage = {
  quotes: '"',
  jsonKeys: true,
  keywords: words(''),
  atoms: words('true false null'),
};

export const PYTHON: CodeLanguage = {
  lineComment: '#',
  quotes: `"'`,
  python: true,
  keywords: words(
    'and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield match case',
  ),
  atoms: words('True False None'),
  types: words('int float str bool bytes list dict set tuple object print len range open self super Exception'),
  definers: words('def class'),
};

export const GO: CodeLanguage = {
  lineComment: '//',
  blockComment: ['/*', '*/'],
  quotes: `"'`,
  multilineQuote: '`',
  multilineEscapes: false,
  keywords: words(
    'break case chan const continue default defer else fallthrough for func go goto if import interface map package range return select struct switch type var',
  ),
  atoms: words('true false nil iota'),
  types: words(
    'bool byte complex64 complex128 error float32 float64 int int8 int16 int32 int64 rune string uint uint8 uint16 uint32 uint64 uintptr any append cap len make new panic print println',
  ),
  definers: words('func type'),
};

const isIdentStart = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;
const isIdent = (c: number): boolean => isIdentStart(c) || (c >= 48 && c <= 57);
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
/** After these characters (or at the start) a `/` begins a regular expression, not a division. */
const BEFORE_REGEX = '(,=:[!&|?{};+-*%<>~^';

/** Tokenizes `text` (or `text[from, to)`, for embedded scripts) as `lang`. */
export function tokenizeCode(text: string, lang: CodeLanguage, from = 0, to = text.length): Token[] {
  const out: Token[] = [];
  const push = (a: number, b: number, kind: TokenKind): void => {
    if (b > a) out.push({ from: a, to: Math.min(b, to), kind });
  };
  /** End of a quoted string opened at q by `quote` (length of the quote: 1 or 3). */
  const stringEnd = (q: number, quote: string, multiline: boolean, escapes: boolean): number => {
    let k = q + quote.length;
    while (k < to) {
      const c = text.charCodeAt(k);
      if (escapes && c === 92) k += 2;
      else if (text.startsWith(quote, k)) return k + quote.length;
      else if (c === 10 && !multiline) return k;
      else k++;
    }
    return to;
  };
  let definer = false;
  let last = 0; // last significant character, for the regex rule
  let q = from;
  while (q < to) {
    const c = text.charCodeAt(q);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      q++;
      continue;
    }
    const start = q;
    if (lang.lineComment && text.startsWith(lang.lineComment, q)) {
      const nl = text.indexOf('\n', q);
      q = nl < 0 || nl > to ? to : nl;
      push(start, q, 'comment');
      continue;
    }
    if (lang.blockComment && text.startsWith(lang.blockComment[0], q)) {
      const close = text.indexOf(lang.blockComment[1], q + lang.blockComment[0].length);
      q = close < 0 || close + lang.blockComment[1].length > to ? to : close + lang.blockComment[1].length;
      push(start, q, 'comment');
      continue;
    }
    const ch = text[q]!;
    if (lang.quotes.includes(ch) || ch === lang.multilineQuote) {
      const triple = lang.python && text.startsWith(ch + ch + ch, q);
      const multi = triple || ch === lang.multilineQuote;
      q = stringEnd(q, triple ? ch + ch + ch : ch, multi, ch === lang.multilineQuote ? lang.multilineEscapes !== false : true);
      let kind: TokenKind = 'string';
      if (lang.jsonKeys) {
        let k = q;
        while (k < to && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k++;
        if (text.charCodeAt(k) === 58) kind = 'name';
      }
      push(start, q, kind);
      last = 34;
      definer = false;
      continue;
    }
    if (isDigit(c) || (c === 46 && isDigit(text.charCodeAt(q + 1)))) {
      q++;
      while (q < to && (isIdent(text.charCodeAt(q)) || text.charCodeAt(q) === 46)) q++;
      push(start, q, 'number');
      last = 48;
      continue;
    }
    if (isIdentStart(c)) {
      while (q < to && isIdent(text.charCodeAt(q))) q++;
      const word = text.slice(start, q);
      const next = text[q];
      if (lang.python && /^[rRbBuUfF]{1,2}$/.test(word) && (next === '"' || next === "'")) {
        // A prefixed string: the prefix is part of the string token.
        const triple = text.startsWith(next + next + next, q);
        q = stringEnd(q, triple ? next + next + next : next, triple, !/[rR]/.test(word));
        push(start, q, 'string');
        last = 34;
        continue;
      }
      let kind: TokenKind | null = null;
      if (lang.keywords.has(word)) kind = 'keyword';
      else if (lang.atoms?.has(word)) kind = 'number';
      else if (definer) kind = 'name';
      else if (lang.types?.has(word)) kind = 'type';
      if (kind) push(start, q, kind);
      definer = kind === 'keyword' && !!lang.definers?.has(word);
      // After a keyword such as `return` an operand (a regex) may follow.
      last = kind === 'keyword' ? 40 : 97;
      continue;
    }
    if (lang.regex && c === 47 && (last === 0 || BEFORE_REGEX.includes(String.fromCharCode(last)))) {
      let k = q + 1;
      let klass = false;
      // Bounded, so a line full of slashes stays linear.
      while (k < to && k - q < 500) {
        const d = text.charCodeAt(k);
        if (d === 10) break;
        if (d === 92) k++;
        else if (d === 91) klass = true;
        else if (d === 93) klass = false;
        else if (d === 47 && !klass) break;
        k++;
      }
      if (k < to && text.charCodeAt(k) === 47) {
        q = k + 1;
        while (q < to && isIdent(text.charCodeAt(q))) q++;
        push(start, q, 'string');
        last = 34;
        continue;
      }
    }
    if (lang.python && c === 64) {
      // A decorator.
      q++;
      while (q < to && (isIdent(text.charCodeAt(q)) || text.charCodeAt(q) === 46)) q++;
      push(start, q, 'meta');
      continue;
    }
    last = c;
    definer = definer && c === 42; // `function*` still defines
    q++;
  }
  return out;
}
