// The cache step every RUN, COPY, ADD and WORKDIR goes through: its key from its inputs and the parent's
// key; on a hit the cached result; on a miss the step runs, its layer is committed and cached, and the
// explanation says which input differs.
import { applyChanges, contentSize, diffTrees, type Change, type DirNode } from '../fs/index.ts';
import type { Instruction } from '../dockerfile/index.ts';
import { createLayer } from '../image/index.ts';
import { storedLayer } from '../store/index.ts';
import type { StoredLayer } from '../store/types.ts';
import { diffSize } from '../store/sizes.ts';
import type { BuildCache, KeyInputs } from './cache.ts';
import { hashText, LIMITS } from './context.ts';
import { cachedReason, missReason } from './explain.ts';
import { BuildFailure, canceledFailure, linesOf } from './failure.ts';
import type { Progress } from './progress.ts';
import type { StageState } from './stage.ts';
import type { WorkSlice } from '../yield.ts';

/** What a step's work gives back: the filesystem after it, its output, and (optionally) its changes. */
export interface StepResult {
  root: DirNode;
  logs: { stream: 'stdout' | 'stderr'; text: string; at: number }[];
  changes?: Change[];
}

export type StepWork = (stepId: string, startedAt: number) => Promise<StepResult>;

/** Runs one cacheable step for a stage; `link` keys it without its parent (COPY --link). */
export type RunStep = (st: StageState, inst: Instruction, name: string, inputs: KeyInputs, work: StepWork, link?: boolean) => Promise<void>;

/** The layers of one build: those it committed itself, and when each was first made (engine-clock ms). */
export interface LayerLedger {
  readonly fresh: Set<StoredLayer>;
  readonly times: Map<StoredLayer, number>;
}

/** What a cache step uses of its build. */
export interface StepContext {
  readonly progress: Progress;
  /** The build cache, and the engine's clock for its records' times. */
  readonly engine: { readonly buildCache: BuildCache; now(): number };
  readonly req: { readonly signal?: AbortSignal; readonly noCache?: boolean };
  readonly yielder: WorkSlice;
  readonly ledger: LayerLedger;
}

export async function runStep(
  ctx: StepContext,
  st: StageState,
  inst: Instruction,
  name: string,
  inputs: KeyInputs,
  work: StepWork,
  link = false,
): Promise<void> {
  const { progress } = ctx;
  const cache = ctx.engine.buildCache;
  const { signal, noCache } = ctx.req;
  const parentKey = link ? 'link' : st.key;
  const key = 'sha256:' + (await hashText(JSON.stringify([inputs.kind, parentKey, inputs.op, inputs.env ? Object.entries(inputs.env) : null, inputs.files ? sortedEntries(inputs.files) : null])));
  const start = progress.t;
  const stepId = progress.startVertex(name, 'step', { stage: st.label, line: inst.range.start.line });
  /** Ends the step as canceled once the build is aborted (checked where the step gives the event loop a turn). */
  const stopIfCanceled = (reason: string): void => {
    if (!signal?.aborted) return;
    progress.finishVertex(stepId, 'canceled', start);
    progress.explain({ stepId, name, status: 'canceled', reason });
    throw canceledFailure(stepId);
  };
  // Let the event loop run (an abort from the terminal's Ctrl-C, the page) before the step works.
  await ctx.yielder.always();
  stopIfCanceled('the build was canceled while this step ran');
  // --no-cache marks RUN, COPY and ADD as ignore-cache (dockerfile2llb convert.go dispatchRun,
  // convert_copy.go); WORKDIR's mkdir is not marked, so it is still taken from the cache unless a step
  // below it was forced to run.
  const forced = noCache === true && inputs.kind !== 'WORKDIR';
  const hit = forced || (noCache && st.forcedBelow) ? undefined : cache.get(key);
  if (hit) {
    hit.lastUsedAt = ctx.engine.now();
    hit.usageCount++;
    ctx.ledger.times.set(hit.layer, hit.createdAt);
    st.root = link ? applyChanges(st.root, hit.changes) : hit.root;
    st.key = key;
    st.layers.push(hit.layer);
    st.lastRan = false;
    progress.emit({ type: 'cache-hit', stepId, key });
    progress.finishVertex(stepId, 'cached', start);
    const why = cachedReason(inputs);
    progress.explain({ stepId, name, status: 'cached', reason: noCache ? `${why}; --no-cache re-runs only RUN, COPY and ADD` : why });
    return;
  }
  const reason = missReason(cache, noCache, st, parentKey, inputs);
  if (forced) st.forcedBelow = true;
  progress.emit({ type: 'cache-miss', stepId, key, reason });
  let result;
  try {
    result = await work(stepId, start);
  } catch (e) {
    const canceled = e instanceof BuildFailure && e.canceled;
    progress.finishVertex(stepId, canceled ? 'canceled' : 'error', start);
    progress.explain({ stepId, name, status: canceled ? 'canceled' : 'error', reason });
    if (e instanceof BuildFailure) throw new BuildFailure(e.message, { stepId, lines: e.lines ?? linesOf(inst), canceled, vertexMessage: e.vertexMessage });
    throw new BuildFailure(e instanceof Error ? e.message : String(e), { stepId, lines: linesOf(inst) });
  }
  for (const l of result.logs) progress.emit({ type: 'log', stepId, stream: l.stream, text: l.text, at: l.at });
  await ctx.yielder.maybe();
  stopIfCanceled(reason);
  const changes = result.changes ?? diffTrees(st.root, result.root);
  let bytes = 0;
  for (const c of changes) if (c.kind !== 'deleted' && c.node.type === 'file') bytes += contentSize(c.node.content);
  if (bytes > LIMITS.layerBytes) {
    progress.finishVertex(stepId, 'error', start);
    throw new BuildFailure(`the layer of this step would hold ${Math.round(bytes / 1e6)}MB, more than this lab's limit of ${LIMITS.layerBytes / 1e6}MB per layer`, { stepId, lines: linesOf(inst) });
  }
  const layer = await createLayer(changes, { upper: result.root });
  const stored = storedLayer(layer);
  await ctx.yielder.maybe();
  stopIfCanceled(reason);
  const madeAt = ctx.engine.now();
  ctx.ledger.times.set(stored, madeAt);
  cache.put({
    key,
    parentKey,
    inputs,
    root: result.root,
    changes,
    layer: stored,
    description: name,
    createdAt: madeAt,
    lastUsedAt: madeAt,
    usageCount: 1,
    id: (await hashText(key)).slice(0, 25),
    chain: [...st.layers.map((l) => l.digest), stored.digest],
  });
  progress.emit({
    type: 'layer-committed',
    stepId,
    diffId: layer.diffId,
    digest: layer.digest,
    size: layer.size,
    diffSize: diffSize(layer.changes),
    compressedSize: layer.compressedSize,
    changes: changes.map((c) => ({ kind: c.kind, path: c.path })),
  });
  st.root = result.root;
  st.key = key;
  st.layers.push(stored);
  ctx.ledger.fresh.add(stored);
  st.lastRan = true;
  progress.finishVertex(stepId, 'done', start);
  progress.explain({ stepId, name, status: 'built', reason });
}

/**
 * Object.entries(files).sort(), in exactly the order the default sort gives (each [path, sig] pair
 * compared as its string "path,sig"), without making those strings for every comparison: a COPY of
 * thousands of files keys its cache in milliseconds.
 */
function sortedEntries(files: Readonly<Record<string, string>>): [string, string][] {
  const entries = Object.entries(files);
  // COPY lists its files in walk order, which is usually already this order: then there is nothing to sort.
  let sorted = true;
  for (let i = 1; i < entries.length && sorted; i++) sorted = compareEntryStrings(entries[i - 1]!, entries[i]!) <= 0;
  return sorted ? entries : entries.sort(compareEntryStrings);
}

/** Compares [k, v] pairs as the strings "k,v" (what the default sort compares) without building them. */
function compareEntryStrings(a: [string, string], b: [string, string]): number {
  const x = a[0];
  const y = b[0];
  if (x === y) return a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
  // Unless one key is a prefix of the other, the keys differ before either string reaches its comma.
  if (!x.startsWith(y) && !y.startsWith(x)) return x < y ? -1 : 1;
  const s = `${x},${a[1]}`;
  const t = `${y},${b[1]}`;
  return s < t ? -1 : s > t ? 1 : 0;
}
