import { describe, expect, it } from 'vitest';
import { clearLayerCaches, createLayer } from '../../../src/engine/image/index.ts';
import { CATALOG, catalogLayerFacts, catalogLayerIds, resolveBaseImage } from '../../../src/engine/world/index.ts';

describe('precomputed catalogue digests', { timeout: 90_000 }, () => {
  it('cover every layer of every catalogue image', () => {
    const ids = new Set<string>();
    for (const repo of CATALOG) for (const img of Object.values(repo.tags)) for (const l of img.layers) ids.add(l.id);
    expect(new Set(catalogLayerIds())).toEqual(ids);
    for (const id of ids) {
      const f = catalogLayerFacts(id)!;
      expect(f.diffId).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(f.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(f.compressedSize).toBeLessThan(f.size);
    }
  });

  it('equal what the image module computes for alpine:3.21 (so browsers can skip hashing it)', async () => {
    clearLayerCaches();
    const layer = resolveBaseImage('alpine:3.21')!.layers[0]!;
    const built = await createLayer([...layer.changes]);
    expect(catalogLayerFacts(layer.id)).toEqual({ diffId: built.diffId, digest: built.digest, size: built.size, compressedSize: built.compressedSize });
  });

  it('equal what the image module computes for every small layer (entrypoints, COPY steps, links)', async () => {
    const seen = new Set<string>();
    let checked = 0;
    for (const repo of CATALOG) for (const img of Object.values(repo.tags)) for (const l of img.layers) {
      const f = catalogLayerFacts(l.id);
      if (!f || f.size > 200_000 || seen.has(l.id)) continue;
      seen.add(l.id);
      const built = await createLayer([...l.changes]);
      expect({ id: l.id, diffId: built.diffId, digest: built.digest }).toEqual({ id: l.id, diffId: f.diffId, digest: f.digest });
      checked++;
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('images that share a base produce byte-identical base layer blobs (hashed independently)', async () => {
    clearLayerCaches();
    const a = await createLayer([...resolveBaseImage('node:22-alpine')!.layers[0]!.changes]);
    clearLayerCaches();
    const b = await createLayer([...resolveBaseImage('nginx:alpine')!.layers[0]!.changes]);
    expect(a).not.toBe(b);
    expect(b.diffId).toBe(a.diffId);
    expect(b.digest).toBe(a.digest);
    expect(b.compressedSize).toBe(a.compressedSize);
    const other = await createLayer(resolveBaseImage('alpine:3.20')!.layers[0]!.changes);
    expect(other.diffId).not.toBe(a.diffId);
  });

  it('show the compression real images have: gzip takes base layers to roughly 35-50% of the tar', () => {
    for (const id of ['alpine-3.21-rootfs', 'debian-bookworm-slim-rootfs', 'ubuntu-24.04-rootfs']) {
      const f = catalogLayerFacts(id)!;
      expect(f.compressedSize / f.size).toBeGreaterThan(0.3);
      expect(f.compressedSize / f.size).toBeLessThan(0.55);
    }
  });
});
