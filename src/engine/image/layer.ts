// Layers: a filesystem diff serialised as a deterministic tar, the way BuildKit's differ
// (containerd archive.ChangeWriter over BuildKit's overlay differ) writes it.
//
// - Entries follow the order of the changes (diffTrees: parents first, names sorted per directory,
//   as Go's filepath.Walk visits them).
// - Every ancestor directory of a written entry is written first if it was not already
//   (ChangeWriter.includeParents), with its metadata from the upper tree.
// - A deleted path becomes an empty regular file `.wh.<name>` (mode 0, uid/gid 0, no user names). containerd stamps whiteouts with the time of the
//   diff; with rewrite-timestamp that becomes SOURCE_DATE_EPOCH, which is what the lab writes.
// - BuildKit never writes opaque markers: its overlay differ expands an opaque upper directory into
//   per-entry whiteouts. diffTrees does the same, so layers built from tree diffs carry only
//   `.wh.<name>` entries. A change list that explicitly deletes a directory and then adds a
//   directory at the same path (a directory replaced wholesale, as Docker's overlay2 graphdriver
//   exports it) is written as the directory followed by `<dir>/.wh..wh..opq`.
// - Headers follow Go's format choice (see tar.ts): USTAR with prefix splitting when it fits, else
//   PAX records for what does not fit.
// - Other entries: mode = permission + setuid/setgid/sticky bits, uid/gid from the
//   node, user/group name "root" for id 0 and empty otherwise (Go's FileInfoHeader looks names up
//   in the daemon host's /etc/passwd, where 0 is root; in this lab no other names are known),
//   mtime truncated to seconds and clamped to SOURCE_DATE_EPOCH, as BuildKit does with
//   SOURCE_DATE_EPOCH set and rewrite-timestamp=true (so builds are reproducible).
import { runSteps, runStepsPaced } from '../yield.ts';
import {
  contentSize,
  emptyDir,
  getNode,
  writeContent,
  type Change,
  type DirNode,
  type FsNode,
  diffTrees,
} from '../fs/index.ts';
import { gzipChunksAsync } from './gzip.ts';
import { sha256 } from './hash.ts';
import { encodeHeader, paddedSize, TAR_TRAILER_SIZE, type TarHeader } from './tar.ts';
import type { Layer } from './types.ts';

/**
 * The lab's fixed file time, 2024-01-01T00:00:00Z (equal to the fs module's DEFAULT_MTIME): layer tars
 * carry no later mtime, as BuildKit's rewrite-timestamp=true does with this epoch, so layer digests do not
 * depend on when a build ran. It is also the date of the catalogue's images. Builds take their image and
 * history times from the engine's clock or the build's own SOURCE_DATE_EPOCH (builder/created.ts).
 */
export const SOURCE_DATE_EPOCH = 1704067200;
export const SOURCE_DATE = '2024-01-01T00:00:00Z';
export const LAYER_MEDIA_TYPE = 'application/vnd.oci.image.layer.v1.tar+gzip';

export const WHITEOUT_PREFIX = '.wh.';
export const OPAQUE_WHITEOUT = '.wh..wh..opq';

export interface CreateLayerOptions {
  /**
   * The tree the changes lead to. Used for the metadata of ancestor directories that the tar must
   * include but the change list does not mention. Without it such directories are written as
   * 0755 root:root with the epoch mtime.
   */
  readonly upper?: DirNode;
}

interface Entry {
  readonly header: Uint8Array;
  readonly node?: FsNode;
  readonly size: number;
}

function clampMtime(mtime: number): number {
  return Math.max(0, Math.floor(Math.min(mtime, SOURCE_DATE_EPOCH)));
}

function ownerName(id: number): string {
  return id === 0 ? 'root' : '';
}

function nodeHeader(path: string, node: FsNode): Uint8Array {
  const rel = path.replace(/^\/+/, '');
  const h: TarHeader = {
    name: node.type === 'dir' ? rel + '/' : rel,
    type: node.type === 'dir' ? '5' : node.type === 'symlink' ? '2' : '0',
    mode: node.mode & 0o7777,
    uid: node.uid,
    gid: node.gid,
    uname: ownerName(node.uid),
    gname: ownerName(node.gid),
    size: node.type === 'file' ? contentSize(node.content) : 0,
    mtime: clampMtime(node.mtime),
    linkname: node.type === 'symlink' ? node.target : '',
  };
  return encodeHeader(h);
}

function whiteoutHeader(dir: string, base: string): Uint8Array {
  const rel = (dir === '/' ? '' : dir.replace(/^\/+/, '') + '/') + base;
  return encodeHeader({
    name: rel,
    type: '0',
    mode: 0,
    uid: 0,
    gid: 0,
    uname: '',
    gname: '',
    size: 0,
    mtime: SOURCE_DATE_EPOCH,
    linkname: '',
  });
}

function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

function baseOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * The tar entries for a change list, in order (headers only; file data is written when the tar is
 * built). `lookupDir` gives the metadata of ancestor directories the change list does not mention.
 */
function planEntries(unordered: readonly Change[], lookupDir: (path: string) => DirNode | undefined): Entry[] {
  const changes = inWalkOrder(unordered);
  const entries: Entry[] = [];
  const written = new Set<string>();
  const known = new Map<string, FsNode>();
  for (const c of changes) if (c.kind !== 'deleted') known.set(c.path, c.node);
  const readded = new Set<string>();
  const seenDelete = new Set<string>();
  for (const c of changes) {
    if (c.kind === 'deleted') seenDelete.add(c.path);
    else if (seenDelete.has(c.path)) readded.add(c.path);
  }

  const dirNode = (path: string): FsNode => {
    const fromChanges = known.get(path);
    if (fromChanges?.type === 'dir') return fromChanges;
    return lookupDir(path) ?? emptyDir({ mtime: SOURCE_DATE_EPOCH });
  };
  const includeParents = (path: string): void => {
    const parent = parentOf(path);
    if (parent === '/' || written.has(parent)) return;
    written.add(parent);
    includeParents(parent);
    entries.push({ header: nodeHeader(parent, dirNode(parent)), size: 0 });
  };

  const deletedNow = new Set<string>();
  for (const c of changes) {
    if (c.kind === 'deleted') {
      if (readded.has(c.path)) {
        deletedNow.add(c.path);
        continue;
      }
      includeParents(c.path);
      entries.push({ header: whiteoutHeader(parentOf(c.path), WHITEOUT_PREFIX + baseOf(c.path)), size: 0 });
      continue;
    }
    includeParents(c.path);
    if (c.node.type === 'dir') written.add(c.path);
    const size = c.node.type === 'file' ? contentSize(c.node.content) : 0;
    entries.push({ header: nodeHeader(c.path, c.node), node: c.node, size });
    if (deletedNow.has(c.path) && c.node.type === 'dir') {
      entries.push({ header: whiteoutHeader(c.path, OPAQUE_WHITEOUT), size: 0 });
    }
    deletedNow.delete(c.path);
  }
  return entries;
}

/**
 * Go's filepath.Walk order: parents before children, names byte-sorted within each directory. That
 * is a string order in which '/' sorts below every other character. diffTrees already yields it;
 * change lists built by hand are put in this order (stably, so a delete stays before an add of the
 * same path).
 */
function walkOrder(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if (x === 0x2f) return -1;
    if (y === 0x2f) return 1;
    return x - y;
  }
  return a.length - b.length;
}

function inWalkOrder(changes: readonly Change[]): readonly Change[] {
  for (let i = 1; i < changes.length; i++) {
    if (walkOrder(changes[i - 1]!.path, changes[i]!.path) > 0) {
      return [...changes].sort((x, y) => walkOrder(x.path, y.path));
    }
  }
  return changes;
}

function tarSize(entries: readonly Entry[]): number {
  let total = TAR_TRAILER_SIZE;
  for (const e of entries) total += e.header.length + paddedSize(e.size);
  return total;
}

/** The whole tar in one buffer (file bytes generated straight into place), pausing after each entry (see runSteps). */
function* tarSteps(entries: readonly Entry[]): Generator<void, Uint8Array> {
  const out = new Uint8Array(tarSize(entries));
  let off = 0;
  for (const e of entries) {
    out.set(e.header, off);
    off += e.header.length;
    if (e.node?.type === 'file' && e.size > 0) writeContent(e.node.content, out.subarray(off, off + e.size));
    off += paddedSize(e.size);
    yield;
  }
  return out;
}

/** Builds the whole tar in one buffer. */
function buildTar(entries: readonly Entry[]): Uint8Array {
  return runSteps(tarSteps(entries));
}

/** buildTar, giving the event loop a turn between entries when the slice of real time is used up (a tar of thousands of files). */
function buildTarPaced(entries: readonly Entry[]): Promise<Uint8Array> {
  return runStepsPaced(tarSteps(entries));
}

/** Yields the tar in chunks of about `chunkSize` bytes without holding all of it. */
function* tarChunks(entries: readonly Entry[], chunkSize = 1 << 20): Generator<Uint8Array> {
  let buf = new Uint8Array(chunkSize);
  let used = 0;
  const flush = function* (): Generator<Uint8Array> {
    if (used > 0) {
      yield buf.subarray(0, used);
      buf = new Uint8Array(chunkSize);
      used = 0;
    }
  };
  const put = function* (bytes: Uint8Array): Generator<Uint8Array> {
    let pos = 0;
    while (pos < bytes.length) {
      const n = Math.min(bytes.length - pos, chunkSize - used);
      buf.set(bytes.subarray(pos, pos + n), used);
      used += n;
      pos += n;
      if (used === chunkSize) yield* flush();
    }
  };
  for (const e of entries) {
    yield* put(e.header);
    if (e.node?.type === 'file' && e.size > 0) {
      const data = new Uint8Array(e.size);
      writeContent(e.node.content, data);
      yield* put(data);
    }
    const pad = paddedSize(e.size) - e.size;
    if (pad > 0) yield* put(new Uint8Array(pad));
  }
  yield* put(new Uint8Array(TAR_TRAILER_SIZE));
  yield* flush();
}

// Memoisation: a layer per change-list identity (so shared base layers are hashed once per session),
// and per layer its entry plan (cheap to keep; file bytes are regenerated on demand).
const layerCache = new WeakMap<readonly Change[], Promise<Layer>>();
const planCache = new WeakMap<Layer, Entry[]>();
const treeLayerCache = new WeakMap<DirNode, WeakMap<DirNode, Promise<Layer>>>();

// Gzip results by diffID. Identical tars give identical gzip bytes, so a step that reproduces a
// layer it made before (a rebuild after a cache miss, --no-cache) skips the compression, which is
// the most expensive part of making a layer. Blobs are kept within a byte budget, least recently
// used first out; digests and sizes are kept for many more layers.
interface Compressed {
  readonly digest: string;
  readonly compressedSize: number;
  blob?: Uint8Array;
}
const compressedCache = new Map<string, Compressed>();
const BLOB_BUDGET = 64 << 20;
const MAX_COMPRESSED_ENTRIES = 20_000;
let blobBytes = 0;

function rememberCompressed(diffId: string, entry: Compressed): void {
  const old = compressedCache.get(diffId);
  if (old?.blob) blobBytes -= old.blob.length;
  compressedCache.delete(diffId);
  compressedCache.set(diffId, entry);
  if (entry.blob) blobBytes += entry.blob.length;
  for (const [key, value] of compressedCache) {
    if (blobBytes <= BLOB_BUDGET && compressedCache.size <= MAX_COMPRESSED_ENTRIES) break;
    if (key === diffId) continue;
    if (value.blob && blobBytes > BLOB_BUDGET) {
      blobBytes -= value.blob.length;
      delete value.blob;
    }
    if (compressedCache.size > MAX_COMPRESSED_ENTRIES) compressedCache.delete(key);
  }
  if (entry.blob && blobBytes > BLOB_BUDGET) {
    blobBytes -= entry.blob.length;
    delete entry.blob;
  }
}

function recallCompressed(diffId: string): Compressed | undefined {
  const hit = compressedCache.get(diffId);
  if (hit) {
    compressedCache.delete(diffId);
    compressedCache.set(diffId, hit);
  }
  return hit;
}

/** Forgets every memoised gzip result (for benchmarks and tests of cold behaviour). */
export function clearLayerCaches(): void {
  compressedCache.clear();
  blobBytes = 0;
}

/**
 * The layer for a change list (as `diffTrees` returns it). Memoised by the identity of `changes`.
 */
export function createLayer(changes: readonly Change[], options: CreateLayerOptions = {}): Promise<Layer> {
  let pending = layerCache.get(changes);
  if (!pending) {
    pending = buildLayer(changes, options.upper);
    layerCache.set(changes, pending);
    pending.catch(() => layerCache.delete(changes));
  }
  return pending;
}

/** Digests and sizes of a layer computed earlier (e.g. at site build time) and shipped as data. */
export interface KnownLayerFacts {
  readonly diffId: string;
  readonly digest: string;
  readonly size: number;
  readonly compressedSize: number;
}

/**
 * Registers precomputed facts for a change list, so `createLayer(changes)` returns them at once
 * instead of serialising, hashing and compressing (browsers need not hash base layers at startup).
 * The facts are trusted: whoever ships them must test that they equal what `createLayer` computes.
 * The tar and blob are still produced on demand from the changes by `layerTar`/`layerBlob`.
 */
export function primeLayer(changes: readonly Change[], facts: KnownLayerFacts): Promise<Layer> {
  const existing = layerCache.get(changes);
  if (existing) return existing;
  const layer: Layer = {
    diffId: facts.diffId,
    digest: facts.digest,
    size: facts.size,
    compressedSize: facts.compressedSize,
    mediaType: LAYER_MEDIA_TYPE,
    changes,
  };
  const pending = Promise.resolve(layer);
  layerCache.set(changes, pending);
  return pending;
}

/** The layer for the diff between two trees; memoised by the pair of roots. */
export function diffLayer(lower: DirNode, upper: DirNode): Promise<Layer> {
  let byUpper = treeLayerCache.get(lower);
  if (!byUpper) treeLayerCache.set(lower, (byUpper = new WeakMap()));
  let pending = byUpper.get(upper);
  if (!pending) {
    pending = createLayer(diffTrees(lower, upper), { upper });
    byUpper.set(upper, pending);
  }
  return pending;
}

async function buildLayer(changes: readonly Change[], upper: DirNode | undefined): Promise<Layer> {
  // Ancestor directories taken from the upper tree are recorded (without children) in the layer so
  // that the tar can be rebuilt byte-identically from the layer object alone.
  const parents: Array<{ path: string; node: DirNode }> = [];
  const entries = planEntries(changes, (path) => {
    const node = upper ? getNode(upper, path) : undefined;
    if (node?.type !== 'dir') return undefined;
    const bare: DirNode = { ...node, entries: new Map() };
    parents.push({ path, node: bare });
    return bare;
  });
  const tar = await buildTarPaced(entries);
  const diffId = await sha256(tar);
  let compressed = recallCompressed(diffId);
  if (!compressed) {
    // Off the main thread in the browser: a large layer's gzip would be a long task.
    const blob = await gzipChunksAsync(sliceChunks(tar));
    compressed = { digest: await sha256(blob), compressedSize: blob.length, blob };
    rememberCompressed(diffId, compressed);
  }
  const layer: Layer = {
    diffId,
    digest: compressed.digest,
    size: tar.length,
    compressedSize: compressed.compressedSize,
    mediaType: LAYER_MEDIA_TYPE,
    changes,
    ...(parents.length > 0 ? { parents } : {}),
  };
  planCache.set(layer, entries);
  return layer;
}

function* sliceChunks(data: Uint8Array, size = 1 << 20): Generator<Uint8Array> {
  for (let off = 0; off < data.length; off += size) yield data.subarray(off, Math.min(off + size, data.length));
}

function planFor(layer: Layer): Entry[] {
  let plan = planCache.get(layer);
  if (!plan) {
    // A layer that crossed a structured clone (e.g. from a worker) lost its cache entries.
    const parents = new Map((layer.parents ?? []).map((p) => [p.path, p.node]));
    plan = planEntries(layer.changes, (path) => parents.get(path));
    planCache.set(layer, plan);
  }
  return plan;
}

/** The layer's uncompressed tar, in chunks (about 1 MiB each). */
export async function* layerTar(layer: Layer): AsyncGenerator<Uint8Array> {
  yield* tarChunks(planFor(layer));
}

/** The whole uncompressed tar in one buffer. */
export function layerTarBytes(layer: Layer): Uint8Array {
  return buildTar(planFor(layer));
}

/** The layer's gzip blob; its sha256 is `layer.digest`. */
export async function layerBlob(layer: Layer): Promise<Uint8Array> {
  const cached = recallCompressed(layer.diffId);
  if (cached?.blob) return cached.blob;
  const blob = await gzipChunksAsync(tarChunks(planFor(layer)));
  rememberCompressed(layer.diffId, { digest: layer.digest, compressedSize: blob.length, blob });
  return blob;
}

