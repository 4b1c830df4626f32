// The local image store: images by ID, tags pointing at them, and the layers they hold. Pulls add to
// it (registry/ops.ts); the data stays plain and serialisable, since the store's state is saved (state.ts).
import { applyLayers, assembleImage, buildIndex, createLayer, descriptorOf, LAB_PLATFORM, SOURCE_DATE, LAYER_MEDIA_TYPE } from '../image/index.ts';
import type { HistoryEntry, Image, ImageConfig, Layer } from '../image/index.ts';
import { resolveBaseImage, catalogLayerFacts, layerRoot, type BaseLayer } from '../world/index.ts';
import { emptyDir, type Change, type DirNode } from '../fs/index.ts';
import type { StoredImage, StoredLayer } from './types.ts';
import { familiarRef, normalizeTaggedRef, parseRef } from './refs.ts';
import { ImageIndex } from './image-index.ts';
import type { StoreState } from './state.ts';
import { PART_STATE_VERSIONS } from '../contract.ts';

export * from './refs.ts';
export { diffSize } from './sizes.ts';
export { ImageIndex } from './image-index.ts';
export type * from './types.ts';

export interface RemoveResult {
  readonly untagged: string[];
  readonly deleted: string[];
}

export class ImageNotFoundError extends Error {}
export class ImageConflictError extends Error {}

export class ImageStore extends ImageIndex {
  /** The engine's clock (ms); the store never reads the time itself. */
  private readonly now: () => number;

  constructor(now: () => number) {
    super();
    this.now = now;
  }

  /**
   * Adds an image and points `tags` (any form) at it. A tag that pointed at another image moves; an image
   * left without tags stays as a dangling image, as docker keeps it.
   */
  add(image: StoredImage, tags: readonly string[] = [], options: { repoDigest?: string; arrivedAt?: number } = {}): void {
    if (!this.images.has(image.id)) {
      this.images.set(image.id, image);
      this.arrivedAt.set(image.id, options.arrivedAt ?? this.now());
    }
    for (const t of tags) {
      const norm = normalizeTaggedRef(t);
      this.tags.set(norm, image.id);
      if (options.repoDigest) this.repoDigests.set(norm, options.repoDigest);
      else this.repoDigests.delete(norm);
    }
  }

  tag(ref: string, id: string): void {
    if (!this.images.has(id)) throw new ImageNotFoundError(`No such image: ${id}`);
    this.tags.set(normalizeTaggedRef(ref), id);
  }

  /**
   * `docker rmi`: untags `ref`; deletes the image when no tag is left (or when `ref` is an ID and the
   * image has at most one tag, or `force`). Lines follow docker: `Untagged: app:latest`, `Deleted: sha256:…`.
   */
  remove(ref: string, options: { force?: boolean } = {}): RemoveResult {
    const image = this.resolve(ref);
    if (!image) throw new ImageNotFoundError(`Error response from daemon: No such image: ${ref}`);
    const untagged: string[] = [];
    const deleted: string[] = [];
    const tags = this.tagsOf(image.id);
    let byTag: string | undefined;
    try {
      const norm = normalizeTaggedRef(ref);
      if (this.tags.get(norm) === image.id) byTag = norm;
    } catch {
      byTag = undefined;
    }
    if (byTag) {
      this.tags.delete(byTag);
      untagged.push(familiarRef(byTag));
      const digest = this.repoDigests.get(byTag);
      if (digest) {
        this.repoDigests.delete(byTag);
        untagged.push(digest.replace(/^docker\.io\/(library\/)?/, ''));
      }
      if (tags.length > 1) return { untagged, deleted };
    } else {
      if (tags.length > 1 && !options.force) {
        throw new ImageConflictError(
          `Error response from daemon: conflict: unable to delete ${image.id.slice(7, 19)} (must be forced) - image is referenced in multiple repositories`,
        );
      }
      for (const t of tags) {
        this.tags.delete(t);
        untagged.push(familiarRef(t));
        const digest = this.repoDigests.get(t);
        if (digest) {
          this.repoDigests.delete(t);
          untagged.push(digest.replace(/^docker\.io\/(library\/)?/, ''));
        }
      }
    }
    this.images.delete(image.id);
    this.arrivedAt.delete(image.id);
    deleted.push(image.id);
    return { untagged, deleted };
  }

  exportState(): StoreState {
    return {
      version: PART_STATE_VERSIONS.store,
      images: [...this.images.values()],
      tags: [...this.tags],
      catalogDigests: [...this.repoDigests],
      createdAt: [...this.arrivedAt],
    };
  }

  /** Replaces the store's content with a saved state (read and checked by `readStoreState`). */
  importState(s: StoreState): void {
    this.replaceAll(s.images, s.tags, s.catalogDigests, s.createdAt);
  }
}

/** A layer as the store keeps it: its digests, sizes and changes, without what only rebuilds its tar. */
export function storedLayer(l: Layer): StoredLayer {
  return { diffId: l.diffId, digest: l.digest, size: l.size, compressedSize: l.compressedSize, mediaType: l.mediaType, changes: l.changes };
}

/** An image the lab made (`assembleImage`) as the store keeps it, under `id` (its manifest's or its index's digest). */
export function storedImage(image: Image, id: string, layers: readonly StoredLayer[], rootfs: DirNode, source: StoredImage['source']): StoredImage {
  return {
    id,
    manifestDigest: image.manifest.digest,
    configDigest: image.config.digest,
    configJson: image.config.json,
    manifestJson: image.manifest.json,
    layers,
    created: (image.config.value as ImageConfig).created ?? SOURCE_DATE,
    rootfs,
    source,
  };
}

/** Digests and sizes of a catalogue layer, as the image module computes them from its changes. */
export interface KnownLayerDigests {
  readonly diffId: string;
  readonly digest: string;
  readonly size: number;
  readonly compressedSize: number;
  readonly mediaType: string;
}

/**
 * Digests of catalogue layers (BaseLayer.id → digests) that are already known, so base images need not be
 * hashed again. The world's precomputed table (catalog-digests.json) covers every catalogue layer; this map
 * holds the digests of any layer this module had to hash itself.
 */
export const catalogLayerDigests = new Map<string, KnownLayerDigests>();

async function catalogLayer(l: BaseLayer): Promise<Layer> {
  const known = catalogLayerDigests.get(l.id);
  if (known) return { ...known, changes: l.changes };
  const facts = catalogLayerFacts(l.id);
  if (facts) return { ...facts, mediaType: LAYER_MEDIA_TYPE, changes: l.changes };
  // With the filesystem after the layer, as the builder commits it: parent directories the layer does not
  // change still go into the tar, with their real metadata.
  const layer = await createLayer(l.changes, { upper: layerRoot(l) });
  catalogLayerDigests.set(l.id, { diffId: layer.diffId, digest: layer.digest, size: layer.size, compressedSize: layer.compressedSize, mediaType: layer.mediaType });
  return layer;
}

const catalogImages = new Map<string, Promise<{ image: StoredImage; repoDigest: string } | undefined>>();

/**
 * Builds a catalogue image as an OCI image: layers hashed for real, config and manifest as BuildKit would
 * have them. The result is immutable data, so it is computed once per reference and shared by every engine.
 */
export function imageFromCatalog(ref: string): Promise<{ image: StoredImage; repoDigest: string } | undefined> {
  let key: string;
  try {
    key = normalizeTaggedRef(ref);
  } catch {
    key = ref;
  }
  let p = catalogImages.get(key);
  if (!p) {
    p = buildCatalogImage(ref);
    catalogImages.set(key, p);
    p.catch(() => catalogImages.delete(key));
  }
  return p;
}

async function buildCatalogImage(ref: string): Promise<{ image: StoredImage; repoDigest: string } | undefined> {
  const base = resolveBaseImage(ref);
  if (!base) return undefined;
  const layers = await Promise.all(base.layers.map((l) => catalogLayer(l)));
  const history: HistoryEntry[] = base.history.map((h) => ({
    created: SOURCE_DATE,
    created_by: h.createdBy,
    ...(h.comment ? { comment: h.comment } : {}),
    ...(h.emptyLayer ? { empty_layer: true } : {}),
  }));
  const image = await assembleImage(layers, { config: base.config, history });
  const index = await buildIndex([descriptorOf(image.manifest, { platform: LAB_PLATFORM })]);
  const storedLayers = image.layers.map(storedLayer);
  const stored = storedImage(image, index.digest, storedLayers, applyLayers(emptyDir(), image.layers), 'catalog');
  const name = parseRef(ref).name;
  return { image: stored, repoDigest: `${name}@${index.digest}` };
}
