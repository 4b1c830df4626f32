// The lab session: the page's one place for the lab's state, which announces every change. The work
// itself (workspace, engine, shell, saving) is done by the lab core (core/lab-core.ts), in a Web Worker
// in the browser; this session talks to it over one port, paces what comes back (a command's output
// and its engine events, shown together) and mirrors what the islands read at once: the engine's state
// (an EngineMirror fed by snapshots), the prompt and the history. Islands (terminal, editor, the
// pictures, the course's panel) subscribe to the session and call its methods; never one another.

import type { EngineEvent } from '../engine/index.ts';
import type { NetworkPresetId, PullOutcome } from '../engine/registry/index.ts';
import type { ShellIO, CompletionResult } from '../shell/index.ts';
import type { WorkspaceChange } from '../workspace/git-workspace.ts';
import type { WorkspaceStat } from '../workspace/types.ts';
import { parsePreset } from '../workspace/samples.ts';
import type { ChallengeInfo, StartingState, Verdict } from '../course/types.ts';
import type { ActivityLog } from '../course/activity.ts';
import type { PageStorage } from './storage.ts';
import { storageProblem } from './storage.ts';
import { History } from './line-editor.ts';
import type { ShareResult } from './share.ts';
import type { EditorDiagnostic } from './diagnostics.ts';
import type { ImageAnalysis } from '../engine/analysis/index.ts';
import type { StageName } from '../engine/dockerfile/stages.ts';
import { Pacer } from './pacer.ts';
import { EnginePlayback } from './playback.ts';
import { EngineMirror, type EngineView } from './core/snapshot.ts';
import type { CoreConnect, CoreConnection } from './core/connect.ts';
import type { CoreMethods, CoreMethod, CoreOpened, CoreTerminal, CoreToPage, ShellFacts } from './core/protocol.ts';

export type SaveState = 'saved' | 'saving' | 'error' | 'memory';
export type Role = 'owner' | 'readonly';

export type SessionEvent =
  /** An engine event, when it is shown: paced with the terminal's output of the command that caused it. */
  | { readonly type: 'engine'; readonly event: EngineEvent }
  | { readonly type: 'files'; readonly change: WorkspaceChange }
  | { readonly type: 'save'; readonly state: SaveState; readonly message: string }
  | { readonly type: 'command-start'; readonly line: string }
  | { readonly type: 'command-end'; readonly line: string; readonly code: number }
  /** Text a command printed, as the terminal received it (for an embed's host, which asked for it). */
  | { readonly type: 'output'; readonly stream: 'stdout' | 'stderr'; readonly text: string }
  | { readonly type: 'notice'; readonly level: 'info' | 'warning' | 'error'; readonly message: string }
  | { readonly type: 'open-file'; readonly path: string };

export type SessionListener = (event: SessionEvent) => void;

/** The terminal registers one of these: it types the command where the learner can see it, then runs it. */
export type CommandRunner = (text: string) => Promise<number>;

export interface SessionOptions {
  readonly preset: string;
  /** The page's storage: its kind, and the key-value store the page keeps its own choices in. */
  readonly storage: PageStorage;
  readonly role: Role;
  /** Where the core runs: connectWorker(…) in the browser, connectInProcess(…) in Node. */
  readonly connect: CoreConnect;
  /** Open this workspace instead of the preset's sample workspace (e.g. one created from a link). */
  readonly workspaceId?: string;
  /** A page's `#lab=…` fragment: its project is opened in a new workspace, never over existing work. */
  readonly sharedLink?: string;
}

/** The workspace as the islands read it: through the core. */
export interface WorkspaceReader {
  listFiles(): Promise<string[]>;
  readFile(path: string): Promise<Uint8Array>;
  stat(path: string): Promise<WorkspaceStat | null>;
  mkdir(path: string, options?: { recursive?: boolean }): Promise<void>;
}

/** The shell as the terminal reads it: the prompt is mirrored, completion asks the core. */
export interface ShellReader {
  prompt(options?: { color?: boolean }): string;
  /** Set while a container's shell receives the lines. */
  readonly container: true | undefined;
  complete(line: string, cursor: number): Promise<CompletionResult>;
  readonly registry: { lookup(argv: readonly string[]): true | undefined };
}

const SAVED_MESSAGE = 'All changes saved in this browser.';
const CORE_FAILED = 'The lab could not start its engine in this browser. Reload the page to try again.';
/** How long Ctrl-C waits for the core to say it heard it before the core is stopped and restarted. */
const ABORT_GRACE_MS = 250;

function saveFailure(err: unknown): string {
  return `Your latest change could not be saved, because ${storageProblem(err)}. The lab keeps working in memory; export a .zip to keep your files.`;
}

/** The port to the core, with its calls as promises and its messages handed to one listener. */
class CoreClient {
  private serial = 0;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  readonly connection: CoreConnection;
  private readonly onMessage: (m: CoreToPage) => void;
  constructor(connection: CoreConnection, onMessage: (m: CoreToPage) => void) {
    this.connection = connection;
    this.onMessage = onMessage;
    connection.port.onmessage = (event) => this.receive(event.data as CoreToPage);
    connection.onFailure?.(() => this.stop(CORE_FAILED));
  }

  call<M extends CoreMethod>(method: M, ...args: Parameters<CoreMethods[M]>): Promise<Awaited<ReturnType<CoreMethods[M]>>> {
    return new Promise((resolve, reject) => {
      const id = ++this.serial;
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.connection.port.postMessage({ kind: 'call', id, method, args });
    });
  }

  abort(job: number): void {
    this.connection.port.postMessage({ kind: 'abort', job });
  }

  /** The core was stopped: every call still waiting fails with `why`. */
  stop(why: string): void {
    this.connection.port.onmessage = null;
    this.connection.terminate();
    for (const p of this.pending.values()) p.reject(new Error(why));
    this.pending.clear();
  }

  private receive(m: CoreToPage): void {
    if (m.kind === 'result' || m.kind === 'error') {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.kind === 'result') p.resolve(m.value);
      else p.reject(Object.assign(new Error(m.message), m.code ? { code: m.code } : {}, m.name ? { name: m.name } : {}));
      return;
    }
    this.onMessage(m);
  }
}

interface Job {
  readonly write: (stream: 'stdout' | 'stderr', text: string, at?: number) => void;
  seen: boolean;
}

export class LabSession {
  readonly preset: string;
  readonly sampleName: string;
  readonly checkpoint: string | undefined;
  readonly storage: PageStorage;
  private sampleCheckpoints: string[] = [];
  /** The engine's state as the pictures read it (a mirror of the core's engine). */
  readonly engine: EngineView;
  private readonly mirror: EngineMirror;
  readonly workspace: WorkspaceReader;
  readonly shell: ShellReader;
  workspaceId = '';
  /**
   * The one pace of a command's two views: a command typed in the terminal shows its output and its
   * events (the pictures) together, and its prompt returns once both are shown.
   */
  readonly player = new Pacer();
  private readonly playback: EnginePlayback;
  history: History = new History([]);
  role: Role;
  saveState: SaveState;
  saveMessage: string;
  /** Why the saved engine state could not be loaded, when it could not (the lab then starts without it). */
  restoreProblem: string | undefined;
  private restoreProblemShown = false;
  private readonly options: SessionOptions;
  private client: CoreClient;
  private shellFacts: ShellFacts = { prompt: '', plainPrompt: '', container: false };
  private commandWords = new Set<string>();
  private networkChoice: string | undefined;
  private listeners = new Set<SessionListener>();
  private runner: CommandRunner | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private running = 0;
  private jobSerial = 0;
  private readonly jobs = new Map<number, Job>();
  /** Pending-edit flushers (the editor's debounced save): every command line waits for them first. */
  private readonly flushers = new Set<() => Promise<void>>();
  private disposed = false;

  private constructor(options: SessionOptions) {
    this.options = options;
    this.preset = options.preset;
    const p = parsePreset(options.preset);
    this.sampleName = p.sample;
    this.checkpoint = p.checkpoint;
    this.storage = options.storage;
    this.role = options.role;
    this.saveState = options.storage.kind === 'memory' ? 'memory' : 'saved';
    this.saveMessage = options.storage.kind === 'memory' ? (options.storage.reason ?? 'In this tab the lab keeps your work in memory only.') : SAVED_MESSAGE;
    this.mirror = new EngineMirror();
    this.engine = this.mirror;
    this.playback = new EnginePlayback(this.player, (event) => this.emit({ type: 'engine', event }));
    this.client = this.connect();
    this.workspace = {
      listFiles: () => this.client.call('listFiles'),
      readFile: (path) => this.client.call('readFile', path),
      stat: (path) => this.client.call('stat', path),
      mkdir: (path) => this.client.call('mkdir', path),
    };
    const session = this;
    this.shell = {
      prompt: (o) => (o?.color ? session.shellFacts.prompt : session.shellFacts.plainPrompt),
      get container() {
        return session.shellFacts.container ? true : undefined;
      },
      complete: (line, cursor) => this.client.call('complete', line, cursor),
      registry: { lookup: (argv) => (this.commandWords.has(argv.join(' ')) ? true : undefined) },
    };
  }

  /** Opens (or creates) the workspace for the preset; the core restores engine state and history. */
  static async create(options: SessionOptions): Promise<LabSession> {
    const session = new LabSession(options);
    await session.open(options.workspaceId, options.sharedLink);
    return session;
  }

  private connect(): CoreClient {
    return new CoreClient(this.options.connect(), (m) => this.receive(m));
  }

  /** What the shared link this session opened held, or why it could not be read. */
  sharedOpened: CoreOpened['shared'];
  shareError: string | undefined;

  private async open(workspaceId: string | undefined, sharedLink?: string): Promise<CoreOpened> {
    const opened = await this.client.call('open', {
      preset: this.preset,
      role: this.role,
      ...(workspaceId === undefined ? {} : { workspaceId }),
      ...(sharedLink !== undefined ? { sharedLink } : {}),
    });
    this.sharedOpened = opened.shared;
    this.shareError = opened.shareError;
    this.workspaceId = opened.workspaceId;
    this.sampleCheckpoints = opened.checkpoints;
    this.restoreProblem ??= opened.restoreProblem;
    this.history = new History(opened.history);
    this.shellFacts = opened.shell;
    this.commandWords = new Set(opened.commands);
    // A whole snapshot: after a restart of the core, the mirror starts over from it.
    this.mirror.apply(opened.snapshot);
    return opened;
  }

  private receive(m: CoreToPage): void {
    if (this.disposed) return;
    switch (m.kind) {
      case 'output': {
        const job = this.jobs.get(m.job);
        job?.write(m.stream, m.text, m.at);
        return;
      }
      case 'abort-seen': {
        const job = this.jobs.get(m.job);
        if (job) job.seen = true;
        return;
      }
      case 'snapshot':
        this.mirror.apply(m.snapshot);
        return;
      case 'engine':
        this.playback.handle(m.event);
        return;
      case 'files':
        this.emit({ type: 'files', change: m.change });
        return;
      case 'shell':
        this.shellFacts = m.shell;
        return;
      case 'history-cleared':
        this.history = new History([]);
        return;
      case 'notice':
        this.notice(m.level, m.message);
        return;
      case 'storage-error':
        this.setSave('error', saveFailure(Object.assign(new Error(m.message), { name: 'StorageError' })));
        return;
    }
  }

  /** Registers a flusher of unsaved edits that every command waits for. Returns its remover. */
  beforeCommand(flush: () => Promise<void>): () => void {
    this.flushers.add(flush);
    return () => {
      this.flushers.delete(flush);
    };
  }

  /**
   * Calls `fn` once at a quiet moment: when the browser is idle and no command is running (a command
   * that is running is waited for). Background work (mounting the editor) uses it so it does not
   * compete with a build the learner has just started. Returns a canceller.
   */
  whenQuiet(fn: () => void): () => void {
    let done = false;
    let off: (() => void) | null = null;
    const idle = (globalThis as { requestIdleCallback?: (cb: () => void, opts?: { timeout: number }) => number }).requestIdleCallback;
    const later = (cb: () => void): void => {
      if (idle) idle(cb, { timeout: 5000 });
      else setTimeout(cb, 0);
    };
    const attempt = (): void => {
      if (done) return;
      if (this.running > 0) {
        off ??= this.subscribe((e) => {
          if (e.type !== 'command-end') return;
          off?.();
          off = null;
          later(attempt);
        });
        return;
      }
      done = true;
      fn();
    };
    later(attempt);
    return () => {
      done = true;
      off?.();
    };
  }

  subscribe(listener: SessionListener): () => void {
    this.listeners.add(listener);
    // The saved engine state was read before anyone could listen: its problem goes to the first listener.
    if (this.restoreProblem && !this.restoreProblemShown) {
      this.restoreProblemShown = true;
      listener({ type: 'notice', level: 'warning', message: this.restoreProblem });
    }
    return () => this.listeners.delete(listener);
  }

  private emit(event: SessionEvent): void {
    for (const l of [...this.listeners]) l(event);
  }

  notice(level: 'info' | 'warning' | 'error', message: string): void {
    this.emit({ type: 'notice', level, message });
  }

  get readOnly(): boolean {
    return this.role === 'readonly';
  }

  get busy(): boolean {
    return this.running > 0;
  }

  private setSave(state: SaveState, message: string): void {
    this.saveState = state;
    this.saveMessage = message;
    this.emit({ type: 'save', state, message });
  }

  /** Saves under way, and whether the editor holds an edit it has not handed over yet. */
  private savesInFlight = 0;
  private editPending = false;

  /** "Saved" only once nothing is being written and no edit waits in the editor. */
  private settleSave(): void {
    if (this.savesInFlight === 0 && !this.editPending && this.saveState === 'saving') this.setSave('saved', SAVED_MESSAGE);
  }

  /**
   * The editor writes an edit after a short pause in typing. While such an edit exists only in the page
   * the status says "Saving…", never "Saved".
   */
  noteEditPending(pending: boolean): void {
    if (this.storage.kind === 'memory') return;
    this.editPending = pending;
    if (!pending) this.settleSave();
    else if (this.saveState === 'saved') this.setSave('saving', 'Saving…');
  }

  /** Keeps "Saving…" until the returned function is called: for a save the caller is about to start. */
  holdSave(): () => void {
    this.savesInFlight++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.savesInFlight--;
      this.settleSave();
    };
  }

  /** Runs `fn` and reports "Saving…" until it resolves, then "Saved" (or the failure, and memory mode). */
  private async saving<T>(fn: () => Promise<T>): Promise<T> {
    if (this.storage.kind === 'memory') return fn();
    const release = this.holdSave();
    this.setSave('saving', 'Saving…');
    try {
      const r = await fn();
      release();
      return r;
    } catch (err) {
      if (isStorageError(err)) this.setSave('error', saveFailure(err));
      release();
      throw err;
    }
  }

  private requireOwner(): void {
    if (this.readOnly) throw new Error('This tab is read-only.');
  }

  /** Saves engine state (images, build cache) and history. */
  async persist(): Promise<void> {
    if (this.disposed || this.readOnly) return;
    await this.saving(() => this.client.call('persist')).catch(() => undefined);
  }

  /** The terminal registers itself here; runCommand then goes through it so the learner sees the command typed. */
  setRunner(runner: CommandRunner | null): void {
    this.runner = runner;
  }

  /**
   * Sends a command to the terminal, as a lesson's "Run" button does: it appears typed at the prompt and runs.
   * Without a terminal it runs with its output discarded.
   */
  async runCommand(text: string): Promise<number> {
    if (this.runner) return this.runner(text);
    return this.execute(text, { stdout: () => undefined, stderr: () => undefined, tty: false, columns: 80 });
  }

  /**
   * Runs one command line in the core's shell (one at a time), then saves what it changed. On a
   * terminal (`io.tty`) its output is paced with its engine events, and it resolves once both are
   * shown; other output is written at once.
   */
  execute(line: string, io: ShellIO): Promise<number> {
    // What the terminal is sent is also announced, as it is written (after pacing), for an embed's host.
    const tee: ShellIO = {
      ...io,
      stdout: (text, at) => {
        io.stdout(text, at);
        this.emit({ type: 'output', stream: 'stdout', text });
      },
      stderr: (text, at) => {
        io.stderr(text, at);
        this.emit({ type: 'output', stream: 'stderr', text });
      },
    };
    return this.enqueue(line, tee, (job, terminal) => this.client.call('execute', job, line, terminal));
  }

  /** End of input (Ctrl-D on an empty line): an interactive container shell exits, as `exit` would. */
  endInput(io: ShellIO): Promise<number> {
    return this.enqueue('exit', io, (job, terminal) => this.client.call('endInput', job, terminal));
  }

  /** The terminal's output, queued behind the events it follows (progress lines with a time go by it). */
  private pacedIO(io: ShellIO): ShellIO {
    const paced = (write: (s: string) => void) => (s: string, at?: number): void =>
      this.player.output(() => write(s), at === undefined ? undefined : this.playback.transferTiming(at));
    return { ...io, stdout: paced((s) => io.stdout(s)), stderr: paced((s) => io.stderr(s)) };
  }

  private enqueue(line: string, io: ShellIO, run: (job: number, terminal: CoreTerminal) => Promise<number>): Promise<number> {
    const job = this.queue.then(async (): Promise<{ code: number; saved: Promise<void> }> => {
      if (this.readOnly) {
        io.stderr('This tab is read-only: the lab is open in another tab. Use "Take over" to work here.\n');
        return { code: 1, saved: Promise.resolve() };
      }
      // An edit typed a moment ago is in the file before the command reads it (git status, docker build).
      await Promise.all([...this.flushers].map((flush) => flush().catch(() => undefined)));
      this.running++;
      this.emit({ type: 'command-start', line });
      let code = 1;
      const out = io.tty ? this.pacedIO(io) : io;
      // A Skip pressed before this command does not skip it. Ctrl-C while the command's events are
      // still being shown skips to the end of them.
      this.player.endSkip();
      const id = ++this.jobSerial;
      const entry: Job = { write: (stream, text, at) => (stream === 'stdout' ? out.stdout(text, at) : out.stderr(text, at)), seen: false };
      this.jobs.set(id, entry);
      let stopped: ((code: Promise<number>) => void) | null = null;
      let restarting = false;
      const onAbort = (): void => {
        this.player.finish();
        this.client.abort(id);
        // The core answers at once unless it is stuck in synchronous work; then it is stopped and
        // started again from what was last saved, so Ctrl-C always gives the prompt back.
        setTimeout(() => {
          if (entry.seen || !this.jobs.has(id) || !this.client.connection.stoppable) return;
          restarting = true;
          stopped?.(
            this.restartCore().then(
              () => (out.stderr('\nlab: the command did not stop, so the lab stopped its engine and started it again from your last saved state. Your files are kept.\n'), 130),
              () => (out.stderr(`\nlab: ${CORE_FAILED}\n`), 130),
            ),
          );
        }, ABORT_GRACE_MS);
      };
      io.signal?.addEventListener('abort', onAbort);
      const terminal: CoreTerminal = { tty: io.tty, columns: io.columns, ...('rows' in io ? { rows: (io as { rows: number }).rows } : {}), ...(io.stdinTty === undefined ? {} : { stdinTty: io.stdinTty }) };
      try {
        const halted = new Promise<number>((resolve) => (stopped = resolve));
        // A call the restart cut short is answered by the restart, not by its rejection.
        const ran = run(id, terminal).catch((err: unknown) => (restarting ? new Promise<number>(() => undefined) : Promise.reject(err)));
        code = await Promise.race([ran, halted]);
      } catch (err) {
        out.stderr(`lab: ${err instanceof Error ? err.message : String(err)}\n`);
        code = 1;
      }
      this.jobs.delete(id);
      try {
        if (io.tty) await this.player.whenIdle();
      } finally {
        io.signal?.removeEventListener('abort', onAbort);
        this.player.endSkip();
        this.running--;
      }
      // On the terminal the prompt comes back as soon as the output is shown; the save goes on behind
      // it, and the next command waits for it.
      const saved = this.persist();
      if (!io.tty) await saved;
      this.emit({ type: 'command-end', line, code });
      return { code, saved };
    });
    this.queue = job.then((r) => r.saved).catch(() => undefined);
    return job.then((r) => r.code);
  }

  /** Stops the core (even mid-work) and opens the same workspace in a new one. */
  private async restartCore(): Promise<void> {
    this.client.stop('The lab restarted its engine.');
    this.jobs.clear();
    this.client = this.connect();
    await this.open(this.workspaceId);
    this.player.finish();
    this.emit({ type: 'files', change: { kind: 'reload', paths: [] } });
    this.emit({ type: 'engine', event: { type: 'store-changed', reason: 'import' } as EngineEvent });
  }

  recordHistory(line: string): void {
    this.history.push(line);
    void this.client.call('recordHistory', line).catch(() => undefined);
  }

  /** Editor saves: writes the file to the workspace; resolves once it is stored. */
  async saveFile(path: string, content: string): Promise<void> {
    this.requireOwner();
    await this.saving(() => this.client.call('saveFile', path, content));
  }

  async createFile(path: string): Promise<void> {
    this.requireOwner();
    await this.saving(() => this.client.call('createFile', path));
  }

  async renameFile(from: string, to: string): Promise<void> {
    this.requireOwner();
    await this.saving(() => this.client.call('renameFile', from, to));
  }

  async deleteFile(path: string): Promise<void> {
    this.requireOwner();
    await this.saving(() => this.client.call('deleteFile', path));
  }

  openFile(path: string): void {
    this.emit({ type: 'open-file', path });
  }

  /** True when resetting would lose something: uncommitted changes, or commits beyond the sample's checkpoints. */
  hasUnsavedWork(): Promise<boolean> {
    return this.client.call('hasUnsavedWork');
  }

  /** The checkpoints the current sample offers. */
  checkpoints(): string[] {
    return [...this.sampleCheckpoints];
  }

  /** Restores the sample at a checkpoint (the preset's by default). The caller asks the learner first. */
  async resetLab(checkpoint = this.checkpoint): Promise<void> {
    this.requireOwner();
    await this.saving(() => this.client.call('resetLab', checkpoint));
    this.notice('info', `The lab was reset to ${this.sampleName}${checkpoint ? ` at ${checkpoint}` : ''}.`);
  }

  /**
   * Opens a course challenge's starting state in one step, as "Reset challenge" does: its files over
   * the working tree, its images in the store; then the islands reload the files and the state is
   * saved. The caller asks the learner first.
   */
  async openStartingState(start: StartingState): Promise<void> {
    this.requireOwner();
    await this.saving(() => this.client.call('openStartingState', start));
  }

  /** Opens a course challenge's starting state by its id (false when the course has no such challenge). */
  async openChallengeStart(challengeId: string): Promise<boolean> {
    this.requireOwner();
    return this.saving(() => this.client.call('openChallengeStart', challengeId));
  }

  /** A lesson's challenges, for the page to show (their checks run in the core, see `check`). */
  lessonChallenges(lesson: string): Promise<ChallengeInfo[]> {
    return this.client.call('lessonChallenges', lesson);
  }

  /** A course challenge's check, run by the core over the engine's state and the workspace. */
  check(challengeId: string, activity: ActivityLog, baseline: readonly string[]): Promise<Verdict> {
    return this.client.call('check', challengeId, activity, [...baseline]);
  }

  exportZip(): Promise<Uint8Array> {
    return this.client.call('exportZip');
  }

  /** Replaces the working tree with a .zip's files. The repository stays, so `git status` shows what changed. */
  async importZip(zip: Uint8Array): Promise<number> {
    this.requireOwner();
    const { count, skipped } = await this.saving(() => this.client.call('importZip', zip));
    if (skipped.length) this.notice('info', `Not imported (this workspace keeps its own repository): ${skipped.join(', ')}`);
    return count;
  }

  /** The stages of a Dockerfile in the workspace, named as the build's progress names them. */
  dockerfileStages(path: string): Promise<StageName[]> {
    return this.client.call('dockerfileStages', path);
  }

  /** A stored image's analysis (layers, wasted space, packages), computed by the core. */
  analyzeImage(imageId: string): Promise<ImageAnalysis | undefined> {
    return this.client.call('analyzeImage', imageId);
  }

  /** The editor's problems for a Dockerfile's text: BuildKit's parse error and build checks. */
  diagnoseDockerfile(text: string): Promise<EditorDiagnostic[]> {
    return this.client.call('diagnoseDockerfile', text);
  }

  /** The URL fragment for "Copy link". */
  shareFragment(): Promise<ShareResult> {
    return this.client.call('shareFragment');
  }

  /** The simulated network pulls and pushes use (an embed's `network` setting). */
  setNetwork(id: NetworkPresetId): void {
    this.networkChoice = id;
    void this.client.call('setNetwork', id).catch(() => undefined);
  }

  /** The simulated network's preset now in use (the pull view's bandwidth choice). */
  get networkId(): string {
    return this.networkChoice ?? this.engine.networkId;
  }

  /**
   * Pulls an image without the terminal (the images view, when the shell has no `docker pull`): it
   * waits for the command before it, as a command does, and what it pulled is saved after (not in a
   * read-only tab, whose images view disables its Pull buttons).
   */
  pull(ref: string): Promise<PullOutcome> {
    const job = this.queue.then(() => this.client.call('pull', ref));
    this.queue = job.then(() => this.persist()).catch(() => undefined);
    return job;
  }

  /** Stops listening; the core stops once what is queued has been saved. The UI calls this before switching tabs' roles or unmounting. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.player.dispose();
    this.listeners.clear();
    this.runner = null;
    const client = this.client;
    const settled = this.queue.then(() => client.call('persist').catch(() => undefined));
    const limit = new Promise((resolve) => setTimeout(resolve, 5000));
    void Promise.race([settled, limit]).then(() => client.stop('The lab was closed.'));
  }
}

/** A failure of the browser's storage (full, refused), as opposed to a refusal the learner caused (EEXIST). */
function isStorageError(err: unknown): boolean {
  const e = err as { code?: unknown; name?: unknown } | null;
  return typeof e?.code !== 'string' && typeof e?.name === 'string' && !['Error', 'TypeError', 'RangeError'].includes(e.name);
}
