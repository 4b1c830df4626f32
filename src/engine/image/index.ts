// Public API of the image module: layers as deterministic tars, digests, OCI config/manifest/index,
// and `docker save` / `docker load` archives. Pure TypeScript: runs unchanged in Node 24 and browsers.
//
// NOTE: first commit publishes the signatures so other modules can code against them; bodies follow.
import type { Change, DirNode } from '../fs/index.ts';
import type {
  ContainerConfig,
  Descriptor,
  HistoryEntry,
  Image,
  ImageConfig,
  ImageIndex,
  ImageManifest,
  JsonBlob,
  Layer,
  LoadedImage,
  Platform,
  RootFs,
  SaveEntry,
} from './types.ts';

export type * from './types.ts';

/**
 * The lab's SOURCE_DATE_EPOCH: 2024-01-01T00:00:00Z. Tar mtimes later than this are clamped to it,
 * whiteouts carry it, and `created` timestamps use it, as BuildKit does with SOURCE_DATE_EPOCH set.
 */
export const SOURCE_DATE_EPOCH = 1704067200;
export const SOURCE_DATE = '2024-01-01T00:00:00Z';

export const MEDIA_TYPES = {
  layerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  layerTar: 'application/vnd.oci.image.layer.v1.tar',
  config: 'application/vnd.oci.image.config.v1+json',
  manifest: 'application/vnd.oci.image.manifest.v1+json',
  index: 'application/vnd.oci.image.index.v1+json',
} as const;

const todo = (): never => {
  throw new Error('not implemented yet');
};

/** `sha256:<hex>` of the bytes (UTF-8 for strings), via crypto.subtle. */
export async function sha256(_data: Uint8Array | string): Promise<string> {
  return todo();
}

/** Builds (and memoises per `changes` array) the layer for a diff from `diffTrees`. */
export async function createLayer(_changes: readonly Change[]): Promise<Layer> {
  return todo();
}

/** The layer's uncompressed tar, in chunks. */
export function layerTar(_layer: Layer): AsyncIterable<Uint8Array> {
  return todo();
}

/** The layer's gzip blob (whose sha256 is `layer.digest`). */
export async function layerBlob(_layer: Layer): Promise<Uint8Array> {
  return todo();
}

/** ChainIDs: ChainID(L0)=DiffID(L0), ChainID(L0..n)=sha256(ChainID(L0..n-1) + " " + DiffID(Ln)). */
export async function chainIds(_diffIds: readonly string[]): Promise<string[]> {
  return todo();
}

export interface BuildImageConfigInput {
  readonly architecture: string;
  readonly os: string;
  readonly variant?: string;
  readonly config: ContainerConfig;
  readonly rootfs: RootFs;
  readonly history: readonly HistoryEntry[];
  /** Defaults to SOURCE_DATE. */
  readonly created?: string;
}

/** The image config as BuildKit writes it (canonical Go JSON), with its digest (= the image ID). */
export async function buildImageConfig(_input: BuildImageConfigInput): Promise<JsonBlob<ImageConfig>> {
  return todo();
}

/** The image ID: `sha256:` of the config bytes. */
export async function imageId(_configBytes: Uint8Array): Promise<string> {
  return todo();
}

/** The OCI manifest for a config and its layers. */
export async function buildManifest(
  _config: JsonBlob<ImageConfig>,
  _layers: readonly Layer[],
  _annotations?: Readonly<Record<string, string>>,
): Promise<JsonBlob<ImageManifest>> {
  return todo();
}

/** An OCI index holding the given manifests (e.g. one per platform, or the one a tag points at). */
export async function buildIndex(
  _manifests: readonly Descriptor[],
  _annotations?: Readonly<Record<string, string>>,
): Promise<JsonBlob<ImageIndex>> {
  return todo();
}

/** A descriptor for a JSON blob (manifest, config, index), optionally with a platform/annotations. */
export function descriptorOf(
  _blob: JsonBlob<unknown>,
  _extra?: { platform?: Platform; annotations?: Readonly<Record<string, string>> },
): Descriptor {
  return todo();
}

/** Convenience: layers + config fields → complete image (config, manifest). */
export async function buildImage(
  _layers: readonly Layer[],
  _input: Omit<BuildImageConfigInput, 'rootfs'>,
): Promise<Image> {
  return todo();
}

/** The root filesystem that `layers` (bottom first) produce on top of `base`, with OCI whiteout rules. */
export function applyLayers(_base: DirNode, _layers: ReadonlyArray<Layer | readonly Change[]>): DirNode {
  return todo();
}

/** Parses a layer tar (plain or gzip) into changes; whiteouts become `deleted`, an opaque dir `deleted`+`added`. */
export function readLayerTar(_bytes: Uint8Array): Change[] {
  return todo();
}

/** `docker save`: an OCI image layout plus Docker's manifest.json, as one tar. */
export async function writeImageArchive(_entries: readonly SaveEntry[]): Promise<Uint8Array> {
  return todo();
}

/** `docker load`: reads an archive written by `docker save` (ours or Docker's). */
export async function readImageArchive(_bytes: Uint8Array): Promise<LoadedImage[]> {
  return todo();
}
