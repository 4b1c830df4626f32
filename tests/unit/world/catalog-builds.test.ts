// The catalogue's non-root images are what the lab's builder makes from the Dockerfiles in
// src/engine/world/dockerfiles/: this rebuilds them and compares with what catalog.ts serves from the
// shipped data (catalog-images.json, catalog-digests.json). The two largest images are rebuilt in
// catalog-builds-large.test.ts, a file of their own so that Vitest runs them beside the other files.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseDockerfile } from '../../../src/engine/dockerfile/index.ts';
import { catalogLayerFacts, resolveBaseImage } from '../../../src/engine/world/index.ts';
import { CATALOG_BUILDS } from '../../../src/engine/world/catalog-builds.ts';
import { LARGE, expectBuiltAsServed } from './catalog-build-check.ts';

describe('catalogue images built from Dockerfiles', { timeout: 120_000 }, () => {
  for (const build of CATALOG_BUILDS.filter((b) => !LARGE.has(b.ref))) {
    it(`${build.ref}: the builder makes what the catalogue serves (config, history, layers)`, () => expectBuiltAsServed(build));
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
