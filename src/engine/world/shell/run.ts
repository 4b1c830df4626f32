// runShell: runs an argv (usually ['/bin/sh', '-c', script]) over an image's filesystem, the way a
// RUN step or `docker run` would, and returns the new filesystem, the output and the exit code.
import { basename, contentText } from '../../fs/index.ts';
import type { RunLimits, RunRequest, RunResult } from '../types.ts';
import { BUILTINS } from './builtins.ts';
import { ShellSyntaxError } from './ast.ts';
import { AbortedError, ExitSignal, installPrograms, LimitError, Shell, type Dialect, type IO, type Program, type ProgramContext } from './interp.ts';
import { aptGetProgram, aptProgram } from './pm-apt.ts';
import { apk } from './pm-apk.ts';
import { npm, pip } from './pm-lang.ts';
import { COREUTILS } from './programs.ts';
import { withHelpAndVersion } from './flags.ts';
import { NeedExtras, extrasLoaded, provideExtras, type Extras } from './lazy.ts';
import { TOOL_PROGRAMS } from './tools.ts';
import { USER_PROGRAMS } from './users.ts';
import { World, type User } from './world.ts';

import { DEFAULT_LIMITS, EXTRA_PROGRAMS } from './registry.ts';
export { DEFAULT_LIMITS, registerProgram } from './registry.ts';

function dialectOf(name: string, real: string): Dialect {
  if (basename(name) === 'bash' || basename(real) === 'bash') return 'bash';
  if (basename(real) === 'dash' || basename(name) === 'dash') return 'dash';
  return 'ash';
}

/** sh, ash, dash and bash as programs: `-c script [name [args…]]`, `script.sh [args…]`, or stdin. */
const shellProgram: Program = (ctx: ProgramContext, args: string[]): number | Promise<number> => {
  const dialect = dialectOf(ctx.argv0, ctx.path);
  let i = 0;
  const opts = { e: false, x: false, pipefail: false };
  let command: string | undefined;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-c') {
      command = args[++i] ?? '';
      i++;
      break;
    }
    if ((a === '-o' || a === '+o') && args[i + 1]) {
      const name = args[++i];
      if (name === 'pipefail') {
        if (dialect === 'dash') {
          ctx.err(`${ctx.argv0}: 0: Illegal option -o pipefail\n`);
          return 2;
        }
        opts.pipefail = a === '-o';
      } else if (name === 'errexit') opts.e = a === '-o';
      else if (name === 'xtrace') opts.x = a === '-o';
      continue;
    }
    if (/^-[exu]+$/.test(a)) {
      if (a.includes('e')) opts.e = true;
      if (a.includes('x')) opts.x = true;
      if (a.includes('c')) continue;
      continue;
    }
    if (/^-[a-z]*c[a-z]*$/.test(a)) {
      if (a.includes('e')) opts.e = true;
      if (a.includes('x')) opts.x = true;
      command = args[++i] ?? '';
      i++;
      break;
    }
    if (a === '--login' || a === '-l' || a === '-i') continue;
    break;
  }
  let script: string;
  let argv0 = ctx.argv0;
  let positional: string[];
  if (command !== undefined) {
    script = command;
    if (args[i] !== undefined) argv0 = args[i]!;
    positional = args.slice(i + 1);
  } else if (args[i] !== undefined) {
    const file = args[i]!;
    try {
      script = ctx.world.readText(ctx.abs(file));
    } catch {
      ctx.err(dialect === 'bash' ? `${ctx.argv0}: ${file}: No such file or directory\n` : dialect === 'dash' ? `${ctx.argv0}: 0: cannot open ${file}: No such file\n` : `${ctx.argv0}: can't open '${file}': No such file or directory\n`);
      return dialect === 'bash' ? 127 : 2;
    }
    argv0 = file;
    positional = args.slice(i + 1);
    if (script.startsWith('#!')) script = script.slice(script.indexOf('\n') + 1);
  } else {
    script = ctx.io.stdin;
    positional = [];
  }
  const sh = new Shell(ctx.world, dialect, ctx.env, ctx.sh.cwd, argv0, positional);
  sh.named = argv0 !== ctx.argv0 || command === undefined && args[i] !== undefined;
  sh.opts.e = opts.e;
  sh.opts.x = opts.x;
  sh.opts.pipefail = opts.pipefail;
  return sh.runScript(script, ctx.io);
};

/** GNU coreutils, grep, sed, findutils and tar (or the busybox applets of the same names). */
const STANDARD: Record<string, Program> = Object.fromEntries(
  Object.entries({ ...COREUTILS, tar: TOOL_PROGRAMS['tar']! }).map(([n, p]) => [n, n === 'which' || n === 'hostname' ? p : withHelpAndVersion(p)]),
);

const PROGRAMS: Record<string, Program> = {
  ...USER_PROGRAMS,
  ...TOOL_PROGRAMS,
  ...STANDARD,
  sh: shellProgram,
  ash: shellProgram,
  dash: shellProgram,
  bash: shellProgram,
  apk,
  'apt-get': aptGetProgram,
  apt: aptProgram,
  npm,
  pip,
  pip3: pip,
  'pip3.12': pip,
  'pip3.11': pip,
};

installPrograms({ builtins: BUILTINS, programs: PROGRAMS });


function resolveUser(world: World, spec: string): User | string {
  const [u = 'root', g] = spec ? spec.split(':') : ['root'];
  let passwd: string[][] = [];
  let groups: string[][] = [];
  try {
    passwd = world.readText('/etc/passwd').split('\n').filter(Boolean).map((l) => l.split(':'));
  } catch { /* no passwd */ }
  try {
    groups = world.readText('/etc/group').split('\n').filter(Boolean).map((l) => l.split(':'));
  } catch { /* no group */ }
  const entry = /^\d+$/.test(u) ? passwd.find((f) => f[2] === u) : passwd.find((f) => f[0] === u);
  if (!entry && u === 'root') return { name: 'root', uid: 0, gid: 0, home: '/root' };
  if (!entry && !/^\d+$/.test(u)) return `unable to find user ${u}: no matching entries in passwd file`;
  const uid = Number(entry?.[2] ?? u);
  let gid = Number(entry?.[3] ?? 0);
  if (g !== undefined) {
    const ge = /^\d+$/.test(g) ? undefined : groups.find((f) => f[0] === g);
    if (!/^\d+$/.test(g) && !ge) return `unable to find group ${g}: no matching entries in group file`;
    gid = Number(ge?.[2] ?? g);
  }
  return { name: entry?.[0] ?? u, uid, gid, home: entry?.[5] ?? '/' };
}

const INTERNAL_TEXT = {
  nesting: 'In this lab, this RUN nested calls deeper than the simulator can follow; it was stopped there (a function that calls itself without end never finishes).',
  memory: 'In this lab, this RUN built a value larger than the simulator can hold in memory; it was stopped there.',
  internal: 'In this lab, this RUN failed inside the simulator itself, not in your Dockerfile. Try a simpler command.',
} as const;

/** Sorts an unexpected error: the JavaScript engine's stack or string limits, or a bug in the lab. */
function internalErrorKind(e: unknown): keyof typeof INTERNAL_TEXT {
  if (e instanceof RangeError) {
    if (/call stack/i.test(e.message)) return 'nesting';
    if (/string length|array length|allocation|buffer/i.test(e.message)) return 'memory';
  }
  return 'internal';
}

/** Loads the extras chunk once (lazy.ts holds it). */
async function loadExtras(): Promise<void> {
  if (extrasLoaded()) return;
  const loaded: Extras = await import('./extras.ts');
  provideExtras(loaded);
}

export async function runShell(request: RunRequest): Promise<RunResult> {
  try {
    return await runShellOnce(request);
  } catch (e) {
    if (!(e instanceof NeedExtras)) throw e;
  }
  // A program in the extras chunk was needed: load it and run the step again from its start.
  await loadExtras();
  return runShellOnce(request);
}

async function runShellOnce(request: RunRequest): Promise<RunResult> {
  Object.assign(PROGRAMS, EXTRA_PROGRAMS);
  const limits: RunLimits = { ...DEFAULT_LIMITS, ...request.limits };
  const world = new World(request.root, limits, { name: 'root', uid: 0, gid: 0, home: '/root' }, request.network ?? 'default', request.signal);
  const user = resolveUser(world, request.user);
  const fail = (text: string, code: number): RunResult => ({ root: request.root, exitCode: code, output: [{ stream: 'stderr', text }], durationMs: 1, startError: text.trimEnd() });
  if (typeof user === 'string') return fail(`${user}\n`, 126);
  (world as { user: User }).user = user;
  const env = { ...request.env };
  if (!env['HOME']) env['HOME'] = user.home;
  if (!env['PATH']) env['PATH'] = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
  if (!env['HOSTNAME']) env['HOSTNAME'] = 'buildkitsandbox';
  const argv = request.argv;
  if (!argv.length) return fail('no command specified\n', 126);
  // Like runc, start in the working directory, creating it when the image lacks it.
  const cwd = request.cwd || '/';
  if (world.stat(cwd)?.type !== 'dir') {
    try {
      const saved = world.user;
      (world as { user: User }).user = { name: 'root', uid: 0, gid: 0, home: '/root' };
      world.mkdir(cwd, { parents: true });
      (world as { user: User }).user = saved;
    } catch {
      return fail(`chdir to cwd ("${cwd}") set in config.json failed: not a directory\n`, 126);
    }
  }
  // The kernel starts argv[0] from the image: it must exist there.
  const probe = new Shell(world, 'ash', env, request.cwd || '/', argv[0]!);
  const name = argv[0]!;
  const found = probe.which(name, env['PATH']);
  if (!found) {
    if (name.includes('/')) return fail(`exec: "${name}": stat ${name}: no such file or directory\n`, 127);
    return fail(`exec: "${name}": executable file not found in $PATH\n`, 127);
  }
  const node = world.stat(found);
  if (node?.type !== 'file' || (node.mode & 0o111) === 0) return fail(`exec: "${name}": permission denied\n`, 126);
  const real = world.real(found);
  const dialect = dialectOf(name, real);
  const sh = new Shell(world, dialect, env, request.cwd || '/', name);
  const io: IO = {
    stdin: '',
    stdout: { write: (t) => world.emit('stdout', t) },
    stderr: { write: (t) => world.emit('stderr', t) },
  };
  let exitCode: number;
  let limitExceeded: string | undefined;
  try {
    exitCode = await sh.runProgram(argv, env, io);
  } catch (e) {
    if (e instanceof NeedExtras) throw e;
    if (e instanceof ExitSignal) exitCode = e.code;
    else if (e instanceof LimitError) {
      limitExceeded = e.limit;
      exitCode = 137;
      world.output.push({ stream: 'stderr', text: `${e.message}\n` });
    } else if (e instanceof AbortedError) {
      limitExceeded = 'aborted';
      exitCode = 130;
      world.output.push({ stream: 'stderr', text: 'In this lab, the step was cancelled.\n' });
    } else if (e instanceof ShellSyntaxError) {
      exitCode = 2;
      world.output.push({ stream: 'stderr', text: sh.shellErrorText(e) });
    } else {
      // Never pretend, and never show JavaScript's own words: an error inside the simulator fails
      // the step and says so plainly. The JavaScript engine's own limits get a lab limit message.
      const kind = internalErrorKind(e);
      exitCode = kind === 'internal' ? 2 : 137;
      if (kind !== 'internal') limitExceeded = kind;
      world.output.push({ stream: 'stderr', text: `${INTERNAL_TEXT[kind]}\n` });
    }
  }
  void contentText;
  const result: RunResult = { root: world.root, exitCode, output: world.output, durationMs: Math.round(5 + world.durationMs) };
  if (limitExceeded) result.limitExceeded = limitExceeded;
  return result;
}
