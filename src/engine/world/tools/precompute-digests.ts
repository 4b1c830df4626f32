// Computes diffIDs, blob digests and sizes of every catalogue layer with the image module, so
// browsers need not hash base layers at startup. Prints JSON; run it as
//   npx node src/engine/world/tools/precompute-digests.ts > src/engine/world/catalog-digests.json
// (optionally with layer ids as arguments to compute only those). No Node built-ins: it only prints.
import { createLayer } from '../../image/index.ts';
import { CATALOG, layerRoot } from '../catalog.ts';
import type { BaseLayer } from '../types.ts';

export interface LayerDigestFacts {
  diffId: string;
  digest: string;
  size: number;
  compressedSize: number;
}

export async function computeDigests(only?: ReadonlySet<string>): Promise<Record<string, LayerDigestFacts>> {
  const layers = new Map<string, BaseLayer>();
  for (const repo of CATALOG) for (const img of Object.values(repo.tags)) for (const l of img.layers) layers.set(l.id, l);
  const out: Record<string, LayerDigestFacts> = {};
  for (const id of [...layers.keys()].sort()) {
    if (only && !only.has(id)) continue;
    const layer = layers.get(id)!;
    const built = await createLayer(layer.changes, { upper: layerRoot(layer) });
    out[id] = { diffId: built.diffId, digest: built.digest, size: built.size, compressedSize: built.compressedSize };
  }
  return out;
}

const argv = (globalThis as { process?: { argv: string[] } }).process?.argv ?? [];
if (argv[1] && import.meta.url.endsWith(argv[1].replace(/^.*\/src\//, '/src/'))) {
  const ids = argv.slice(2);
  const facts = await computeDigests(ids.length ? new Set(ids) : undefined);
  console.log(JSON.stringify(facts, null, 2));
}
