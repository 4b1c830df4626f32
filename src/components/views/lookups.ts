// Engine state the views read: cache records, stored images and their layers. One place, so every
// picture reads the same facts the shell prints.
import type { EngineView } from '../../lab/core/snapshot.ts';
import type { StoredImage } from '../../engine/store/types.ts';
import type { StackLookups, LayerRef } from './layer-stack-model.ts';
import type { StageInfo } from './layer-stack-model.ts';
import { parseDockerfile } from '../../engine/dockerfile/index.ts';
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

/** Stage names as BuildKit reports them in progress names: the AS name, or `stage-N`; '' for a lone unnamed stage. */
export function stagesOf(dockerfileText: string): StageInfo[] {
  try {
    const parsed = parseDockerfile(dockerfileText);
    if (!parsed.ok) return [];
    const stages = parsed.dockerfile.stages;
    return stages.map((s) => ({ name: s.name ?? (stages.length === 1 ? '' : `stage-${s.index}`), base: s.baseName }));
  } catch {
    return [];
  }
}
