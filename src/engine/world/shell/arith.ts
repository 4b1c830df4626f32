// Integer arithmetic for $((…)): + - * / % ** comparisons, && || !, parentheses, assignment.

export function evalArith(src: string, get: (name: string) => number, set: (name: string, v: number) => void): number {
  const tokens = src.match(/\s*(\d+|[A-Za-z_][A-Za-z0-9_]*|\*\*|<=|>=|==|!=|&&|\|\||<<|>>|[-+*/%()<>!=&|^~?:])/g)?.map((t) => t.trim()) ?? [];
  if (tokens.join('').replace(/\s/g, '') !== src.replace(/\s/g, '')) throw new Error('bad arithmetic');
  let i = 0;
  const peek = (): string | undefined => tokens[i];
  const next = (): string => {
    const t = tokens[i++];
    if (t === undefined) throw new Error('unexpected end');
    return t;
  };
  const binary: [string[], (a: number, b: number, op: string) => number][] = [
    [['||'], (a, b) => (a || b ? 1 : 0)],
    [['&&'], (a, b) => (a && b ? 1 : 0)],
    [['|'], (a, b) => a | b],
    [['^'], (a, b) => a ^ b],
    [['&'], (a, b) => a & b],
    [['==', '!='], (a, b, op) => ((op === '==') === (a === b) ? 1 : 0)],
    [['<', '>', '<=', '>='], (a, b, op) => (op === '<' ? a < b : op === '>' ? a > b : op === '<=' ? a <= b : a >= b) ? 1 : 0],
    [['<<', '>>'], (a, b, op) => (op === '<<' ? a << b : a >> b)],
    [['+', '-'], (a, b, op) => (op === '+' ? a + b : a - b)],
    [['*', '/', '%'], (a, b, op) => {
      if (op !== '*' && b === 0) throw new Error('division by zero');
      return op === '*' ? a * b : op === '/' ? Math.trunc(a / b) : a % b;
    }],
  ];
  const level = (n: number): number => {
    if (n >= binary.length) return unary();
    const [ops, fn] = binary[n]!;
    let left = level(n + 1);
    while (peek() !== undefined && ops.includes(peek()!)) {
      const op = next();
      left = fn(left, level(n + 1), op);
    }
    return left;
  };
  const unary = (): number => {
    const t = peek();
    if (t === '-') { next(); return -unary(); }
    if (t === '+') { next(); return unary(); }
    if (t === '!') { next(); return unary() ? 0 : 1; }
    if (t === '~') { next(); return ~unary(); }
    return power();
  };
  const power = (): number => {
    const base = primary();
    if (peek() === '**') {
      next();
      return base ** unary();
    }
    return base;
  };
  const primary = (): number => {
    const t = next();
    if (t === '(') {
      const v = ternary();
      if (next() !== ')') throw new Error('expected )');
      return v;
    }
    if (/^\d+$/.test(t)) return Number(t);
    if (/^[A-Za-z_]/.test(t)) {
      if (peek() === '=' && tokens[i + 1] !== '=') {
        next();
        const v = ternary();
        set(t, v);
        return v;
      }
      return get(t);
    }
    throw new Error(`unexpected ${t}`);
  };
  const ternary = (): number => {
    const c = level(0);
    if (peek() === '?') {
      next();
      const a = ternary();
      if (next() !== ':') throw new Error('expected :');
      const b = ternary();
      return c ? a : b;
    }
    return c;
  };
  const v = ternary();
  if (i !== tokens.length) throw new Error('trailing tokens');
  return Math.trunc(v);
}
