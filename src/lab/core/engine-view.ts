// The read model the pictures use: the page's EngineMirror answers it (see snapshot.ts, which
// re-exports it). Apart from snapshot.ts so that a module that only needs the type bundles nothing.
import type { StoredImage } from '../../engine/store/types.ts';
import type { CacheRecord } from '../../engine/builder/cache.ts';
import type { SearchResult } from '../../engine/registry/listing.ts';

/**
 * A stored image as the page holds it: everything but its root filesystem, which stays in the core
 * (hundreds of kilobytes per image, and no picture reads it; the explorer builds its trees from the
 * layers' changes, the images view asks the core with `analyzeImage`).
 */
export type MirrorImage = Omit<StoredImage, 'rootfs'>;

/** A build cache record as the page holds it: without the filesystem after the step (it stays in the core). */
export type MirrorCacheRecord = Omit<CacheRecord, 'root'>;

/** Page side: the read model the pictures use (the page's EngineMirror). */
export interface EngineView {
  readonly images: {
    list(): MirrorImage[];
    get(id: string): MirrorImage | undefined;
    tagsOf(id: string): string[];
    resolve(ref: string): MirrorImage | undefined;
  };
  readonly buildCache: { get(key: string): MirrorCacheRecord | undefined };
  /** Ids of every container the engine holds, stopped ones too (labContainers(engine).list(true)). */
  containerIds(): string[];
  /** The lab registry's catalogue as the images view searches it: same results as labRegistry(engine).registry.search/tags. */
  readonly registry: { search(term: string): SearchResult[]; tags(path: string): string[] };
  /** The network preset in use (labRegistry(engine).network.id). */
  readonly networkId: string;
}
