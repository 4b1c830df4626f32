// Public types of the toy world: base images, their layers, the RUN interpreter's request and result,
// and the package index. Plain data only, so everything is structured-clone friendly.
import type { Change, DirNode } from '../fs/index.ts';

export interface BaseImageConfig {
  Env: string[];
  Cmd?: string[];
  Entrypoint?: string[];
  WorkingDir?: string;
  ExposedPorts?: Record<string, {}>;
  User?: string;
  Labels?: Record<string, string>;
  StopSignal?: string;
  /** Set by BuildKit on every image with a CMD (Linux: the flag has no effect, but it is in the config). */
  ArgsEscaped?: boolean;
}

/** One filesystem layer of a catalogue image. The same object is shared by every tag built on it. */
export interface BaseLayer {
  /** Stable name, e.g. 'alpine-3.21-rootfs'. */
  readonly id: string;
  /** History text as `docker history` shows it for this layer. */
  readonly createdBy: string;
  /** The layer's changes (as `diffTrees` gives them). Computed on first access and memoised. */
  readonly changes: readonly Change[];
}

export interface HistoryEntry {
  createdBy: string;
  emptyLayer: boolean;
  comment?: string;
}

export interface BaseImage {
  /** Repository name without registry or `library/`, e.g. 'alpine'. */
  readonly repository: string;
  readonly tag: string;
  readonly config: BaseImageConfig;
  /** Bottom first. Empty for `scratch`. */
  readonly layers: readonly BaseLayer[];
  /** Every history entry in order; the non-empty ones match `layers` one to one. */
  readonly history: readonly HistoryEntry[];
}

export interface Repository {
  /** e.g. 'alpine' */
  name: string;
  description: string;
  stars: number;
  official: boolean;
  tags: Record<string, BaseImage>;
}

export interface RunLimits {
  /** Shell steps (commands, loop iterations, expansions) before the run is stopped. */
  maxSteps: number;
  /** Bytes of stdout+stderr before the run is stopped. */
  maxOutputBytes: number;
  /** Bytes written to the filesystem before the run is stopped. */
  maxWrittenBytes: number;
}

export interface RunRequest {
  root: DirNode;
  /** e.g. ['/bin/sh', '-c', 'apk add curl'] or an exec form such as ['node', 'server.js']. */
  argv: string[];
  env: Record<string, string>;
  cwd: string;
  /** 'root', 'node', '1000', '1000:1000', ... */
  user: string;
  limits?: Partial<RunLimits>;
  signal?: AbortSignal;
  network?: 'default' | 'none';
}

export interface OutputChunk {
  stream: 'stdout' | 'stderr';
  text: string;
}

export interface RunResult {
  root: DirNode;
  exitCode: number;
  output: OutputChunk[];
  /** Simulated, deterministic, derived from the work done. */
  durationMs: number;
  /** Set when a limit stopped the run, e.g. 'steps'. */
  limitExceeded?: string;
  /** Set when the process never started (the runtime's error, e.g. `exec: "x": executable file not found in $PATH`). */
  startError?: string;
}

export type PackageManager = 'apk' | 'apt' | 'npm' | 'pip';

export interface PackageFile {
  /** Absolute path for apk/apt; relative to the package directory for npm/pip. */
  path: string;
  /** Bytes (generated content unless `text` is given). */
  size: number;
  mode?: number;
  text?: string;
  /** Symlink target instead of a file. */
  link?: string;
}

export interface PackageInfo {
  manager: PackageManager;
  name: string;
  version: string;
  description: string;
  /** Names of packages this one needs (same manager). */
  depends: string[];
  /** Sum of file sizes, bytes. */
  installedSize: number;
  /** Download (archive) size, bytes, as the manager reports it. */
  downloadSize: number;
  files: PackageFile[];
  license?: string;
  homepage?: string;
}

export interface ScannedPackage {
  manager: PackageManager;
  name: string;
  version: string;
  /** Where the scanner found the record (database file or metadata file). */
  path: string;
}
