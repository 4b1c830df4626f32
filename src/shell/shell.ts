// The lab shell: parses a command line, finds each command in the registry and runs it over the workspace
// and the engine. The same object backs the browser terminal and the headless CLI.
import type { Workspace } from '../workspace/types.ts';
import type { LabEngine } from '../engine/index.ts';
import type { CommandRegistry, CommandSpec, CompletionResult, LabShell, ShellIO, ShellState } from './types.ts';
import { parseCommandLine, ShellSyntaxError, splitForCompletion } from './parse.ts';
import { COMMAND_FAMILIES } from './commands/index.ts';
import { workspacePath } from '../workspace/memory.ts';

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
      io.stderr(`${name}: command not found\n`);
      return 127;
    }
    return found.spec.run({
      args: argv.slice(found.words),
      command: argv.slice(0, found.words),
      io,
      workspace: options.workspace,
      engine: options.engine,
      shell: state,
      stdin,
    });
  }

  const shell: LabShell = {
    get cwd() {
      return state.cwd;
    },
    registry,
    workspace: options.workspace,
    engine: options.engine,
    async run(line: string, io: ShellIO): Promise<number> {
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
      let status = Number(env.get('?') ?? '0');
      let first = true;
      for (const cmd of cmds) {
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
      }
      env.set('?', String(status));
      return status;
    },
    async complete(line: string, cursor: number): Promise<CompletionResult> {
      const before = line.slice(0, cursor);
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
