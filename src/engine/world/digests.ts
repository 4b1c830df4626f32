// Digests and sizes of the catalogue's layers, computed ahead of time by
// tools/precompute-digests.ts with the image module, so a browser can show base-image digests and
// pull sizes without hashing hundreds of megabytes at startup. A unit test checks that the table
// still equals what the image module computes (for alpine:3.21, the layer most lessons use).
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
