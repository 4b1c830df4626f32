import { describe, expect, it } from 'vitest';
import { analyzeImage } from '../../../src/engine/analysis/index.ts';
import { resolveBaseImage } from '../../../src/engine/world/index.ts';

// A stored image's shape, made from the catalogue's layers without hashing (analysis needs only changes
// and the history in the config).
function storedFrom(ref: string) {
  const base = resolveBaseImage(ref)!;
  return {
    configJson: JSON.stringify({ history: base.history.map((h) => ({ created_by: h.createdBy, ...(h.emptyLayer ? { empty_layer: true } : {}) })) }),
    layers: base.layers.map((l, i) => ({ digest: `sha256:${i}`, diffId: `sha256:${i}`, size: 0, compressedSize: 0, mediaType: '', changes: l.changes })),
  };
}

describe('whole-image analysis with the world\'s package scanner', () => {
  it('ubuntu:24.04: packages from the dpkg status, matched against the sample advisories', () => {
    const a = analyzeImage(storedFrom('ubuntu:24.04'));
    expect(a.layers).toHaveLength(1);
    expect(a.layers[0]!.createdBy).toMatch(/^ADD file:ubuntu-noble-oci-amd64-root\.tar\.gz in \//);
    const libc = a.packages.packages.find((p) => p.manager === 'apt' && p.name === 'libc6');
    // The toy world's noble ships libc6 2.39-0ubuntu8.3.
    expect(libc).toMatchObject({ version: '2.39-0ubuntu8.3', layer: 0, path: '/var/lib/dpkg/status' });
    // LAB-SAMPLE-0005 covers libc6 2.39-0ubuntu1 up to (not including) 2.39-0ubuntu8.4.
    expect(a.findings.map((f) => f.advisory.id)).toContain('LAB-SAMPLE-0005');
    expect(a.findings.map((f) => f.advisory.id)).not.toContain('LAB-SAMPLE-0004');
  });

  it('node:22-alpine: node\'s layer adds npm packages under /usr/local/lib/node_modules', () => {
    const a = analyzeImage(storedFrom('node:22-alpine'));
    const npm = a.packages.packages.filter((p) => p.manager === 'npm');
    expect(npm.length).toBeGreaterThan(0);
    expect(new Set(npm.map((p) => p.layer))).toEqual(new Set([1]));
    expect(npm.every((p) => p.path.includes('/node_modules/'))).toBe(true);
    // Every apk package of alpine's base layer stays attributed to layer 0.
    expect(a.packages.packages.find((p) => p.name === 'musl')!.layer).toBe(0);
  });
});
