// Typed events the engine emits while it works. They are plain data (structured-clone friendly):
// the shell renders them as BuildKit-style text, the lab's pictures render them as layer stacks.
// The engine itself never prints.
import type { PullEvent, PushEvent } from '../registry/events.ts';
import type { ContainerEvent } from '../container/events.ts';

/** Simulated milliseconds since the build started. Deterministic: derived from the work done. */
export type SimTime = number;

export interface BuildStartEvent {
  readonly type: 'build-start';
  readonly buildId: string;
  readonly at: SimTime;
  readonly dockerfile: string;
  readonly tags: readonly string[];
  readonly target?: string;
}

/** A vertex (one row of BuildKit's progress) started. `name` is what BuildKit prints, e.g. `[2/5] RUN npm ci`. */
export interface StepStartEvent {
  readonly type: 'step-start';
  readonly buildId: string;
  readonly at: SimTime;
  readonly stepId: string;
  readonly name: string;
  /** `internal` for `[internal] …` rows, `export` for `exporting to image`, `step` for Dockerfile steps. */
  readonly kind: 'internal' | 'step' | 'export';
  readonly stage?: string;
  /** Dockerfile line (1-based) for Dockerfile steps. */
  readonly line?: number;
}

/** A sub-row of a vertex, e.g. `transferring context: 1.23kB done` or `naming to docker.io/library/app:latest`. */
export interface StepStatusEvent {
  readonly type: 'step-status';
  readonly buildId: string;
  readonly at: SimTime;
  readonly stepId: string;
  readonly statusId: string;
  /** Text before the progress figures, e.g. `transferring context:` or `extracting sha256:…`. */
  readonly name: string;
  readonly current?: number;
  readonly total?: number;
  /** Plain-mode byte figures as BuildKit prints them (true) or a bare status (false). */
  readonly bytes?: boolean;
  readonly done: boolean;
  /** Duration shown for the sub-row (seconds) when done; omitted when BuildKit prints none. */
  readonly seconds?: number;
}

export interface CacheHitEvent {
  readonly type: 'cache-hit';
  readonly buildId: string;
  readonly at: SimTime;
  readonly stepId: string;
  readonly key: string;
}

export interface CacheMissEvent {
  readonly type: 'cache-miss';
  readonly buildId: string;
  readonly at: SimTime;
  readonly stepId: string;
  readonly key: string;
  /** Plain-words reason, e.g. `src/index.js changed content`, `the step above it was rebuilt`. */
  readonly reason: string;
}

export interface LogEvent {
  readonly type: 'log';
  readonly buildId: string;
  readonly at: SimTime;
  readonly stepId: string;
  readonly stream: 'stdout' | 'stderr';
  /** One line of output without its newline. */
  readonly text: string;
}

export interface LayerCommittedEvent {
  readonly type: 'layer-committed';
  readonly buildId: string;
  readonly at: SimTime;
  readonly stepId: string;
  readonly diffId: string;
  readonly digest: string;
  /** Uncompressed tar size in bytes. */
  readonly size: number;
  /** The layer's DiffSize: bytes of the regular files it adds or modifies, what `docker history` SIZE shows. */
  readonly diffSize: number;
  readonly compressedSize: number;
  readonly changes: readonly { readonly kind: 'added' | 'modified' | 'deleted'; readonly path: string }[];
}

export interface StepDoneEvent {
  readonly type: 'step-done';
  readonly buildId: string;
  readonly at: SimTime;
  readonly stepId: string;
  readonly status: 'done' | 'cached' | 'error' | 'canceled';
  readonly durationMs: number;
}

export interface BuildErrorEvent {
  readonly type: 'error';
  readonly buildId: string;
  readonly at: SimTime;
  readonly stepId?: string;
  /** The error as buildx prints it after `ERROR: `, e.g. `failed to build: failed to solve: …`. */
  readonly message: string;
  /** The failed vertex's own error line (`#7 ERROR: …`), without the `failed to solve` wrapping. */
  readonly vertexMessage?: string;
  /** Dockerfile text, so renderers can print BuildKit's source snippet. */
  readonly sourceText?: string;
  /** Dockerfile source snippet location when the error points at an instruction. */
  readonly source?: { readonly file: string; readonly startLine: number; readonly endLine: number };
}

export interface BuildDoneEvent {
  readonly type: 'build-done';
  readonly buildId: string;
  readonly at: SimTime;
  readonly ok: boolean;
  readonly imageId?: string;
  readonly tags: readonly string[];
}

export type BuildEvent =
  | BuildStartEvent
  | StepStartEvent
  | StepStatusEvent
  | CacheHitEvent
  | CacheMissEvent
  | LogEvent
  | LayerCommittedEvent
  | StepDoneEvent
  | BuildErrorEvent
  | BuildDoneEvent;

/** Store changes (images tagged, removed, cache pruned) so views can refresh. */
export interface StoreChangedEvent {
  readonly type: 'store-changed';
  readonly reason: 'build' | 'rmi' | 'tag' | 'prune' | 'import' | 'pull' | 'other';
}

/**
 * Everything the engine emits on its one stream: the build's events, store changes, the registry's pull
 * and push events (also when a FROM pulls a base image), and container events. Listeners should ignore
 * types they do not know.
 */
export type EngineEvent = BuildEvent | StoreChangedEvent | PullEvent | PushEvent | ContainerEvent;
export type EngineListener = (event: EngineEvent) => void;
