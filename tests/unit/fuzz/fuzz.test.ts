// Issue 13 "Done when": fuzzed scripts and Dockerfiles end within their step limit with a success,
// a docker- or shell-style error or a lab limit, and never show JavaScript's own error text. The
// same generators run for minutes in `npm run fuzz` (tests/fuzz/run.ts); here a bounded number of
// runs with a fixed seed, so a failure can be replayed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BASES, deepScript, dockerfile, mutatedScript, script, tokenScript } from '../../fuzz/arbitraries.ts';
import { leakedJsText, runBuildCase, runShellCase } from '../../fuzz/verdict.ts';

describe('fuzz: the container shell', () => {
  it('every script ends with success, a shell error or a lab limit', async () => {
    await fc.assert(
      fc.asyncProperty(script, fc.constantFrom(...BASES), async (s, base) => {
        const v = await runShellCase(s, base);
        expect(v, JSON.stringify(v)).not.toMatchObject({ kind: 'internal' });
      }),
      { numRuns: 400, seed: 13 },
    );
  }, 120_000);

  it('the generators reach both successes and errors, and an endless loop is a limit', async () => {
    const kinds = new Set<string>();
    for (const s of [...fc.sample(tokenScript, { numRuns: 60, seed: 1 }), ...fc.sample(mutatedScript, { numRuns: 60, seed: 2 }), ...fc.sample(deepScript, { numRuns: 20, seed: 3 })]) {
      kinds.add((await runShellCase(s)).kind);
    }
    expect([...kinds]).toEqual(expect.arrayContaining(['error', 'ok']));
    expect(kinds.has('internal')).toBe(false);
    expect(await runShellCase('while :; do :; done')).toEqual({ kind: 'limit' });
  }, 120_000);

  it('the leak check itself catches JavaScript text that the input did not contain', () => {
    expect(leakedJsText('/bin/sh: x: TypeError: oops', 'x')).toBe('TypeError');
    expect(leakedJsText('value is undefined', 'echo hi')).toBe('undefined');
    expect(leakedJsText('undefined', 'echo undefined')).toBeUndefined();
    expect(leakedJsText('/bin/sh: syntax error: unexpected "("', 'for i in (')).toBeUndefined();
  });
});

describe('fuzz: whole builds', () => {
  it('every Dockerfile builds or fails with a buildx-style error', async () => {
    await fc.assert(
      fc.asyncProperty(dockerfile, async (d) => {
        const v = await runBuildCase(d);
        expect(v, JSON.stringify(v)).not.toMatchObject({ kind: 'internal' });
      }),
      { numRuns: 80, seed: 14 },
    );
  }, 120_000);
});
