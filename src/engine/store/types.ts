// The local image store's data shapes. Plain data only (structured-clone friendly) so the lab can
// persist the whole store in IndexedDB through `LabEngine.exportState()`.
import type { DirNode } from '../fs/index.ts';
import type { Layer } from '../image/types.ts';

/**
 * A layer as the store keeps it: the image module's `Layer` (see there for what each digest and size
 * is) without the tar-rebuilding `parents`, which the store never needs.
 */
export type StoredLayer = Omit<Layer, 'parents'>;

export interface StoredHistory {
  readonly created?: string;
  readonly created_by?: string;
  readonly comment?: string;
  readonly empty_layer?: boolean;
}

export interface StoredImage {
  /** The image ID docker shows (`sha256:…`): the manifest digest, as with the containerd image store. */
  readonly id: string;
  readonly manifestDigest: string;
  readonly configDigest: string;
  /** Exact bytes of the config JSON and manifest JSON (their sha256 are the digests above). */
  readonly configJson: string;
  readonly manifestJson: string;
  readonly layers: readonly StoredLayer[];
  /** RFC 3339 creation time from the config. */
  readonly created: string;
  /** The root filesystem the layers produce (for `docker run`, COPY --from=image and the explorer). */
  readonly rootfs?: DirNode;
  /** Where the image came from: a build in this lab, or a base image of the catalogue. */
  readonly source: 'build' | 'catalog' | 'pull' | 'load';
}
