// Build benchmarks for the default sample (node-app): cold build with the catalogue's layer digests already
// known (as the site ships them), a fully cached rebuild, a rebuild after a one-file edit, and a cold build
// of a 50-step Dockerfile. Medians of several runs.
import { createLabEngine } from '../../src/engine/index.ts';
import { createMemoryWorkspace } from '../../src/workspace/memory.ts';
import { imageFromCatalog } from '../../src/engine/store/index.ts';
import { SAMPLES } from '../../src/samples/index.ts';
import { median } from './timing.ts';

interface BenchResult {
  name: string;
  median_ms?: number;
  value?: number;
  unit?: string;
  target?: string;
}


const RUNS = 7;

export async function bench(): Promise<BenchResult[]> {
  const files = SAMPLES['node-app']!.files;
  // Catalogue data local: hash the base layers once, outside the timings (the site precomputes them).
  await imageFromCatalog('node:22-alpine');
  await imageFromCatalog('alpine:3.21');

  const cold: number[] = [];
  const cached: number[] = [];
  const edit: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const ws = await createMemoryWorkspace(files);
    const engine = createLabEngine();
    let t = performance.now();
    const first = await engine.build({ workspace: ws, contextDir: '/', tags: ['app'] });
    cold.push(performance.now() - t);
    if (!first.ok) throw new Error(`cold build failed: ${first.error}`);
    t = performance.now();
    await engine.build({ workspace: ws, contextDir: '/', tags: ['app'] });
    cached.push(performance.now() - t);
    await ws.writeFile('/src/index.js', `${files['src/index.js']}// edit ${i}\n`);
    t = performance.now();
    const third = await engine.build({ workspace: ws, contextDir: '/', tags: ['app'] });
    edit.push(performance.now() - t);
    if (!third.ok) throw new Error(`rebuild failed: ${third.error}`);
  }

  const lines = ['FROM alpine:3.21', 'WORKDIR /work'];
  for (let i = 0; lines.length < 51; i++) {
    lines.push(i % 2 === 0 ? `RUN echo step ${i} > /work/step-${i}.txt` : `COPY file-${i}.txt /work/`);
  }
  const bigFiles: Record<string, string> = { Dockerfile: lines.join('\n') + '\n' };
  for (let i = 1; i < 60; i += 2) bigFiles[`file-${i}.txt`] = `content ${i}\n`;
  const fifty: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const ws = await createMemoryWorkspace(bigFiles);
    const engine = createLabEngine();
    const t = performance.now();
    const r = await engine.build({ workspace: ws, contextDir: '/', tags: ['fifty'] });
    fifty.push(performance.now() - t);
    if (!r.ok) throw new Error(`50-step build failed: ${r.error}`);
  }

  return [
    { name: 'build: cold build of node-app (catalogue digests local)', median_ms: median(cold), target: '<= 150 ms' },
    { name: 'build: fully cached rebuild of node-app', median_ms: median(cached), target: '<= 15 ms' },
    { name: 'build: rebuild after a one-file edit (node-app)', median_ms: median(edit) },
    { name: 'build: cold build of a 50-step Dockerfile', median_ms: median(fifty) },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await bench()) console.log(`${r.name}: ${r.median_ms?.toFixed(1)} ms${r.target ? ` (target ${r.target})` : ''}`);
}
