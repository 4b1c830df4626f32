// The lab session: the one place that holds the lab's state (workspace, engine, shell, persistence)
// and announces every change. Islands (terminal, editor, the pictures, the course's panel) subscribe
// to it and call its methods; they never call one another.

import { createLabEngine, SavedStateError, type LabEngine, type EngineEvent } from '../engine/index.ts';
import { labRegistry, NETWORK_PRESETS, type NetworkPresetId } from '../engine/registry/index.ts';
import { createLabShell, type LabShell, type ShellIO, type CommandSpec } from '../shell/index.ts';
import { GitWorkspace, type WorkspaceChange } from '../workspace/git-workspace.ts';
import { seedSample, writeSampleTree, writeSampleHistory, parsePreset, checkpointsOf, type SampleLike } from '../workspace/samples.ts';
import type { LabStorage } from './storage.ts';
import { storageProblem } from './storage.ts';
import { History } from './line-editor.ts';
import { encodeShare, type SharedProject, type ShareResult } from './share.ts';
import { zipFiles, unzipFiles } from './zip.ts';
import { Pacer } from './pacer.ts';
import { EnginePlayback } from './playback.ts';
import { pullImage, type PullOutcome } from '../engine/registry/index.ts';

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

export interface WorkspaceMeta {
  readonly id: string;
  readonly title: string;
  readonly preset: string;
  readonly createdAt: number;
}

interface Meta {
  workspaces: WorkspaceMeta[];
  /** The workspace a shared link was last opened into, per original workspace. */
  lastShared?: string;
}

export interface SessionOptions {
  readonly preset: string;
  readonly storage: LabStorage;
  readonly samples: Readonly<Record<string, SampleLike>>;
  readonly role: Role;
  /** Open this workspace instead of the preset's sample workspace (e.g. one created from a link). */
  readonly workspaceId?: string;
  /** A project from a shared link: it is opened in a new workspace, never over existing work. */
  readonly shared?: SharedProject;
}

const HISTORY_KEY = 'history';
const ENGINE_KEY = 'engine';
const META_KEY = 'meta';

export class LabSession {
  readonly preset: string;
  readonly sampleName: string;
  readonly checkpoint: string | undefined;
  readonly storage: LabStorage;
  readonly samples: Readonly<Record<string, SampleLike>>;
  readonly workspace: GitWorkspace;
  readonly workspaceId: string;
  readonly engine: LabEngine;
  readonly shell: LabShell;
  /**
   * The one pace of a command's two views: a command typed in the terminal shows its output and its
   * events (the pictures) together, and its prompt returns once both are shown.
   */
  readonly player = new Pacer();
  private readonly playback: EnginePlayback;
  history: History;
  role: Role;
  saveState: SaveState;
  saveMessage: string;
  private listeners = new Set<SessionListener>();
  private runner: CommandRunner | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private running = 0;
  /** Pending-edit flushers (the editor's debounced save): every command line waits for them first. */
  private readonly flushers = new Set<() => Promise<void>>();
  private unsubscribers: (() => void)[] = [];
  private disposed = false;
  /** Set by any engine event: the engine state must be written at the next save. */
  private engineDirty = false;
  /** Why the saved engine state could not be loaded, when it could not (the lab then starts without it). */
  restoreProblem: string | undefined;
  private restoreProblemShown = false;

  private constructor(init: {
    options: SessionOptions;
    workspace: GitWorkspace;
    workspaceId: string;
    engine: LabEngine;
    history: History;
  }) {
    const { options } = init;
    this.preset = options.preset;
    const p = parsePreset(options.preset);
    this.sampleName = p.sample;
    this.checkpoint = p.checkpoint;
    this.storage = options.storage;
    this.samples = options.samples;
    this.role = options.role;
    this.workspace = init.workspace;
    this.workspaceId = init.workspaceId;
    this.engine = init.engine;
    this.history = init.history;
    this.saveState = options.storage.kind === 'memory' ? 'memory' : 'saved';
    this.saveMessage = options.storage.kind === 'memory' ? (options.storage.reason ?? 'In this tab the lab keeps your work in memory only.') : 'All changes saved in this browser.';
    const historyCommand: CommandSpec = {
      name: 'history',
      summary: 'list the commands typed in this lab (kept across reloads)',
      usage: 'history [-c]',
      run: async (ctx) => {
        if (ctx.args[0] === '-c') {
          await this.clearHistory();
          return 0;
        }
        const list = this.history.list();
        const width = String(list.length).length;
        ctx.io.stdout(list.map((l, i) => `${String(i + 1).padStart(Math.max(5, width + 1))}  ${l}\n`).join(''));
        return 0;
      },
    };
    this.shell = createLabShell({ workspace: this.workspace, engine: this.engine, commands: [[historyCommand]] });
    this.playback = new EnginePlayback(this.player, (event) => this.emit({ type: 'engine', event }));
    this.unsubscribers.push(
      this.engine.subscribe((event) => {
        this.engineDirty = true;
        this.playback.handle(event);
      }),
    );
    this.unsubscribers.push(this.workspace.onChange((change) => this.emit({ type: 'files', change })));
  }

  /** Opens (or creates) the workspace for the preset, restores engine state and history. */
  static async create(options: SessionOptions): Promise<LabSession> {
    const { storage } = options;
    const { sample: sampleName, checkpoint } = parsePreset(options.preset);
    const sample = options.samples[sampleName];
    if (!sample) throw new Error(`The lab has no sample project named "${sampleName}".`);
    const meta: Meta = (await storage.kv.get<Meta>(META_KEY).catch(() => undefined)) ?? { workspaces: [] };
    let workspaceId = options.workspaceId ?? sampleName;
    let shared: SharedProject | undefined = options.shared;
    if (shared) {
      workspaceId = `shared-${Date.now().toString(36)}`;
    }
    const fs = await storage.openFs(workspaceId);
    const workspace = new GitWorkspace({ fs });
    await workspace.ensureRoot();
    const engine = createLabEngine();
    const savedEngine = await storage.kv.get<unknown>(ENGINE_KEY).catch(() => undefined);
    let restoreProblem: string | undefined;
    if (savedEngine !== undefined) {
      try {
        await engine.importState(savedEngine);
      } catch (err) {
        // A state this version cannot read (damaged, or saved by a newer lab): the engine is left empty
        // (importState changes nothing when it fails) and the learner is told; their files are not in it.
        const why = err instanceof SavedStateError ? ` ${err.message}` : '';
        restoreProblem = `Your saved images, containers and build cache could not be loaded, so the lab starts without them.${why} Your files are kept.`;
      }
    }
    const history = new History((await storage.kv.get<string[]>(HISTORY_KEY).catch(() => undefined)) ?? []);
    const session = new LabSession({ options, workspace, workspaceId, engine, history });
    session.restoreProblem = restoreProblem;
    const persistent = fs as { onError?: ((err: unknown) => void) | null };
    if ('onError' in persistent) {
      persistent.onError = (err) =>
        session.setSave('error', `Your latest change could not be saved, because ${storageProblem(err)}. The lab keeps working in memory; export a .zip to keep your files.`);
    }
    // The sample's history is written in the background; a marker says it has not finished yet, so a
    // tab closed in the middle (HEAD written, commits not) redoes it on the next load.
    const historyPendingKey = `history-pending:${workspaceId}`;
    const fresh =
      !(await fs.stat(`${workspace.gitdir}/HEAD`).then(() => true, () => false)) ||
      (await storage.kv.get<boolean>(historyPendingKey).catch(() => undefined)) === true;
    if (shared) {
      await session.loadShared(shared);
      meta.workspaces.push({ id: workspaceId, title: `Shared project (${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC)`, preset: options.preset, createdAt: Date.now() });
      meta.lastShared = workspaceId;
      shared = undefined;
      await storage.kv.set(META_KEY, meta).catch(() => undefined);
    } else if (fresh) {
      // The files first, so the lab is usable at once; the git history follows in the background
      // (git commands wait for it). After a reload in between, only the history is redone.
      if ((await workspace.listFiles()).length === 0) await writeSampleTree(workspace, sample, checkpoint);
      // It waits for a quiet moment (idle, no command running) or the first git command, so it does
      // not slow the first build.
      await storage.kv.set(historyPendingKey, true).catch(() => undefined);
      let kick: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => (kick = resolve));
      session.whenQuiet(() => kick());
      const history = gate
        .then(() => writeSampleHistory(workspace, sample, checkpoint))
        .then(() => session.persist())
        .then(() => storage.kv.delete(historyPendingKey).catch(() => undefined));
      workspace.track(history, () => kick());
      history.catch((err) => session.notice('error', `The sample's git history could not be written: ${err instanceof Error ? err.message : String(err)}`));
      if (!meta.workspaces.some((w) => w.id === workspaceId)) {
        meta.workspaces.push({ id: workspaceId, title: sample.title, preset: options.preset, createdAt: Date.now() });
        await storage.kv.set(META_KEY, meta).catch(() => undefined);
      }
    }
    return session;
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
   * that is running is waited for). Background work (the sample's git history, mounting the editor)
   * uses it so it does not compete with a build the learner has just started. Returns a canceller.
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
    if (this.savesInFlight === 0 && !this.editPending && this.saveState === 'saving') this.setSave('saved', 'All changes saved in this browser.');
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
      this.setSave('error', `Your latest change could not be saved, because ${storageProblem(err)}. The lab keeps working in memory; export a .zip to keep your files.`);
      release();
      throw err;
    }
  }

  /** Saves engine state (images, build cache) and history. */
  async persist(): Promise<void> {
    if (this.disposed || this.readOnly) return;
    await this.saving(async () => {
      if (this.engineDirty) {
        this.engineDirty = false;
        try {
          await this.storage.kv.set(ENGINE_KEY, this.engine.exportState());
        } catch (err) {
          this.engineDirty = true;
          throw err;
        }
      }
      await this.storage.kv.set(HISTORY_KEY, [...this.history.list()]);
      await this.workspace.fs.flush?.();
    }).catch(() => undefined);
  }

  private async clearHistory(): Promise<void> {
    this.history = new History([]);
    await this.storage.kv.set(HISTORY_KEY, []).catch(() => undefined);
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
   * Runs one command line through the lab shell (one at a time), then saves what it changed. On a
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
    return this.enqueue(line, tee, (out) => this.shell.run(line, out));
  }

  /** End of input (Ctrl-D on an empty line): an interactive container shell exits, as `exit` would. */
  endInput(io: ShellIO): Promise<number> {
    return this.enqueue('exit', io, (out) => this.shell.endInput(out));
  }

  /** The terminal's output, queued behind the events it follows (progress lines with a time go by it). */
  private pacedIO(io: ShellIO): ShellIO {
    const paced = (write: (s: string) => void) => (s: string, at?: number): void =>
      this.player.output(() => write(s), at === undefined ? undefined : this.playback.transferTiming(at));
    return { ...io, stdout: paced((s) => io.stdout(s)), stderr: paced((s) => io.stderr(s)) };
  }

  private enqueue(line: string, io: ShellIO, run: (io: ShellIO) => Promise<number>): Promise<number> {
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
      const skip = (): void => this.player.finish();
      io.signal?.addEventListener('abort', skip);
      try {
        code = await run(out);
      } catch (err) {
        out.stderr(`lab: ${err instanceof Error ? err.message : String(err)}\n`);
        code = 1;
      }
      try {
        if (io.tty) await this.player.whenIdle();
      } finally {
        io.signal?.removeEventListener('abort', skip);
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

  recordHistory(line: string): void {
    this.history.push(line);
    if (!this.readOnly) void this.storage.kv.set(HISTORY_KEY, [...this.history.list()]).catch(() => undefined);
  }

  /** Editor saves: writes the file to the workspace; resolves once it is stored. */
  async saveFile(path: string, content: string): Promise<void> {
    if (this.readOnly) throw new Error('This tab is read-only.');
    await this.saving(() => this.workspace.writeFile(path, content));
  }

  async createFile(path: string): Promise<void> {
    if (this.readOnly) throw new Error('This tab is read-only.');
    const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
    await this.saving(async () => {
      if (dir) await this.workspace.mkdir(dir, { recursive: true });
      if (await this.workspace.stat(path)) throw Object.assign(new Error(`${path} already exists`), { code: 'EEXIST' });
      await this.workspace.writeFile(path, '');
    });
  }

  async renameFile(from: string, to: string): Promise<void> {
    if (this.readOnly) throw new Error('This tab is read-only.');
    const dir = to.includes('/') ? to.slice(0, to.lastIndexOf('/')) : '';
    await this.saving(async () => {
      if (dir) await this.workspace.mkdir(dir, { recursive: true });
      if (await this.workspace.stat(to)) throw Object.assign(new Error(`${to} already exists`), { code: 'EEXIST' });
      await this.workspace.rename(from, to);
    });
  }

  async deleteFile(path: string): Promise<void> {
    if (this.readOnly) throw new Error('This tab is read-only.');
    await this.saving(() => this.workspace.remove(path, { recursive: true }));
  }

  openFile(path: string): void {
    this.emit({ type: 'open-file', path });
  }

  /** True when resetting would lose something: uncommitted changes, or commits beyond the sample's checkpoints. */
  async hasUnsavedWork(): Promise<boolean> {
    await this.workspace.settled();
    const { repoFor } = await import('../shell/commands/git-cli.ts');
    const repo = repoFor(this.workspace);
    if (!(await repo.isRepo())) return (await this.workspace.listFiles()).length > 0;
    const st = await repo.status();
    if (st.staged.length || st.unstaged.length || st.untracked.length) return true;
    const tags = new Set<string>();
    for (const t of await repo.tags()) tags.add(await repo.resolveRev(t));
    const head = await repo.headOid();
    return head !== null && !tags.has(head);
  }

  /** The checkpoints the current sample offers. */
  checkpoints(): string[] {
    const sample = this.samples[this.sampleName];
    return sample ? checkpointsOf(sample).map((c) => c.name) : [];
  }

  /** Restores the sample at a checkpoint (the preset's by default). The caller asks the learner first. */
  async resetLab(checkpoint = this.checkpoint): Promise<void> {
    if (this.readOnly) throw new Error('This tab is read-only.');
    const sample = this.samples[this.sampleName];
    if (!sample) throw new Error(`No sample named ${this.sampleName}`);
    await this.workspace.settled();
    await this.saving(async () => {
      const { repoFor } = await import('../shell/commands/git-cli.ts');
      repoFor(this.workspace).resetCache();
      await seedSample(this.workspace, sample, checkpoint);
    });
    this.notice('info', `The lab was reset to ${this.sampleName}${checkpoint ? ` at ${checkpoint}` : ''}.`);
  }

  /**
   * Replaces the lab's state in one step, as a course challenge's "Reset challenge" does (its code,
   * src/course/start.ts, comes with the caller, so the lab's first build does not load it): `apply`
   * changes the working tree and the engine; then the islands reload the files and the state is saved.
   * The caller asks the learner first.
   */
  async replaceState(apply: (engine: LabEngine, workspace: GitWorkspace, samples: Readonly<Record<string, SampleLike>>) => Promise<void>): Promise<void> {
    if (this.readOnly) throw new Error('This tab is read-only.');
    await this.workspace.settled();
    await this.saving(async () => {
      const { repoFor } = await import('../shell/commands/git-cli.ts');
      repoFor(this.workspace).resetCache();
      await apply(this.engine, this.workspace, this.samples);
    });
    this.workspace.notify({ kind: 'reload', paths: [] });
    await this.persist();
  }

  /** All files of the working tree with their bytes and modes. */
  async readAllFiles(): Promise<Map<string, { data: Uint8Array; mode: number }>> {
    const out = new Map<string, { data: Uint8Array; mode: number }>();
    for (const path of await this.workspace.listFiles()) {
      const st = await this.workspace.stat(path);
      if (!st || st.type !== 'file') continue;
      out.set(path, { data: await this.workspace.readFile(path), mode: st.mode });
    }
    return out;
  }

  async exportZip(): Promise<Uint8Array> {
    return zipFiles(await this.readAllFiles(), this.sampleName);
  }

  /** Replaces the working tree with a .zip's files. The repository stays, so `git status` shows what changed. */
  async importZip(zip: Uint8Array): Promise<number> {
    if (this.readOnly) throw new Error('This tab is read-only.');
    // Everything is checked before the workspace changes (limits, names, clashes); then one swap.
    const files = unzipFiles(zip);
    if (files.length === 0) throw new Error('The .zip holds no files.');
    await this.saving(() => this.workspace.replaceFiles(files));
    if (files.skipped.length) this.notice('info', `Not imported (this workspace keeps its own repository): ${files.skipped.join(', ')}`);
    return files.length;
  }

  /** The URL fragment for "Copy link". */
  async shareFragment(): Promise<ShareResult> {
    const files = new Map<string, Uint8Array>();
    for (const [path, f] of await this.readAllFiles()) files.set(path, f.data);
    return encodeShare(files, this.preset);
  }

  /** Fills this (new) workspace with a shared project: a repository with one commit of the shared files. */
  private async loadShared(project: SharedProject): Promise<void> {
    const sample: SampleLike = {
      title: 'Shared project',
      files: project.files,
      checkpoints: [{ name: 'shared', message: 'Opened from a shared link', files: project.files }],
    };
    await seedSample(this.workspace, sample);
  }

  /** The simulated network pulls and pushes use (an embed's `network` setting). */
  setNetwork(id: NetworkPresetId): void {
    labRegistry(this.engine).network = NETWORK_PRESETS[id];
  }

  /** The simulated network's preset now in use (the pull view's bandwidth choice). */
  get networkId(): string {
    return labRegistry(this.engine).network.id;
  }

  /**
   * Pulls an image without the terminal (the images view, when the shell has no `docker pull`): it
   * waits for the command before it, as a command does, and what it pulled is saved after (not in a
   * read-only tab, whose images view disables its Pull buttons).
   */
  pull(ref: string): Promise<PullOutcome> {
    const job = this.queue.then(() => pullImage(this.engine, ref));
    this.queue = job.then(() => this.persist()).catch(() => undefined);
    return job;
  }

  /** Stops listening and saving; the UI calls this before switching tabs' roles or unmounting. */
  dispose(): void {
    this.disposed = true;
    this.player.dispose();
    for (const u of this.unsubscribers) u();
    this.listeners.clear();
    this.runner = null;
  }
}

/** Workspaces created in this browser (sample workspaces and shared-link ones). */
export async function listWorkspaces(storage: LabStorage): Promise<WorkspaceMeta[]> {
  return ((await storage.kv.get<Meta>(META_KEY).catch(() => undefined)) ?? { workspaces: [] }).workspaces;
}
