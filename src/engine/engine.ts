// The engine facade: state (image store, build cache) plus the event stream. The shell and the lab
// talk to this object only.
import type { Workspace } from '../workspace/types.ts';
import type { DirNode } from './fs/index.ts';
import type { EngineEvent, EngineListener } from './builder/events.ts';
import { ImageStore } from './store/index.ts';
import { BuildCache } from './builder/cache.ts';
import { runBuild } from './builder/builder.ts';
import { installRegistry, labRegistry } from './registry/ops.ts';
import { labContainers } from './container/index.ts';

export interface BuildRequest {
  /** The workspace the context lives in. */
  readonly workspace: Workspace;
  /** Context directory inside the workspace (POSIX, absolute within the workspace), e.g. `/` or `/app`. */
  readonly contextDir: string;
  /** Dockerfile path inside the workspace; default `<contextDir>/Dockerfile`. */
  readonly dockerfile?: string;
  readonly tags?: readonly string[];
  readonly buildArgs?: Readonly<Record<string, string>>;
  readonly target?: string;
  readonly noCache?: boolean;
  readonly signal?: AbortSignal;
  /**
   * For building the world catalogue only (world/tools/precompute-digests.ts and its test). The official
   * images' RUN steps download and compile software, which the toy RUN interpreter cannot do; this hook
   * gives such a step's resulting filesystem instead. A tree replaces running the step; `undefined` runs
   * it as usual. Every other instruction, the cache, config and history go through the builder unchanged.
   */
  readonly replayRun?: (step: RunReplayStep, below: DirNode) => DirNode | undefined;
}

/** A RUN step as `BuildRequest.replayRun` sees it. */
export interface RunReplayStep {
  /** The stage's name (`build` for `FROM … AS build`), or '' for an unnamed stage. */
  readonly stage: string;
  /** Which RUN of that stage, counting from 0. */
  readonly index: number;
  /** The command as the shell would get it (shell form) or the argv joined with spaces (exec form). */
  readonly command: string;
}

export interface CacheExplanation {
  readonly stepId: string;
  /** The step as BuildKit names it, e.g. `[3/5] COPY . .`. */
  readonly name: string;
  readonly status: 'cached' | 'built' | 'error' | 'canceled';
  /** Plain-words reason: why it was cached, or which key input differs from the nearest cached entry. */
  readonly reason: string;
}

export interface BuildWarning {
  readonly rule: string;
  readonly message: string;
  readonly line: number;
}

export interface BuildOutcome {
  readonly ok: boolean;
  readonly buildId: string;
  readonly imageId?: string;
  readonly tags: readonly string[];
  /** The message buildx prints after `ERROR: ` when the build failed. */
  readonly error?: string;
  readonly canceled?: boolean;
  readonly explanations: readonly CacheExplanation[];
  readonly warnings: readonly BuildWarning[];
  /** Simulated total duration in ms. */
  readonly durationMs: number;
}

export interface CacheEntryInfo {
  /** 25-character cache record ID as `docker buildx du` shows it. */
  readonly id: string;
  readonly type: 'regular' | 'source.local' | 'exec.cachemount' | 'frontend';
  readonly size: number;
  readonly description: string;
  readonly createdAt: number;
  readonly lastUsedAt: number;
  readonly usageCount: number;
  readonly shared: boolean;
  readonly inUse: boolean;
}

/**
 * Resolves a FROM reference to an image the build can use. Until the registry lands, bases come straight
 * from the world catalogue; the registry engineer routes this through the store (pull) later.
 */
export type BaseImageResolver = (ref: string, signal?: AbortSignal) => Promise<import('./store/types.ts').StoredImage | undefined>;

export interface LabEngine {
  subscribe(listener: EngineListener): () => void;
  build(request: BuildRequest): Promise<BuildOutcome>;
  readonly images: ImageStore;
  readonly buildCache: BuildCache;
  /** Replaceable: how FROM finds base images that are not in the local store. */
  resolveBaseImage: BaseImageResolver;
  /** Emits an event to every subscriber (used by engine parts; the shell never needs it). */
  emit(event: EngineEvent): void;
  /**
   * The engine's clock in ms since the Unix epoch: the injected clock, never going backwards (not even
   * across a reload, since the last value is part of the saved state). Every time the engine records
   * (image and history `created`, cache records, containers) comes from here.
   */
  now(): number;
  exportState(): unknown;
  importState(state: unknown): void;
}

/** Where the engine reads the time: ms since the Unix epoch. */
export interface LabClock {
  now(): number;
}

/** Real time: the browser's and Node's own clock. The only place the engine reads it. */
export const systemClock: LabClock = { now: () => Date.now() };

/** A clock stopped at one moment (tests and demos that need byte-identical output). */
export function fixedClock(ms: number): LabClock {
  return { now: () => ms };
}

export interface LabEngineOptions {
  /** Default: real time. */
  readonly clock?: LabClock;
}

export function createLabEngine(options: LabEngineOptions = {}): LabEngine {
  const listeners = new Set<EngineListener>();
  const source = options.clock ?? systemClock;
  // The last time handed out: the engine's time never runs backwards, and it is saved with the state.
  let clock = 0;
  const now = (): number => (clock = Math.max(clock, source.now()));
  const images = new ImageStore(now);
  const buildCache = new BuildCache();
  const engine: LabEngine = {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(event) {
      for (const l of [...listeners]) l(event);
    },
    images,
    buildCache,
    resolveBaseImage: (ref, signal) => images.resolveFromCatalog(ref, signal),
    build: (request) => runBuild(engine, request),
    now,
    exportState() {
      return {
        version: 1,
        images: images.exportState(),
        cache: buildCache.exportState(),
        clock,
        // The lab registry (pushed repositories, login) and the containers live beside the engine.
        registry: labRegistry(engine).registry.exportState(),
        containers: labContainers(engine).exportState(),
      };
    },
    importState(state) {
      const s = state as { version?: number; images?: unknown; cache?: unknown; clock?: number; registry?: unknown; containers?: unknown } | null;
      if (!s || s.version !== 1) return;
      images.importState(s.images);
      buildCache.importState(s.cache);
      if (typeof s.clock === 'number' && Number.isFinite(s.clock)) clock = Math.max(clock, s.clock);
      if (s.registry !== undefined) labRegistry(engine).registry.importState(s.registry);
      if (s.containers !== undefined) labContainers(engine).importState(s.containers);
      engine.emit({ type: 'store-changed', reason: 'import' });
    },
  };
  // FROM goes through the lab registry: a base image missing from the local store is pulled (pull events
  // for the lab's pull view), as BuildKit pulls it.
  installRegistry(engine);
  return engine;
}
