// What the builder is given by the engine: the narrow interface it builds with. (The registry's and the
// containers' are RegistryHost in registry/ops.ts and ContainerHost in container/index.ts.)
import type { DirNode } from './fs/index.ts';
import type { EngineEvent } from './builder/events.ts';
import type { BuildCache } from './builder/cache.ts';
import type { ImageStore } from './store/index.ts';
import type { StoredImage } from './store/types.ts';
import type { BuildRequest, RunReplayStep } from './contract.ts';
import type { PullEvent } from './registry/events.ts';

export type { BuildRequest, BuildOutcome, BuildWarning, CacheExplanation, RunReplayStep } from './contract.ts';

/** A build request in the engine's own process: the contract's, plus a hook that cannot cross a Worker. */
export interface EngineBuildRequest extends BuildRequest {
  /**
   * For building the world catalogue only (world/tools/precompute-digests.ts and its test). The official
   * images' RUN steps download and compile software, which the toy RUN interpreter cannot do; this hook
   * gives such a step's resulting filesystem instead. A tree replaces running the step; `undefined` runs
   * it as usual. Every other instruction, the cache, config and history go through the builder unchanged.
   */
  readonly replayRun?: (step: RunReplayStep, below: DirNode) => DirNode | undefined;
}

/**
 * Resolves a FROM reference to an image the build can use (the engine's goes through the registry). A
 * resolver that pulls passes the pull's timeline to `pulled`, so the FROM vertex takes as long as that
 * pull on the simulated network.
 */
export type BaseImageResolver = (ref: string, signal?: AbortSignal, pulled?: (events: readonly PullEvent[]) => void) => Promise<StoredImage | undefined>;

/** What a build reads and writes: the image store, the build cache, base images, events and the clock. */
export interface BuilderHost {
  readonly images: ImageStore;
  readonly buildCache: BuildCache;
  resolveBaseImage: BaseImageResolver;
  emit(event: EngineEvent): void;
  now(): number;
}
