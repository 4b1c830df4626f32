// The local image store's saved state (format 1): images, tags, the digests tags were pulled at, and
// when each image arrived. Also the schema of a stored image, which the cache's, the registry's and the
// containers' states reuse.
import type { StoredImage } from './types.ts';
import type { Schema, StateChecker } from '../state/schema.ts';
import { PART_STATE_VERSIONS } from '../contract.ts';

const STORE_STATE_VERSION = PART_STATE_VERSIONS.store;

export interface StoreState {
  readonly version: typeof STORE_STATE_VERSION;
  readonly images: StoredImage[];
  /** Normalised `name:tag` → image ID. */
  readonly tags: [string, string][];
  /** Normalised `name:tag` → the `name@digest` it was pulled at. */
  readonly catalogDigests: [string, string][];
  /** Image ID → engine-clock ms it arrived. */
  readonly createdAt: [string, number][];
}

export const STORED_LAYER: Schema = { diffId: 'sha256', digest: 'sha256', size: 'whole', compressedSize: 'whole', mediaType: 'text', changes: 'changes' };

export const STORED_IMAGE: Schema = {
  id: 'sha256',
  manifestDigest: 'sha256',
  configDigest: 'sha256',
  configJson: 'text',
  manifestJson: 'text',
  layers: [STORED_LAYER],
  created: 'text',
  rootfs: 'dir?',
  source: 'build|catalog|pull|load',
};

/** Reads the store's saved state; `legacy` is the unversioned shape that the engine's state format 1 held. */
export function readStoreState(c: StateChecker, v: unknown, at: string, legacy = false): StoreState {
  if (!legacy) c.version(v, STORE_STATE_VERSION, at);
  c.check({ images: [STORED_IMAGE], tags: ['pairs', 'text'], catalogDigests: ['?', ['pairs', 'text']], createdAt: ['?', ['pairs', 'number']] }, v, at);
  const s = v as Partial<StoreState>;
  return { version: STORE_STATE_VERSION, images: s.images!, tags: s.tags!, catalogDigests: s.catalogDigests ?? [], createdAt: s.createdAt ?? [] };
}
