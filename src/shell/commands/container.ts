// docker container commands: run, create, ps, logs, stop, start, rm, exec, diff, commit, container prune.
// Containers live in the engine's ContainerEngine (src/engine/container): each has its own
// copy-on-write root over the image's read-only tree.
//
// Interactive shells: `docker run -i[t] IMAGE sh` and `docker exec -i[t] C sh` leave a ContainerSession
// that the lab shell (src/shell/shell.ts) picks up with `takeContainerSession(engine)` right after the
// command returns: the following lines go to the container's shell until `exit` or end of input.
// With `-t` the session is a terminal (it has a prompt, `/ # `); with `-i` alone the lines are the shell's
// standard input (no prompt), as with `docker run -i`. `-it` from input that is not a terminal fails with
// docker's "the input device is not a TTY" (docker/cli's CheckTty: only when both -i and -t are given).
import type { CommandContext, CommandSpec } from '../types.ts';
import type { LabEngine } from '../../engine/engine.ts';
import { labContainers, lookPath, ContainerError, type Container, type ContainerSession } from '../../engine/container/index.ts';
import { humanDuration, humanSize } from '../../engine/units.ts';
import { normalizeTaggedRef, parseRef, familiarRef } from '../../engine/store/refs.ts';
import { pullAndPrint } from './registry.ts';
import { pruneStoppedContainers } from './prune.ts';
import { contentText, statNode, treeSize } from '../../engine/fs/index.ts';
import { ellipsis, statusColumn, table } from './table.ts';
import { flagUsageError, requiresArgs } from './usage.ts';

const pending = new WeakMap<object, ContainerSession>();
const ttySessions = new WeakSet<ContainerSession>();

/** True when the session has a terminal (`-t`): it shows a prompt. Without `-t` its lines are plain stdin. */
export function sessionHasTty(session: ContainerSession): boolean {
  return ttySessions.has(session);
}

function leaveSession(engine: LabEngine, session: ContainerSession, tty: boolean): void {
  if (tty) ttySessions.add(session);
  pending.set(engine, session);
}

/** docker/cli's CheckTty: attaching a container TTY (`-i` and `-t`, not detached) needs terminal input. */
function inputIsNotTty(ctx: CommandContext, o: RunOptions): boolean {
  return o.tty && o.interactive && !o.detach && !(ctx.io.stdinTty ?? ctx.io.tty);
}

/** The interactive session the last command opened, if any (taken once). */
export function takeContainerSession(engine: LabEngine): ContainerSession | undefined {
  const s = pending.get(engine);
  pending.delete(engine);
  return s;
}

interface RunOptions {
  rm: boolean;
  name?: string;
  env: string[];
  ports: string[];
  detach: boolean;
  interactive: boolean;
  tty: boolean;
  entrypoint?: string;
  workdir?: string;
  user?: string;
  pull?: string;
  positionals: string[];
}

class UsageError extends Error {}

const VALUE_FLAGS: Record<string, keyof RunOptions | 'ignore' | 'volume'> = {
  '--name': 'name', '-e': 'env', '--env': 'env', '-p': 'ports', '--publish': 'ports', '--entrypoint': 'entrypoint',
  '-w': 'workdir', '--workdir': 'workdir', '-u': 'user', '--user': 'user', '--pull': 'pull', '--platform': 'ignore',
  '--network': 'ignore', '--hostname': 'ignore', '-h': 'ignore', '--restart': 'ignore', '-v': 'volume', '--volume': 'volume', '--mount': 'volume',
};
const BOOL_FLAGS: Record<string, 'rm' | 'detach' | 'interactive' | 'tty' | 'ignore'> = {
  '--rm': 'rm', '-d': 'detach', '--detach': 'detach', '-i': 'interactive', '--interactive': 'interactive', '-t': 'tty', '--tty': 'tty', '--init': 'ignore',
};

/** docker run/create/exec flags: options end at the first positional (the image or container). */
function parseRunArgs(args: readonly string[], allowed?: ReadonlySet<string>): RunOptions {
  const o: RunOptions = { rm: false, env: [], ports: [], detach: false, interactive: false, tty: false, positionals: [] };
  const check = (name: string): void => {
    if (allowed && !allowed.has(name)) throw new UsageError(name.startsWith('--') ? `unknown flag: ${name}` : `unknown shorthand flag: '${name.slice(1)}' in ${name}`);
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      o.positionals.push(...args.slice(i + 1));
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      o.positionals.push(...args.slice(i));
      break;
    }
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const name = eq >= 0 ? a.slice(0, eq) : a;
    const setValue = (flag: string, v: string | undefined): void => {
      if (v === undefined) throw new UsageError(`flag needs an argument: ${flag}`);
      const key = VALUE_FLAGS[flag]!;
      if (key === 'volume') throw new UsageError('In this lab, containers have no volumes or bind mounts.');
      if (key === 'ignore') return;
      if (key === 'env' || key === 'ports') o[key].push(v);
      else (o as unknown as Record<string, string>)[key] = v;
    };
    if (name in VALUE_FLAGS) {
      check(name);
      setValue(name, eq >= 0 ? a.slice(eq + 1) : args[++i]);
    } else if (name in BOOL_FLAGS) {
      check(name);
      const key = BOOL_FLAGS[name]!;
      if (key !== 'ignore') o[key] = true;
    } else if (!a.startsWith('--')) {
      // Combined short flags: -it, -dit, -e=X, -p8080:80.
      for (let j = 1; j < a.length; j++) {
        const flag = `-${a[j]}`;
        if (flag in BOOL_FLAGS) {
          check(flag);
          const key = BOOL_FLAGS[flag]!;
          if (key !== 'ignore') o[key] = true;
        } else if (flag in VALUE_FLAGS) {
          check(flag);
          const rest = a.slice(j + 1).replace(/^=/, '');
          setValue(flag, rest || args[++i]);
          break;
        } else throw new UsageError(`unknown shorthand flag: '${a[j]}' in ${a}`);
      }
    } else throw new UsageError(`unknown flag: ${name}`);
  }
  return o;
}

/** parseRunArgs over the command's arguments; a bad flag is reported and its status (125) returned. */
function runOptions(ctx: CommandContext, cmd: string, allowed?: ReadonlySet<string>): RunOptions | number {
  try {
    return parseRunArgs(ctx.args, allowed);
  } catch (e) {
    if (e instanceof UsageError) return flagUsageError(ctx, cmd, e.message);
    throw e;
  }
}

function runError(ctx: CommandContext, cmd: string, message: string, status: number): number {
  ctx.io.stderr(`docker: ${message}\n\nRun 'docker ${cmd} --help' for more information\n`);
  return status;
}

async function createFrom(ctx: CommandContext, cmd: 'run' | 'create', o: RunOptions): Promise<Container | number> {
  const imageRef = o.positionals[0];
  if (!imageRef) {
    ctx.io.stderr(`docker: '${cmd}' requires at least 1 argument\n\nUsage:  docker ${cmd} [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nSee 'docker ${cmd} --help' for more information\n`);
    return 125;
  }
  try {
    parseRef(imageRef);
  } catch (e) {
    return runError(ctx, cmd, e instanceof Error ? e.message : String(e), 125);
  }
  let image = o.pull === 'always' ? undefined : ctx.engine.images.resolve(imageRef);
  if (!image) {
    if (o.pull === 'never') return runError(ctx, cmd, `Error response from daemon: No such image: ${normalizedShown(imageRef)}`, 125);
    if (o.pull !== 'always') ctx.io.stderr(`Unable to find image '${normalizedShown(imageRef)}' locally\n`);
    const pulled = await pullAndPrint(ctx, imageRef, { toStderr: true });
    if (!pulled.ok) return runError(ctx, cmd, pulled.error, 125);
    image = pulled.image;
  }
  try {
    return await labContainers(ctx.engine).create({
      image,
      imageRef,
      ...(o.name !== undefined ? { name: o.name } : {}),
      cmd: o.positionals.slice(1),
      ...(o.entrypoint !== undefined ? { entrypoint: o.entrypoint } : {}),
      env: o.env,
      ports: o.ports,
      autoRemove: o.rm,
      tty: o.tty,
      interactive: o.interactive,
      ...(o.workdir ? { workdir: o.workdir } : {}),
      ...(o.user ? { user: o.user } : {}),
    });
  } catch (e) {
    if (e instanceof ContainerError) return runError(ctx, cmd, e.message, e.status);
    throw e;
  }
}

function normalizedShown(ref: string): string {
  try {
    const p = parseRef(ref);
    if (p.digest) return ref;
    return familiarRef(normalizeTaggedRef(ref));
  } catch {
    return ref;
  }
}

function isShell(argv: readonly string[]): boolean {
  return argv.length === 1 && /(^|\/)(sh|ash|bash|dash)$/.test(argv[0]!);
}

/**
 * True when the container's main process becomes an interactive shell that the image has. The official
 * node and nginx images start through a docker-entrypoint.sh that ends with `exec "$@"`; node's runs the
 * argument itself when it is a command in PATH (`command -v`), nginx's always does. So `docker run -it
 * node:22-alpine sh` is a shell, and `docker run -it alpine bash` is not: alpine has no bash, and the
 * container fails to start as Docker's does (runc's "executable file not found in $PATH").
 */
function envOf(c: Container): Record<string, string> {
  return Object.fromEntries(c.env.map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]));
}

function startsShell(c: Container): boolean {
  let argv = c.argv;
  const env = envOf(c);
  if (argv.length === 2 && /(^|\/)docker-entrypoint\.sh$/.test(argv[0]!)) {
    const script = lookPath(c.root, argv[0]!, c.workingDir, env);
    const node = script ? statNode(c.root, script) : undefined;
    if (node?.type !== 'file' || !/exec\s+"\$@"/.test(contentText(node.content))) return false;
    argv = argv.slice(1);
  }
  return isShell(argv) && lookPath(c.root, argv[0]!, c.workingDir, env) !== undefined;
}

function printOutput(ctx: CommandContext, output: readonly { stream: 'stdout' | 'stderr'; text: string }[]): void {
  for (const o of output) (o.stream === 'stdout' ? ctx.io.stdout : ctx.io.stderr)(o.text);
}

async function dockerRun(ctx: CommandContext): Promise<number> {
  const o = runOptions(ctx, 'run');
  if (typeof o === 'number') return o;
  if (inputIsNotTty(ctx, o)) {
    ctx.io.stderr('the input device is not a TTY\n');
    return 1;
  }
  const created = await createFrom(ctx, 'run', o);
  if (typeof created === 'number') return created;
  const containers = labContainers(ctx.engine);
  if (o.interactive && !o.detach && startsShell(created)) {
    // The shell is the main process: the container runs while the learner types in it (or while the
    // following lines of input feed it, with -i alone). Its exit status becomes docker run's.
    created.state = 'running';
    created.startedAt = ctx.engine.now();
    ctx.engine.emit({ type: 'container-started', id: created.id });
    leaveSession(ctx.engine, containers.session(created.id, created.argv), o.tty);
    return 0;
  }
  if (o.detach && o.interactive && o.tty && startsShell(created)) {
    created.state = 'running';
    created.startedAt = ctx.engine.now();
    ctx.io.stdout(`${created.id}\n`);
    return 0;
  }
  try {
    if (o.detach) {
      ctx.io.stdout(`${created.id}\n`);
      await containers.start(created.id, ctx.io.signal ? { signal: ctx.io.signal } : {});
      return 0;
    }
    const r = await containers.start(created.id, ctx.io.signal ? { signal: ctx.io.signal } : {});
    printOutput(ctx, r.output);
    if (r.running) {
      ctx.io.stderr(`In this lab, the server keeps running in the background after its start-up lines: "docker logs ${created.name}" shows them again, "docker stop ${created.name}" ends it.\n`);
      return 0;
    }
    return r.exitCode;
  } catch (e) {
    if (e instanceof ContainerError) return runError(ctx, 'run', e.message, e.status);
    throw e;
  }
}

async function dockerCreate(ctx: CommandContext): Promise<number> {
  const o = runOptions(ctx, 'create');
  if (typeof o === 'number') return o;
  const created = await createFrom(ctx, 'create', o);
  if (typeof created === 'number') return created;
  ctx.io.stdout(`${created.id}\n`);
  return 0;
}

/** Go's strconv.Quote for the plain ASCII the lab's commands use. */
function goQuote(s: string): string {
  return JSON.stringify(s);
}

/** `docker ps` PORTS: published ports while running, else exposed ones. */
export function portsColumn(c: Container): string {
  if (c.state !== 'running') return '';
  const published = new Map<string, string[]>();
  let ephemeral = 32768;
  for (const p of c.ports) {
    const [spec, proto = 'tcp'] = p.split('/');
    const parts = spec!.split(':');
    const containerPort = parts.pop()!;
    const hostPort = parts.pop() || String(ephemeral++);
    const hostIp = parts.pop();
    const key = `${containerPort}/${proto}`;
    const list = published.get(key) ?? [];
    if (hostIp) list.push(`${hostIp}:${hostPort}->${key}`);
    else list.push(`0.0.0.0:${hostPort}->${key}`, `[::]:${hostPort}->${key}`);
    published.set(key, list);
  }
  const out: string[] = [];
  for (const list of published.values()) out.push(...list);
  for (const e of c.exposed) if (!published.has(e)) out.push(e);
  return out.join(', ');
}

async function dockerPs(ctx: CommandContext): Promise<number> {
  let all = false;
  let quiet = false;
  let noTrunc = false;
  let latest = false;
  let size = false;
  for (const a of ctx.args) {
    if (a === '-a' || a === '--all') all = true;
    else if (a === '-q' || a === '--quiet') quiet = true;
    else if (a === '--no-trunc') noTrunc = true;
    else if (a === '-l' || a === '--latest') latest = true;
    else if (a === '-s' || a === '--size') size = true;
    else if (/^-[aqls]+$/.test(a)) {
      all ||= a.includes('a');
      quiet ||= a.includes('q');
      latest ||= a.includes('l');
      size ||= a.includes('s');
    } else return flagUsageError(ctx, 'ps', `unknown flag: ${a}`);
  }
  const containers = labContainers(ctx.engine);
  let list = containers.list(all || latest);
  if (latest) list = list.slice(0, 1);
  if (quiet) {
    ctx.io.stdout(list.map((c) => (noTrunc ? c.id : c.id.slice(0, 12)) + '\n').join(''));
    return 0;
  }
  const now = ctx.engine.now();
  const head = ['CONTAINER ID', 'IMAGE', 'COMMAND', 'CREATED', 'STATUS', 'PORTS', 'NAMES'];
  if (size) head.push('SIZE');
  const rows = [head];
  for (const c of list) {
    const command = c.argv.join(' ');
    const row = [
      noTrunc ? c.id : c.id.slice(0, 12),
      c.imageRef,
      goQuote(noTrunc ? command : ellipsis(command, 20)),
      `${humanDuration(now - c.created)} ago`,
      statusColumn(c, now),
      portsColumn(c),
      c.name,
    ];
    if (size) {
      const rw = containers.writableSize(c);
      row.push(`${humanSizeShort(rw)} (virtual ${humanSizeShort(rw + treeSize(c.imageRoot))})`);
    }
    rows.push(row);
  }
  ctx.io.stdout(table(rows));
  return 0;
}

function humanSizeShort(n: number): string {
  // `docker ps -s` uses HumanSizeWithPrecision(x, 3).
  let s = n;
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let i = 0;
  while (s >= 1000 && i < units.length - 1) {
    s /= 1000;
    i++;
  }
  const t = s.toPrecision(3);
  return `${t.includes('e') ? t : String(Number(t))}${units[i]}`;
}

/** A ContainerError's message as docker prints it, and status 1; any other error goes on up. */
function containerFailed(ctx: CommandContext, e: unknown): number {
  if (!(e instanceof ContainerError)) throw e;
  ctx.io.stderr(`${e.message}\n`);
  return 1;
}

function eachContainer(ctx: CommandContext, cmd: string, usage: string, what: string, fn: (ref: string) => Promise<void> | void): Promise<number> {
  const refs = ctx.args.filter((a) => !a.startsWith('-'));
  if (refs.length === 0) return Promise.resolve(requiresArgs(ctx, cmd, usage, what));
  return (async () => {
    let status = 0;
    for (const ref of refs) {
      try {
        await fn(ref);
      } catch (e) {
        status = containerFailed(ctx, e);
      }
    }
    return status;
  })();
}

async function dockerLogs(ctx: CommandContext): Promise<number> {
  const tailIdx = ctx.args.findIndex((a) => a === '--tail' || a === '-n');
  const tail = tailIdx >= 0 ? ctx.args[tailIdx + 1] : undefined;
  const args = ctx.args.filter((_, i) => i !== tailIdx && i !== tailIdx + 1 || tailIdx < 0);
  const timestamps = args.includes('-t') || args.includes('--timestamps');
  const refs = args.filter((a) => !a.startsWith('-'));
  if (refs.length !== 1) return requiresArgs(ctx, 'logs', 'docker logs [OPTIONS] CONTAINER', 'Fetch the logs of a container', 1, true);
  try {
    const c = labContainers(ctx.engine).mustGet(refs[0]!);
    // Each log record is one line of output.
    let lines = c.logs.flatMap((l) => l.text.split(/(?<=\n)/).filter(Boolean).map((text) => ({ ...l, text })));
    if (tail !== undefined && tail !== 'all') lines = lines.slice(Math.max(0, lines.length - Number(tail)));
    for (const l of lines) {
      const prefix = timestamps ? `${new Date(l.at).toISOString().replace('Z', '000000Z').replace(/\.(\d{3})000000Z$/, '.$1000000Z')} ` : '';
      (l.stream === 'stdout' ? ctx.io.stdout : ctx.io.stderr)(prefix + l.text);
    }
    return 0;
  } catch (e) {
    return containerFailed(ctx, e);
  }
}

async function dockerStop(ctx: CommandContext): Promise<number> {
  const args = ctx.args.filter((a, i) => !(a === '-t' || a === '--time' || a === '-s' || a === '--signal') && !['-t', '--time', '-s', '--signal'].includes(ctx.args[i - 1] ?? ''));
  return eachContainer({ ...ctx, args }, 'stop', 'docker stop [OPTIONS] CONTAINER [CONTAINER...]', 'Stop one or more running containers', (ref) => {
    labContainers(ctx.engine).stop(ref);
    ctx.io.stdout(`${ref}\n`);
  });
}

async function dockerStart(ctx: CommandContext): Promise<number> {
  const short = ctx.args.filter((a) => /^-[ai]+$/.test(a)).join('');
  const attach = short.includes('a') || ctx.args.includes('--attach');
  const openStdin = short.includes('i') || ctx.args.includes('--interactive');
  if ((attach || openStdin) && ctx.args.filter((a) => !a.startsWith('-')).length > 1) {
    ctx.io.stderr('you cannot start and attach multiple containers at once\n');
    return 1;
  }
  return eachContainer(ctx, 'start', 'docker start [OPTIONS] CONTAINER [CONTAINER...]', 'Start one or more stopped containers', async (ref) => {
    const containers = labContainers(ctx.engine);
    const c = containers.mustGet(ref);
    if (c.interactive && startsShell(c)) {
      if (openStdin && c.state !== 'running') {
        // `docker start -ai box`: the container's shell starts again (in its working directory) and reads
        // the following lines, as after `docker run -it`; its exit status becomes docker start's.
        c.state = 'running';
        c.startedAt = ctx.engine.now();
        c.finishedAt = undefined;
        c.exitCode = undefined;
        ctx.engine.emit({ type: 'container-started', id: c.id });
        leaveSession(ctx.engine, containers.session(c.id, c.argv), c.tty);
        return;
      }
      if (c.state !== 'running') {
        c.state = 'running';
        c.startedAt = ctx.engine.now();
        ctx.engine.emit({ type: 'container-started', id: c.id });
      }
      if (!attach) ctx.io.stdout(`${ref}\n`);
      return;
    }
    const r = await containers.start(ref);
    if (attach) printOutput(ctx, r.output);
    else ctx.io.stdout(`${ref}\n`);
  });
}

async function dockerRm(ctx: CommandContext): Promise<number> {
  const force = ctx.args.some((a) => a === '-f' || a === '--force' || /^-[a-z]*f/.test(a) && !a.startsWith('--'));
  return eachContainer(ctx, 'rm', 'docker rm [OPTIONS] CONTAINER [CONTAINER...]', 'Remove one or more containers', (ref) => {
    labContainers(ctx.engine).remove(ref, { force });
    ctx.io.stdout(`${ref}\n`);
  });
}

async function dockerExec(ctx: CommandContext): Promise<number> {
  const o = runOptions(ctx, 'exec', new Set(['-i', '--interactive', '-t', '--tty', '-d', '--detach', '-e', '--env', '-w', '--workdir', '-u', '--user']));
  if (typeof o === 'number') return o;
  if (o.positionals.length < 2) return requiresArgs(ctx, 'exec', 'docker exec [OPTIONS] CONTAINER COMMAND [ARG...]', 'Execute a command in a running container', 2);
  if (inputIsNotTty(ctx, o)) {
    ctx.io.stderr('the input device is not a TTY\n');
    return 1;
  }
  const [ref, ...argv] = o.positionals as [string, ...string[]];
  const containers = labContainers(ctx.engine);
  try {
    const c = containers.mustGet(ref);
    if (c.state !== 'running') throw new ContainerError(`Error response from daemon: container ${c.id} is not running`, 1);
    // A shell the image lacks (`bash` in alpine) is not opened: exec reports it as Docker does.
    if (o.interactive && !o.detach && isShell(argv) && lookPath(c.root, argv[0]!, o.workdir ?? c.workingDir, envOf(c)) !== undefined) {
      leaveSession(ctx.engine, containers.session(c.id, argv), o.tty);
      return 0;
    }
    const r = await containers.exec(ref, argv, { env: o.env, ...(o.workdir ? { workdir: o.workdir } : {}) });
    if (!o.detach) printOutput(ctx, r.output);
    return r.exitCode;
  } catch (e) {
    if (e instanceof ContainerError) {
      ctx.io.stderr(`${e.message}\n`);
      return e.status === 125 ? 1 : e.status;
    }
    throw e;
  }
}

async function dockerDiff(ctx: CommandContext): Promise<number> {
  const refs = ctx.args.filter((a) => !a.startsWith('-'));
  if (refs.length !== 1) return requiresArgs(ctx, 'diff', 'docker diff CONTAINER', "Inspect changes to files or directories on a container's filesystem", 1, true);
  try {
    const lines = labContainers(ctx.engine).diff(refs[0]!);
    ctx.io.stdout(lines.map((l) => l + '\n').join(''));
    return 0;
  } catch (e) {
    return containerFailed(ctx, e);
  }
}

async function dockerCommit(ctx: CommandContext): Promise<number> {
  const positionals: string[] = [];
  let author: string | undefined;
  let message: string | undefined;
  for (let i = 0; i < ctx.args.length; i++) {
    const a = ctx.args[i]!;
    if (a === '-a' || a === '--author') author = ctx.args[++i];
    else if (a === '-m' || a === '--message') message = ctx.args[++i];
    else if (a.startsWith('--author=')) author = a.slice(9);
    else if (a.startsWith('--message=')) message = a.slice(10);
    else if (a === '-p' || a === '--pause') continue;
    else if (a === '-c' || a === '--change') {
      ctx.io.stderr('In this lab, docker commit --change is not supported.\n');
      return 1;
    } else positionals.push(a);
  }
  if (positionals.length < 1 || positionals.length > 2) {
    ctx.io.stderr(`"docker commit" requires at least 1 and at most 2 arguments.\nSee 'docker commit --help'.\n\nUsage:  docker commit [OPTIONS] CONTAINER [REPOSITORY[:TAG]]\n\nCreate a new image from a container's changes\n`);
    return 1;
  }
  const tags: string[] = [];
  if (positionals[1]) {
    try {
      tags.push(normalizeTaggedRef(positionals[1]));
    } catch (e) {
      ctx.io.stderr(`Error response from daemon: ${e instanceof Error ? e.message : String(e)}\n`);
      return 1;
    }
  }
  try {
    const image = await labContainers(ctx.engine).commit(positionals[0]!, { tags, ...(author ? { author } : {}), ...(message ? { message } : {}) });
    ctx.io.stdout(`${image.id}\n`);
    return 0;
  } catch (e) {
    return containerFailed(ctx, e);
  }
}

async function containerPrune(ctx: CommandContext): Promise<number> {
  if (!ctx.args.includes('-f') && !ctx.args.includes('--force')) {
    ctx.io.stdout('WARNING! This will remove all stopped containers.\nAre you sure you want to continue? [y/N] \n');
    ctx.io.stderr('In this lab, prompts cannot be answered: run "docker container prune -f" to prune without the prompt.\n');
    return 1;
  }
  const report = pruneStoppedContainers(ctx.engine);
  ctx.io.stdout(`${report.output ? report.output + '\n' : ''}Total reclaimed space: ${humanSize(report.reclaimed)}\n`);
  return 0;
}

async function containerNames(ctx: { engine: LabEngine }): Promise<string[]> {
  return labContainers(ctx.engine).list(true).map((c) => c.name);
}

export const containerCommands: readonly CommandSpec[] = [
  { name: 'docker run', aliases: ['docker container run'], summary: 'Create and run a new container from an image', usage: 'docker run [OPTIONS] IMAGE [COMMAND] [ARG...]',
    flags: ['--rm', '--name', '--env', '--publish', '--detach', '--interactive', '--tty', '--entrypoint', '--workdir', '--user', '--pull'], run: dockerRun },
  { name: 'docker create', aliases: ['docker container create'], summary: 'Create a new container', usage: 'docker create [OPTIONS] IMAGE [COMMAND] [ARG...]', run: dockerCreate },
  { name: 'docker ps', aliases: ['docker container ls', 'docker container list', 'docker container ps'], summary: 'List containers', usage: 'docker ps [OPTIONS]',
    flags: ['--all', '--quiet', '--no-trunc', '--latest', '--size'], run: dockerPs },
  { name: 'docker logs', aliases: ['docker container logs'], summary: 'Fetch the logs of a container', usage: 'docker logs [OPTIONS] CONTAINER', flags: ['--tail', '--timestamps'], run: dockerLogs, complete: containerNames },
  { name: 'docker stop', aliases: ['docker container stop'], summary: 'Stop one or more running containers', usage: 'docker stop [OPTIONS] CONTAINER [CONTAINER...]', run: dockerStop, complete: containerNames },
  { name: 'docker start', aliases: ['docker container start'], summary: 'Start one or more stopped containers', usage: 'docker start [OPTIONS] CONTAINER [CONTAINER...]', flags: ['--attach', '--interactive'], run: dockerStart, complete: containerNames },
  { name: 'docker rm', aliases: ['docker container rm', 'docker container remove'], summary: 'Remove one or more containers', usage: 'docker rm [OPTIONS] CONTAINER [CONTAINER...]', flags: ['--force'], run: dockerRm, complete: containerNames },
  { name: 'docker exec', aliases: ['docker container exec'], summary: 'Execute a command in a running container', usage: 'docker exec [OPTIONS] CONTAINER COMMAND [ARG...]', run: dockerExec, complete: containerNames },
  { name: 'docker diff', aliases: ['docker container diff'], summary: "Inspect changes to files or directories on a container's filesystem", usage: 'docker diff CONTAINER', run: dockerDiff, complete: containerNames },
  { name: 'docker commit', aliases: ['docker container commit'], summary: "Create a new image from a container's changes", usage: 'docker commit [OPTIONS] CONTAINER [REPOSITORY[:TAG]]', run: dockerCommit, complete: containerNames },
  { name: 'docker container prune', summary: 'Remove all stopped containers', usage: 'docker container prune [OPTIONS]', run: containerPrune },
];
