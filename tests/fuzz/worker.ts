// The fuzz worker: draws cases from the generators with its own seed and runs them one by one,
// telling the parent before each case starts (so a hang can be pinned on its input) and after it ends.
import fc from 'fast-check';
import { parentPort, workerData } from 'node:worker_threads';
import { BASES, dockerfile, script } from './arbitraries.ts';
import { runBuildCase, runShellCase } from './verdict.ts';

const { seed } = workerData as { seed: number };
const port = parentPort!;
const rng = fc.integer({ min: 0, max: 2 ** 31 - 1 });

for (let n = 0; ; n++) {
  const caseSeed = fc.sample(rng, { numRuns: 1, seed: seed + n })[0]!;
  // One build for every nine scripts: builds are slower and cover the Dockerfile side.
  const build = n % 10 === 9;
  const input = build ? fc.sample(dockerfile, { numRuns: 1, seed: caseSeed })[0]! : fc.sample(script, { numRuns: 1, seed: caseSeed })[0]!;
  const base = BASES[n % BASES.length]!;
  port.postMessage({ type: 'start', kind: build ? 'build' : 'shell', input, base });
  const verdict = build ? await runBuildCase(input) : await runShellCase(input, base);
  port.postMessage({ type: 'done', verdict });
}
