// The check behind catalog-builds.test.ts and catalog-builds-large.test.ts: a catalogue image rebuilt
// from its Dockerfile by the lab's builder (tools/build-catalog.ts) equals what catalog.ts serves from
// the shipped data (catalog-images.json, catalog-digests.json).
import { expect } from 'vitest';
import { createLayer } from '../../../src/engine/image/index.ts';
import { catalogLayerFacts, layerRoot, resolveBaseImage } from '../../../src/engine/world/index.ts';
import type { CatalogBuild } from '../../../src/engine/world/catalog-builds.ts';
import { buildCatalogImage, differences } from '../../../tools/build-catalog.ts';

/** The images that take longest to build (node:22 is 1.1 GB, golang:1.23-alpine 255 MB). */
export const LARGE = new Set(['node:22', 'golang:1.23-alpine']);

export async function expectBuiltAsServed(build: CatalogBuild): Promise<void> {
  const served = resolveBaseImage(build.ref)!;
  const built = await buildCatalogImage(build);
  expect(differences(built.image, served)).toEqual([]);
  const cfg = JSON.parse(built.image.configJson) as { config: Record<string, unknown>; history: { created_by: string; empty_layer?: boolean }[] };
  for (const key of ['Env', 'Cmd', 'Entrypoint', 'WorkingDir', 'ExposedPorts', 'Labels', 'StopSignal'] as const) {
    expect(served.config[key], key).toEqual(cfg.config[key]);
  }
  expect(served.history.map((h) => [h.createdBy, h.emptyLayer])).toEqual(cfg.history.map((h) => [h.created_by, h.empty_layer === true]));
  // The digests the browser is given are the builder's.
  expect(served.layers.map((l) => catalogLayerFacts(l.id)?.diffId)).toEqual(built.image.layers.map((l) => l.diffId));
  expect(served.layers.map((l) => catalogLayerFacts(l.id)?.digest)).toEqual(built.image.layers.map((l) => l.digest));
  // And the layers the catalogue serves hash to them (the small ones here; differences() covers the rest).
  for (const [k, l] of served.layers.entries()) {
    if (catalogLayerFacts(l.id)!.size > 1_000_000) continue;
    const layer = await createLayer([...l.changes], { upper: layerRoot(l) });
    expect(layer.diffId, l.id).toBe(built.image.layers[k]!.diffId);
  }
}
