// Phase 3, export: the target stage becomes an image (config and manifest from its layers, config and
// history), stored and named under the build's tags, as BuildKit's image exporter does.
import { assembleImage, type Layer } from '../image/index.ts';
import { storedImage, type ImageStore } from '../store/index.ts';
import { stampHistory } from './created.ts';
import { BuildFailure, canceledFailure } from './failure.ts';
import { checkImageDepth } from './layer-depth.ts';
import type { Progress } from './progress.ts';
import type { StageState } from './stage.ts';
import type { LayerLedger } from './step.ts';
import type { WorkSlice } from '../yield.ts';
import * as T from './timing.ts';

/** What the export uses of its build. */
export interface ExportContext {
  readonly progress: Progress;
  readonly engine: { readonly images: Pick<ImageStore, 'get' | 'add'> };
  readonly req: { readonly signal?: AbortSignal };
  /** The tags to name the image, normalised. */
  readonly tags: readonly string[];
  readonly ledger: LayerLedger;
  readonly yielder: WorkSlice;
}

/** `exporting to image`: writes the image, names it, and returns its ID. */
export async function exportImage(ctx: ExportContext, st: StageState, epochSeconds: number | undefined): Promise<string> {
  const { progress } = ctx;
  const { signal } = ctx.req;
  const images = ctx.engine.images;
  const start = progress.t;
  const id = progress.startVertex('exporting to image', 'export');
  const stopIfCanceled = (): void => {
    if (!signal?.aborted) return;
    progress.finishVertex(id, 'canceled', start);
    throw canceledFailure(id);
  };
  checkImageDepth(st.layers, (m) => (progress.finishVertex(id, 'error', start), new BuildFailure(m, { stepId: id })));
  stopIfCanceled();
  const newBytes = st.layers.filter((l) => ctx.ledger.fresh.has(l)).reduce((n, l) => n + l.size, 0);
  const layers: Layer[] = st.layers.map((l) => ({ ...l }));
  const stamped = stampHistory(st.history, st.layers.map((l) => ctx.ledger.times.get(l)), st.baseEntries, epochSeconds);
  const image = await assembleImage(layers, { config: st.config, history: stamped.history, created: stamped.created });
  await ctx.yielder.always();
  // Nothing is named or stored: a canceled export leaves no half-written image.
  stopIfCanceled();
  const existing = images.get(image.manifest.digest);
  const exportMs = existing ? 0 : T.ms(newBytes, T.EXPORT_BYTES_PER_MS);
  progress.t += exportMs;
  progress.status(id, 'layers', 'exporting layers', { seconds: exportMs > 0 ? exportMs / 1000 : undefined });
  progress.status(id, 'manifest', `exporting manifest ${image.manifest.digest}`, { seconds: 0 });
  progress.status(id, 'config', `exporting config ${image.config.digest}`, { seconds: 0 });
  const stored = storedImage(image, image.manifest.digest, st.layers, st.root, 'build');
  for (const tag of ctx.tags) {
    progress.status(id, `naming-${tag}`, `naming to ${tag}`);
  }
  images.add(stored, ctx.tags);
  for (const tag of ctx.tags) {
    const unpackMs = existing ? 0 : T.ms(newBytes, T.EXTRACT_BYTES_PER_MS);
    progress.t += unpackMs;
    progress.status(id, `unpacking-${tag}`, `unpacking to ${tag}`, { seconds: unpackMs / 1000 });
  }
  progress.finishVertex(id, 'done', start);
  return stored.id;
}
