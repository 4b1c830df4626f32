// Digests and sizes of the catalogue's layers, computed ahead of time by tools/precompute-digests.ts
// (root layers with the image module, built images' layers as the builder committed them), so a browser
// can show base-image digests and pull sizes without hashing hundreds of megabytes at startup. Unit tests
// check the table against the image module (digests.test.ts) and the builder (catalog-builds.test.ts).
import table from './catalog-digests.json' with { type: 'json' };

export interface LayerDigestFacts {
  diffId: string;
  digest: string;
  size: number;
  compressedSize: number;
}

const FACTS: Readonly<Record<string, LayerDigestFacts>> = table;

/** The precomputed facts for a catalogue layer id (e.g. 'alpine-3.21-rootfs'), if the table has them. */
export function catalogLayerFacts(id: string): LayerDigestFacts | undefined {
  return FACTS[id];
}

export function catalogLayerIds(): string[] {
  return Object.keys(FACTS);
}
