// Benchmarks for the toy world: import cost, building root filesystems, RUN steps, the loop limit,
// and the compressed size of catalogue layers (gzip through the image module's createLayer).
// Set WORLD_BENCH_ALL=1 to measure every catalogue image's compressed size (slow: node:22 is 1.1 GB).
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { materialize, generatedContent, treeSize } from '../../src/engine/fs/index.ts';
import { medianMs, type BenchResult } from './timing.ts';

/** Median in ms, rounded to 0.01 ms. */
async function median(runs: number, fn: () => Promise<unknown> | unknown): Promise<number> {
  return Math.round((await medianMs(runs, fn)) * 100) / 100;
}

export async function bench(): Promise<BenchResult[]> {
  const rows: BenchResult[] = [];
  const t0 = performance.now();
  const world = await import('../../src/engine/world/index.ts');
  rows.push({ name: 'world: import the module (first import, incl. package index)', median_ms: Math.round((performance.now() - t0) * 100) / 100, target: '< 100 ms' });
  const { CATALOG, baseImageRoot, resolveBaseImage, runShell } = world;

  // Root filesystems are memoised per process, so each is built once: time that first build.
  for (const ref of ['alpine:3.21', 'busybox:1.36', 'debian:bookworm-slim', 'ubuntu:24.04', 'node:22-alpine', 'python:3.12-slim']) {
    const t = performance.now();
    const img = resolveBaseImage(ref)!;
    for (const l of img.layers) void l.changes.length;
    rows.push({ name: `world: first build of ${ref} (all layers' changes)`, median_ms: Math.round((performance.now() - t) * 100) / 100 });
  }

  const alpine = resolveBaseImage('alpine:3.21')!;
  const root = baseImageRoot(alpine);
  const env = { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' };
  const run = (script: string, r = root) => runShell({ root: r, argv: ['/bin/sh', '-c', script], env, cwd: '/', user: 'root' });
  rows.push({ name: 'world: RUN echo hello (alpine)', median_ms: await median(15, () => run('echo hello')) });
  rows.push({ name: 'world: RUN apk add --no-cache curl', median_ms: await median(7, () => run('apk add --no-cache curl')) });
  const slim = baseImageRoot(resolveBaseImage('debian:bookworm-slim')!);
  rows.push({ name: 'world: RUN apt-get update && apt-get install -y curl', median_ms: await median(5, () => run('apt-get update && apt-get install -y curl', slim)) });
  rows.push({ name: 'world: RUN while true; do :; done (until the step limit)', median_ms: await median(5, () => run('while true; do :; done')), target: '< 2000 ms' });
  rows.push({ name: 'world: RUN for-loop of 1000 echo lines', median_ms: await median(5, () => run('for i in $(seq 1000); do echo line $i; done')) });

  // Compressibility of generated bulk content (real binaries gzip about 2-3x).
  const sample = materialize(generatedContent('bench-sample', 4 << 20));
  rows.push({ name: 'world: gzip ratio of generated bulk content', value: Math.round((sample.length / gzipSync(sample).length) * 100) / 100, unit: 'x', target: '2-3x' });

  const image = await import('../../src/engine/image/index.ts');
  const all = process.env['WORLD_BENCH_ALL'] === '1';
  const refs = all ? CATALOG.flatMap((r) => Object.keys(r.tags).filter((t) => t !== 'latest' && t !== 'jammy' && t !== 'noble').map((t) => `${r.name}:${t}`)) : ['alpine:3.21', 'busybox:1.36', 'debian:bookworm-slim'];
  for (const ref of refs) {
    const img = resolveBaseImage(ref)!;
    if (!img.layers.length) continue;
    let compressed = 0;
    let tar = 0;
    const t = performance.now();
    for (const l of img.layers) {
      const layer = await image.createLayer(l.changes);
      compressed += layer.compressedSize;
      tar += layer.size;
    }
    rows.push({ name: `world: ${ref} unpacked (file bytes)`, value: Math.round(treeSize(baseImageRoot(img)) / 10_000) / 100, unit: 'MB' });
    rows.push({ name: `world: ${ref} layers as tar`, value: Math.round(tar / 10_000) / 100, unit: 'MB' });
    rows.push({ name: `world: ${ref} layers gzipped (createLayer)`, value: Math.round(compressed / 10_000) / 100, unit: 'MB', median_ms: Math.round(performance.now() - t) });
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await bench()) console.log(JSON.stringify(r));
}
