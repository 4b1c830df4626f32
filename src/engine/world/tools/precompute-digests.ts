// Computes diffIDs, blob digests and sizes of every catalogue layer with the image module, so
// browsers need not hash base layers at startup. Prints JSON; run it as
//   npx node src/engine/world/tools/precompute-digests.ts > src/engine/world/catalog-digests.json
// (optionally with layer ids as arguments to compute only those). Progress goes to stderr as one
// JSON line per layer. No Node built-ins: it only prints.
import { contentSize } from '../../fs/index.ts';
import { createLayer } from '../../image/index.ts';
import { CATALOG } from '../catalog.ts';
import type { BaseLayer } from '../types.ts';

export interface LayerDigestFacts {
  diffId: string;
  digest: string;
  size: number;
  compressedSize: number;
}

export async function computeDigests(only?: ReadonlySet<string>, onLayer?: (id: string, facts: LayerDigestFacts) => void): Promise<Record<string, LayerDigestFacts>> {
  const layers = new Map<string, BaseLayer>();
  for (const repo of CATALOG) for (const img of Object.values(repo.tags)) for (const l of img.layers) layers.set(l.id, l);
  const out: Record<string, LayerDigestFacts> = {};
  const bytes = (l: BaseLayer): number => l.changes.reduce((a, c) => a + (c.kind !== 'deleted' && c.node.type === 'file' ? contentSize(c.node.content) : 0), 0);
  // Smallest layers first, so a partial run still covers the images lessons use most.
  const ids = [...layers.keys()].filter((id) => !only || only.has(id)).sort((a, b) => bytes(layers.get(a)!) - bytes(layers.get(b)!));
  for (const id of ids) {
    const layer = layers.get(id)!;
    // Exactly what the store computes for a catalogue layer (engine/store catalogLayer): createLayer(changes).
    const built = await createLayer(layer.changes);
    out[id] = { diffId: built.diffId, digest: built.digest, size: built.size, compressedSize: built.compressedSize };
    onLayer?.(id, out[id]);
  }
  const sorted: Record<string, LayerDigestFacts> = {};
  for (const id of Object.keys(out).sort()) sorted[id] = out[id]!;
  return sorted;
}

const argv = (globalThis as { process?: { argv: string[] } }).process?.argv ?? [];
if (argv[1] && import.meta.url.endsWith(argv[1].replace(/^.*\/src\//, '/src/'))) {
  const ids = argv.slice(2);
  const facts = await computeDigests(ids.length ? new Set(ids) : undefined, (id, f) => console.error(JSON.stringify({ id, ...f })));
  console.log(JSON.stringify(facts, null, 2));
}
