// Makes the catalogue data the site ships (src/engine/world/catalog-*.json), so browsers need not build
// images or hash base layers:
//   - catalog-images.json: each non-root image as the lab's builder builds it from its Dockerfile in
//     src/engine/world/dockerfiles/ (config, history, and the step behind each layer), see build-catalog.ts;
//   - catalog-digests.json: diffIDs, blob digests and sizes of every catalogue layer (root layers as
//     createLayer computes them, built layers as the builder committed them).
// Before writing, it checks that the images catalog.ts will serve from that data equal what the builder
// made (changes and filesystems of every layer, config, history). Run it (about a minute) as
//   npm run catalog        (npx node tools/precompute-digests.ts)
// Progress goes to stderr as one JSON line per layer or image.
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { diffSize } from '../src/engine/store/sizes.ts';
import { createLayer } from '../src/engine/image/index.ts';
import { CATALOG, imageFromShipped, layerRoot } from '../src/engine/world/catalog.ts';
import { CATALOG_BUILDS, type ShippedImage } from '../src/engine/world/catalog-builds.ts';
import type { LayerDigestFacts } from '../src/engine/world/digests.ts';
import type { BaseLayer } from '../src/engine/world/types.ts';
import { buildCatalogImage, differences } from './build-catalog.ts';

/** Facts of the root images' layers (the ones no Dockerfile here builds), smallest first. */
export async function rootLayerDigests(onLayer?: (id: string, facts: LayerDigestFacts) => void): Promise<Record<string, LayerDigestFacts>> {
  const builtIds = new Set(CATALOG_BUILDS.flatMap((b) => b.layerIds));
  const layers = new Map<string, BaseLayer>();
  for (const repo of CATALOG) for (const img of Object.values(repo.tags)) for (const l of img.layers) if (!builtIds.has(l.id)) layers.set(l.id, l);
  const bytes = (l: BaseLayer): number => diffSize(l.changes);
  const out: Record<string, LayerDigestFacts> = {};
  for (const id of [...layers.keys()].sort((a, b) => bytes(layers.get(a)!) - bytes(layers.get(b)!))) {
    // Exactly what the store computes for a catalogue layer (engine/store catalogLayer).
    const layer = layers.get(id)!;
    const built = await createLayer(layer.changes, { upper: layerRoot(layer) });
    out[id] = { diffId: built.diffId, digest: built.digest, size: built.size, compressedSize: built.compressedSize };
    onLayer?.(id, out[id]);
  }
  return out;
}

function sortedByKey<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.keys(record).sort().map((k) => [k, record[k]!]));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const facts = await rootLayerDigests((id, f) => console.error(JSON.stringify({ id, ...f })));
  const images: Record<string, ShippedImage> = {};
  for (const build of CATALOG_BUILDS) {
    const started = Date.now();
    const built = await buildCatalogImage(build);
    const problems = differences(built.image, imageFromShipped(build.ref, built.shipped));
    if (problems.length) throw new Error(`${build.ref}: the catalogue would not serve what the builder made: ${problems.join('; ')}`);
    Object.assign(facts, built.facts);
    images[build.ref] = built.shipped;
    console.error(JSON.stringify({ image: build.ref, layers: built.shipped.layers.length, ms: Date.now() - started }));
  }
  const world = new URL('../src/engine/world/', import.meta.url);
  writeFileSync(new URL('catalog-digests.json', world), JSON.stringify(sortedByKey(facts), null, 2) + '\n');
  writeFileSync(new URL('catalog-images.json', world), JSON.stringify(images, null, 2) + '\n');
}
