// The builder: turns a Dockerfile and its build context into an image the way BuildKit's Dockerfile
// frontend does: the same steps, the same cache keys and hits, the same history, and typed events
// that the shell renders as BuildKit's progress output.
//
// A build reads as its phases. Load the definition (load.ts) and plan the stages (plan.ts); resolve the
// base images (base.ts) and start every stage (schedule.ts, stage.ts); load .dockerignore and the build
// context (load.ts); run each stage's instructions through their handlers (dispatch.ts: metadata.ts,
// workdir.ts, run.ts, copy.ts), the cacheable ones as cache steps (step.ts); export the target (export.ts).
// Progress events and the simulated clock are progress.ts's.
import type { BuilderHost as LabEngine, EngineBuildRequest as BuildRequest, BuildOutcome, BuildWarning } from '../parts.ts';
import { emptyDir, normalizePath, walk } from '../fs/index.ts';
import { lintDockerfile, type Dockerfile } from '../dockerfile/index.ts';
import type { ImageStore } from '../store/index.ts';
import { normalizeTaggedRef } from '../store/refs.ts';
import { runStep, type LayerLedger } from './step.ts';
import { planBuild, stageRef, type BuildPlan } from './plan.ts';
import { loadBuildContext, loadIgnore, parseDefinition, readDefinition, type ContextSync } from './load.ts';
import { dispatch } from './dispatch.ts';
import { loadMetadata, type BaseInfo } from './base.ts';
import { runSchedule } from './schedule.ts';
import { BuildFailure, throwIfCanceled } from './failure.ts';
import { exportImage } from './export.ts';
import { Progress } from './progress.ts';
import { hashText, type LoadedContext } from './context.ts';
import { WorkSlice } from '../yield.ts';
import type { BuildCache } from './cache.ts';
import type { HandlerScope } from './scope.ts';
import type { StageState } from './stage.ts';

/** What the builder uses of the engine: the image store, the build cache, base images, events, the clock. */
export interface BuilderEngine {
  readonly images: Pick<ImageStore, 'resolve' | 'repoDigestOfTag' | 'get' | 'add'>;
  readonly buildCache: BuildCache;
  readonly resolveBaseImage: LabEngine['resolveBaseImage'];
  emit: LabEngine['emit'];
  now(): number;
}

let buildCounter = 0;

export async function runBuild(engine: LabEngine, req: BuildRequest): Promise<BuildOutcome> {
  // What the last build sent of each context folder, kept on the engine object for the next build.
  const contextSync = (): ContextSync => ((engine as unknown as { __contextSync?: ContextSync }).__contextSync ??= new Map());
  const progress = new Progress(`build-${++buildCounter}`, (e) => engine.emit(e));
  const tags = (req.tags ?? []).map((t) => normalizeTaggedRef(t));
  const run: BuildRun = {
    engine,
    req,
    progress,
    tags,
    buildArgs: { ...(req.buildArgs ?? {}) },
    yielder: new WorkSlice(),
    ledger: { fresh: new Set(), times: new Map() },
    warnings: [],
    dockerfileText: '',
    dockerfileName: 'Dockerfile',
  };
  progress.emit({ type: 'build-start', dockerfile: req.dockerfile ?? 'Dockerfile', tags, target: req.target });
  let imageId: string | undefined;
  let failure: BuildFailure | undefined;
  try {
    imageId = await build(run, contextSync);
  } catch (e) {
    failure = e instanceof BuildFailure ? e : new BuildFailure(e instanceof Error ? e.message : String(e));
  }
  progress.flush();
  if (failure) {
    const message = `failed to build: failed to solve: ${failure.message}`;
    progress.emit({
      type: 'error',
      stepId: progress.stepIdOf(failure.stepId),
      message,
      vertexMessage: failure.vertexMessage ?? failure.message.replace(/^failed to compute cache key: /, ''),
      sourceText: run.dockerfileText,
      source: failure.lines ? { file: run.dockerfileName, startLine: failure.lines.start, endLine: failure.lines.end } : undefined,
    });
    progress.emit({ type: 'build-done', ok: false, tags });
    return {
      ok: false,
      buildId: progress.buildId,
      tags,
      error: message,
      canceled: failure.canceled,
      explanations: progress.explanations,
      warnings: run.warnings,
      durationMs: progress.t,
    };
  }
  progress.emit({ type: 'build-done', ok: true, imageId, tags });
  engine.emit({ type: 'store-changed', reason: 'build' });
  return { ok: true, buildId: progress.buildId, imageId, tags, explanations: progress.explanations, warnings: run.warnings, durationMs: progress.t };
}

/** One build's own state: what it was asked, its progress, and what the outcome reports. */
interface BuildRun {
  readonly engine: BuilderEngine;
  readonly req: BuildRequest;
  readonly progress: Progress;
  readonly tags: string[];
  readonly buildArgs: Record<string, string>;
  /** Gives the event loop a turn between and within steps (see yield.ts). */
  readonly yielder: WorkSlice;
  readonly ledger: LayerLedger;
  warnings: BuildWarning[];
  /** The Dockerfile as read, for the error snippet. */
  dockerfileText: string;
  dockerfileName: string;
}

/** The phases, in order; returns the image ID. */
async function build(run: BuildRun, contextSync: () => ContextSync): Promise<string> {
  const { progress, req, engine, yielder } = run;
  const ws = req.workspace;
  const contextDir = normalizePath(req.contextDir);
  const dfPath = normalizePath(req.dockerfile ?? `${contextDir}/Dockerfile`);
  run.dockerfileName = dfPath.split('/').pop() ?? 'Dockerfile';

  // The definition and the plan.
  const dfBytes = await readDefinition(progress, ws, dfPath, run.dockerfileName, req.dockerfile);
  run.dockerfileText = new TextDecoder().decode(dfBytes);
  const df = parseDefinition(progress, run.dockerfileText, dfBytes.byteLength);
  const plan = planBuild(df, run.buildArgs, req.target);

  // [internal] load metadata for each external base image of the reachable stages.
  const bases = new Map<string, BaseInfo>();
  for (const ref of plan.baseRefs) {
    await yielder.always();
    throwIfCanceled(req.signal);
    bases.set(ref, await loadMetadata(progress, engine, req.signal, ref, plan));
  }
  const ignore = await loadIgnore(progress, ws, dfPath, contextDir);

  // Stage states; FROM vertices first (BuildKit starts them in parallel), then the build context.
  // Several stages (or images copied from) may run in parallel: hold their events to release them in
  // simulated-time order. A single stage streams its events live.
  if (plan.order.length > 1 || plan.implicitImages.size > 0) progress.hold();
  const states = new Map<number, StageState>();
  let scope: HandlerScope | undefined;
  await runSchedule(progress, plan, bases, states, {
    afterFrom: async () => {
      const context = plan.needsContext ? await loadBuildContext(progress, ws, contextDir, ignore.matcher, plan, contextSync, req.signal) : undefined;
      run.warnings = lintWarnings(df, context, ignore.patterns);
      scope = handlerScope(run, plan, states, bases, context);
    },
    dispatch: (st, inst) => dispatch(scope!, st, inst),
    yielder,
    signal: req.signal,
  });
  progress.flush();

  return exportImage(run, states.get(plan.targetIndex)!, plan.epochSeconds);
}

/** What the instruction handlers get. */
function handlerScope(
  run: BuildRun,
  plan: BuildPlan,
  states: ReadonlyMap<number, StageState>,
  bases: ReadonlyMap<string, BaseInfo>,
  context: LoadedContext | undefined,
): HandlerScope {
  const { progress, req, engine } = run;
  return {
    progress,
    escape: plan.escape,
    buildArgs: run.buildArgs,
    metaArgs: plan.metaArgs,
    historyCreated: plan.historyCreated,
    signal: req.signal,
    step: (st, inst, name, inputs, work, link) => runStep(run, st, inst, name, inputs, work, link),
    context,
    cacheMounts: engine.buildCache.mounts,
    replayRun: req.replayRun,
    readFrom(st, from, inst) {
      const ref = stageRef(plan, from, st.index, inst);
      if (typeof ref === 'number') return { fromStage: true, root: states.get(ref)!.root };
      return { fromStage: false, root: bases.get(from)?.image.rootfs ?? emptyDir() };
    },
    refId: async (seed) => {
      const h = await hashText(`${progress.buildId}:${seed}`);
      const alnum = (await hashText(h)).replace(/[^a-z0-9]/g, '');
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}::${BigInt('0x' + alnum.slice(0, 30)).toString(36).slice(0, 25)}`;
    },
  };
}

/**
 * Lint warnings (BuildKit's rules only), printed after the build. The checks see the context's files and
 * .dockerignore, so CopyIgnoredFile can name a COPY source that .dockerignore excludes.
 */
function lintWarnings(df: Dockerfile, context: LoadedContext | undefined, dockerignore: string[] | null): BuildWarning[] {
  try {
    const files = context ? [...walk(context.root)].map((e) => e.path.slice(1)) : undefined;
    return lintDockerfile(df, { files, dockerignore })
      .filter((d) => !d.rule.startsWith('Layerlab/') && d.severity !== 'hint')
      .map((d) => ({ rule: d.rule, message: d.message, line: d.range.start.line }));
  } catch {
    return [];
  }
}
