// The build cache: results of RUN/COPY/ADD/WORKDIR steps by cache key, kept for the lab session.
// Each record holds the step's filesystem result and its layer, plus what went into its key so that a
// later miss can say which input differs from the nearest cached entry.
import type { Change, DirNode } from '../fs/index.ts';
import type { StoredLayer } from '../store/types.ts';
import { diffSize } from '../store/sizes.ts';

/** What went into a step's key, in words the explanation can compare. */
export interface KeyInputs {
  readonly kind: 'RUN' | 'COPY' | 'ADD' | 'WORKDIR';
  /** Op fields other than files: command, cwd, user, dest, chown, chmod, mounts… */
  readonly op: Readonly<Record<string, string>>;
  /** RUN: environment variables in the key, name → value. */
  readonly env?: Readonly<Record<string, string>>;
  /** COPY/ADD: every source file's signature, path → `type mode size sha256`. */
  readonly files?: Readonly<Record<string, string>>;
}

export interface CacheRecord {
  readonly key: string;
  readonly parentKey: string;
  readonly inputs: KeyInputs;
  /** The filesystem after the step. */
  readonly root: DirNode;
  readonly changes: readonly Change[];
  readonly layer: StoredLayer;
  /** Progress name when recorded, e.g. `[3/5] COPY . .`. */
  readonly description: string;
  /** Engine-clock ms when the step first ran and made this layer (a cache hit keeps it). */
  readonly createdAt: number;
  lastUsedAt: number;
  usageCount: number;
  /** 25-character ID as `docker buildx du` shows. */
  readonly id: string;
  /**
   * The compressed digests of the layers this record's filesystem is made of, from the bottom (base image
   * layers first) to its own: what BuildKit compares with images' layer lists. Absent in older saved state.
   */
  readonly chain?: readonly string[];
}

/** The key BuildKit's image reference checker files an image's layer list under: the digests joined. */
export function layerChainKey(digests: readonly string[]): string {
  return digests.join('');
}

/**
 * A record's size: the bytes of the regular files its layer holds (its content), as `docker history` counts
 * them, not the layer's tar size. BuildKit measures the snapshot's disk blocks (continuity fs.DiskUsage);
 * in this lab, sizes count file contents.
 */
export function recordSize(r: CacheRecord): number {
  return diffSize(r.layer.changes);
}

interface CacheState {
  records: CacheRecord[];
  mounts?: [string, DirNode][];
}

export class BuildCache {
  private readonly records = new Map<string, CacheRecord>();
  private readonly byParent = new Map<string, string[]>();
  /** `RUN --mount=type=cache` directories by id (their content persists between builds, outside layers). */
  readonly mounts = new Map<string, DirNode>();

  get(key: string): CacheRecord | undefined {
    return this.records.get(key);
  }

  put(record: CacheRecord): void {
    if (!this.records.has(record.key)) {
      const list = this.byParent.get(record.parentKey) ?? [];
      list.push(record.key);
      this.byParent.set(record.parentKey, list);
    }
    this.records.set(record.key, record);
  }

  /** Records whose step ran on the same parent state, newest first. */
  siblings(parentKey: string): CacheRecord[] {
    return (this.byParent.get(parentKey) ?? [])
      .map((k) => this.records.get(k))
      .filter((r): r is CacheRecord => !!r)
      .reverse();
  }

  /** True when any record was built on top of `key` (used to explain cascades). */
  hasChildren(key: string): boolean {
    return (this.byParent.get(key)?.length ?? 0) > 0;
  }

  entries(): CacheRecord[] {
    return [...this.records.values()];
  }

  /** Total bytes held, as `docker system df` and prune report them (see `recordSize`). */
  size(): number {
    let total = 0;
    for (const r of this.records.values()) total += recordSize(r);
    return total;
  }

  /**
   * Keys of the records an image still uses. BuildKit's reference checker for the containerd image store
   * (snapshot/imagerefchecker/checker.go) calls a record shared when its layer chain is exactly an image's
   * layer list; the cache manager then marks every record below it shared too (cache/manager.go
   * markShared). `imageChains` holds `layerChainKey` of each image's layers.
   */
  sharedKeys(imageChains: ReadonlySet<string>): Set<string> {
    const shared = new Set<string>();
    for (const r of this.records.values()) {
      if (!r.chain || !imageChains.has(layerChainKey(r.chain))) continue;
      for (let cur: CacheRecord | undefined = r; cur && !shared.has(cur.key); cur = this.records.get(cur.parentKey)) shared.add(cur.key);
    }
    return shared;
  }

  /**
   * `docker builder prune`. BuildKit (cache/manager.go pruneOnce) keeps, unless `all`, the `internal` and
   * `frontend` records (this lab makes none) and the shared ones (see `sharedKeys`); the records below a
   * kept one stay because it holds them. Cache mounts go either way. A record is removed after the records
   * built on it, as BuildKit frees a parent once no child holds it; the list is in that order.
   */
  prune(options: { all: boolean; imageChains: ReadonlySet<string> }): CacheRecord[] {
    const keep = options.all ? new Set<string>() : this.sharedKeys(options.imageChains);
    const removed: CacheRecord[] = [];
    const left = new Set([...this.records.values()].filter((r) => !keep.has(r.key)));
    while (left.size > 0) {
      const held = new Set([...left].map((r) => r.parentKey));
      const round = [...left].filter((r) => !held.has(r.key));
      // A cycle cannot happen (keys hash their parent's key); guard anyway so prune always ends.
      for (const r of round.length ? round : [...left]) {
        removed.push(r);
        left.delete(r);
      }
    }
    const kept = [...this.records.values()].filter((r) => keep.has(r.key));
    this.records.clear();
    this.byParent.clear();
    for (const r of kept) this.put(r);
    this.mounts.clear();
    return removed;
  }

  exportState(): CacheState {
    return { records: this.entries(), mounts: [...this.mounts] };
  }

  importState(state: unknown): void {
    const s = state as CacheState | undefined;
    if (!s || !Array.isArray(s.records)) return;
    this.records.clear();
    this.byParent.clear();
    for (const r of s.records) this.put(r);
    this.mounts.clear();
    for (const [k, v] of s.mounts ?? []) this.mounts.set(k, v);
  }
}
