// The local image store's saved state (format 1): images, tags, the digests tags were pulled at, and
// when each image arrived. Also the checks for a stored image, which the cache, the registry and the
// containers' states reuse.
import type { StoredImage, StoredLayer } from './types.ts';
import { array, digest, integer, number, oneOf, optional, pairs, record, string, version, type Path } from '../state/check.ts';
import type { TreeChecker } from '../state/fs.ts';

export const STORE_STATE_VERSION = 1;

export interface StoreState {
  readonly version: typeof STORE_STATE_VERSION;
  readonly images: StoredImage[];
  /** Normalised `name:tag` → image ID. */
  readonly tags: [string, string][];
  /** Normalised `name:tag` → `name@digest` it was pulled at. */
  readonly catalogDigests: [string, string][];
  /** Image ID → engine-clock ms it arrived. */
  readonly createdAt: [string, number][];
}

export function readStoredLayer(v: unknown, path: Path, trees: TreeChecker): StoredLayer {
  const l = record(v, path);
  digest(l['diffId'], `${path}.diffId`);
  digest(l['digest'], `${path}.digest`);
  integer(l['size'], `${path}.size`);
  integer(l['compressedSize'], `${path}.compressedSize`);
  string(l['mediaType'], `${path}.mediaType`);
  trees.changes(l['changes'], `${path}.changes`);
  return l as unknown as StoredLayer;
}

export function readStoredImage(v: unknown, path: Path, trees: TreeChecker): StoredImage {
  const img = record(v, path);
  digest(img['id'], `${path}.id`);
  digest(img['manifestDigest'], `${path}.manifestDigest`);
  digest(img['configDigest'], `${path}.configDigest`);
  string(img['configJson'], `${path}.configJson`);
  string(img['manifestJson'], `${path}.manifestJson`);
  array(img['layers'], `${path}.layers`).forEach((l, i) => readStoredLayer(l, `${path}.layers[${i}]`, trees));
  string(img['created'], `${path}.created`);
  optional(img['rootfs'], `${path}.rootfs`, (r, p) => trees.dir(r, p));
  oneOf(img['source'], ['build', 'catalog', 'pull', 'load'] as const, `${path}.source`);
  return img as unknown as StoredImage;
}

/** Reads the store's saved state; `legacy` is the unversioned shape the engine's state format 1 held. */
export function readStoreState(v: unknown, path: Path, trees: TreeChecker, legacy = false): StoreState {
  const s = record(v, path);
  if (!legacy) version(s['version'], STORE_STATE_VERSION, path);
  const images = array(s['images'], `${path}.images`).map((img, i) => readStoredImage(img, `${path}.images[${i}]`, trees));
  const tags = pairs(s['tags'], `${path}.tags`, string);
  return {
    version: STORE_STATE_VERSION,
    images,
    tags,
    catalogDigests: s['catalogDigests'] === undefined ? [] : pairs(s['catalogDigests'], `${path}.catalogDigests`, string),
    createdAt: s['createdAt'] === undefined ? [] : pairs(s['createdAt'], `${path}.createdAt`, number),
  };
}
