// Base-layer digests come from one place: the world's precomputed table. It covers every catalogue layer,
// so the CLI keeps no cache of its own (nothing is written under node_modules/.cache).
import { describe, expect, it } from 'vitest';
import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { CATALOG } from '../../../src/engine/world/index.ts';
import { catalogLayerFacts } from '../../../src/engine/world/digests.ts';
import { layerlab, ROOT } from './helpers.ts';

describe('catalogue layer digests', () => {
  it('the precomputed table has digests and sizes for every layer of every catalogue tag', () => {
    const ids = new Set<string>();
    for (const repo of CATALOG) for (const image of Object.values(repo.tags)) for (const l of image.layers) ids.add(l.id);
    expect(ids.size).toBeGreaterThan(0);
    const missing = [...ids].filter((id) => {
      const f = catalogLayerFacts(id);
      return !f || !/^sha256:[0-9a-f]{64}$/.test(f.digest) || !/^sha256:[0-9a-f]{64}$/.test(f.diffId) || !(f.size > 0);
    });
    expect(missing).toEqual([]);
  });

  it('a CLI build leaves no digest cache of its own behind', async () => {
    const cache = join(ROOT, 'node_modules', '.cache', 'layerlab');
    await rm(cache, { recursive: true, force: true });
    const r = await layerlab(['-c', 'docker build -q -t app .']);
    expect(r.status).toBe(0);
    await expect(stat(cache)).rejects.toThrow();
  }, 300_000);
});
