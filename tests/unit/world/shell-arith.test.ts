// $((…)) as the shells do it (issue 13 item 13).
import { describe, expect, it } from 'vitest';
import { sh } from './helpers.ts';

const withArgs = (image: string, script: string) => sh(image, '', { argv: ['/bin/sh', '-c', script, 'sh', '41', 'b'] });

describe('arithmetic expansion', () => {
  // POSIX 2.6.4: the expression is expanded as in double quotes first (parameters, $(…)).
  it('expands positional parameters, $#, ${#v} and $(…) inside', async () => {
    const r = await withArgs('alpine:3.21', 'v=abcd; echo $(( $1 + 1 )) $(( $# * 2 )) $(( ${#v} - 1 )) $(( $(echo 3) * 2 ))');
    expect(r.out).toBe('42 4 3 6\n');
  });

  it('works on 64-bit integers with C division, hex and octal', async () => {
    const r = await sh('alpine:3.21', 'echo $((1 << 40)) $((2**63)) $((-7 / 2)) $((-7 % 2)) $((0x10 + 010)); x=5; echo $((x += 2)) $x $((x > 3 ? 10 : 20))');
    expect(r.out).toBe('1099511627776 -9223372036854775808 -3 -1 24\n7 7 10\n');
  });

  // busybox shell/math.c arith_apply(): return "divide by zero"; ash_arith() raises it through
  // ash_msg_and_raise_error, which ends `sh -c` with status 2 before the next command.
  it('ash: division by zero says "divide by zero"', async () => {
    const r = await sh('alpine:3.21', 'echo $((1/0)); echo after');
    expect(r.err).toBe('/bin/sh: divide by zero\n');
    expect(r.out).toBe('');
    expect(r.code).toBe(2);
    const mod = await sh('alpine:3.21', 'x=0; echo $(( 5 % x ))');
    expect(mod.err).toBe('/bin/sh: divide by zero\n');
  });

  it('ash: a malformed expression says "arithmetic syntax error"', async () => {
    const r = await sh('alpine:3.21', 'echo $(( 1 + ))');
    expect(r.err).toBe('/bin/sh: arithmetic syntax error\n');
    expect(r.code).toBe(2);
  });

  // dash src/arith_yacc.c: yyerror("division by zero") -> sh_error("arithmetic expression: %s: \"%s\"").
  it('dash: division by zero quotes the expression', async () => {
    const r = await sh('debian:bookworm-slim', 'echo $((1/0))');
    expect(r.err).toBe('/bin/sh: 1: arithmetic expression: division by zero: "1/0"\n');
    expect(r.code).toBe(2);
    const syntax = await sh('debian:bookworm-slim', 'echo $((1+))');
    expect(syntax.err).toBe('/bin/sh: 1: arithmetic expression: expecting primary: "1+"\n');
  });

  // dash reads a variable with atomax(): a value that is not a number is "Illegal number";
  // busybox math.c evaluates it as an expression in turn.
  it('a variable holding a name: dash refuses it, ash follows it', async () => {
    const d = await sh('debian:bookworm-slim', 'v=abc; echo $((v + 1))');
    expect(d.err).toBe('/bin/sh: 1: Illegal number: abc\n');
    const a = await sh('alpine:3.21', 'v=abc; abc=4; echo $((v + 1))');
    expect(a.out).toBe('5\n');
    const loop = await sh('alpine:3.21', 'a=b; b=a; echo $((a))');
    expect(loop.err).toBe('/bin/sh: expression recursion loop detected\n');
  });

  // bash expr.c evalerror(): "<expr>: division by 0 (error token is "<rest>")".
  it('bash: division by zero names the error token', async () => {
    const r = await sh('debian:bookworm-slim', '', { argv: ['bash', '-c', 'echo $((1/0))'] });
    expect(r.err).toBe('bash: line 1: 1/0: division by 0 (error token is "0")\n');
  });
});
