// The catalogue's non-root images are what the lab's builder makes from the Dockerfiles in
// src/engine/world/dockerfiles/: this rebuilds them and compares with what catalog.ts serves from the
// shipped data (catalog-images.json, catalog-digests.json).
// node:22 (1.1 GB) and golang:1.23-alpine (255 MB) take 15-30 s each to build, because the builder
// hashes and gzips every layer; they are rebuilt only with LAYERLAB_ALL_CATALOG_BUILDS=1. Otherwise
// tools/precompute-digests.ts made the same comparison for them when it wrote the data, and the
// checks below that need no build (Dockerfile steps, shipped digests) still cover them.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createLayer } from '../../../src/engine/image/index.ts';
import { parseDockerfile } from '../../../src/engine/dockerfile/index.ts';
import { catalogLayerFacts, layerRoot, resolveBaseImage } from '../../../src/engine/world/index.ts';
import { CATALOG_BUILDS } from '../../../src/engine/world/catalog-builds.ts';
import { buildCatalogImage, differences } from '../../../tools/build-catalog.ts';

const ALL = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env.LAYERLAB_ALL_CATALOG_BUILDS === '1';
const SLOW = new Set(['node:22', 'golang:1.23-alpine']);

describe('catalogue images built from Dockerfiles', { timeout: 120_000 }, () => {
  for (const build of CATALOG_BUILDS.filter((b) => ALL || !SLOW.has(b.ref))) {
    it(`${build.ref}: the builder makes what the catalogue serves (config, history, layers)`, async () => {
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
    });
  }

  it('every non-root image is built from a Dockerfile whose layer steps match the shipped layers', () => {
    for (const build of CATALOG_BUILDS) {
      const text = readFileSync(new URL(`../../../src/engine/world/dockerfiles/${build.dockerfile}`, import.meta.url), 'utf8');
      const parsed = parseDockerfile(text);
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) continue;
      const final = parsed.dockerfile.stages.at(-1)!;
      const steps = final.instructions.filter((i) => ['RUN', 'COPY', 'ADD', 'WORKDIR'].includes(i.kind));
      const served = resolveBaseImage(build.ref)!;
      const base = resolveBaseImage(final.baseName)!;
      expect(served.layers.slice(0, base.layers.length)).toEqual(base.layers);
      expect(served.layers.slice(base.layers.length).map((l) => l.id)).toEqual(build.layerIds);
      expect(steps).toHaveLength(build.layerIds.length);
      expect(served.history.filter((h) => !h.emptyLayer).slice(base.layers.length).map((h) => h.createdBy.split(' ')[0])).toEqual(steps.map((s) => s.kind));
      for (const id of build.layerIds) expect(catalogLayerFacts(id), id).toBeDefined();
    }
  });

  it('images built on the same base share its very layer objects', () => {
    const alpine = resolveBaseImage('alpine:3.21')!.layers[0]!;
    for (const ref of ['node:22-alpine', 'nginx:alpine', 'golang:1.23-alpine']) expect(resolveBaseImage(ref)!.layers[0]).toBe(alpine);
    const slim = resolveBaseImage('debian:bookworm-slim')!.layers[0]!;
    for (const ref of ['python:3.12-slim', 'nginx:latest']) expect(resolveBaseImage(ref)!.layers[0]).toBe(slim);
    expect(resolveBaseImage('node:22')!.layers[0]).toBe(resolveBaseImage('debian:bookworm')!.layers[0]);
  });
});
