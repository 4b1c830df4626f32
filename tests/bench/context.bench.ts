// Scaling of the build context: a context of N files in one folder (the Dockerfile among them), over the
// git workspace the lab and the headless CLI use (MemFs), built with `COPY . .`. One row per size for the
// cold build (a fresh engine: context load, COPY, layer) and one for the fully cached rebuild (same engine,
// nothing changed), so the growth from 1,000 to 20,000 files can be read off the table. Medians of several
// runs; the issue's targets are for 5,000 files.
import { createLabEngine } from '../../src/engine/index.ts';
import { imageFromCatalog } from '../../src/engine/store/index.ts';
import { createInMemoryGitWorkspace } from '../../src/workspace/git-workspace.ts';
import { median, type BenchResult } from './timing.ts';

const DOCKERFILE = 'FROM alpine:3.21\nWORKDIR /app\nCOPY . .\n';

async function contextOf(files: number) {
  const ws = await createInMemoryGitWorkspace();
  await ws.batch(async () => {
    await ws.writeFile('Dockerfile', DOCKERFILE);
    for (let i = 1; i < files; i++) await ws.writeFile(`file-${String(i).padStart(5, '0')}.txt`, `content of file ${i}\n`);
  });
  return ws;
}


const SIZES: ReadonlyArray<{ files: number; runs: number; coldTarget?: string; cachedTarget?: string }> = [
  { files: 1000, runs: 7 },
  { files: 5000, runs: 7, coldTarget: '<= 300 ms', cachedTarget: '<= 30 ms' },
  { files: 20000, runs: 3 },
];

export async function bench(): Promise<BenchResult[]> {
  // The base image's layers are hashed once, outside the timings (the site ships their digests).
  await imageFromCatalog('alpine:3.21');
  const rows: BenchResult[] = [];
  for (const { files, runs, coldTarget, cachedTarget } of SIZES) {
    const ws = await contextOf(files);
    const cold: number[] = [];
    const cached: number[] = [];
    for (let i = 0; i <= runs; i++) {
      const engine = createLabEngine();
      let t = performance.now();
      const first = await engine.build({ workspace: ws, contextDir: '/', tags: ['app'] });
      const coldMs = performance.now() - t;
      if (!first.ok) throw new Error(`cold build of ${files} files failed: ${first.error}`);
      t = performance.now();
      const again = await engine.build({ workspace: ws, contextDir: '/', tags: ['app'] });
      const cachedMs = performance.now() - t;
      if (!again.ok) throw new Error(`cached rebuild of ${files} files failed: ${again.error}`);
      if (i === 0) continue; // warm-up
      cold.push(coldMs);
      cached.push(cachedMs);
    }
    const label = files.toLocaleString('en-US');
    rows.push({ name: `context: cold build, ${label} files in one folder`, median_ms: median(cold), ...(coldTarget ? { target: coldTarget } : {}) });
    rows.push({ name: `context: fully cached rebuild, ${label} files`, median_ms: median(cached), ...(cachedTarget ? { target: cachedTarget } : {}) });
  }
  return rows;
}

if (import.meta.main) {
  for (const r of await bench()) console.log(`${r.name}: ${r.median_ms?.toFixed(1)} ms${r.target ? ` (target ${r.target})` : ''}`);
}
