// The lab's core: the workspace, the engine, the shell and their persistence, for one open workspace.
// In the browser it runs in a Web Worker (worker.ts), so a build, a pull or a long RUN never blocks the
// page; in Node it runs in-process. It holds no DOM. The page's LabSession paces what it sends (output,
// engine events) and keeps the islands' state; everything the core does comes back as messages.
import { createLabEngine, SavedStateError, type LabEngine } from '../../engine/index.ts';
import { labRegistry, NETWORK_PRESETS, pullImage, type NetworkPresetId, type PullOutcome } from '../../engine/registry/index.ts';
import { createLabShell, type LabShell, type ShellIO, type CommandSpec, type CompletionResult } from '../../shell/index.ts';
import { GitWorkspace } from '../../workspace/git-workspace.ts';
import type { WorkspaceStat } from '../../workspace/types.ts';
import { seedSample, writeSampleTree, writeSampleHistory, parsePreset, checkpointsOf, type SampleLike } from '../../workspace/samples.ts';
import type { StartingState, Verdict } from '../../course/types.ts';
import type { ActivityLog } from '../../course/activity.ts';
import { storageProblem, type LabStorage } from '../storage.ts';
import { History } from '../line-editor.ts';
import { decodeShare, encodeShare, type SharedProject, type ShareResult } from '../share.ts';
import { zipFiles, unzipFiles } from '../zip.ts';
import { SnapshotTaker, isEmptySnapshot } from './snapshot.ts';
import { dockerfileDiagnostics } from '../diagnostics.ts';
import { stageNames } from '../../engine/dockerfile/stages.ts';
import type { CoreMethods, CoreOpenOptions, CoreOpened, CoreTerminal, CoreToPage, ShellFacts } from './protocol.ts';

const HISTORY_KEY = 'history';
const ENGINE_KEY = 'engine';
const META_KEY = 'meta';

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

/** The core's calls, as the wire serves them (each returns its result or a promise of it). */
export type CoreHandlers = { [M in keyof CoreMethods]: (...args: Parameters<CoreMethods[M]>) => Promise<ReturnType<CoreMethods[M]>> | ReturnType<CoreMethods[M]> };

/** An error whose message and code (EEXIST, ENOENT…) the page shows as they are. */
function codeError(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

export class LabCore {
  private readonly storage: LabStorage;
  private readonly samples: Readonly<Record<string, SampleLike>>;
  private readonly send: (message: CoreToPage) => void;
  private opened: Opened | null = null;
  private readonly jobs = new Map<number, AbortController>();

  constructor(init: { storage: LabStorage; samples: Readonly<Record<string, SampleLike>>; send: (message: CoreToPage) => void }) {
    this.storage = init.storage;
    this.samples = init.samples;
    this.send = init.send;
  }

  /** Ctrl-C for a running job (answered at once, so the page knows the core is not stuck). */
  abort(job: number): void {
    this.jobs.get(job)?.abort();
    this.send({ kind: 'abort-seen', job });
  }

  /** The open workspace's engine (for Node tests that compare the page's mirror with it). */
  get engine(): LabEngine | undefined {
    return this.opened?.engine;
  }

  private get o(): Opened {
    if (!this.opened) throw new Error('The lab has not been opened yet.');
    return this.opened;
  }

  /** The calls the page makes, by name. */
  readonly handlers: CoreHandlers = {
    open: (options) => this.open(options),
    execute: (job, line, terminal) => this.runJob(job, terminal, (io) => this.o.shell.run(line, io)),
    endInput: (job, terminal) => this.runJob(job, terminal, (io) => this.o.shell.endInput(io)),
    complete: (line, cursor): Promise<CompletionResult> => this.o.shell.complete(line, cursor),
    persist: () => this.o.persist(),
    recordHistory: (line) => {
      const o = this.o;
      o.history.push(line);
      if (o.role === 'owner') void this.storage.kv.set(HISTORY_KEY, [...o.history.list()]).catch(() => undefined);
    },
    listFiles: () => this.o.workspace.listFiles(),
    readFile: (path) => this.o.workspace.readFile(path),
    stat: (path): Promise<WorkspaceStat | null> => this.o.workspace.stat(path),
    mkdir: (path) => this.o.workspace.mkdir(path, { recursive: true }),
    saveFile: (path, content) => this.o.workspace.writeFile(path, content),
    createFile: async (path) => {
      const ws = this.o.workspace;
      const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
      if (dir) await ws.mkdir(dir, { recursive: true });
      if (await ws.stat(path)) throw codeError(`${path} already exists`, 'EEXIST');
      await ws.writeFile(path, '');
    },
    renameFile: async (from, to) => {
      const ws = this.o.workspace;
      const dir = to.includes('/') ? to.slice(0, to.lastIndexOf('/')) : '';
      if (dir) await ws.mkdir(dir, { recursive: true });
      if (await ws.stat(to)) throw codeError(`${to} already exists`, 'EEXIST');
      await ws.rename(from, to);
    },
    deleteFile: (path) => this.o.workspace.remove(path, { recursive: true }),
    hasUnsavedWork: () => this.o.hasUnsavedWork(),
    resetLab: (checkpoint) => this.o.resetLab(checkpoint),
    openStartingState: (start) => this.o.openStartingState(start),
    openChallengeStart: async (id) => {
      const { loadChallenge } = await import('../../course/lessons.ts');
      const challenge = await loadChallenge(id);
      if (!challenge) return false;
      await this.o.openStartingState(challenge.start);
      return true;
    },
    lessonChallenges: async (lesson) => {
      const { loadLessonChallenges } = await import('../../course/lessons.ts');
      return (await loadLessonChallenges(lesson)).map(({ goalMet: _goal, diagnoses: _diagnoses, ...info }) => info);
    },
    check: (id, activity, baseline) => this.o.check(id, activity, baseline),
    exportZip: async () => zipFiles(await this.o.readAllFiles(), this.o.sampleName),
    importZip: async (zip) => {
      // Everything is checked before the workspace changes (limits, names, clashes); then one swap.
      const files = unzipFiles(zip);
      if (files.length === 0) throw new Error('The .zip holds no files.');
      await this.o.workspace.replaceFiles(files);
      return { count: files.length, skipped: [...files.skipped] };
    },
    shareFragment: async (): Promise<ShareResult> => {
      const files = new Map<string, Uint8Array>();
      for (const [path, f] of await this.o.readAllFiles()) files.set(path, f.data);
      return encodeShare(files, this.o.preset);
    },
    setNetwork: (id: NetworkPresetId) => {
      labRegistry(this.o.engine).network = NETWORK_PRESETS[id];
      this.o.sendSnapshot();
    },
    pull: (ref): Promise<PullOutcome> => pullImage(this.o.engine, ref),
    dockerfileStages: async (path) => {
      for (const p of [path, `/${path.replace(/^\/+/, '')}`]) {
        const bytes = await this.o.workspace.readFile(p).catch(() => undefined);
        if (bytes) return stageNames(new TextDecoder().decode(bytes));
      }
      return [];
    },
    analyzeImage: async (imageId) => {
      const image = this.o.engine.images.get(imageId);
      if (!image) return undefined;
      const { analyzeImage } = await import('../../engine/analysis/index.ts');
      return analyzeImage(image);
    },
    diagnoseDockerfile: async (text) => {
      const ws = this.o.workspace;
      const files = await ws.listFiles().catch(() => [] as string[]);
      const ignore = files.includes('.dockerignore') ? new TextDecoder().decode(await ws.readFile('.dockerignore').catch(() => new Uint8Array())) : null;
      return dockerfileDiagnostics(text, { files, dockerignore: ignore === null ? null : ignore.split('\n') });
    },
  };

  private async runJob(job: number, terminal: CoreTerminal, run: (io: ShellIO) => Promise<number>): Promise<number> {
    const o = this.o;
    const controller = new AbortController();
    this.jobs.set(job, controller);
    const io: ShellIO & { readonly rows?: number } = {
      stdout: (text, at) => this.send({ kind: 'output', job, stream: 'stdout', text, ...(at === undefined ? {} : { at }) }),
      stderr: (text, at) => this.send({ kind: 'output', job, stream: 'stderr', text, ...(at === undefined ? {} : { at }) }),
      tty: terminal.tty,
      columns: terminal.columns,
      ...(terminal.rows === undefined ? {} : { rows: terminal.rows }),
      ...(terminal.stdinTty === undefined ? {} : { stdinTty: terminal.stdinTty }),
      signal: controller.signal,
    };
    o.running++;
    try {
      return await run(io);
    } catch (err) {
      io.stderr(`lab: ${err instanceof Error ? err.message : String(err)}\n`);
      return 1;
    } finally {
      this.jobs.delete(job);
      o.running--;
      o.sendShell();
      o.quietNow();
    }
  }

  /** Opens (or creates) the workspace for the preset, and restores engine state and history. */
  private async open(options: CoreOpenOptions): Promise<CoreOpened> {
    this.opened?.dispose();
    this.opened = null;
    const { storage, samples, send } = this;
    const { sample: sampleName, checkpoint } = parsePreset(options.preset);
    const sample = samples[sampleName];
    if (!sample) throw new Error(`The lab has no sample project named "${sampleName}".`);
    const meta: Meta = (await storage.kv.get<Meta>(META_KEY).catch(() => undefined)) ?? { workspaces: [] };
    let workspaceId = options.workspaceId ?? sampleName;
    let shared: SharedProject | null = null;
    let shareError: string | undefined;
    if (options.sharedLink !== undefined) {
      try {
        shared = await decodeShare(options.sharedLink);
      } catch (err) {
        shareError = err instanceof Error ? err.message : String(err);
      }
    }
    if (shared) workspaceId = `shared-${Date.now().toString(36)}`;
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
    const o = new Opened({ storage, samples, send, preset: options.preset, role: options.role, workspace, workspaceId, engine, history });
    this.opened = o;
    const persistent = fs as { onError?: ((err: unknown) => void) | null };
    if ('onError' in persistent) persistent.onError = (err) => send({ kind: 'storage-error', message: storageProblem(err) });
    // The sample's history is written in the background; a marker says it has not finished yet, so a
    // tab closed in the middle (HEAD written, commits not) redoes it on the next load.
    const historyPendingKey = `history-pending:${workspaceId}`;
    const fresh =
      !(await fs.stat(`${workspace.gitdir}/HEAD`).then(() => true, () => false)) ||
      (await storage.kv.get<boolean>(historyPendingKey).catch(() => undefined)) === true;
    if (shared) {
      await seedSample(workspace, {
        title: 'Shared project',
        files: shared.files,
        checkpoints: [{ name: 'shared', message: 'Opened from a shared link', files: shared.files }],
      });
      meta.workspaces.push({ id: workspaceId, title: `Shared project (${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC)`, preset: options.preset, createdAt: Date.now() });
      meta.lastShared = workspaceId;
      await storage.kv.set(META_KEY, meta).catch(() => undefined);
    } else if (fresh) {
      // The files first, so the lab is usable at once; the git history follows in the background
      // (git commands wait for it), at a quiet moment, so it does not slow the first build.
      if ((await workspace.listFiles()).length === 0) await writeSampleTree(workspace, sample, checkpoint);
      await storage.kv.set(historyPendingKey, true).catch(() => undefined);
      let kick: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => (kick = resolve));
      o.whenQuiet(() => kick());
      const written = gate
        .then(() => writeSampleHistory(workspace, sample, checkpoint))
        .then(() => o.persist().catch(() => undefined))
        .then(() => storage.kv.delete(historyPendingKey).catch(() => undefined));
      workspace.track(written, () => kick());
      written.catch((err) => send({ kind: 'notice', level: 'error', message: `The sample's git history could not be written: ${err instanceof Error ? err.message : String(err)}` }));
      if (!meta.workspaces.some((w) => w.id === workspaceId)) {
        meta.workspaces.push({ id: workspaceId, title: sample.title, preset: options.preset, createdAt: Date.now() });
        await storage.kv.set(META_KEY, meta).catch(() => undefined);
      }
    }
    return {
      workspaceId,
      checkpoints: checkpointsOf(sample).map((c) => c.name),
      ...(shared ? { shared: { files: Object.keys(shared.files).length, refused: [...(shared.refused ?? [])] } } : {}),
      ...(shareError ? { shareError } : {}),
      storageKind: storage.kind,
      ...(restoreProblem ? { restoreProblem } : {}),
      history: [...history.list()],
      shell: o.shellFacts(),
      snapshot: o.snapshots.take(),
      commands: o.commandWords(),
    };
  }
}

/** One open workspace: what `open` made. */
class Opened {
  readonly storage: LabStorage;
  readonly samples: Readonly<Record<string, SampleLike>>;
  readonly send: (message: CoreToPage) => void;
  readonly preset: string;
  readonly sampleName: string;
  readonly role: 'owner' | 'readonly';
  readonly workspace: GitWorkspace;
  readonly workspaceId: string;
  readonly engine: LabEngine;
  readonly shell: LabShell;
  readonly snapshots: SnapshotTaker;
  history: History;
  running = 0;
  /** Set by any engine event: the engine state must be written at the next save. */
  private engineDirty = false;
  private readonly quietWaiters: (() => void)[] = [];
  private readonly unsubscribers: (() => void)[] = [];
  private lastShell = '';

  constructor(init: {
    storage: LabStorage;
    samples: Readonly<Record<string, SampleLike>>;
    send: (message: CoreToPage) => void;
    preset: string;
    role: 'owner' | 'readonly';
    workspace: GitWorkspace;
    workspaceId: string;
    engine: LabEngine;
    history: History;
  }) {
    this.storage = init.storage;
    this.samples = init.samples;
    this.send = init.send;
    this.preset = init.preset;
    this.sampleName = parsePreset(init.preset).sample;
    this.role = init.role;
    this.workspace = init.workspace;
    this.workspaceId = init.workspaceId;
    this.engine = init.engine;
    this.history = init.history;
    const historyCommand: CommandSpec = {
      name: 'history',
      summary: 'list the commands typed in this lab (kept across reloads)',
      usage: 'history [-c]',
      run: async (ctx) => {
        if (ctx.args[0] === '-c') {
          this.history = new History([]);
          this.send({ kind: 'history-cleared' });
          await this.storage.kv.set(HISTORY_KEY, []).catch(() => undefined);
          return 0;
        }
        const list = this.history.list();
        const width = String(list.length).length;
        ctx.io.stdout(list.map((l, i) => `${String(i + 1).padStart(Math.max(5, width + 1))}  ${l}\n`).join(''));
        return 0;
      },
    };
    this.shell = createLabShell({ workspace: this.workspace, engine: this.engine, commands: [[historyCommand]] });
    this.snapshots = new SnapshotTaker(this.engine);
    this.lastShell = JSON.stringify(this.shellFacts());
    this.unsubscribers.push(
      this.engine.subscribe((event) => {
        this.engineDirty = true;
        // The page's pictures read the state the event speaks of: it goes first.
        this.sendSnapshot();
        this.send({ kind: 'engine', event });
      }),
      this.workspace.onChange((change) => this.send({ kind: 'files', change })),
    );
  }

  sendSnapshot(): void {
    const snapshot = this.snapshots.take();
    if (!isEmptySnapshot(snapshot)) this.send({ kind: 'snapshot', snapshot });
  }

  shellFacts(): ShellFacts {
    return { prompt: this.shell.prompt({ color: true }), plainPrompt: this.shell.prompt(), container: this.shell.container !== undefined };
  }

  /** After a command: the prompt, when it changed (cd, a container's shell). */
  sendShell(): void {
    const facts = this.shellFacts();
    const key = JSON.stringify(facts);
    if (key === this.lastShell) return;
    this.lastShell = key;
    this.send({ kind: 'shell', shell: facts });
  }

  commandWords(): string[] {
    const words: string[] = [];
    for (const argv of [['docker', 'pull'], ['docker', 'push'], ['docker', 'build'], ['git']]) if (this.shell.registry.lookup(argv) !== undefined) words.push(argv.join(' '));
    return words;
  }

  /** Calls `fn` once no command runs (background work waits for the learner's command). */
  whenQuiet(fn: () => void): void {
    if (this.running === 0) setTimeout(() => (this.running === 0 ? fn() : this.quietWaiters.push(fn)), 0);
    else this.quietWaiters.push(fn);
  }

  quietNow(): void {
    if (this.running > 0) return;
    for (const fn of this.quietWaiters.splice(0)) setTimeout(fn, 0);
  }

  async persist(): Promise<void> {
    if (this.role !== 'owner') return;
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
  }

  async hasUnsavedWork(): Promise<boolean> {
    await this.workspace.settled();
    const { repoFor } = await import('../../shell/commands/git-cli.ts');
    const repo = repoFor(this.workspace);
    if (!(await repo.isRepo())) return (await this.workspace.listFiles()).length > 0;
    const st = await repo.status();
    if (st.staged.length || st.unstaged.length || st.untracked.length) return true;
    const tags = new Set<string>();
    for (const t of await repo.tags()) tags.add(await repo.resolveRev(t));
    const head = await repo.headOid();
    return head !== null && !tags.has(head);
  }

  async resetLab(checkpoint: string | undefined): Promise<void> {
    const sample = this.samples[this.sampleName];
    if (!sample) throw new Error(`No sample named ${this.sampleName}`);
    await this.workspace.settled();
    const { repoFor } = await import('../../shell/commands/git-cli.ts');
    repoFor(this.workspace).resetCache();
    await seedSample(this.workspace, sample, checkpoint);
  }

  /** A course challenge's starting state, in one step; then the page reloads the files. */
  async openStartingState(start: StartingState): Promise<void> {
    await this.workspace.settled();
    const [{ repoFor }, { openStartingState }] = await Promise.all([import('../../shell/commands/git-cli.ts'), import('../../course/start.ts')]);
    repoFor(this.workspace).resetCache();
    await openStartingState(this.engine, this.workspace, this.samples, start);
    this.workspace.notify({ kind: 'reload', paths: [] });
    await this.persist();
  }

  async check(challengeId: string, activity: ActivityLog, baseline: string[]): Promise<Verdict> {
    const [{ loadChallenge }, { checkChallenge }] = await Promise.all([import('../../course/lessons.ts'), import('../../course/checker.ts')]);
    const challenge = await loadChallenge(challengeId);
    if (!challenge) return { pass: false, diagnosis: 'no-such-challenge', message: 'There is no such challenge.' };
    return checkChallenge(challenge, { engine: this.engine, workspace: this.workspace, activity, baselineContainers: new Set(baseline) });
  }

  async readAllFiles(): Promise<Map<string, { data: Uint8Array; mode: number }>> {
    const out = new Map<string, { data: Uint8Array; mode: number }>();
    for (const path of await this.workspace.listFiles()) {
      const st = await this.workspace.stat(path);
      if (!st || st.type !== 'file') continue;
      out.set(path, { data: await this.workspace.readFile(path), mode: st.mode });
    }
    return out;
  }

  dispose(): void {
    for (const u of this.unsubscribers) u();
  }
}
