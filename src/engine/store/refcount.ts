// Content-addressed layer reference counts over the local image store. Layers are shared between
// images by blob digest; removing an image frees only the layers no other image (or container) uses.
import type { StoredImage, StoredLayer } from './types.ts';

export interface LayerUse {
  readonly digest: string;
  readonly diffId: string;
  /** Uncompressed size (what disk usage counts). */
  readonly size: number;
  readonly compressedSize: number;
  /** IDs of the images that hold this layer. */
  readonly images: readonly string[];
}

/** Every distinct layer blob in `images`, with the images that reference it. */
export function layerUsage(images: readonly StoredImage[]): Map<string, LayerUse> {
  const out = new Map<string, { layer: StoredLayer; images: string[] }>();
  for (const img of images) {
    for (const l of img.layers) {
      const entry = out.get(l.digest) ?? { layer: l, images: [] };
      if (!entry.images.includes(img.id)) entry.images.push(img.id);
      out.set(l.digest, entry);
    }
  }
  const result = new Map<string, LayerUse>();
  for (const [digest, { layer, images: refs }] of out) {
    result.set(digest, { digest, diffId: layer.diffId, size: layer.size, compressedSize: layer.compressedSize, images: refs });
  }
  return result;
}

/** True when some image in the store holds a layer with this blob digest. */
export function hasLayerBlob(images: readonly StoredImage[], digest: string): boolean {
  return images.some((img) => img.layers.some((l) => l.digest === digest));
}

/** The layers that removing `imageId` would free: those referenced by no other image. */
export function layersFreedBy(images: readonly StoredImage[], imageId: string): LayerUse[] {
  const usage = layerUsage(images);
  const target = images.find((i) => i.id === imageId);
  if (!target) return [];
  const seen = new Set<string>();
  const out: LayerUse[] = [];
  for (const l of target.layers) {
    if (seen.has(l.digest)) continue;
    seen.add(l.digest);
    const use = usage.get(l.digest)!;
    if (use.images.length === 1) out.push(use);
  }
  return out;
}

/** Disk usage as `docker system df -v` reports it: total, shared (held by 2+ images) and unique per image. */
export function imageDiskUsage(images: readonly StoredImage[]): Map<string, { size: number; shared: number; unique: number }> {
  const usage = layerUsage(images);
  const out = new Map<string, { size: number; shared: number; unique: number }>();
  for (const img of images) {
    let size = 0;
    let shared = 0;
    const seen = new Set<string>();
    for (const l of img.layers) {
      if (seen.has(l.digest)) continue;
      seen.add(l.digest);
      size += l.size;
      if (usage.get(l.digest)!.images.length > 1) shared += l.size;
    }
    out.set(img.id, { size, shared, unique: size - shared });
  }
  return out;
}

/** Bytes on disk for all images, each shared layer counted once. */
export function totalLayerBytes(images: readonly StoredImage[]): number {
  let total = 0;
  for (const use of layerUsage(images).values()) total += use.size;
  return total;
}
