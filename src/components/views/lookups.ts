// Engine state the views read: cache records, stored images and their layers. One place, so every
// picture reads the same facts the shell prints.
import type { EngineView } from '../../lab/core/snapshot.ts';
import type { StoredImage } from '../../engine/store/types.ts';
import type { StackLookups, LayerRef } from './layer-stack-model.ts';
import type { StageInfo } from './layer-stack-model.ts';
import { diffSize } from '../../engine/store/sizes.ts';

/** History lines of the layers (empty-layer entries skipped), bottom first. */
export function historyOf(image: StoredImage): string[] {
  try {
    const cfg = JSON.parse(image.configJson) as { history?: { created_by?: string; empty_layer?: boolean }[] };
    return (cfg.history ?? []).filter((h) => !h.empty_layer).map((h) => h.created_by ?? '');
  } catch {
    return [];
  }
}

export function stackLookups(engine: EngineView): StackLookups {
  return {
    cacheLayer(key: string): LayerRef | undefined {
      const r = engine.buildCache.get(key);
      return r ? { digest: r.layer.digest, diffSize: diffSize(r.layer.changes) } : undefined;
    },
    image(ref: string) {
      const img = engine.images.resolve(ref) ?? engine.images.get(ref);
      if (!img) return undefined;
      // Sizes as `docker history` prints them (DiffSize), not the tar's.
      return { layers: img.layers.map((l) => ({ digest: l.digest, diffSize: diffSize(l.changes) })), createdBy: historyOf(img) };
    },
  };
}

