// The headless CLI: runs the lab shell in Node over an in-memory copy of a folder (or the default sample).
//   npx layerlab [--context DIR] [--write-back] (-c 'COMMANDS' | SCRIPT_FILE)
// Prints exactly what the lab's terminal would show (no ANSI codes when stdout is not a TTY) and exits
// with the status of the last command.
//
// The workspace is the browser lab's git working tree (GitWorkspace over an in-memory fs): without
// --context it holds the default sample with its checkpoint history (written at the first git command,
// as the browser does when idle); with --context it holds DIR's files (never DIR/.git) and no repository.
//
// Container shells: after `docker run -i IMAGE sh` (or `docker exec -i C sh`) the following script lines
// are the container shell's standard input, until `exit` or the end of the script (end of input, as
// when docker's stdin closes); the container's exit status becomes `docker run`'s. `-it` needs terminal
// input, as in docker: when the CLI's stdin is not a terminal it prints "the input device is not a TTY"
// and the status is 1. When stdin is a terminal, `-it` works like `-i`, and each line fed to the
// container is echoed after its prompt, as a terminal would show it.
import { readFile, readdir, lstat, readlink, mkdir, rm, open, unlink, realpath } from 'node:fs/promises';
import { constants } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { printableName } from '../workspace/names.ts';
import { createLabEngine } from '../engine/index.ts';
import { GitWorkspace, createInMemoryGitWorkspace } from '../workspace/git-workspace.ts';
import { writeSampleTree, writeSampleHistory, checkpointsOf } from '../workspace/samples.ts';
import { createLabShell } from './index.ts';
import { runScriptText } from './script.ts';
import { SAMPLES, DEFAULT_SAMPLE } from '../samples/index.ts';

const USAGE = `Usage: layerlab [--context DIR] [--write-back] (-c 'COMMANDS' | SCRIPT_FILE)

Runs the Layerlab shell (docker build, docker images, file commands…) in Node.

  -c COMMANDS      Commands to run, one per line; && and ; work within a line
  SCRIPT_FILE      A file with one command per line
  --context DIR    Copy DIR into the lab's in-memory workspace, without DIR/.git
                   (default: the node-app sample at step-1, a git repository whose
                   lesson checkpoints are tags: git checkout step-2)
  --write-back     Copy the workspace back into DIR at the end (needs --context)
  -h, --help       Show this help
`;

interface CliOptions {
  context?: string;
  writeBack: boolean;
  commands?: string;
  script?: string;
}

function parseArgs(argv: string[]): CliOptions | string {
  const o: CliOptions = { writeBack: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-h' || a === '--help') return 'help';
    if (a === '--write-back') o.writeBack = true;
    else if (a === '--context' || a.startsWith('--context=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (!v) return 'layerlab: --context needs a directory';
      o.context = v;
    } else if (a === '-c') {
      const v = argv[++i];
      if (v === undefined) return 'layerlab: -c needs a command string';
      o.commands = v;
    } else if (a.startsWith('-')) return `layerlab: unknown option ${a}\n\n${USAGE}`;
    else if (o.script === undefined && o.commands === undefined) o.script = a;
    else return `layerlab: unexpected argument ${a}`;
  }
  if (o.commands === undefined && o.script === undefined) return USAGE;
  if (o.writeBack && !o.context) return 'layerlab: --write-back needs --context DIR';
  return o;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Copies a folder into the workspace; returns the relative file paths copied. */
async function importFolder(ws: GitWorkspace, dir: string, warn: (s: string) => void): Promise<Set<string>> {
  const copied = new Set<string>();
  const visit = async (abs: string, rel: string): Promise<void> => {
    const names: string[] = [];
    for (const raw of await readdir(abs, { encoding: 'buffer' })) {
      // The lab's names are text: a name that is not UTF-8 cannot be copied faithfully, so it stays out.
      try {
        names.push(strictUtf8.decode(raw));
      } catch {
        const shown = printableName(new TextDecoder().decode(raw).replace(/\uFFFD/g, '?'));
        warn(`layerlab: ${join(rel || '.', shown)}: skipped, its name is not valid UTF-8 (the lab's file names are text)\n`);
      }
    }
    for (const name of names.sort()) {
      // The folder's own repository stays out: the lab keeps its git database apart from the working tree.
      if (rel === '' && name === '.git') continue;
      const full = join(abs, name);
      const r = rel ? `${rel}/${name}` : name;
      const st = await lstat(full);
      if (st.isSymbolicLink()) {
        await ws.symlink(r, await readlink(full));
        copied.add(r);
      } else if (st.isDirectory()) {
        await ws.mkdir(r, { recursive: true });
        await visit(full, r);
      } else if (st.isFile()) {
        await ws.writeFile(r, new Uint8Array(await readFile(full)), { mode: st.mode & 0o7777 });
        await ws.touch(r, Math.floor(st.mtimeMs));
        copied.add(r);
      }
    }
  };
  await ws.batch(() => visit(dir, ''));
  return copied;
}

const lstatOrNull = (p: string) => lstat(p).catch(() => null);

/**
 * Makes `rel`'s parent folders real folders inside `root` (a symlink the workspace replaced by a folder
 * is replaced on disk too, never followed) and returns the absolute path, or null when the parent still
 * resolves outside `root`. `root` is the context folder's real path.
 */
async function insideTarget(root: string, rel: string): Promise<string | null> {
  const parts = rel.split('/');
  let at = root;
  for (const part of parts.slice(0, -1)) {
    at = join(at, part);
    const st = await lstatOrNull(at);
    if (st && !st.isDirectory()) await unlink(at);
    if (!st || !st.isDirectory()) await mkdir(at);
  }
  const parent = await realpath(dirname(join(root, rel))).catch(() => null);
  if (parent === null || (parent !== root && !parent.startsWith(root + sep))) return null;
  return join(root, rel);
}

/**
 * Writes the workspace back into the folder: new and changed files, modes, and removals of copied
 * files. It never writes outside the folder: symlinks on disk are replaced, not followed, and files
 * are opened with O_NOFOLLOW.
 */
async function exportFolder(ws: GitWorkspace, dir: string, copied: Set<string>, warn: (s: string) => void): Promise<void> {
  const root = await realpath(dir);
  const present = new Set<string>();
  const refuse = (rel: string) => warn(`layerlab: ${printableName(rel)}: not written back, it would land outside ${dir}\n`);
  for (const e of await ws.list()) {
    const rel = e.path.slice(1);
    present.add(rel);
    if (e.type === 'symlink') continue;
    const target = await insideTarget(root, rel);
    if (target === null) {
      refuse(rel);
      continue;
    }
    const st = await lstatOrNull(target);
    if (e.type === 'dir') {
      if (st && !st.isDirectory()) await unlink(target);
      if (!st || !st.isDirectory()) await mkdir(target);
      continue;
    }
    // A symlink or folder where the workspace now has a file: replace it rather than write through it.
    if (st && (st.isSymbolicLink() || st.isDirectory())) await rm(target, { recursive: true, force: true });
    const meta = (await ws.stat(e.path))!;
    const fh = await open(target, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW, meta.mode);
    try {
      await fh.writeFile(await ws.readFile(e.path));
      await fh.chmod(meta.mode);
      await fh.utimes(meta.mtimeMs / 1000, meta.mtimeMs / 1000);
    } finally {
      await fh.close();
    }
  }
  for (const rel of copied) {
    if (present.has(rel)) continue;
    const parent = await realpath(dirname(join(root, rel))).catch(() => null);
    if (parent !== null && (parent === root || parent.startsWith(root + sep))) await rm(join(root, rel), { force: true, recursive: true });
  }
}

export async function main(argv: string[]): Promise<number> {
  const parsed = parseArgs(argv);
  if (typeof parsed === 'string') {
    if (parsed === 'help') {
      process.stdout.write(USAGE);
      return 0;
    }
    process.stderr.write(parsed.endsWith('\n') ? parsed : parsed + '\n');
    return parsed === USAGE ? 2 : 2;
  }
  const ws = await createInMemoryGitWorkspace();
  let copied = new Set<string>();
  let contextDir: string | undefined;
  if (parsed.context) {
    contextDir = resolve(parsed.context);
    try {
      const st = await lstat(contextDir);
      if (!st.isDirectory()) throw new Error('not a directory');
    } catch {
      process.stderr.write(`layerlab: ${parsed.context}: not a directory\n`);
      return 2;
    }
    try {
      copied = await importFolder(ws, contextDir, (s) => void process.stderr.write(s));
    } catch (err) {
      const e = err as { code?: string; path?: string };
      const why = e.code === 'EACCES' || e.code === 'EPERM' ? 'Permission denied' : e.code === 'ELOOP' ? 'Too many levels of symbolic links' : 'could not be read';
      process.stderr.write(`layerlab: ${printableName(String(e.path ?? parsed.context))}: ${why}\n`);
      return 2;
    }
    if (await lstat(join(contextDir, '.git')).then(() => true, () => false)) {
      process.stderr.write(`layerlab: ${join(parsed.context, '.git')} was not copied: in this lab the workspace starts without that repository's history ("git init" starts a new one; --write-back never touches .git).\n`);
    }
  } else {
    const sample = SAMPLES[DEFAULT_SAMPLE]!;
    // The CLI has always started from the sample's `files`, its first lesson checkpoint for node-app
    // (the browser opens a lesson's preset, e.g. `node-app@step-1`, the same way); later checkpoints are tags.
    const checkpoint = checkpointsOf(sample).find((c) => c.files === sample.files)?.name;
    await writeSampleTree(ws, sample, checkpoint);
    // The history (about a quarter of a second, isomorphic-git included) is written at the first git command.
    let kick: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (kick = resolve));
    ws.track(gate.then(() => writeSampleHistory(ws, sample, checkpoint)), kick);
  }
  let text: string;
  if (parsed.commands !== undefined) text = parsed.commands;
  else {
    try {
      text = await readFile(parsed.script!, 'utf8');
    } catch {
      process.stderr.write(`layerlab: ${parsed.script}: No such file or directory\n`);
      return 2;
    }
  }
  const engine = createLabEngine();
  // As with buildx, SOURCE_DATE_EPOCH in the environment becomes the build arg of every `docker build`.
  const epoch = process.env['SOURCE_DATE_EPOCH'];
  const shell = createLabShell({ workspace: ws, engine, ...(epoch ? { env: { SOURCE_DATE_EPOCH: epoch } } : {}) });
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  process.on('SIGINT', onSigint);
  const tty = process.stdout.isTTY === true;
  const io = {
    stdout: (s: string) => void process.stdout.write(s),
    stderr: (s: string) => void process.stderr.write(s),
    tty,
    stdinTty: process.stdin.isTTY === true,
    columns: process.stdout.columns || 80,
    signal: controller.signal,
  };
  const runLine = async (line: string): Promise<number> => {
    // A line fed to a container shell with a terminal shows after its prompt, as typed input would.
    if (shell.container?.tty && tty) io.stdout(`${shell.prompt()}${line}\n`);
    return shell.run(line, io);
  };
  const status = await runScriptText(shell, text, io, runLine);
  process.off('SIGINT', onSigint);
  if (parsed.writeBack && contextDir) {
    try {
      await exportFolder(ws, contextDir, copied, (s) => void process.stderr.write(s));
    } catch (err) {
      const e = err as { code?: string; path?: string };
      process.stderr.write(`layerlab: --write-back stopped at ${printableName(String(e.path ?? contextDir))}: ${e.code === 'EACCES' || e.code === 'EPERM' ? 'Permission denied' : e.code ?? 'write failed'}\n`);
      return 1;
    }
  }
  return status;
}
