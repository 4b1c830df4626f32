// Image config, manifest and index, serialised as BuildKit's exporter writes them.
//
// Config: BuildKit marshals the image struct, then re-marshals it as a Go map to patch rootfs,
// history and created (exporter/containerimage/writer.go patchImageConfig), so the top-level keys
// come out sorted (architecture, config, created, history, os, rootfs, ...). Inside, `config`
// keeps the struct order of OCI ImageConfig plus Docker's extensions (User, ExposedPorts, Env,
// Entrypoint, Cmd, Volumes, WorkingDir, Labels, StopSignal, ArgsEscaped, Healthcheck, OnBuild,
// Shell), all omitempty; history entries are created, created_by, author, comment, empty_layer.
// Times are written as given: the builder sets them as BuildKit does (build/created.ts), including the
// SOURCE_DATE_EPOCH clamp. A missing time is the lab's fixed catalogue date.
import { goJson, goMap } from './gojson.ts';
import { sha256 } from './hash.ts';
import { SOURCE_DATE } from './layer.ts';
import type {
  ContainerConfig,
  Descriptor,
  HealthConfig,
  HistoryEntry,
  Image,
  ImageConfig,
  ImageIndex,
  ImageManifest,
  JsonBlob,
  Layer,
  Platform,
  RootFs,
} from './types.ts';

export const MEDIA_TYPES = {
  layerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  layerTar: 'application/vnd.oci.image.layer.v1.tar',
  config: 'application/vnd.oci.image.config.v1+json',
  manifest: 'application/vnd.oci.image.manifest.v1+json',
  index: 'application/vnd.oci.image.index.v1+json',
} as const;

const encoder = new TextEncoder();

async function blobOf<T>(mediaType: string, value: T): Promise<JsonBlob<T>> {
  const json = goJson(value);
  const bytes = encoder.encode(json);
  return { mediaType, value, json, bytes, digest: await sha256(bytes), size: bytes.length };
}

/** An RFC 3339 time as given (validated); a missing one is SOURCE_DATE, the catalogue's fixed date. */
function clampCreated(created: string | undefined): string {
  if (created === undefined) return SOURCE_DATE;
  if (Number.isNaN(Date.parse(created))) throw new RangeError(`invalid created time: ${created}`);
  return created;
}

function nonEmpty<T>(list: readonly T[] | undefined): readonly T[] | undefined {
  return list && list.length > 0 ? list : undefined;
}

function nonEmptyRecord<T>(rec: Readonly<Record<string, T>> | undefined): Record<string, T> | undefined {
  return rec && Object.keys(rec).length > 0 ? goMap(rec) : undefined;
}

function healthcheck(h: HealthConfig | undefined): Record<string, unknown> | undefined {
  if (!h) return undefined;
  return {
    Test: nonEmpty(h.Test),
    Interval: h.Interval || undefined,
    Timeout: h.Timeout || undefined,
    StartPeriod: h.StartPeriod || undefined,
    StartInterval: h.StartInterval || undefined,
    Retries: h.Retries || undefined,
  };
}

/** The `config` object in Go struct order with omitempty applied. */
export function canonicalContainerConfig(c: ContainerConfig): ContainerConfig {
  const emptyObjects = (rec: Readonly<Record<string, unknown>> | undefined) =>
    rec && Object.keys(rec).length > 0 ? goMap(Object.fromEntries(Object.keys(rec).map((k) => [k, {}]))) : undefined;
  return {
    User: c.User || undefined,
    ExposedPorts: emptyObjects(c.ExposedPorts),
    Env: nonEmpty(c.Env),
    Entrypoint: nonEmpty(c.Entrypoint),
    Cmd: nonEmpty(c.Cmd),
    Volumes: emptyObjects(c.Volumes),
    WorkingDir: c.WorkingDir || undefined,
    Labels: nonEmptyRecord(c.Labels),
    StopSignal: c.StopSignal || undefined,
    ArgsEscaped: c.ArgsEscaped || undefined,
    Healthcheck: healthcheck(c.Healthcheck) as HealthConfig | undefined,
    OnBuild: nonEmpty(c.OnBuild),
    Shell: nonEmpty(c.Shell),
  } as ContainerConfig;
}

function canonicalHistory(h: HistoryEntry): HistoryEntry {
  return {
    created: clampCreated(h.created),
    created_by: h.created_by || undefined,
    author: h.author || undefined,
    comment: h.comment || undefined,
    empty_layer: h.empty_layer || undefined,
  };
}

export interface BuildImageConfigInput {
  readonly architecture: string;
  readonly os: string;
  readonly variant?: string;
  readonly config: ContainerConfig;
  readonly rootfs: RootFs;
  readonly history: readonly HistoryEntry[];
  /** Defaults to SOURCE_DATE (the catalogue's fixed date). */
  readonly created?: string;
  readonly author?: string;
}

/** Kept for compatibility; history mismatches are now repaired as BuildKit does, not thrown. */
export class HistoryMismatchError extends Error {}

/**
 * BuildKit's normalizeLayersAndHistory (exporter/containerimage/writer.go): when history names more
 * layers than there are, entries past the last layer are marked empty_layer from the bottom; when
 * it names fewer, entries are appended with comment "buildkit.exporter.image.v0". Either way the
 * count of non-empty entries ends equal to the number of diff_ids.
 */
export function normalizeHistory(history: readonly HistoryEntry[], layerCount: number): HistoryEntry[] {
  let out = [...history];
  const nonEmpty = out.filter((h) => !h.empty_layer).length;
  if (nonEmpty > layerCount) {
    let seen = 0;
    out = out.map((h) => {
      const entry = seen >= layerCount ? { ...h, empty_layer: true } : h;
      if (!entry.empty_layer) seen++;
      return entry;
    });
  }
  for (let i = nonEmpty; i < layerCount; i++) out.push({ comment: 'buildkit.exporter.image.v0' });
  return out;
}

/** The image config (canonical Go JSON) with its digest, which is the image ID. */
export async function buildImageConfig(input: BuildImageConfigInput): Promise<JsonBlob<ImageConfig>> {
  const value = goMap({
    architecture: input.architecture,
    author: input.author || undefined,
    config: canonicalContainerConfig(input.config),
    created: clampCreated(input.created),
    history: normalizeHistory(input.history, input.rootfs.diff_ids.length).map(canonicalHistory),
    os: input.os,
    // Go marshals a nil DiffIDs slice (an image without layers) as null.
    rootfs: { type: 'layers', diff_ids: input.rootfs.diff_ids.length > 0 ? input.rootfs.diff_ids : null },
    variant: input.variant || undefined,
  }) as unknown as ImageConfig;
  return blobOf(MEDIA_TYPES.config, value);
}

/** The image ID: sha256 of the config bytes. */
export async function imageId(configBytes: Uint8Array): Promise<string> {
  return sha256(configBytes);
}

function canonicalPlatform(p: Platform): Platform {
  return {
    architecture: p.architecture,
    os: p.os,
    'os.version': p['os.version'] || undefined,
    'os.features': nonEmpty(p['os.features']),
    variant: p.variant || undefined,
  } as Platform;
}

/** A descriptor in Go struct order: mediaType, digest, size, urls, annotations, platform, artifactType. */
export function canonicalDescriptor(d: Descriptor): Descriptor {
  return {
    mediaType: d.mediaType,
    digest: d.digest,
    size: d.size,
    urls: nonEmpty(d.urls),
    annotations: nonEmptyRecord(d.annotations),
    platform: d.platform ? canonicalPlatform(d.platform) : undefined,
    artifactType: d.artifactType || undefined,
  } as Descriptor;
}

export function descriptorOf(
  blob: JsonBlob<unknown>,
  extra: { platform?: Platform; annotations?: Readonly<Record<string, string>> } = {},
): Descriptor {
  return canonicalDescriptor({
    mediaType: blob.mediaType,
    digest: blob.digest,
    size: blob.size,
    ...(extra.annotations ? { annotations: extra.annotations } : {}),
    ...(extra.platform ? { platform: extra.platform } : {}),
  });
}

export function layerDescriptor(layer: Layer): Descriptor {
  return { mediaType: layer.mediaType, digest: layer.digest, size: layer.compressedSize };
}

/** The OCI image manifest for a config and its layers (bottom first). */
export async function buildManifest(
  config: JsonBlob<ImageConfig>,
  layers: readonly Layer[],
  annotations?: Readonly<Record<string, string>>,
): Promise<JsonBlob<ImageManifest>> {
  const value: ImageManifest = {
    schemaVersion: 2,
    mediaType: MEDIA_TYPES.manifest,
    config: descriptorOf(config),
    layers: layers.map((l) => canonicalDescriptor(layerDescriptor(l))),
    ...(annotations && Object.keys(annotations).length > 0 ? { annotations: goMap(annotations) } : {}),
  };
  return blobOf(MEDIA_TYPES.manifest, value);
}

/** An OCI index over the given manifest descriptors. */
export async function buildIndex(
  manifests: readonly Descriptor[],
  annotations?: Readonly<Record<string, string>>,
): Promise<JsonBlob<ImageIndex>> {
  const value: ImageIndex = {
    schemaVersion: 2,
    mediaType: MEDIA_TYPES.index,
    manifests: manifests.map(canonicalDescriptor),
    ...(annotations && Object.keys(annotations).length > 0 ? { annotations: goMap(annotations) } : {}),
  };
  return blobOf(MEDIA_TYPES.index, value);
}

/** Layers plus config fields: the whole image (config with rootfs from the layers, manifest). */
export async function buildImage(
  layers: readonly Layer[],
  input: Omit<BuildImageConfigInput, 'rootfs'>,
): Promise<Image> {
  const config = await buildImageConfig({ ...input, rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) } });
  const manifest = await buildManifest(config, layers);
  return { config, manifest, layers };
}
