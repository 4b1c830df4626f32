// The wire between the page's lab session (src/lab/session.ts) and the lab core (lab-core.ts), which
// runs in a Web Worker in the browser and in-process in Node. Everything on it is structured-clone
// data: calls with their arguments go one way; results, a command's output and every change (engine
// events, file changes, snapshots of the engine's state) come back, in the order they happened.
import type { EngineEvent } from '../../engine/index.ts';
import type { NetworkPresetId, PullOutcome } from '../../engine/registry/index.ts';
import type { CompletionResult } from '../../shell/index.ts';
import type { WorkspaceChange } from '../../workspace/git-workspace.ts';
import type { WorkspaceStat } from '../../workspace/types.ts';
import type { ChallengeInfo, StartingState, Verdict } from '../../course/types.ts';
import type { ActivityLog } from '../../course/activity.ts';
import type { ShareResult } from '../share.ts';
import type { EngineSnapshot } from './snapshot.ts';
import type { EditorDiagnostic } from '../diagnostics.ts';
import type { StageName } from '../../engine/dockerfile/stages.ts';
import type { ImageAnalysis } from '../../engine/analysis/index.ts';

/** Bumped when a message changes shape: a page and a worker of two versions refuse each other. */
export const CORE_PROTOCOL = 2;

/** How the core should store the lab's state. */
export type CoreStorageChoice =
  /** IndexedDB (the database of `storageKey`, or the lab's own). */
  | { readonly kind: 'indexeddb'; readonly storageKey?: string }
  /** Memory only, for the given reason (the page could not open storage either). */
  | { readonly kind: 'memory'; readonly reason?: string };

export interface CoreOpenOptions {
  readonly preset: string;
  readonly role: 'owner' | 'readonly';
  readonly workspaceId?: string;
  /** A page's `#lab=…` fragment: its project opens in a new workspace (decoded here, where the compressor is). */
  readonly sharedLink?: string;
}

/** What the page mirrors of the shell, to draw the prompt without asking. */
export interface ShellFacts {
  readonly prompt: string;
  readonly plainPrompt: string;
  /** True while a container's shell receives the lines (`docker run -it … sh`). */
  readonly container: boolean;
}

export interface CoreOpened {
  readonly workspaceId: string;
  /** The sample's checkpoints (the Reset button's choices). */
  readonly checkpoints: string[];
  /** What a shared link opened (its files, the names refused), or why it could not be read. */
  readonly shared?: { readonly files: number; readonly refused: readonly string[] };
  readonly shareError?: string;
  readonly storageKind: 'indexeddb' | 'memory';
  readonly restoreProblem?: string;
  readonly history: string[];
  readonly shell: ShellFacts;
  readonly snapshot: EngineSnapshot;
  /** Command words the shell knows (`docker pull`, `git`), space-joined, for the pictures' buttons. */
  readonly commands: string[];
}

/** A command's terminal, as the core's shell sees it (its output comes back as `output` messages). */
export interface CoreTerminal {
  readonly tty: boolean;
  readonly columns: number;
  readonly rows?: number;
  readonly stdinTty?: boolean;
}

/** Every call the page can make, with its arguments and result. */
export interface CoreMethods {
  open(options: CoreOpenOptions): CoreOpened;
  /** Runs one line; `job` names its output and its Ctrl-C. */
  execute(job: number, line: string, terminal: CoreTerminal): number;
  endInput(job: number, terminal: CoreTerminal): number;
  complete(line: string, cursor: number): CompletionResult;
  /** Saves engine state (when it changed) and history; rejects when storage fails. */
  persist(): void;
  recordHistory(line: string): void;
  listFiles(): string[];
  readFile(path: string): Uint8Array;
  stat(path: string): WorkspaceStat | null;
  mkdir(path: string): void;
  saveFile(path: string, content: string): void;
  createFile(path: string): void;
  renameFile(from: string, to: string): void;
  deleteFile(path: string): void;
  hasUnsavedWork(): boolean;
  resetLab(checkpoint: string | undefined): void;
  openStartingState(start: StartingState): void;
  /** Opens a challenge's starting state by its id; false when there is no such challenge. */
  openChallengeStart(challengeId: string): boolean;
  /** A lesson's challenges as the page shows them (their checks stay here). */
  lessonChallenges(lesson: string): ChallengeInfo[];
  check(challengeId: string, activity: ActivityLog, baseline: string[]): Verdict;
  exportZip(): Uint8Array;
  /** Returns the number of files imported and the names left out. */
  importZip(zip: Uint8Array): { count: number; skipped: string[] };
  shareFragment(): ShareResult;
  setNetwork(id: NetworkPresetId): void;
  /** The stages of the Dockerfile at `path` (as the build's progress names them); none if unreadable. */
  dockerfileStages(path: string): StageName[];
  /** A stored image's layers, efficiency, hidden files and packages (the images view's details). */
  analyzeImage(imageId: string): ImageAnalysis | undefined;
  /** The editor's problems for a Dockerfile's text, against the workspace's files and .dockerignore. */
  diagnoseDockerfile(text: string): EditorDiagnostic[];
  pull(ref: string): PullOutcome;
}

export type CoreMethod = keyof CoreMethods;

export type PageToCore =
  | { readonly kind: 'call'; readonly id: number; readonly method: CoreMethod; readonly args: unknown[] }
  /** Ctrl-C for a job: answered at once with `abort-seen`, so the page knows the core is listening. */
  | { readonly kind: 'abort'; readonly job: number };

export type CoreToPage =
  | { readonly kind: 'result'; readonly id: number; readonly value: unknown }
  /** A call failed: its message is for the learner; `code` is a workspace error code (EEXIST…). */
  | { readonly kind: 'error'; readonly id: number; readonly message: string; readonly code?: string; readonly name?: string }
  | { readonly kind: 'output'; readonly job: number; readonly stream: 'stdout' | 'stderr'; readonly text: string; readonly at?: number }
  | { readonly kind: 'abort-seen'; readonly job: number }
  | { readonly kind: 'engine'; readonly event: EngineEvent }
  /** The engine's state after a change, sent before the event that announces it. */
  | { readonly kind: 'snapshot'; readonly snapshot: EngineSnapshot }
  | { readonly kind: 'files'; readonly change: WorkspaceChange }
  | { readonly kind: 'shell'; readonly shell: ShellFacts }
  | { readonly kind: 'history-cleared' }
  | { readonly kind: 'notice'; readonly level: 'info' | 'warning' | 'error'; readonly message: string }
  /** A background write failed (the storage is full, or gone). */
  | { readonly kind: 'storage-error'; readonly message: string };

/** What both ends of the wire need of a port: a Worker, a worker's global scope, or a MessagePort. */
export interface CorePort {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent) => void) | null;
}
