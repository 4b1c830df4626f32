// The engine's state as the page reads it, when the engine runs in a Worker. The worker's SnapshotTaker
// turns the engine's state into snapshots (structured-clone data, for postMessage); the page's
// EngineMirror applies them and answers the pictures' questions with the same code the engine's own
// parts use (ImageIndex for the image store, RegistryListing for the registry). DOM-free, and light:
// only types come from the engine, so the page does not bundle the builder, world, image or container code.
//
// Images and cache records are content-addressed and never change, so each is sent once; a snapshot
// after the first holds only the new ones plus the lists of ids and keys now present. A cache record's
// use count and last-use time do change (a cache hit); those are sent as small updates.
import type { LabEngine } from '../../engine/index.ts';
import type { StoredImage } from '../../engine/store/types.ts';
import type { CacheRecord } from '../../engine/builder/cache.ts';
import { ImageIndex } from '../../engine/store/image-index.ts';
import { RegistryListing, type RegistryListingData, type SearchResult } from '../../engine/registry/listing.ts';
import type { EngineView, MirrorCacheRecord, MirrorImage } from './engine-view.ts';

export type { EngineView, MirrorCacheRecord, MirrorImage } from './engine-view.ts';

type Entries<V> = readonly (readonly [string, V])[];

/** The image store's part of a snapshot: sent whenever anything in the store changed. */
export interface ImagesDelta {
  /** Images the page does not hold yet (every image, in a whole snapshot), without their root filesystem. */
  readonly added: readonly MirrorImage[];
  /** Every image's id, in the store's order (`docker images` and `ImageStore.list()`). */
  readonly ids: readonly string[];
  /** Normalised `name:tag` → image id, in the store's order. */
  readonly tags: Entries<string>;
  /** Normalised `name:tag` → `name@digest` the tag was fetched by. */
  readonly repoDigests: Entries<string>;
  /** Image id → engine-clock ms of its arrival. */
  readonly arrivedAt: Entries<number>;
}

/** The build cache's part of a snapshot: sent whenever a record was added, removed or used. */
export interface CacheDelta {
  /** Records the page does not hold yet (every record, in a whole snapshot), without their filesystem. */
  readonly added: readonly MirrorCacheRecord[];
  /** Every record's key, in the cache's order. */
  readonly keys: readonly string[];
  /** Records already sent whose use changed (a cache hit): key, lastUsedAt, usageCount. */
  readonly used: readonly (readonly [key: string, lastUsedAt: number, usageCount: number])[];
}

/** What the page needs of the engine's state; immutable parts (images, cache records) are sent once. */
export interface EngineSnapshot {
  /** 1 for the first take, then one more per take: a mirror applies them in order. */
  readonly seq: number;
  /** True when the snapshot holds the whole state (the first take, or after `reset`): the mirror starts over. */
  readonly whole: boolean;
  /** Each part below is absent when it did not change since the previous take. */
  readonly images?: ImagesDelta;
  readonly cache?: CacheDelta;
  /** Ids of every container, stopped ones too, as `docker ps -a` orders them. */
  readonly containerIds?: readonly string[];
  /** The registry's catalogue (sent once, it never changes) and its pushed repositories. */
  readonly registry?: Partial<RegistryListingData>;
  /** The network preset in use. */
  readonly networkId?: string;
}

/** True when the snapshot changes nothing (the worker need not post it). */
export function isEmptySnapshot(s: EngineSnapshot): boolean {
  return !s.whole && !s.images && !s.cache && !s.containerIds && !s.registry && s.networkId === undefined;
}

function sameList<T>(a: readonly T[] | undefined, b: readonly T[]): boolean {
  return a !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);
}

function sameEntries<V>(a: Entries<V> | undefined, b: Entries<V>): boolean {
  return a !== undefined && a.length === b.length && a.every(([k, v], i) => k === b[i]![0] && v === b[i]![1]);
}

/** An image as the page gets it: its root filesystem stays in the core. */
function forPage(image: StoredImage): MirrorImage {
  const { rootfs: _tree, ...rest } = image;
  return rest;
}

/** A cache record as the page gets it: the filesystem after the step stays in the core. */
function recordForPage(record: CacheRecord): MirrorCacheRecord {
  const { root: _tree, ...rest } = record;
  return rest;
}

/** Worker side: takes snapshots of `engine`, each holding only what changed since the previous take. The first take is whole. */
export class SnapshotTaker {
  private readonly engine: LabEngine;
  private seq = 0;
  private whole = true;
  /** What the page holds, by identity: an image or record is sent again only if the engine's object is another one. */
  private sentImages = new Map<string, StoredImage>();
  private sentRecords = new Map<string, CacheRecord>();
  private sentUse = new Map<string, readonly [number, number]>();
  private last: {
    imageIds?: readonly string[];
    tags?: Entries<string>;
    repoDigests?: Entries<string>;
    arrivedAt?: Entries<number>;
    cacheKeys?: readonly string[];
    containerIds?: readonly string[];
    pushed?: RegistryListingData['pushed'];
    networkId?: string;
  } = {};

  constructor(engine: LabEngine) {
    this.engine = engine;
  }

  /** The next take is whole again (for a page that starts over with a new mirror). */
  reset(): void {
    this.whole = true;
  }

  take(): EngineSnapshot {
    const whole = this.whole;
    this.whole = false;
    if (whole) {
      this.sentImages = new Map();
      this.sentRecords = new Map();
      this.sentUse = new Map();
      this.last = {};
    }
    const snapshot: { -readonly [K in keyof EngineSnapshot]: EngineSnapshot[K] } = { seq: ++this.seq, whole };
    const images = this.takeImages();
    if (images) snapshot.images = images;
    const cache = this.takeCache();
    if (cache) snapshot.cache = cache;

    const containerIds = this.engine.containers.list(true).map((c) => c.id);
    if (!sameList(this.last.containerIds, containerIds)) snapshot.containerIds = this.last.containerIds = containerIds;

    const listing = this.engine.registry.registry.listing();
    const pushedChanged = !this.last.pushed || this.last.pushed.length !== listing.pushed.length ||
      listing.pushed.some(([path, tags], i) => path !== this.last.pushed![i]![0] || !sameList(this.last.pushed![i]![1], tags));
    if (whole || pushedChanged) {
      snapshot.registry = whole ? listing : { pushed: listing.pushed };
      this.last.pushed = listing.pushed;
    }

    const networkId = this.engine.registry.network.id;
    if (networkId !== this.last.networkId) snapshot.networkId = this.last.networkId = networkId;
    // An empty take is not posted (the core takes one before every engine event), so it uses no number.
    if (isEmptySnapshot(snapshot)) this.seq--;
    return snapshot;
  }

  private takeImages(): ImagesDelta | undefined {
    const state = this.engine.images.exportState();
    const ids = state.images.map((i) => i.id);
    const added = state.images.filter((i) => this.sentImages.get(i.id) !== i).map(forPage);
    const unchanged = added.length === 0 && sameList(this.last.imageIds, ids) && sameEntries(this.last.tags, state.tags) &&
      sameEntries(this.last.repoDigests, state.catalogDigests) && sameEntries(this.last.arrivedAt, state.createdAt);
    if (unchanged) return undefined;
    this.sentImages = new Map(state.images.map((i) => [i.id, i]));
    this.last.imageIds = ids;
    this.last.tags = state.tags;
    this.last.repoDigests = state.catalogDigests;
    this.last.arrivedAt = state.createdAt;
    return { added, ids, tags: state.tags, repoDigests: state.catalogDigests, arrivedAt: state.createdAt };
  }

  private takeCache(): CacheDelta | undefined {
    const records = this.engine.buildCache.entries();
    const keys = records.map((r) => r.key);
    const added: MirrorCacheRecord[] = [];
    const used: [string, number, number][] = [];
    for (const r of records) {
      if (this.sentRecords.get(r.key) !== r) added.push(recordForPage(r));
      else {
        const use = this.sentUse.get(r.key);
        if (!use || use[0] !== r.lastUsedAt || use[1] !== r.usageCount) used.push([r.key, r.lastUsedAt, r.usageCount]);
      }
    }
    if (added.length === 0 && used.length === 0 && sameList(this.last.cacheKeys, keys)) return undefined;
    this.sentRecords = new Map(records.map((r) => [r.key, r]));
    this.sentUse = new Map(records.map((r) => [r.key, [r.lastUsedAt, r.usageCount] as const]));
    this.last.cacheKeys = keys;
    return { added, keys, used };
  }
}

/** Thrown by `EngineMirror.apply` for a snapshot that does not follow the last one applied (one was lost). */
export class SnapshotOrderError extends Error {}

class MirroredImages extends ImageIndex<MirrorImage> {
  /** Checks the delta against what the mirror holds and returns how to apply it (throws SnapshotOrderError first). */
  prepare(delta: ImagesDelta, whole: boolean): () => void {
    const known = whole ? new Map<string, MirrorImage>() : new Map(this.images);
    for (const img of delta.added) known.set(img.id, img);
    const images = delta.ids.map((id) => {
      const img = known.get(id);
      if (!img) throw new SnapshotOrderError(`snapshot names image ${id}, which the mirror never received`);
      return img;
    });
    return () => this.replaceAll(images, delta.tags, delta.repoDigests, delta.arrivedAt);
  }

  clear(): void {
    this.replaceAll([], [], [], []);
  }
}

class MirroredCache {
  private records = new Map<string, MirrorCacheRecord>();

  get(key: string): MirrorCacheRecord | undefined {
    return this.records.get(key);
  }

  prepare(delta: CacheDelta, whole: boolean): () => void {
    const known = whole ? new Map<string, MirrorCacheRecord>() : new Map(this.records);
    for (const r of delta.added) known.set(r.key, r);
    for (const [key, lastUsedAt, usageCount] of delta.used) {
      const r = known.get(key);
      if (r) known.set(key, { ...r, lastUsedAt, usageCount });
    }
    const next = new Map<string, MirrorCacheRecord>();
    for (const key of delta.keys) {
      const r = known.get(key);
      if (!r) throw new SnapshotOrderError(`snapshot names cache record ${key}, which the mirror never received`);
      next.set(key, r);
    }
    return () => {
      this.records = next;
    };
  }

  clear(): void {
    this.records = new Map();
  }
}

/** Page side: the read model the pictures use. Starts empty; `apply` brings it to the snapshot's state. */
export class EngineMirror implements EngineView {
  private readonly imageIndex = new MirroredImages();
  private readonly cache = new MirroredCache();
  private readonly listing = new RegistryListing();
  private containers: readonly string[] = [];
  private network = '';
  private seq = 0;

  /** The image store's queries, as `ImageStore` answers them (the same code: ImageIndex). */
  get images(): ImageIndex<MirrorImage> {
    return this.imageIndex;
  }

  get buildCache(): { get(key: string): MirrorCacheRecord | undefined } {
    return this.cache;
  }

  /** The registry's `search` and `tags`, as `RemoteRegistry` answers them (the same code: listing.ts). */
  get registry(): { search(term: string): SearchResult[]; tags(path: string): string[] } {
    return this.listing;
  }

  get networkId(): string {
    return this.network;
  }

  containerIds(): string[] {
    return [...this.containers];
  }

  /** Applies a snapshot: a whole one at any time, a delta only right after the one before it (else SnapshotOrderError, and nothing changes). */
  apply(snapshot: EngineSnapshot): void {
    if (!snapshot.whole && snapshot.seq !== this.seq + 1) {
      throw new SnapshotOrderError(`snapshot ${snapshot.seq} does not follow snapshot ${this.seq}`);
    }
    // Everything is checked before anything changes.
    const commitImages = snapshot.images ? this.imageIndex.prepare(snapshot.images, snapshot.whole) : undefined;
    const commitCache = snapshot.cache ? this.cache.prepare(snapshot.cache, snapshot.whole) : undefined;
    if (snapshot.whole) {
      this.imageIndex.clear();
      this.cache.clear();
      this.listing.update({ catalog: [], pushed: [] });
      this.containers = [];
      this.network = '';
    }
    commitImages?.();
    commitCache?.();
    if (snapshot.registry) this.listing.update(snapshot.registry);
    if (snapshot.containerIds) this.containers = snapshot.containerIds;
    if (snapshot.networkId !== undefined) this.network = snapshot.networkId;
    this.seq = snapshot.seq;
  }
}
