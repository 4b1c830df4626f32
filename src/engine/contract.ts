// The engine's public contract: the requests it takes, the outcomes it gives back, what it needs from
// the build context, and the shape of its saved state. A leaf: it imports nothing, so the shell, the
// lab session, the course checker and (later) a Web Worker's proxy can depend on it without pulling
// in the engine. Everything here is plain data (structured-clone friendly) except the context reader,
// whose calls a Worker would forward to the page.

// ---------------------------------------------------------------------------------------------------
// The build context

/** A path's metadata as the build sees it. */
export interface ContextStat {
  readonly type: 'file' | 'dir' | 'symlink';
  /** Permission bits only, e.g. 0o644. */
  readonly mode: number;
  readonly size: number;
  /** Modification time in ms. Never part of a cache key. */
  readonly mtimeMs: number;
}

/** One entry of `BuildContextSource.readTree`: a file's bytes are shared (never modify them). */
export interface ContextTreeNode {
  readonly type: 'file' | 'dir' | 'symlink';
  readonly mode: number;
  readonly mtimeMs: number;
  readonly data?: Uint8Array;
  readonly target?: string;
  /** A folder's entries, in name order. */
  readonly children?: ReadonlyArray<readonly [string, ContextTreeNode]>;
}

/**
 * What a build reads from the workspace (the lab's workspace is one). Paths are POSIX, relative to the
 * workspace root or absolute within it. A build only reads.
 */
export interface BuildContextSource {
  /** The file's bytes; they may be shared, so never modify them. */
  readFile(path: string): Promise<Uint8Array>;
  stat(path: string): Promise<ContextStat | null>;
  readdir(path: string): Promise<string[]>;
  /** Optional: the folder at `path` and everything below it in one call. null when missing. */
  readTree?(path: string): Promise<ContextTreeNode | null>;
}

// ---------------------------------------------------------------------------------------------------
// Builds

export interface BuildRequest {
  /** Where the context lives. */
  readonly workspace: BuildContextSource;
  /** Context directory inside the workspace (POSIX, absolute within the workspace), e.g. `/` or `/app`. */
  readonly contextDir: string;
  /** Dockerfile path inside the workspace; default `<contextDir>/Dockerfile`. */
  readonly dockerfile?: string;
  readonly tags?: readonly string[];
  readonly buildArgs?: Readonly<Record<string, string>>;
  readonly target?: string;
  readonly noCache?: boolean;
  readonly signal?: AbortSignal;
}

/** A RUN step as the catalogue's replay hook sees it (see `EngineBuildRequest.replayRun`). */
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

// ---------------------------------------------------------------------------------------------------
// Time

/** Where the engine reads the time: ms since the Unix epoch. */
export interface LabClock {
  now(): number;
}

export interface LabEngineOptions {
  /** Default: real time. */
  readonly clock?: LabClock;
}

// ---------------------------------------------------------------------------------------------------
// Saved state

/** The format of `exportState()`'s envelope. Format 1 (before each part had its own) still loads. */
export const ENGINE_STATE_VERSION = 2;

/** The parts of the engine that save state, each under a schema of its own, and the format each writes. */
export const PART_STATE_VERSIONS = { store: 1, cache: 1, registry: 1, containers: 1 } as const;
export type EngineStatePart = keyof typeof PART_STATE_VERSIONS;

/** One part's saved state: its own format version, then its fields (plain data, Maps and byte arrays). */
export interface SavedPartState {
  readonly version: number;
}

/**
 * What the engine saves (the lab keeps it in IndexedDB) and loads back. `importState` checks every part
 * before it applies any: state it cannot read leaves the engine as it was and throws an error whose
 * message is for the learner.
 */
export interface SavedEngineState {
  readonly version: typeof ENGINE_STATE_VERSION;
  /** The engine clock's last value (ms): time never runs backwards across a reload. */
  readonly clock: number;
  readonly parts: { readonly [P in EngineStatePart]: SavedPartState };
}

// ---------------------------------------------------------------------------------------------------
// The engine

/**
 * The engine's serialisable surface: every argument and result is structured-clone data (the build
 * context aside, whose reads a Worker would forward to the page), and events are plain data. This is what
 * a Web Worker's proxy can offer as it is. `LabEngine` (engine.ts) adds the parts the shell reads
 * synchronously in the same process: images, buildCache, registry and containers.
 */
export interface EngineApi<Event extends { readonly type: string } = { readonly type: string }> {
  subscribe(listener: (event: Event) => void): () => void;
  build(request: BuildRequest): Promise<BuildOutcome>;
  /** The engine clock (ms since the Unix epoch), never running backwards. */
  now(): number;
  exportState(): SavedEngineState;
  /** Loads a saved state (this format or an older one); rejects with a message for the learner when it cannot. */
  importState(state: unknown): Promise<void>;
}
