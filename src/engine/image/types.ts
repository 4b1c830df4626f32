// Data types of layers, image configs, manifests and indexes. Field names follow the OCI image spec
// and Docker's JSON so that objects serialise to what Docker writes. Everything here is plain data
// (structured-clone friendly).
import type { Change, DirNode } from '../fs/index.ts';

/** A layer: the filesystem diff against its parent, serialised as a deterministic tar. */
export interface Layer {
  /** `sha256:…` of the uncompressed tar (rootfs.diff_ids). */
  readonly diffId: string;
  /** `sha256:…` of the gzip blob (the manifest's layer digest). */
  readonly digest: string;
  /**
   * Bytes of the uncompressed tar, headers, padding and end-of-archive blocks included: the layer unpacked,
   * as `docker images` and `docker system df` count it. `docker history`'s SIZE is a different figure,
   * the DiffSize (the regular files' bytes only): see `diffSize` in store/sizes.ts.
   */
  readonly size: number;
  /** Bytes of the gzip blob (what a registry stores and a pull transfers). */
  readonly compressedSize: number;
  /** `application/vnd.oci.image.layer.v1.tar+gzip`. */
  readonly mediaType: string;
  /** The changes the layer was made from, in the order `diffTrees` gives them. */
  readonly changes: readonly Change[];
  /**
   * Ancestor directories the tar includes that `changes` does not mention (metadata only, no
   * children), so the tar can be rebuilt from this object alone, e.g. after a structured clone.
   */
  readonly parents?: ReadonlyArray<{ readonly path: string; readonly node: DirNode }>;
}

/** An OCI content descriptor. Key order matches Go's ocispec.Descriptor. */
export interface Descriptor {
  readonly mediaType: string;
  readonly digest: string;
  readonly size: number;
  readonly urls?: readonly string[];
  readonly annotations?: Readonly<Record<string, string>>;
  readonly platform?: Platform;
  readonly artifactType?: string;
}

export interface Platform {
  readonly architecture: string;
  readonly os: string;
  readonly 'os.version'?: string;
  readonly 'os.features'?: readonly string[];
  readonly variant?: string;
}

export interface HealthConfig {
  readonly Test?: readonly string[];
  /** Nanoseconds, as Go's time.Duration marshals. */
  readonly Interval?: number;
  readonly Timeout?: number;
  readonly StartPeriod?: number;
  readonly StartInterval?: number;
  readonly Retries?: number;
}

/** The image's runtime config (`config` in the image JSON): OCI ImageConfig plus Docker's extensions. */
export interface ContainerConfig {
  readonly User?: string;
  readonly ExposedPorts?: Readonly<Record<string, Record<string, never>>>;
  readonly Env?: readonly string[];
  readonly Entrypoint?: readonly string[];
  readonly Cmd?: readonly string[];
  readonly Volumes?: Readonly<Record<string, Record<string, never>>>;
  readonly WorkingDir?: string;
  readonly Labels?: Readonly<Record<string, string>>;
  readonly StopSignal?: string;
  readonly ArgsEscaped?: boolean;
  readonly Healthcheck?: HealthConfig;
  readonly OnBuild?: readonly string[];
  readonly Shell?: readonly string[];
}

export interface HistoryEntry {
  /** RFC 3339 time; defaults to the SOURCE_DATE_EPOCH time when omitted. */
  readonly created?: string;
  readonly created_by?: string;
  readonly author?: string;
  readonly comment?: string;
  readonly empty_layer?: boolean;
}

export interface RootFs {
  readonly type: 'layers';
  readonly diff_ids: readonly string[];
}

export interface ImageConfig {
  readonly architecture: string;
  readonly os: string;
  readonly variant?: string;
  readonly 'os.version'?: string;
  readonly author?: string;
  readonly created?: string;
  readonly config: ContainerConfig;
  readonly rootfs: RootFs;
  readonly history: readonly HistoryEntry[];
}

/** A JSON document as stored in a content store: its exact bytes, digest and size. */
export interface JsonBlob<T> {
  readonly mediaType: string;
  readonly value: T;
  /** The exact serialisation (Go encoding/json style, no spaces). */
  readonly json: string;
  readonly bytes: Uint8Array;
  /** `sha256:…` of `bytes`. */
  readonly digest: string;
  readonly size: number;
}

export interface ImageManifest {
  readonly schemaVersion: 2;
  readonly mediaType: string;
  readonly config: Descriptor;
  readonly layers: readonly Descriptor[];
  readonly annotations?: Readonly<Record<string, string>>;
}

export interface ImageIndex {
  readonly schemaVersion: 2;
  readonly mediaType: string;
  readonly manifests: readonly Descriptor[];
  readonly annotations?: Readonly<Record<string, string>>;
}

/** A complete image: config, manifest and layers (bottom first). */
export interface Image {
  readonly config: JsonBlob<ImageConfig>;
  readonly manifest: JsonBlob<ImageManifest>;
  readonly layers: readonly Layer[];
}

/** One image in a `docker save` archive, with the tags it is saved under (e.g. `app:latest`). */
export interface SaveEntry {
  readonly image: Image;
  readonly repoTags: readonly string[];
  /**
   * The index the tag points at, when it points at one (pulled official images, images built with
   * attestations). It is then saved too and named in index.json, as Docker's containerd store does;
   * manifest.json still lists the platform image.
   */
  readonly index?: JsonBlob<ImageIndex>;
}

/** One image read back from a `docker save` archive (`docker load`). */
export interface LoadedImage {
  readonly repoTags: readonly string[];
  readonly config: ImageConfig;
  readonly configDigest: string;
  /** Per layer, bottom first: its changes and the diffID of its uncompressed tar. */
  readonly layers: ReadonlyArray<{ readonly diffId: string; readonly changes: readonly Change[] }>;
}
