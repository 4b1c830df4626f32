// The read model the pictures use (EngineView: the page's EngineMirror answers it, see snapshot.ts,
// which re-exports both), and engineViewOf, which reads a LabEngine in the same thread through it for
// as long as the page still holds the engine. Apart from snapshot.ts so that such a page bundles
// nothing of the mirror.
import type { LabEngine } from '../../engine/index.ts';
import type { StoredImage } from '../../engine/store/types.ts';
import type { CacheRecord } from '../../engine/builder/cache.ts';
import type { SearchResult } from '../../engine/registry/listing.ts';

/** Page side: the read model the pictures use (an EngineMirror, or a LabEngine through `engineViewOf`). */
export interface EngineView {
  readonly images: {
    list(): StoredImage[];
    get(id: string): StoredImage | undefined;
    tagsOf(id: string): string[];
    resolve(ref: string): StoredImage | undefined;
  };
  readonly buildCache: { get(key: string): CacheRecord | undefined };
  /** Ids of every container the engine holds, stopped ones too (labContainers(engine).list(true)). */
  containerIds(): string[];
  /** The lab registry's catalogue as the images view searches it: same results as labRegistry(engine).registry.search/tags. */
  readonly registry: { search(term: string): SearchResult[]; tags(path: string): string[] };
  /** The network preset in use (labRegistry(engine).network.id). */
  readonly networkId: string;
}

/** An EngineView over an engine in this thread (until the page holds only a mirror). */
export function engineViewOf(engine: LabEngine): EngineView {
  return {
    images: engine.images,
    buildCache: engine.buildCache,
    containerIds: () => engine.containers.list(true).map((c) => c.id),
    registry: {
      search: (term) => engine.registry.registry.search(term),
      tags: (path) => engine.registry.registry.tags(path),
    },
    get networkId() {
      return engine.registry.network.id;
    },
  };
}

