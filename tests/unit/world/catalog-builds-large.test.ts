// The two largest catalogue images rebuilt from their Dockerfiles and compared with what the catalogue
// serves (see catalog-builds.test.ts). They take 15-30 s each on an idle machine, because the builder
// hashes and gzips every layer; a file of their own lets Vitest run them beside the other test files.
import { describe, expect, it } from 'vitest';
import { CATALOG_BUILDS } from '../../../src/engine/world/catalog-builds.ts';
import { LARGE, expectBuiltAsServed } from './catalog-build-check.ts';

describe('large catalogue images built from Dockerfiles', { timeout: 600_000 }, () => {
  it('name real catalogue builds (a renamed image is never silently left out)', () => {
    expect(CATALOG_BUILDS.filter((b) => LARGE.has(b.ref)).map((b) => b.ref).sort()).toEqual([...LARGE].sort());
  });

  for (const build of CATALOG_BUILDS.filter((b) => LARGE.has(b.ref))) {
    it(`${build.ref}: the builder makes what the catalogue serves (config, history, layers)`, () => expectBuiltAsServed(build));
  }
});
