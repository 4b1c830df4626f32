// `docker save` and `docker load` archives.
//
// Current Docker Engines keep images in the containerd image store and save them with containerd's
// archive exporter (core/images/archive/exporter.go): an OCI image layout plus Docker's
// manifest.json, written with Go's tar writer (format unset, so USTAR; mtime 0; uid/gid 0):
//   blobs/ (0755), blobs/sha256/ (0755), blobs/sha256/<hex> (0444) for every manifest, config
//   and layer blob (layers stay gzip-compressed, as stored), index.json (0644), manifest.json
//   (0644), oci-layout (0444), all sorted by name.
// index.json lists the tag's target (the manifest, or the index when the tag points at one) once per name, annotated with io.containerd.image.name (the full
// reference) and org.opencontainers.image.ref.name (the tag). manifest.json is
// [{"Config":…,"RepoTags":[…],"Layers":[…]}] with familiar names (app:latest) and blob paths.
import { goJson } from './gojson.ts';
import { gunzip, isGzip } from './gzip.ts';
import { digestHex, sha256 } from './hash.ts';
import { layerBlob } from './layer.ts';
import { readLayerTar } from './apply.ts';
import { descriptorOf, MEDIA_TYPES } from './oci.ts';
import { readTar, writeSimpleTar, TarFormatError } from './tar.ts';
import type { Descriptor, ImageConfig, LoadedImage, SaveEntry } from './types.ts';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export interface ParsedReference {
  /** Fully qualified, e.g. docker.io/library/app:latest. */
  readonly full: string;
  /** Familiar form, e.g. app:latest. */
  readonly familiar: string;
  readonly tag: string;
}

/** Normalises a `name[:tag]` reference the way the distribution/reference package does. */
export function parseReference(ref: string): ParsedReference {
  let name = ref;
  let tag = 'latest';
  const lastSlash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  if (colon > lastSlash) {
    name = ref.slice(0, colon);
    tag = ref.slice(colon + 1);
  }
  const first = name.split('/')[0]!;
  const hasDomain = name.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  let full = hasDomain ? name : `docker.io/${name}`;
  if (!hasDomain && !name.includes('/')) full = `docker.io/library/${name}`;
  let familiar = full;
  if (familiar.startsWith('docker.io/')) familiar = familiar.slice('docker.io/'.length);
  if (familiar.startsWith('library/') && familiar.split('/').length === 2) familiar = familiar.slice('library/'.length);
  return { full: `${full}:${tag}`, familiar: `${familiar}:${tag}`, tag };
}

const blobPath = (digest: string) => `blobs/sha256/${digestHex(digest)}`;

/** The `docker save` tar for the given images. */
export async function writeImageArchive(entries: readonly SaveEntry[]): Promise<Uint8Array> {
  const blobs = new Map<string, Uint8Array>();
  const indexManifests: Descriptor[] = [];
  const dockerManifest: Array<{ Config: string; RepoTags: string[] | null; Layers: string[] }> = [];
  for (const { image, repoTags, index: imageIndex } of entries) {
    blobs.set(blobPath(image.config.digest), image.config.bytes);
    blobs.set(blobPath(image.manifest.digest), image.manifest.bytes);
    if (imageIndex) blobs.set(blobPath(imageIndex.digest), imageIndex.bytes);
    const target = imageIndex ?? image.manifest;
    for (const layer of image.layers) {
      const path = blobPath(layer.digest);
      if (!blobs.has(path)) blobs.set(path, await layerBlob(layer));
    }
    const refs = repoTags.map(parseReference);
    if (refs.length === 0) indexManifests.push(descriptorOf(target));
    for (const ref of refs) {
      indexManifests.push(
        descriptorOf(target, {
          annotations: { 'io.containerd.image.name': ref.full, 'org.opencontainers.image.ref.name': ref.tag },
        }),
      );
    }
    dockerManifest.push({
      Config: blobPath(image.config.digest),
      RepoTags: refs.length > 0 ? refs.map((r) => r.familiar) : null,
      Layers: image.layers.map((l) => blobPath(l.digest)),
    });
  }
  const index = { schemaVersion: 2, mediaType: MEDIA_TYPES.index, manifests: indexManifests };
  const records: Array<{ name: string; type: '0' | '5'; mode: number; data?: Uint8Array }> = [
    { name: 'oci-layout', type: '0', mode: 0o444, data: encoder.encode(goJson({ imageLayoutVersion: '1.0.0' })) },
    { name: 'index.json', type: '0', mode: 0o644, data: encoder.encode(goJson(index)) },
    { name: 'manifest.json', type: '0', mode: 0o644, data: encoder.encode(goJson(dockerManifest)) },
    { name: 'blobs/', type: '5', mode: 0o755 },
    { name: 'blobs/sha256/', type: '5', mode: 0o755 },
  ];
  for (const [name, data] of blobs) records.push({ name, type: '0', mode: 0o444, data });
  records.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return writeSimpleTar(records);
}

export class ImageArchiveError extends Error {}

/**
 * Reads a `docker save` archive: ours, current Docker's (OCI layout + manifest.json) and the legacy
 * layout (`<id>/layer.tar`), since all of them carry Docker's manifest.json.
 */
export async function readImageArchive(bytes: Uint8Array): Promise<LoadedImage[]> {
  let tarBytes: Uint8Array;
  try {
    tarBytes = isGzip(bytes) ? gunzip(bytes) : bytes;
  } catch {
    throw new ImageArchiveError('invalid archive: not a tar or gzip file');
  }
  let files: Map<string, Uint8Array>;
  try {
    files = new Map(readTar(tarBytes).filter((e) => e.type === '0').map((e) => [e.name.replace(/^\.\//, ''), e.data]));
  } catch (err) {
    if (err instanceof TarFormatError) throw new ImageArchiveError(`invalid archive: ${err.message}`);
    throw err;
  }
  const manifestBytes = files.get('manifest.json');
  if (!manifestBytes) throw new ImageArchiveError('invalid archive: manifest.json not found');
  const items = JSON.parse(decoder.decode(manifestBytes)) as Array<{ Config: string; RepoTags?: string[] | null; Layers: string[] }>;
  const out: LoadedImage[] = [];
  for (const item of items) {
    const configBytes = files.get(item.Config);
    if (!configBytes) throw new ImageArchiveError(`invalid archive: ${item.Config} not found`);
    const config = JSON.parse(decoder.decode(configBytes)) as ImageConfig;
    const layers: Array<{ diffId: string; changes: ReturnType<typeof readLayerTar> }> = [];
    for (const [i, path] of item.Layers.entries()) {
      const blob = files.get(path);
      if (!blob) throw new ImageArchiveError(`invalid archive: ${path} not found`);
      const tar = isGzip(blob) ? gunzip(blob) : blob;
      const diffId = await sha256(tar);
      const expected = config.rootfs?.diff_ids?.[i];
      if (expected !== undefined && expected !== diffId) {
        throw new ImageArchiveError(`invalid archive: layer ${i} has diff ID ${diffId}, config expects ${expected}`);
      }
      layers.push({ diffId, changes: readLayerTar(tar) });
    }
    out.push({ repoTags: item.RepoTags ?? [], config, configDigest: await sha256(configBytes), layers });
  }
  return out;
}

