// The local image store's data shapes. Plain data only (structured-clone friendly) so the lab can
// persist the whole store in IndexedDB through `LabEngine.exportState()`.
import type { Change, DirNode } from '../fs/index.ts';

export interface StoredLayer {
  /** sha256 of the uncompressed layer tar. */
  readonly diffId: string;
  /** sha256 of the compressed (gzip) blob. */
  readonly digest: string;
  /**
   * Uncompressed tar size in bytes (headers and padding included). `docker history` shows the DiffSize
   * instead: see `diffSize` in sizes.ts.
   */
  readonly size: number;
  readonly compressedSize: number;
  readonly mediaType: string;
  /** The filesystem diff this layer carries. */
  readonly changes: readonly Change[];
}

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
