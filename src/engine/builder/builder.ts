// The builder: turns a Dockerfile and its build context into an image the way BuildKit's Dockerfile
// frontend does: the same steps, the same cache keys and hits, the same history, and typed events
// that the shell renders as BuildKit's progress output.
//
// A build reads as its phases. Load the definition (load.ts) and plan the stages (plan.ts); resolve the
// base images (base.ts) and start every stage (schedule.ts, stage.ts); load .dockerignore and the build
// context (load.ts); run each stage's instructions through their handlers (dispatch.ts: metadata.ts,
// workdir.ts, run.ts, copy.ts), the cacheable ones as cache steps (step.ts); export the target (export.ts).
// Progress events and the simulated clock are progress.ts's.
import type { LabEngine, BuildRequest, BuildOutcome, BuildWarning } from '../engine.ts';
import { emptyDir, normalizePath, walk } from '../fs/index.ts';
import { lintDockerfile, type Dockerfile, type Instruction } from '../dockerfile/index.ts';
import type { ImageStore } from '../store/index.ts';
import { normalizeTaggedRef } from '../store/refs.ts';
import type { BuildCache } from './cache.ts';
import { hashText, type LoadedContext } from './context.ts';
import { loadMetadata, type BaseInfo } from './base.ts';
import { dispatch } from './dispatch.ts';
import { exportImage } from './export.ts';
import { BuildFailure, throwIfCanceled } from './failure.ts';
import { loadBuildContext, loadIgnore, parseDefinition, readDefinition, type ContextSync } from './load.ts';
import { planBuild, stageRef, type BuildPlan } from './plan.ts';
import { Progress } from './progress.ts';
import { openStages, runStages } from './schedule.ts';
import type { FromSource, HandlerScope } from './scope.ts';
import type { StageState } from './stage.ts';
import { runStep, type LayerLedger } from './step.ts';
import { Yielder } from './yield.ts';

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
  const run = new BuildRun(engine, req, contextSync);
  return run.execute();
}

class BuildRun {
  private readonly engine: BuilderEngine;
  private readonly req: BuildRequest;
  private readonly contextSync: () => ContextSync;
  private readonly progress: Progress;
  private readonly tags: string[];
  private readonly buildArgs: Record<string, string>;
  /** Gives the event loop a turn between and within steps (see yield.ts). */
  private readonly yielder = new Yielder();
  private readonly ledger: LayerLedger = { fresh: new Set(), times: new Map() };
  private warnings: BuildWarning[] = [];
  private dockerfileText = '';
  private dockerfileName = 'Dockerfile';

  constructor(engine: BuilderEngine, req: BuildRequest, contextSync: () => ContextSync) {
    this.engine = engine;
    this.req = req;
    this.contextSync = contextSync;
    this.progress = new Progress(`build-${++buildCounter}`, (e) => engine.emit(e));
    this.tags = (req.tags ?? []).map((t) => normalizeTaggedRef(t));
    this.buildArgs = { ...(req.buildArgs ?? {}) };
  }

  async execute(): Promise<BuildOutcome> {
    const { progress } = this;
    progress.emit({ type: 'build-start', dockerfile: this.req.dockerfile ?? 'Dockerfile', tags: this.tags, target: this.req.target });
    let imageId: string | undefined;
    let failure: BuildFailure | undefined;
    try {
      imageId = await this.build();
    } catch (e) {
      failure = e instanceof BuildFailure ? e : new BuildFailure(e instanceof Error ? e.message : String(e));
    }
    if (progress.holding) progress.flush();
    if (failure) {
      const message = `failed to build: failed to solve: ${failure.message}`;
      progress.emit({
        type: 'error',
        stepId: progress.stepIdOf(failure.stepId),
        message,
        vertexMessage: failure.vertexMessage ?? failure.message.replace(/^failed to compute cache key: /, ''),
        sourceText: this.dockerfileText,
        source: failure.lines ? { file: this.dockerfileName, startLine: failure.lines.start, endLine: failure.lines.end } : undefined,
      });
      progress.emit({ type: 'build-done', ok: false, tags: this.tags });
      return {
        ok: false,
        buildId: progress.buildId,
        tags: this.tags,
        error: message,
        canceled: failure.canceled,
        explanations: progress.explanations,
        warnings: this.warnings,
        durationMs: progress.t,
      };
    }
    progress.emit({ type: 'build-done', ok: true, imageId, tags: this.tags });
    this.engine.emit({ type: 'store-changed', reason: 'build' });
    return { ok: true, buildId: progress.buildId, imageId, tags: this.tags, explanations: progress.explanations, warnings: this.warnings, durationMs: progress.t };
  }

  private async build(): Promise<string> {
    const { progress, req } = this;
    const ws = req.workspace;
    const contextDir = normalizePath(req.contextDir);
    const dfPath = normalizePath(req.dockerfile ?? `${contextDir}/Dockerfile`);
    this.dockerfileName = dfPath.split('/').pop() ?? 'Dockerfile';

    // The definition and the plan.
    const dfBytes = await readDefinition(progress, ws, dfPath, this.dockerfileName, req.dockerfile);
    this.dockerfileText = new TextDecoder().decode(dfBytes);
    const df = parseDefinition(progress, this.dockerfileText, dfBytes.byteLength);
    const plan = planBuild(df, this.buildArgs, req.target);

    // [internal] load metadata for each external base image of the reachable stages.
    const bases = new Map<string, BaseInfo>();
    for (const ref of plan.baseRefs) {
      await this.yielder.always();
      throwIfCanceled(req.signal);
      bases.set(ref, await loadMetadata(progress, this.engine, req.signal, ref, plan));
    }
    const ignore = await loadIgnore(progress, ws, dfPath, contextDir);

    // Stage states; FROM vertices first (BuildKit starts them in parallel), then the build context.
    // Several stages (or images copied from) may run in parallel: hold their events to release them in
    // simulated-time order. A single stage streams its events live.
    if (plan.order.length > 1 || plan.implicitImages.size > 0) progress.hold();
    const { states, lanes } = await openStages(progress, plan, bases);
    const context = plan.needsContext ? await loadBuildContext(progress, ws, contextDir, ignore.matcher, plan, this.contextSync) : undefined;
    lanes.contextReady = progress.t;
    this.warnings = lintWarnings(df, context, ignore.patterns);

    const scope = this.handlerScope(plan, states, bases, context);
    const stageScopes = new Map<number, HandlerScope>();
    const scopeOf = (i: number): HandlerScope => {
      let s = stageScopes.get(i);
      if (!s) stageScopes.set(i, (s = { ...scope, readFrom: (from, inst) => scope.readFrom(from, inst, i) }));
      return s;
    };
    await runStages(progress, plan, states, lanes, { yielder: this.yielder, signal: req.signal, dispatch: (st, inst, i) => dispatch(scopeOf(i), st, inst) });
    if (progress.holding) progress.flush();

    return exportImage(
      { progress, images: this.engine.images, tags: this.tags, ledger: this.ledger, epochSeconds: plan.epochSeconds, yielder: this.yielder, signal: req.signal },
      states.get(plan.targetIndex)!,
    );
  }

  /** What the instruction handlers get; `readFrom` is bound to the current stage by the caller. */
  private handlerScope(
    plan: BuildPlan,
    states: ReadonlyMap<number, StageState>,
    bases: ReadonlyMap<string, BaseInfo>,
    context: LoadedContext | undefined,
  ): Omit<HandlerScope, 'readFrom'> & { readFrom(from: string, inst: Instruction, stageIndex: number): FromSource } {
    const { progress, req, engine } = this;
    const stepContext = { progress, cache: engine.buildCache, now: () => engine.now(), yielder: this.yielder, signal: req.signal, noCache: req.noCache, ledger: this.ledger };
    return {
      progress,
      escape: plan.escape,
      buildArgs: this.buildArgs,
      metaArgs: plan.metaArgs,
      historyCreated: plan.historyCreated,
      signal: req.signal,
      step: (st, inst, name, inputs, work, link) => runStep(stepContext, st, inst, name, inputs, work, link),
      context,
      cacheMounts: engine.buildCache.mounts,
      replayRun: req.replayRun,
      readFrom(from, inst, stageIndex) {
        const ref = stageRef(plan, from, stageIndex, inst);
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
