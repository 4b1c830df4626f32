// TEMPORARY stand-in until the mirror helper's branch lands (replaced at merge).
import type { LabEngine } from '../../engine/index.ts';
import type { StoredImage } from '../../engine/store/types.ts';
import type { CacheRecord } from '../../engine/builder/cache.ts';
import type { SearchResult } from '../../engine/registry/remote.ts';
export type EngineSnapshot = { readonly x: number };
export class SnapshotTaker {
  constructor(_engine: LabEngine) {}
  take(): EngineSnapshot | null {
    return { x: 1 };
  }
  whole(): EngineSnapshot {
    return { x: 1 };
  }
}
export interface EngineView {
  readonly images: { list(): StoredImage[]; get(id: string): StoredImage | undefined; tagsOf(id: string): string[]; resolve(ref: string): StoredImage | undefined };
  readonly buildCache: { get(key: string): CacheRecord | undefined };
  containerIds(): string[];
  readonly registry: { search(term: string): SearchResult[]; tags(path: string): string[] };
  readonly networkId: string;
}
export class EngineMirror implements EngineView {
  images = { list: () => [], get: () => undefined, tagsOf: () => [], resolve: () => undefined };
  buildCache = { get: () => undefined };
  containerIds = () => [];
  registry = { search: () => [], tags: () => [] };
  networkId = 'x';
  reset(): void {}
  apply(_s: EngineSnapshot): void {}
}
