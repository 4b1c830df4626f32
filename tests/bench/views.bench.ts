// Benchmarks of the pictures' work that runs on the main thread: folding engine events into the
// layer stack and pull models, and the explorer's analysis (stacked roots, a layer's marked tree,
// dive's efficiency, deleted-but-shipped files, packages per layer) on catalogue images.
import { resolveBaseImage } from '../../src/engine/world/index.ts';
import { efficiency, layerTree, onlyChanges, packagesByLayer, shippedButHidden, stackRoots } from '../../src/engine/analysis/index.ts';
import { TransferModel } from '../../src/components/views/transfer-model.ts';
import { LayerStackModel } from '../../src/components/views/layer-stack-model.ts';
import { schedulePull, NETWORK_PRESETS } from '../../src/engine/registry/index.ts';
import type { BuildEvent } from '../../src/engine/builder/events.ts';
import { median } from './timing.ts';


function time(runs: number, fn: () => void): number {
  fn(); // warm-up
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    out.push(performance.now() - t);
  }
  return median(out);
}

/** A synthetic but realistic build timeline: 12 steps, the 4th misses, every step logs and commits. */
function buildEvents(n: number): BuildEvent[] {
  const ev: BuildEvent[] = [{ type: 'build-start', buildId: 'b', at: 0, dockerfile: 'Dockerfile', tags: ['docker.io/library/app:latest'] }];
  let at = 0;
  ev.push({ type: 'step-start', buildId: 'b', at, stepId: '#1', name: `[1/${n + 1}] FROM docker.io/library/alpine:3.21`, kind: 'step', stage: '', line: 1 });
  ev.push({ type: 'step-done', buildId: 'b', at, stepId: '#1', status: 'cached', durationMs: 0 });
  for (let i = 0; i < n; i++) {
    const stepId = `#${i + 2}`;
    ev.push({ type: 'step-start', buildId: 'b', at, stepId, name: `[${i + 2}/${n + 1}] RUN step ${i}`, kind: 'step', stage: '', line: i + 2 });
    if (i < 3) ev.push({ type: 'cache-hit', buildId: 'b', at, stepId, key: `k${i}` });
    else ev.push({ type: 'cache-miss', buildId: 'b', at, stepId, key: `k${i}`, reason: 'the step above it was rebuilt' });
    at += 100;
    if (i >= 3) ev.push({ type: 'layer-committed', buildId: 'b', at, stepId, diffId: `sha256:${i}`, digest: `sha256:d${i}`, size: 1000 * i, diffSize: 1000 * i, compressedSize: 500 * i, changes: [] });
    ev.push({ type: 'step-done', buildId: 'b', at, stepId, status: i < 3 ? 'cached' : 'done', durationMs: 100 });
  }
  ev.push({ type: 'build-done', buildId: 'b', at, ok: true, imageId: 'sha256:img', tags: ['docker.io/library/app:latest'] });
  return ev;
}

export async function bench() {
  const out: { name: string; median_ms?: number; value?: number; unit?: string; target?: string }[] = [];

  const events = buildEvents(12);
  out.push({
    name: 'views: fold a 12-step build into the layer stack model',
    median_ms: time(50, () => {
      const m = new LayerStackModel({ cacheLayer: (k) => ({ digest: `sha256:${k}`, diffSize: 1 }), image: () => undefined });
      for (const e of events) m.apply(e);
    }),
    target: '< 1 ms (per event work is a small fraction of a 50 ms task)',
  });

  const layers = Array.from({ length: 10 }, (_, i) => ({ digest: `sha256:${String(i).repeat(64).slice(0, 64)}`, compressedSize: 3_000_000 * (i + 1), size: 8_000_000 * (i + 1), present: i < 2 }));
  const pull = schedulePull({ tagOrDigest: 'x', repository: 'library/x', layers, digest: 'sha256:x', network: NETWORK_PRESETS.home });
  out.push({ name: 'views: pull events of a 10-layer image (count)', value: pull.length, unit: 'events' });
  out.push({
    name: 'views: fold a 10-layer pull into the pull model',
    median_ms: time(50, () => {
      const m = new TransferModel({ blobSize: () => 1, imagesWith: () => [] });
      for (const e of pull) m.apply(e);
    }),
    target: '< 5 ms',
  });

  for (const ref of ['alpine:3.21', 'node:22-alpine', 'ubuntu:24.04']) {
    const img = resolveBaseImage(ref)!;
    const ls = img.layers.map((l) => l.changes); // computed once here (the catalogue's own work)
    const roots = stackRoots(ls);
    out.push({ name: `views: stack the layers of ${ref}`, median_ms: time(10, () => stackRoots(ls)) });
    const top = ls.length - 1;
    const biggest = ls.reduce((best, l, i) => (l.length > ls[best]!.length ? i : best), 0);
    out.push({ name: `views: ${ref} largest layer's marked tree (${ls[biggest]!.length} entries)`, median_ms: time(10, () => layerTree(ls, biggest, { roots })), target: '< 50 ms' });
    out.push({ name: `views: ${ref} top layer's tree, changed files only`, median_ms: time(10, () => onlyChanges(layerTree(ls, top, { roots }))) });
    out.push({ name: `views: ${ref} dive efficiency + deleted-but-shipped`, median_ms: time(10, () => { efficiency(ls, roots); shippedButHidden(ls, roots); }), target: '< 50 ms' });
    out.push({ name: `views: ${ref} packages per layer`, median_ms: time(10, () => packagesByLayer(ls, { roots })) });
  }
  return out;
}

if (import.meta.main) console.table(await bench());
