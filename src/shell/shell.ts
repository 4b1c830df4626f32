// The lab shell: parses a command line, finds each command in the registry and runs it over the workspace
// and the engine. The same object backs the browser terminal and the headless CLI.
import type { Workspace } from '../workspace/types.ts';
import type { LabEngine } from '../engine/index.ts';
import type { ActiveContainer, CommandRegistry, CommandSpec, CompletionResult, LabShell, PromptOptions, ShellIO, ShellState } from './types.ts';
import { parseCommandLine, ShellSyntaxError, splitForCompletion, type SimpleCommand } from './parse.ts';
import { COMMAND_FAMILIES } from './commands/index.ts';
import { takeContainerSession, sessionHasTty } from './commands/container.ts';
import { workspacePath } from '../workspace/memory.ts';
import type { ContainerSession } from '../engine/container/index.ts';
import { getNode, normalizePath, statNode, type DirNode } from '../engine/fs/index.ts';

export class Registry implements CommandRegistry {
  private readonly specs: CommandSpec[] = [];
  private readonly byName = new Map<string, CommandSpec>();

  register(spec: CommandSpec): void {
    const existing = this.byName.get(spec.name);
    if (existing) this.specs.splice(this.specs.indexOf(existing), 1);
    this.specs.push(spec);
    for (const name of [spec.name, ...(spec.aliases ?? [])]) this.byName.set(name, spec);
  }

  lookup(argv: readonly string[]): { spec: CommandSpec; words: number } | undefined {
    for (let n = Math.min(argv.length, 4); n >= 1; n--) {
      const spec = this.byName.get(argv.slice(0, n).join(' '));
      if (spec) return { spec, words: n };
    }
    return undefined;
  }

  all(): readonly CommandSpec[] {
    return this.specs;
  }

  /** Every registered name and alias. */
  names(): string[] {
    return [...this.byName.keys()];
  }
}

export interface LabShellOptions {
  readonly workspace: Workspace;
  readonly engine: LabEngine;
  /** Extra command families (each an array of specs) beyond the built-in ones. */
  readonly commands?: readonly (readonly CommandSpec[])[];
  /** Variables the shell starts with (the headless CLI passes SOURCE_DATE_EPOCH from its environment). */
  readonly env?: Readonly<Record<string, string>>;
}

function isAbort(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

export function createLabShell(options: LabShellOptions): LabShell {
  const registry = new Registry();
  for (const family of [...COMMAND_FAMILIES, ...(options.commands ?? [])]) for (const spec of family) registry.register(spec);
  const env = new Map<string, string>([
    ['HOME', '/'],
    ['PWD', '/'],
    ['?', '0'],
    ...Object.entries(options.env ?? {}),
  ]);
  const state: ShellState = {
    cwd: '/',
    env,
    registry,
    resolve(path: string): string {
      if (path === '~' || path.startsWith('~/')) return workspacePath(path.slice(1));
      return workspacePath(path.startsWith('/') ? path : `${state.cwd}/${path}`);
    },
  };

  async function runOne(argv: string[], io: ShellIO, stdin: string): Promise<number> {
    const found = registry.lookup(argv);
    if (!found) {
      const name = argv[0]!;
      if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(name)) {
        io.stderr(`${name.split('=')[0]}: variable assignment is not supported in this lab shell\n`);
        return 2;
      }
      // bash's answer, and the lab's hint (a typo fix, or what to use instead): a lazily loaded chunk.
      return (await import('./commands/shell-help.ts')).commandNotFound(argv, registry, io);
    }
    const args = argv.slice(found.words);
    // `--help` (or docker's `-h`): the lazily loaded help chunk decides whether it asks for help.
    if (args.some((a) => a === '--help' || a === '-h')) {
      const text = (await import('./commands/shell-help.ts')).helpFor(found.spec, args);
      if (text !== undefined) {
        io.stdout(text);
        return 0;
      }
    }
    return found.spec.run({
      args,
      command: argv.slice(0, found.words),
      io,
      workspace: options.workspace,
      engine: options.engine,
      shell: state,
      stdin,
    });
  }

  interface Active {
    readonly session: ContainerSession;
    readonly tty: boolean;
    /** Commands after `docker run -it …` on the same line, run once the container's shell exits. */
    readonly rest: SimpleCommand[];
  }
  let active: Active | undefined;

  async function runCommands(cmds: SimpleCommand[], io: ShellIO, status: number, first: boolean): Promise<number> {
  for (let i = 0; i < cmds.length; i++) {
    const cmd = cmds[i]!;
      if (!first) {
        if (cmd.connector === '&&' && status !== 0) continue;
        if (cmd.connector === '||' && status === 0) continue;
      }
      first = false;
      if (isAbort(io.signal)) {
        status = 130;
        break;
      }
      // Re-expand `$?` for later commands in the same line: parse already expanded words, so commands
      // that use `$?` after another on the same line see the status from before the line (documented).
      let out = '';
      let err = '';
      // Redirections apply left to right: `> f 2>&1` sends both to f; `2>&1 > f` sends stderr to the terminal.
      type Sink = 'out' | 'err' | 'file-out' | 'file-err';
      let outSink: Sink = 'out';
      let errSink: Sink = 'err';
      let redirOut: (typeof cmd.redirects)[number] | undefined;
      let redirErr: (typeof cmd.redirects)[number] | undefined;
      for (const r of cmd.redirects) {
        if (r.target === '&1' || r.target === '&2') {
          const dest: Sink = r.target === '&1' ? outSink : errSink;
          if (r.fd === 1) outSink = dest;
          else errSink = dest;
        } else if (r.fd === 1) {
          redirOut = r;
          outSink = 'file-out';
        } else {
          redirErr = r;
          errSink = 'file-err';
        }
      }
      const sinkFn = (k: Sink): ((s: string) => void) =>
        k === 'out' ? io.stdout : k === 'err' ? io.stderr : k === 'file-out' ? (x) => void (out += x) : (x) => void (err += x);
      const cmdIo: ShellIO = {
        tty: io.tty && outSink === 'out',
        columns: io.columns,
        signal: io.signal,
        stdout: sinkFn(outSink),
        stderr: sinkFn(errSink),
      };
      try {
        status = await runOne(cmd.argv, cmdIo, '');
      } catch (e) {
        // Commands report their own errors; anything reaching here is a lab bug, shown without a stack trace.
        const message = e instanceof Error ? e.message : String(e);
        io.stderr(`${cmd.argv[0]}: ${message}\n`);
        status = 1;
      }
      for (const [r, text] of [
        [redirOut, out],
        [redirErr, err],
      ] as const) {
        if (!r || r.target === '/dev/null') continue;
        const target = state.resolve(r.target);
        try {
          const st = await options.workspace.stat(target);
          if (st?.type === 'dir') {
            io.stderr(`sh: ${r.target}: Is a directory\n`);
            status = 1;
            continue;
          }
          let data = text;
          if (r.append && st?.type === 'file') data = new TextDecoder().decode(await options.workspace.readFile(target)) + text;
          await options.workspace.writeFile(target, data);
        } catch {
          io.stderr(`sh: ${r.target}: No such file or directory\n`);
          status = 1;
        }
      }
      env.set('?', String(status));
      // `docker run -it IMAGE sh`: the rest of the line waits until the container's shell exits.
      const session = takeContainerSession(options.engine);
      if (session) {
        active = { session, tty: sessionHasTty(session), rest: cmds.slice(i + 1) };
        return status;
      }
    }
    env.set('?', String(status));
    return status;
  }

  async function runInContainer(a: Active, line: string, io: ShellIO): Promise<number> {
    // `cmd; exit [N]`: the shell runs cmd, then exits (the session itself only knows a whole-line exit).
    const tail = /;\s*(exit(?:\s+\d+)?)\s*$/.exec(line);
    if (tail && line.slice(0, tail.index).trim()) {
      await runInContainer(a, line.slice(0, tail.index), io);
      if (active !== a) return Number(env.get('?') ?? '0');
      return runInContainer(a, tail[1]!, io);
    }
    let r;
    try {
      r = await a.session.run(line, io.signal);
    } catch (e) {
      io.stderr(`sh: ${e instanceof Error ? e.message : String(e)}\n`);
      return 1;
    }
    for (const o of r.output) (o.stream === 'stdout' ? io.stdout : io.stderr)(o.text);
    if (a.session.closed) return closeContainer(a, io);
    return r.exitCode;
  }

  /** The container's shell exited: its status is `docker run`'s (or `docker exec`'s); the line goes on. */
  async function closeContainer(a: Active, io: ShellIO): Promise<number> {
    active = undefined;
    const status = a.session.exitCode;
    env.set('?', String(status));
    if (a.rest.length === 0) return status;
    return runCommands(a.rest, io, status, false);
  }

  /** Tab completion inside a container shell: its commands (first word) and its paths; never the workspace's. */
  function completeInContainer(a: Active, before: string, cursor: number): CompletionResult {
    const { words, starts } = splitForCompletion(before);
    const endsWithSpace = before.length === 0 || /[\s;&|>]$/.test(before);
    const partial = endsWithSpace ? '' : (words.at(-1) ?? '');
    const start = endsWithSpace ? cursor : (starts.at(-1) ?? cursor);
    // A shell reading plain standard input (-i without -t) has no line editing, so nothing completes.
    if (!a.tty) return { start, candidates: [] };
    const root = a.session.container.root;
    const commandWord = (endsWithSpace ? words.length : words.length - 1) === 0;
    const candidates = new Set<string>();
    const list = (dir: string): [string, 'dir' | 'file' | 'other', boolean][] => {
      let node;
      try {
        node = statNode(root, dir);
      } catch {
        return [];
      }
      if (node?.type !== 'dir') return [];
      const out: [string, 'dir' | 'file' | 'other', boolean][] = [];
      for (const name of (node as DirNode).entries.keys()) {
        let target;
        try {
          target = statNode(root, normalizePath(name, dir));
        } catch {
          target = getNode(root, normalizePath(name, dir));
        }
        const kind = target?.type === 'dir' ? 'dir' : target?.type === 'file' ? 'file' : 'other';
        out.push([name, kind, target?.type === 'file' && (target.mode & 0o111) !== 0]);
      }
      return out;
    };
    if (commandWord && !partial.includes('/')) {
      const path = a.session.container.env.find((e) => e.startsWith('PATH='))?.slice(5) ?? '';
      for (const dir of path.split(':').filter(Boolean)) {
        for (const [name, kind, exec] of list(dir)) if (kind === 'file' && exec && name.startsWith(partial)) candidates.add(name);
      }
      return { start, candidates: [...candidates].sort() };
    }
    const slash = partial.lastIndexOf('/');
    const dirPart = slash >= 0 ? partial.slice(0, slash + 1) : '';
    const namePart = slash >= 0 ? partial.slice(slash + 1) : partial;
    const dir = normalizePath(dirPart || '.', a.session.cwd);
    for (const [name, kind] of list(dir)) {
      if (!name.startsWith(namePart)) continue;
      if (name.startsWith('.') && !namePart.startsWith('.')) continue;
      candidates.add(dirPart + name + (kind === 'dir' ? '/' : ''));
    }
    return { start, candidates: [...candidates].sort() };
  }

  const shell: LabShell = {
    get cwd() {
      return state.cwd;
    },
    registry,
    workspace: options.workspace,
    engine: options.engine,
    async run(line: string, io: ShellIO): Promise<number> {
      if (active) return runInContainer(active, line, io);
      let cmds;
      try {
        cmds = parseCommandLine(line, (name) => env.get(name));
      } catch (e) {
        if (e instanceof ShellSyntaxError) {
          io.stderr(`sh: ${e.message}\n`);
          env.set('?', '2');
          return 2;
        }
        throw e;
      }
      return runCommands(cmds, io, Number(env.get('?') ?? '0'), true);
    },
    async endInput(io: ShellIO): Promise<number> {
      if (!active) return Number(env.get('?') ?? '0');
      const a = active;
      await a.session.run('exit', io.signal);
      return closeContainer(a, io);
    },
    prompt(opts: PromptOptions = {}): string {
      if (active) return active.tty ? active.session.prompt() : '';
      return opts.color ? `\x1b[1;32mlab\x1b[0m:\x1b[1;34m${state.cwd}\x1b[0m$ ` : `lab:${state.cwd}$ `;
    },
    get container(): ActiveContainer | undefined {
      if (!active) return undefined;
      const c = active.session.container;
      return { id: c.id, name: c.name, tty: active.tty, main: active.session.isMain };
    },
    async complete(line: string, cursor: number): Promise<CompletionResult> {
      const before = line.slice(0, cursor);
      if (active) return completeInContainer(active, before, cursor);
      const { words, starts } = splitForCompletion(before);
      const endsWithSpace = before.length === 0 || /[\s;&|>]$/.test(before);
      const partial = endsWithSpace ? '' : (words.at(-1) ?? '');
      const start = endsWithSpace ? cursor : (starts.at(-1) ?? cursor);
      const prior = endsWithSpace ? words : words.slice(0, -1);
      const candidates = new Set<string>();
      // Command words: registered names whose leading words match what was typed.
      for (const name of registry.names()) {
        const parts = name.split(' ');
        if (parts.length <= prior.length) continue;
        if (prior.every((w, i) => parts[i] === w) && parts[prior.length]!.startsWith(partial)) candidates.add(parts[prior.length]!);
      }
      const found = prior.length > 0 ? registry.lookup(prior) : undefined;
      if (found) {
        if (partial.startsWith('-')) for (const f of found.spec.flags ?? []) if (f.startsWith(partial)) candidates.add(f);
        if (found.spec.complete) {
          for (const c of await found.spec.complete({ words: prior, partial, workspace: options.workspace, engine: options.engine, shell: state })) {
            if (c.startsWith(partial)) candidates.add(c);
          }
        }
      }
      // File paths, for any argument position.
      if (prior.length > 0 && !partial.startsWith('-')) {
        const slash = partial.lastIndexOf('/');
        const dirPart = slash >= 0 ? partial.slice(0, slash + 1) : '';
        const namePart = slash >= 0 ? partial.slice(slash + 1) : partial;
        try {
          const dir = state.resolve(dirPart || '.');
          for (const name of await options.workspace.readdir(dir)) {
            if (!name.startsWith(namePart)) continue;
            if (name.startsWith('.') && !namePart.startsWith('.')) continue;
            const st = await options.workspace.stat(`${dir}/${name}`);
            candidates.add(dirPart + name + (st?.type === 'dir' ? '/' : ''));
          }
        } catch {
          // not a directory: no path candidates
        }
      }
      return { start, candidates: [...candidates].sort() };
    },
  };
  return shell;
}
