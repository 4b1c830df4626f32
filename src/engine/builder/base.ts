// Base images: `[internal] load metadata for …` resolves each FROM (and `--from` image) to a digest, and
// the FROM vertex shows its layers downloaded and extracted on first use, or CACHED when already local.
import type { BaseImageResolver } from '../parts.ts';
import type { PullEvent } from '../registry/events.ts';
import type { StoredImage } from '../store/types.ts';
import type { ImageStore } from '../store/index.ts';
import { familiarName, parseRef } from '../store/refs.ts';
import { CATALOG } from '../world/index.ts';
import type { Stage } from '../dockerfile/index.ts';
import { BuildFailure, linesOf, type LineSpan } from './failure.ts';
import type { Progress } from './progress.ts';
import type { StageBase } from './plan.ts';
import { goQuote } from './words.ts';
import * as T from './timing.ts';

export interface BaseInfo {
  image: StoredImage;
  /** `docker.io/library/node:22-alpine` */
  fullRef: string;
  /** `docker.io/library/node@sha256:…` the tag resolved to. */
  pinned: string;
  wasLocal: boolean;
  /** The pull that fetched it for this build, in simulated ms from the pull's start (the FROM vertex replays its transfer). */
  pull?: readonly PullEvent[];
  /**
   * Set once this build has shown the base's FROM vertex: stages on the same base share that one vertex
   * (BuildKit merges identical operations), so later stages do not print their own FROM row.
   */
  vertexEnd?: number;
}

/** Where base images come from: the local store, else the resolver (the registry or the catalogue). */
export interface BaseSource {
  readonly images: Pick<ImageStore, 'resolve' | 'repoDigestOfTag'>;
  readonly resolveBaseImage: BaseImageResolver;
}

/** `[internal] load metadata for docker.io/library/x:tag`: resolves the tag to a digest. */
export async function loadMetadata(
  progress: Progress,
  source: BaseSource,
  signal: AbortSignal | undefined,
  ref: string,
  plan: { readonly stages: readonly Stage[]; readonly baseOf: readonly StageBase[] },
): Promise<BaseInfo> {
  let fullRef: string;
  let parsed;
  const lineOf = (): LineSpan | undefined => {
    const i = plan.baseOf.indexOf(ref);
    const s = i >= 0 ? plan.stages[i] : undefined;
    return s ? linesOf(s.from) : undefined;
  };
  try {
    parsed = parseRef(ref);
    fullRef = parsed.digest ? `${parsed.name}@${parsed.digest}` : `${parsed.name}:${parsed.tag ?? 'latest'}`;
  } catch (e) {
    const why = e instanceof Error && e.message.startsWith('invalid reference format') ? e.message : 'invalid reference format';
    throw new BuildFailure(`failed to parse stage name ${goQuote(ref)}: ${why}`, { lines: lineOf() });
  }
  const start = progress.t;
  const id = progress.startVertex(`[internal] load metadata for ${fullRef}`, 'internal');
  progress.t += T.REGISTRY_ROUND_TRIP_MS;
  const local = source.images.resolve(fullRef);
  let image = local;
  const wasLocal = !!local;
  let pull: readonly PullEvent[] | undefined;
  if (!image) image = await source.resolveBaseImage(fullRef, signal, (events) => (pull = events));
  if (!image) {
    progress.finishVertex(id, 'error', start);
    const repo = familiarName(parsed.name);
    const known = CATALOG.some((r) => r.name === repo || `library/${r.name}` === repo);
    const why = known
      ? `${fullRef}: not found`
      : 'pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed';
    throw new BuildFailure(`${ref}: failed to resolve source metadata for ${fullRef}: ${why}`, { stepId: id, lines: lineOf(), vertexMessage: why });
  }
  progress.finishVertex(id, 'done', start);
  const repoDigest = source.images.repoDigestOfTag(fullRef);
  const pinned = parsed.digest ? fullRef : `${fullRef}@${(repoDigest ?? `@${image.id}`).split('@')[1]}`;
  return { image, fullRef, pinned, wasLocal, pull };
}

/** The stage a FROM vertex belongs to, when it is a stage's own FROM (not an image COPY --from reads). */
export interface FromStage {
  readonly label: string;
  readonly line: number;
}

/** The FROM vertex: resolve row, then per-layer download and extract rows on first use, or CACHED. */
export async function fromVertex(progress: Progress, name: string, base: BaseInfo, stage: FromStage | undefined): Promise<void> {
  if (base.vertexEnd !== undefined) {
    progress.t = Math.max(progress.t, base.vertexEnd);
    return;
  }
  const start = progress.t;
  const id = progress.startVertex(name, 'step', { stage: stage?.label, line: stage?.line });
  progress.status(id, 'resolve', `resolve ${base.pinned}`, { seconds: 0 });
  if (base.wasLocal) {
    progress.emit({ type: 'cache-hit', stepId: id, key: `from:${base.pinned}` });
    progress.finishVertex(id, 'cached', start);
    if (stage) progress.explain({ stepId: id, name, status: 'cached', reason: `the base image ${familiarName(base.fullRef.split('@')[0]!)} is already in the local image store` });
  } else if (base.pull) {
    pullRows(progress, id, start, base);
    base.wasLocal = true;
    progress.finishVertex(id, 'done', start);
    if (stage) progress.explain({ stepId: id, name, status: 'built', reason: `the base image was not in the local image store yet, so its layers were downloaded` });
  } else {
    // Fetched without a pull timeline (a resolver other than the registry's): each layer downloaded at
    // the builder's fixed rate, then each extracted.
    for (const layer of base.image.layers) {
      const dl = T.ms(layer.compressedSize, T.DOWNLOAD_BYTES_PER_MS);
      progress.t += dl;
      progress.status(id, layer.digest, layer.digest, { current: layer.compressedSize, total: layer.compressedSize, bytes: true, seconds: dl / 1000 });
    }
    for (const layer of base.image.layers) {
      const ex = T.ms(layer.size, T.EXTRACT_BYTES_PER_MS);
      progress.t += ex;
      progress.status(id, `extract-${layer.digest}`, `extracting ${layer.digest}`, { seconds: ex / 1000 });
    }
    base.wasLocal = true;
    progress.finishVertex(id, 'done', start);
    if (stage) progress.explain({ stepId: id, name, status: 'built', reason: `the base image was not in the local image store yet, so its layers were downloaded` });
  }
  base.vertexEnd = progress.t;
}

/**
 * The FROM vertex's rows from the pull that fetched the base: a row for each layer when its download
 * completes and when its extraction does, at the pull's own times on the simulated network (so a slow
 * network preset makes FROM slow, as it makes `docker pull` slow). Layers the store already held move
 * no bytes and get no row, as BuildKit lists only the blobs it fetches and the layers it unpacks.
 */
function pullRows(progress: Progress, id: string, start: number, base: BaseInfo): void {
  const sizes = new Map(base.image.layers.map((l) => [l.digest, l.compressedSize]));
  const began = new Map<string, number>();
  let end = 0;
  for (const e of base.pull!) {
    end = Math.max(end, e.at);
    if (e.type !== 'pull-layer-state') continue;
    if (e.state === 'downloading' || e.state === 'extracting') began.set(`${e.state}:${e.digest}`, e.at);
    else if (e.state === 'download-complete') {
      const size = sizes.get(e.digest) ?? 0;
      progress.t = start + Math.round(e.at);
      progress.status(id, e.digest, e.digest, { current: size, total: size, bytes: true, seconds: (e.at - (began.get(`downloading:${e.digest}`) ?? e.at)) / 1000 });
    } else if (e.state === 'pull-complete') {
      progress.t = start + Math.round(e.at);
      progress.status(id, `extract-${e.digest}`, `extracting ${e.digest}`, { seconds: (e.at - (began.get(`extracting:${e.digest}`) ?? e.at)) / 1000 });
    }
  }
  progress.t = start + Math.round(end);
}
