// The engine, assembled from its parts: the image store, the build cache, the builder, the lab
// registry, the containers and the clock. Each part is given only the narrow interface it needs
// (BuilderHost, RegistryHost, ContainerHost: the engine object satisfies all three), and each saves and
// restores its own state. The shell and the lab talk to this object; the types they exchange with it
// are in contract.ts.
import type { EngineEvent, EngineListener } from './builder/events.ts';
import type { BuildOutcome, EngineApi, LabEngineOptions, SavedEngineState } from './contract.ts';
import { ENGINE_STATE_VERSION, PART_STATE_VERSIONS } from './contract.ts';
import type { BaseImageResolver, BuilderHost, EngineBuildRequest } from './parts.ts';
import { ImageStore } from './store/index.ts';
import { BuildCache } from './builder/cache.ts';
import { runBuild } from './builder/builder.ts';
import { createLabRegistry, registryBaseResolver, type LabRegistry, type RegistryHost } from './registry/ops.ts';
import { ContainerEngine, type ContainerHost } from './container/index.ts';
import { EngineClock } from './clock.ts';

export interface LabEngine extends EngineApi<EngineEvent>, BuilderHost, RegistryHost, ContainerHost {
  subscribe(listener: EngineListener): () => void;
  build(request: EngineBuildRequest): Promise<BuildOutcome>;
  readonly images: ImageStore;
  readonly buildCache: BuildCache;
  /** The lab registry (docker.io in the lab: the catalogue and pushed repositories) and the network to it. */
  readonly registry: LabRegistry;
  readonly containers: ContainerEngine;
  /** Replaceable: how FROM finds base images that are not in the local store (default: a pull). */
  resolveBaseImage: BaseImageResolver;
  /** Emits an event to every subscriber (used by engine parts; the shell never needs it). */
  emit(event: EngineEvent): void;
  /**
   * The engine's clock in ms since the Unix epoch: the injected clock, never going backwards (not even
   * across a reload, since the last value is part of the saved state). Every time the engine records
   * (image and history `created`, cache records, containers) comes from here.
   */
  now(): number;
  /** Every part's state, versioned (structured-clone data: the lab keeps it in IndexedDB). */
  exportState(): SavedEngineState;
  /**
   * Loads a saved state (this format or the one before). Every part is checked before any is changed:
   * a state that cannot be read rejects with SavedStateError, whose message is for the learner, and the
   * engine stays as it was. Asynchronous because the schemas are loaded only when a state is restored
   * (a first visit never needs them).
   */
  importState(state: unknown): Promise<void>;
}

export function createLabEngine(options: LabEngineOptions = {}): LabEngine {
  const listeners = new Set<EngineListener>();
  const clock = new EngineClock(options.clock);
  const now = (): number => clock.now();
  const images = new ImageStore(now);
  const buildCache = new BuildCache();
  const registry = createLabRegistry();
  const emit = (event: EngineEvent): void => {
    for (const l of [...listeners]) l(event);
  };
  // The parts' view of the engine, before the containers exist (they are given it too).
  const host = { images, buildCache, registry, emit, now };
  const containers = new ContainerEngine(host);
  const engine: LabEngine = {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit,
    images,
    buildCache,
    registry,
    containers,
    // FROM goes through the lab registry: a base image missing from the local store is pulled (pull
    // events for the lab's pull view), as BuildKit pulls it.
    resolveBaseImage: registryBaseResolver(host),
    build: (request) => runBuild(engine, request),
    now,
    exportState() {
      return {
        version: ENGINE_STATE_VERSION,
        clock: clock.exportState(),
        parts: {
          store: images.exportState(),
          cache: { version: PART_STATE_VERSIONS.cache, ...buildCache.exportState() },
          registry: registry.registry.exportState(),
          containers: containers.exportState(),
        },
      };
    },
    async importState(state) {
      const { readEngineState } = await import('./state/engine-state.ts');
      const parts = readEngineState(state);
      images.importState(parts.store);
      buildCache.importState(parts.cache);
      clock.importState(parts.clock);
      if (parts.registry) registry.registry.importState(parts.registry);
      if (parts.containers) containers.importState(parts.containers);
      emit({ type: 'store-changed', reason: 'import' });
    },
  };
  return engine;
}
