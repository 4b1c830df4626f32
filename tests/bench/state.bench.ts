// Benchmarks for restoring a saved lab: loading an engine's saved state (checking every part against
// its schema, then applying it), for the format-1 fixture (tests/unit/state) and for a lab that built the
// default sample (node base image, a few hundred files per layer).
import { readFileSync } from 'node:fs';
import { createLabEngine } from '../../src/engine/index.ts';
import { createLabShell } from '../../src/shell/index.ts';
import { createMemoryWorkspace } from '../../src/workspace/memory.ts';
import { SAMPLES, DEFAULT_SAMPLE } from '../../src/samples/index.ts';
import { decodeTagged } from '../unit/state/tagged-json.ts';
import { medianMs, type BenchResult } from './timing.ts';

const round = (x: number, digits = 2): number => Number(x.toFixed(digits));

export async function bench(): Promise<BenchResult[]> {
  const fixture = decodeTagged(JSON.parse(readFileSync(new URL('../unit/state/fixtures/saved-lab-v1.json', import.meta.url), 'utf8')));
  const v1 = await medianMs(21, () => createLabEngine().importState(structuredClone(fixture)));

  const engine = createLabEngine();
  const ws = await createMemoryWorkspace(SAMPLES[DEFAULT_SAMPLE]!.files);
  const shell = createLabShell({ workspace: ws, engine });
  const io = { stdout: () => undefined, stderr: () => undefined, tty: false, columns: 80 };
  if ((await shell.run('docker build -q -t app .', io)) !== 0) throw new Error('the sample did not build');
  const saved = structuredClone(engine.exportState());
  const sample = await medianMs(11, () => createLabEngine().importState(structuredClone(saved)));
  const clone = await medianMs(11, () => structuredClone(saved));
  return [
    { name: 'load the format-1 fixture (3 images, 2 containers, 2 cache records)', median_ms: round(v1), target: '<= 50 ms' },
    { name: `load a lab that built ${DEFAULT_SAMPLE} (clone and check and apply)`, median_ms: round(sample), target: '<= 100 ms' },
    { name: `of which structuredClone alone (what IndexedDB costs anyway)`, median_ms: round(clone) },
  ];
}
