// Integer arithmetic for $((…)) on 64-bit signed integers, as the shells do: + - * / % **,
// comparisons, bit operators and shifts, && || !, ?:, parentheses and assignment (= += -= …).
// Numbers may be decimal, octal (leading 0) or hex (0x). Errors carry what each shell needs to word
// them: busybox math.c, dash arith_yacc.c and bash expr.c each say it differently.

export class ArithError extends Error {
  /** 'zero' for a division by zero, 'number' for dash's "Illegal number", 'syntax' for anything else. */
  readonly kind: 'zero' | 'syntax' | 'number';
  /** dash's yyerror() text: "division by zero", "expecting primary", "expecting EOF", … */
  readonly dashText: string;
  /** The rest of the expression from the token that failed (bash's "error token"). */
  readonly rest: string;
  constructor(kind: 'zero' | 'syntax' | 'number', dashText: string, rest: string) {
    super(dashText);
    this.kind = kind;
    this.dashText = dashText;
    this.rest = rest;
  }
}

const TOKEN_RE = /\s*(0[xX][0-9A-Fa-f]+|\d+|[A-Za-z_][A-Za-z0-9_]*|\*\*=?|<<=|>>=|<=|>=|==|!=|&&|\|\||<<|>>|[-+*/%&|^]=|\+\+|--|[-+*/%()<>!=&|^~?:])/y;

const wrap = (v: bigint): bigint => BigInt.asIntN(64, v);

/** a ** b in 64-bit two's complement, by squaring (b may be up to 2^63). */
function power64(a: bigint, b: bigint): bigint {
  let result = 1n;
  let base = wrap(a);
  for (let e = b; e > 0n; e >>= 1n) {
    if (e & 1n) result = wrap(result * base);
    base = wrap(base * base);
  }
  return result;
}

/**
 * Evaluates `src`; `get` reads a variable's text, `set` assigns one. With `recurse` (ash, bash) a
 * variable holding an expression is evaluated in turn; without it (dash) it is an illegal number.
 */
export function evalArith(src: string, get: (name: string) => string | undefined, set: (name: string, v: string) => void, recurse = true, nesting = 0): bigint {
  // busybox math.c arith_lookup_val(): a variable met again while it is being evaluated.
  if (nesting > 32) throw new ArithError('syntax', 'expression recursion loop detected', src);
  const tokens: { t: string; at: number }[] = [];
  TOKEN_RE.lastIndex = 0;
  let at = 0;
  while (at < src.length) {
    if (/^\s*$/.test(src.slice(at))) break;
    TOKEN_RE.lastIndex = at;
    const m = TOKEN_RE.exec(src);
    if (!m) throw new ArithError('syntax', 'expecting primary', src.slice(at).trimStart());
    tokens.push({ t: m[1]!, at: at + m[0].length - m[1]!.length });
    at = TOKEN_RE.lastIndex;
  }
  let i = 0;
  const peek = (): string | undefined => tokens[i]?.t;
  const restFrom = (k: number): string => (tokens[k] ? src.slice(tokens[k]!.at) : '');
  const next = (): string => {
    const t = tokens[i++];
    if (t === undefined) throw new ArithError('syntax', 'expecting primary', '');
    return t.t;
  };
  const num = (text: string, k: number): bigint => {
    if (/^0[xX][0-9A-Fa-f]+$/.test(text)) return wrap(BigInt(text));
    if (/^0[0-7]*$/.test(text)) return wrap(BigInt(`0o${text.slice(1) || '0'}`));
    if (/^\d+$/.test(text) && !text.startsWith('0')) return wrap(BigInt(text));
    throw new ArithError('syntax', 'expecting primary', restFrom(k));
  };
  const varValue = (name: string, k: number): bigint => {
    const v = (get(name) ?? '').trim();
    if (v === '') return 0n;
    const neg = v.startsWith('-');
    const body = neg || v.startsWith('+') ? v.slice(1) : v;
    if (!/^(0[xX][0-9A-Fa-f]+|\d+)$/.test(body)) {
      if (!recurse) throw new ArithError('number', v, restFrom(k));
      return evalArith(v, get, set, recurse, nesting + 1);
    }
    const n = num(body, k);
    return neg ? wrap(-n) : n;
  };
  const divide = (a: bigint, b: bigint, op: string, k: number): bigint => {
    if (b === 0n) throw new ArithError('zero', 'division by zero', restFrom(k));
    return wrap(op === '/' ? a / b : a % b);
  };
  const apply = (op: string, a: bigint, b: bigint, k: number): bigint => {
    switch (op) {
      case '||': return a !== 0n || b !== 0n ? 1n : 0n;
      case '&&': return a !== 0n && b !== 0n ? 1n : 0n;
      case '|': return a | b;
      case '^': return a ^ b;
      case '&': return a & b;
      case '==': return a === b ? 1n : 0n;
      case '!=': return a !== b ? 1n : 0n;
      case '<': return a < b ? 1n : 0n;
      case '>': return a > b ? 1n : 0n;
      case '<=': return a <= b ? 1n : 0n;
      case '>=': return a >= b ? 1n : 0n;
      case '<<': return wrap(a << (b & 63n));
      case '>>': return a >> (b & 63n);
      case '+': return wrap(a + b);
      case '-': return wrap(a - b);
      case '*': return wrap(a * b);
      case '/': case '%': return divide(a, b, op, k);
      case '**':
        if (b < 0n) throw new ArithError('syntax', 'exponent less than 0', restFrom(k));
        return power64(a, b);
    }
    throw new ArithError('syntax', 'expecting primary', restFrom(k));
  };
  const LEVELS = [['||'], ['&&'], ['|'], ['^'], ['&'], ['==', '!='], ['<', '>', '<=', '>='], ['<<', '>>'], ['+', '-'], ['*', '/', '%']];
  let depth = 0;
  const level = (n: number): bigint => {
    if (n >= LEVELS.length) return unary();
    let left = level(n + 1);
    while (peek() !== undefined && LEVELS[n]!.includes(peek()!)) {
      const k = i;
      const op = next();
      // && and || do not evaluate (or assign in) their right side when the left decides.
      const right = level(n + 1);
      left = apply(op, left, right, k + 1);
    }
    return left;
  };
  const unary = (): bigint => {
    if (++depth > 200) throw new ArithError('syntax', 'expression too deeply nested', restFrom(i));
    try {
      const t = peek();
      if (t === '-') { next(); return wrap(-unary()); }
      if (t === '+') { next(); return unary(); }
      if (t === '!') { next(); return unary() === 0n ? 1n : 0n; }
      if (t === '~') { next(); return ~unary(); }
      return power();
    } finally {
      depth--;
    }
  };
  const power = (): bigint => {
    const base = primary();
    if (peek() === '**') {
      const k = i;
      next();
      return apply('**', base, unary(), k + 1);
    }
    return base;
  };
  const primary = (): bigint => {
    const k = i;
    const t = next();
    if (t === '(') {
      const v = comma();
      if (peek() !== ')') throw new ArithError('syntax', "expecting ')'", restFrom(i));
      next();
      return v;
    }
    if (/^\d/.test(t)) return num(t, k);
    if (/^[A-Za-z_]/.test(t)) {
      const op = peek();
      if (op !== undefined && /^(=|[-+*/%&|^]=|<<=|>>=|\*\*=)$/.test(op)) {
        next();
        const rhs = ternary();
        const v = op === '=' ? rhs : apply(op.slice(0, -1), varValue(t, k), rhs, i);
        set(t, String(v));
        return v;
      }
      return varValue(t, k);
    }
    throw new ArithError('syntax', 'expecting primary', restFrom(k));
  };
  const ternary = (): bigint => {
    const c = level(0);
    if (peek() === '?') {
      next();
      const a = comma();
      if (peek() !== ':') throw new ArithError('syntax', "expecting ':'", restFrom(i));
      next();
      const b = ternary();
      return c !== 0n ? a : b;
    }
    return c;
  };
  const comma = (): bigint => ternary();
  if (tokens.length === 0) return 0n;
  const v = comma();
  if (i !== tokens.length) throw new ArithError('syntax', 'expecting EOF', restFrom(i));
  return v;
}
