// The `git` command of the lab shell: argument parsing and git's porcelain output for
// init, status, add, commit, log, diff, show, checkout, switch, branch, restore, reset, tag and config.

import { gitQuotePath } from './names.ts';
import { GitError, GitRepo, type Change, type CommitInfo, type Snapshot } from './git.ts';
import { formatFileDiff, countChanges, type DiffColors, type DiffSide } from './diff.ts';
import type { GitWorkspace } from './git-workspace.ts';

export interface GitIo {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly tty: boolean;
  /** The shell's current folder, absolute within the workspace ('/' is the root). */
  readonly cwd?: string;
}

const NOT_IN_LAB = new Set(['push', 'pull', 'fetch', 'clone', 'merge', 'rebase', 'stash', 'remote', 'cherry-pick', 'revert', 'rm', 'mv', 'blame', 'bisect', 'worktree', 'submodule', 'reflog', 'clean']);

export const GIT_SUBCOMMANDS = ['add', 'branch', 'checkout', 'commit', 'config', 'diff', 'init', 'log', 'reset', 'restore', 'show', 'status', 'switch', 'tag'];

const repos = new WeakMap<GitWorkspace, GitRepo>();

/** The repo object of a workspace (one per workspace, so caches and `switch -` memory are shared). */
export function repoFor(ws: GitWorkspace): GitRepo {
  let r = repos.get(ws);
  if (!r) {
    r = new GitRepo(ws);
    repos.set(ws, r);
  }
  return r;
}

const previousBranch = new WeakMap<GitRepo, string>();

function esc(code: string, on: boolean): (s: string) => string {
  return on ? (s) => (s ? `\x1b[${code}m${s}\x1b[m` : s) : (s) => s;
}

function toRel(cwd: string, spec: string): string {
  const full = spec.startsWith('/') ? spec : `${cwd}/${spec}`;
  const out: string[] = [];
  for (const p of full.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') out.pop();
    else out.push(p);
  }
  return out.length ? out.join('/') : '.';
}

/** A workspace path as git prints it from `cwd` (relative, with ../ when needed). */
function fromCwd(cwd: string, path: string): string {
  const c = cwd.split('/').filter(Boolean);
  const p = path.split('/').filter(Boolean);
  let i = 0;
  while (i < c.length && i < p.length - 1 && c[i] === p[i]) i++;
  const up = c.length - i;
  return gitQuotePath([...Array<string>(up).fill('..'), ...p.slice(i)].join('/') + (path.endsWith('/') ? '/' : ''));
}

function subject(message: string): string {
  return message.split('\n')[0] ?? '';
}

function short(oid: string): string {
  return oid.slice(0, 7);
}

/** Git's default date format: `Thu Nov 26 20:38:20 2026 +0000`, in the commit's own time zone. */
export function formatGitDate(timestamp: number, timezoneOffset: number): string {
  const d = new Date((timestamp - timezoneOffset * 60) * 1000);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (n: number) => String(n).padStart(2, '0');
  const off = -timezoneOffset;
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  const tz = `${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
  return `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${d.getUTCDate()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${d.getUTCFullYear()} ${tz}`;
}

interface Parsed {
  flags: Map<string, string | true>;
  positional: string[];
  paths: string[] | null;
}

/** Splits args into flags, positionals and paths after `--`. `withValue` lists flags that take a value. */
function parseArgs(args: readonly string[], withValue: readonly string[] = []): Parsed {
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  let paths: string[] | null = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (paths) {
      paths.push(a);
    } else if (a === '--') {
      paths = [];
    } else if (a.startsWith('--') && a.includes('=')) {
      flags.set(a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1));
    } else if (a.startsWith('-') && a !== '-' && withValue.includes(a)) {
      const v = args[++i];
      if (v === undefined) throw new GitError(`error: switch \`${a.replace(/^-+/, '')}' requires a value`, 129);
      flags.set(a, v);
    } else if (/^-[A-Za-z]{2,}$/.test(a) && !withValue.includes(a)) {
      for (const ch of a.slice(1)) flags.set(`-${ch}`, true);
    } else if (/^-\d+$/.test(a)) {
      flags.set('-n', a.slice(1));
    } else if (a.startsWith('-') && a !== '-') {
      flags.set(a, true);
    } else {
      positional.push(a);
    }
  }
  return { flags, positional, paths };
}

function has(p: Parsed, ...names: string[]): boolean {
  return names.some((n) => p.flags.has(n));
}

function value(p: Parsed, ...names: string[]): string | undefined {
  for (const n of names) {
    const v = p.flags.get(n);
    if (typeof v === 'string') return v;
  }
  return undefined;
}

export async function runGit(ws: GitWorkspace, args: readonly string[], io: GitIo): Promise<number> {
  const repo = repoFor(ws);
  // The sample's history may still be being written (right after the lab opened).
  await ws.settled();
  const cwd = io.cwd ?? '/';
  const out = (s: string) => io.stdout(s);
  const err = (s: string) => io.stderr(s);
  const sub = args[0];
  const rest = args.slice(1);
  try {
    if (sub === undefined || sub === 'help' || sub === '--help' || sub === '-h') {
      out(
        'usage: git <command> [<args>]\n\n' +
          'Commands available in this lab:\n' +
          '   init      Create an empty Git repository\n' +
          '   status    Show the working tree status\n' +
          '   add       Add file contents to the index\n' +
          '   commit    Record changes to the repository\n' +
          '   log       Show commit logs (--oneline, -n)\n' +
          '   diff      Show changes (--staged, <commit>, <commit> <commit>)\n' +
          '   show      Show a commit, or <commit>:<path>\n' +
          '   checkout  Switch branches or restore files\n' +
          '   switch    Switch branches\n' +
          '   branch    List, create or delete branches\n' +
          '   restore   Restore working tree files\n' +
          '   reset     Reset HEAD, the index and the working tree\n' +
          '   tag       List or create tags (the samples tag their lesson checkpoints)\n' +
          '   config    Get and set user.name and user.email\n\n' +
          'In this lab the repository lives in your browser; there are no remotes, so push, pull and clone are not available.\n',
      );
      return 0;
    }
    if (sub === '--version' || sub === 'version') {
      out('git version 2 (isomorphic-git in this lab)\n');
      return 0;
    }
    if (sub !== 'init' && GIT_SUBCOMMANDS.includes(sub)) await repo.requireRepo();
    switch (sub) {
      case 'init':
        return await cmdInit(repo, rest, out);
      case 'status':
        return await cmdStatus(repo, rest, cwd, io, out);
      case 'add':
        return await cmdAdd(repo, rest, cwd);
      case 'commit':
        return await cmdCommit(repo, rest, cwd, io, out);
      case 'log':
        return await cmdLog(repo, rest, io, out);
      case 'diff':
        return await cmdDiff(repo, rest, cwd, io, out);
      case 'show':
        return await cmdShow(repo, rest, io, out);
      case 'checkout':
        return await cmdCheckout(repo, rest, cwd, io.tty, err);
      case 'switch':
        return await cmdSwitch(repo, rest, out, err);
      case 'branch':
        return await cmdBranch(repo, rest, io, out);
      case 'restore':
        return await cmdRestore(repo, rest, cwd);
      case 'reset':
        return await cmdReset(repo, rest, cwd, out);
      case 'tag':
        return await cmdTag(repo, rest, out);
      case 'config':
        return await cmdConfig(repo, rest, out);
      default:
        if (NOT_IN_LAB.has(sub)) {
          err(`git: '${sub}' is not available in this lab (the repository has no remotes and the lab implements a subset of git). See 'git help'.\n`);
          return 1;
        }
        err(`git: '${sub}' is not a git command. See 'git --help'.\n`);
        return 1;
    }
  } catch (e) {
    if (e instanceof GitError) {
      err(e.message + '\n');
      return e.status;
    }
    const code = (e as { code?: string }).code;
    if (code === 'NotFoundError' || code === 'InvalidRefNameError' || code === 'CheckoutConflictError') {
      err(`fatal: ${(e as Error).message}\n`);
      return 128;
    }
    throw e;
  }
}

async function cmdInit(repo: GitRepo, _args: readonly string[], out: (s: string) => void): Promise<number> {
  const created = await repo.init('main');
  if (_args.includes('-q') || _args.includes('--quiet')) return 0;
  out(`${created ? 'Initialized empty' : 'Reinitialized existing'} Git repository in /.git/\n`);
  return 0;
}

function collapseUntracked(untracked: readonly string[], tracked: Iterable<string>): string[] {
  const trackedDirs = new Set<string>();
  for (const t of tracked) {
    const parts = t.split('/');
    for (let i = 1; i < parts.length; i++) trackedDirs.add(parts.slice(0, i).join('/'));
  }
  const out = new Set<string>();
  for (const u of untracked) {
    const parts = u.split('/');
    let shown = u;
    for (let i = 1; i < parts.length; i++) {
      const d = parts.slice(0, i).join('/');
      if (!trackedDirs.has(d)) {
        shown = d + '/';
        break;
      }
    }
    out.add(shown);
  }
  return [...out].sort();
}

async function cmdStatus(repo: GitRepo, args: readonly string[], cwd: string, io: GitIo, out: (s: string) => void): Promise<number> {
  const p = parseArgs(args);
  const st = await repo.status();
  const index = await repo.indexFiles();
  const untracked = collapseUntracked(st.untracked, index.keys());
  const green = esc('32', io.tty);
  const red = esc('31', io.tty);
  if (has(p, '-s', '--short', '--porcelain')) {
    const code = (c: Change | undefined) => (c ? (c.kind === 'new file' ? 'A' : c.kind === 'deleted' ? 'D' : 'M') : ' ');
    const paths = [...new Set([...st.staged.map((c) => c.path), ...st.unstaged.map((c) => c.path)])].sort();
    const lines = paths.map((path) => {
      const x = code(st.staged.find((c) => c.path === path));
      const y = code(st.unstaged.find((c) => c.path === path));
      return `${green(x)}${red(y)} ${fromCwd(cwd, path)}`;
    });
    for (const u of untracked) lines.push(`${red('??')} ${fromCwd(cwd, u)}`);
    out(lines.map((l) => l + '\n').join(''));
    return 0;
  }
  const lines: string[] = [];
  if (st.branch) lines.push(`On branch ${st.branch}`);
  else lines.push(`HEAD detached at ${short(st.head ?? '')}`);
  if (st.head === null) lines.push('', 'No commits yet');
  const gap = () => {
    if (lines.length > 1) lines.push('');
  };
  const label = (c: Change) => `${(c.kind + ':').padEnd(12)}${fromCwd(cwd, c.path)}`;
  if (st.staged.length) {
    gap();
    lines.push('Changes to be committed:');
    lines.push(st.head === null ? '  (use "git rm --cached <file>..." to unstage)' : '  (use "git restore --staged <file>..." to unstage)');
    for (const c of st.staged) lines.push(`\t${green(label(c))}`);
  }
  if (st.unstaged.length) {
    gap();
    lines.push('Changes not staged for commit:');
    const anyDeleted = st.unstaged.some((c) => c.kind === 'deleted');
    lines.push(anyDeleted ? '  (use "git add/rm <file>..." to update what will be committed)' : '  (use "git add <file>..." to update what will be committed)');
    lines.push('  (use "git restore <file>..." to discard changes in working directory)');
    for (const c of st.unstaged) lines.push(`\t${red(label(c))}`);
  }
  if (untracked.length) {
    gap();
    lines.push('Untracked files:', '  (use "git add <file>..." to include in what will be committed)');
    for (const u of untracked) lines.push(`\t${red(fromCwd(cwd, u))}`);
  }
  if (lines.length > 1) lines.push('');
  if (st.staged.length === 0) {
    if (st.unstaged.length) lines.push('no changes added to commit (use "git add" and/or "git commit -a")');
    else if (untracked.length) lines.push('nothing added to commit but untracked files present (use "git add" to track)');
    else if (st.head === null) lines.push('nothing to commit (create/copy files and use "git add" to track)');
    else lines.push('nothing to commit, working tree clean');
  }
  out(lines.join('\n') + '\n');
  return 0;
}

async function cmdAdd(repo: GitRepo, args: readonly string[], cwd: string): Promise<number> {
  const p = parseArgs(args);
  const specs = [...p.positional, ...(p.paths ?? [])];
  if (has(p, '-A', '--all')) specs.push('/');
  if (specs.length === 0) {
    throw new GitError('Nothing specified, nothing added.\nhint: Maybe you wanted to say \'git add .\'?', 0);
  }
  await repo.add(specs.map((s) => toRel(cwd, s)).map((s) => (s === '.' ? '' : s)));
  return 0;
}

async function diffStats(repo: GitRepo, from: Snapshot, to: Snapshot): Promise<{ files: number; insertions: number; deletions: number; created: string[]; deleted: string[]; modeChanges: string[] }> {
  let files = 0;
  let insertions = 0;
  let deletions = 0;
  const created: string[] = [];
  const deleted: string[] = [];
  const modeChanges: string[] = [];
  for (const path of [...new Set([...from.keys(), ...to.keys()])].sort()) {
    const a = from.get(path);
    const b = to.get(path);
    if (a?.oid === b?.oid && a?.mode === b?.mode) continue;
    files++;
    const c = countChanges(a ? await repo.readBlob(a.oid) : null, b ? await repo.readBlob(b.oid) : null);
    insertions += c.insertions;
    deletions += c.deletions;
    const m = (x: number) => x.toString(8);
    if (!a) created.push(` create mode ${m(b!.mode)} ${gitQuotePath(path)}`);
    else if (!b) deleted.push(` delete mode ${m(a.mode)} ${gitQuotePath(path)}`);
    else if (a.mode !== b.mode) modeChanges.push(` mode change ${m(a.mode)} => ${m(b.mode)} ${gitQuotePath(path)}`);
  }
  return { files, insertions, deletions, created, deleted, modeChanges };
}

function statLine(s: { files: number; insertions: number; deletions: number }): string {
  let line = ` ${s.files} file${s.files === 1 ? '' : 's'} changed`;
  if (s.insertions || !s.deletions) line += `, ${s.insertions} insertion${s.insertions === 1 ? '' : 's'}(+)`;
  if (s.deletions || !s.insertions) line += `, ${s.deletions} deletion${s.deletions === 1 ? '' : 's'}(-)`;
  return line;
}

async function cmdCommit(repo: GitRepo, args: readonly string[], cwd: string, io: GitIo, out: (s: string) => void): Promise<number> {
  const p = parseArgs(args, ['-m', '--message']);
  const messages: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-m' || a === '--message') messages.push(args[++i] ?? '');
    else if (a.startsWith('--message=')) messages.push(a.slice('--message='.length));
    else if (/^-[a-z]*m$/.test(a) && a.length > 2) messages.push(args[++i] ?? '');
    else if (/^-m./.test(a)) messages.push(a.slice(2));
  }
  if (has(p, '-a', '--all')) await repo.addTracked();
  if (messages.length === 0) {
    throw new GitError('error: In this lab git cannot open an editor for the commit message; use git commit -m "your message"', 1);
  }
  const message = messages.join('\n\n').trim();
  if (message === '') throw new GitError('Aborting commit due to empty commit message.', 1);
  const st = await repo.status();
  if (st.staged.length === 0 && !has(p, '--allow-empty')) {
    await cmdStatus(repo, [], cwd, io, out);
    return 1;
  }
  const parent = st.head;
  const before = await repo.treeOf(parent);
  const oid = await repo.commit(message + '\n');
  const after = await repo.treeOf(oid);
  const where = st.branch ? (parent === null ? `${st.branch} (root-commit)` : st.branch) : 'detached HEAD';
  const s = await diffStats(repo, before, after);
  const lines = [`[${where} ${short(oid)}] ${subject(message)}`, statLine(s), ...s.created, ...s.deleted, ...s.modeChanges];
  if (!has(p, '-q', '--quiet')) out(lines.join('\n') + '\n');
  return 0;
}

async function decorate(repo: GitRepo, oid: string, io: GitIo): Promise<string> {
  if (!io.tty) return '';
  const names = (await repo.decorations()).get(oid);
  if (!names?.length) return '';
  const y = esc('33', true);
  const c = (n: string) => (n.startsWith('HEAD') ? esc('1;36', true)(n) : n.startsWith('tag: ') ? esc('1;33', true)(n) : esc('1;32', true)(n));
  return ` ${y('(')}${names.map(c).join(y(', '))}${y(')')}`;
}

function fullHeader(c: CommitInfo, deco: string, io: GitIo): string {
  const y = esc('33', io.tty);
  const body = c.message.replace(/\n+$/, '').split('\n').map((l) => (l ? `    ${l}` : '')).join('\n');
  return `${y(`commit ${c.oid}`)}${deco}\n${c.parents.length > 1 ? `Merge: ${c.parents.map(short).join(' ')}\n` : ''}Author: ${c.author.name} <${c.author.email}>\nDate:   ${formatGitDate(c.author.timestamp, c.author.timezoneOffset)}\n\n${body}\n`;
}

async function cmdLog(repo: GitRepo, args: readonly string[], io: GitIo, out: (s: string) => void): Promise<number> {
  const p = parseArgs(args, ['-n', '--max-count']);
  const nRaw = value(p, '-n', '--max-count');
  const limit = nRaw !== undefined ? Number(nRaw) : undefined;
  const rev = p.positional[0] ?? 'HEAD';
  if ((await repo.headOid()) === null && rev === 'HEAD') {
    const b = (await repo.currentBranch()) ?? 'main';
    throw new GitError(`fatal: your current branch '${b}' does not have any commits yet`);
  }
  const commits = await repo.log(rev, limit);
  const oneline = has(p, '--oneline');
  const chunks: string[] = [];
  for (const c of commits) {
    const deco = await decorate(repo, c.oid, io);
    if (oneline) chunks.push(`${esc('33', io.tty)(short(c.oid))}${deco} ${subject(c.message)}\n`);
    else chunks.push(fullHeader(c, deco, io));
  }
  out(oneline ? chunks.join('') : chunks.join('\n'));
  return 0;
}

function diffColors(tty: boolean): DiffColors {
  return { meta: esc('1', tty), frag: esc('36', tty), old: esc('31', tty), new: esc('32', tty) };
}

async function diffSnapshots(repo: GitRepo, from: Snapshot, to: Snapshot, toData: (path: string) => Promise<Uint8Array>, specs: string[] | null, tty: boolean): Promise<string> {
  const parts: string[] = [];
  const inSpecs = (path: string) => !specs || specs.some((s) => s === '.' || path === s || path.startsWith(s + '/'));
  for (const path of [...new Set([...from.keys(), ...to.keys()])].sort()) {
    if (!inSpecs(path)) continue;
    const a = from.get(path);
    const b = to.get(path);
    if (a?.oid === b?.oid && a?.mode === b?.mode) continue;
    const sa: DiffSide | null = a ? { path, oid: a.oid, mode: a.mode, data: await repo.readBlob(a.oid) } : null;
    const sb: DiffSide | null = b ? { path, oid: b.oid, mode: b.mode, data: await toData(path) } : null;
    parts.push(formatFileDiff(sa, sb, diffColors(tty)));
  }
  return parts.join('');
}

async function cmdDiff(repo: GitRepo, args: readonly string[], cwd: string, io: GitIo, out: (s: string) => void): Promise<number> {
  const p = parseArgs(args);
  const specs = p.paths ? p.paths.map((s) => toRel(cwd, s)) : null;
  const staged = has(p, '--staged', '--cached');
  const blob = (s: Snapshot) => async (path: string) => repo.readBlob(s.get(path)!.oid);
  let text: string;
  if (p.positional.length >= 2) {
    const [a, b] = await Promise.all([repo.treeOf(await repo.resolveRev(p.positional[0]!)), repo.treeOf(await repo.resolveRev(p.positional[1]!))]);
    text = await diffSnapshots(repo, a, b, blob(b), specs, io.tty);
  } else if (staged) {
    const base = p.positional[0] ? await repo.resolveRev(p.positional[0]) : await repo.headOid();
    const [a, b] = await Promise.all([repo.treeOf(base), repo.indexFiles()]);
    text = await diffSnapshots(repo, a, b, blob(b), specs, io.tty);
  } else {
    const base = p.positional[0] ? await repo.treeOf(await repo.resolveRev(p.positional[0])) : await repo.indexFiles();
    const work = await repo.workdirFiles();
    // Like git, only tracked files: untracked files never appear in `git diff`.
    const index = await repo.indexFiles();
    const tracked = new Map([...work].filter(([path]) => index.has(path) || base.has(path)));
    text = await diffSnapshots(repo, base, tracked, (path) => repo.ws.readFile(path), specs, io.tty);
  }
  out(text);
  return 0;
}

async function cmdShow(repo: GitRepo, args: readonly string[], io: GitIo, out: (s: string) => void): Promise<number> {
  const p = parseArgs(args);
  const target = p.positional[0] ?? 'HEAD';
  const colon = target.indexOf(':');
  if (colon >= 0) {
    const oid = await repo.resolveRev(target.slice(0, colon) || 'HEAD');
    const path = toRel('/', target.slice(colon + 1));
    const entry = (await repo.treeOf(oid)).get(path);
    if (!entry) throw new GitError(`fatal: path '${path}' does not exist in '${target.slice(0, colon) || 'HEAD'}'`);
    out(new TextDecoder().decode(await repo.readBlob(entry.oid)));
    return 0;
  }
  const oid = await repo.resolveRev(target);
  const c = await repo.readCommit(oid);
  const deco = await decorate(repo, oid, io);
  const before = await repo.treeOf(c.parents[0] ?? null);
  const after = await repo.treeOf(oid);
  const diff = await diffSnapshots(repo, before, after, async (path) => repo.readBlob(after.get(path)!.oid), null, io.tty);
  out(fullHeader(c, deco, io) + (diff ? '\n' + diff : ''));
  return 0;
}

async function detachedNote(repo: GitRepo, name: string, oid: string, err: (s: string) => void): Promise<void> {
  const c = await repo.readCommit(oid);
  err(
    `Note: switching to '${name}'.\n\n` +
      "You are in 'detached HEAD' state. In this lab, as in git, commits made here belong to no branch:\n" +
      'keep them with "git switch -c <new-branch-name>", or go back with "git switch -".\n\n' +
      `HEAD is now at ${short(oid)} ${subject(c.message)}\n`,
  );
}

async function doSwitchBranch(repo: GitRepo, name: string, err: (s: string) => void, force: boolean): Promise<number> {
  const current = await repo.currentBranch();
  if (current === name) {
    err(`Already on '${name}'\n`);
    return 0;
  }
  await repo.switchTo({ branch: name }, force);
  if (current) previousBranch.set(repo, current);
  err(`Switched to branch '${name}'\n`);
  return 0;
}

async function cmdCheckout(repo: GitRepo, args: readonly string[], cwd: string, tty: boolean, err0: (s: string) => void): Promise<number> {
  // git reports "Updated N paths from …" only on a terminal.
  const err = err0;
  const note = (s: string) => {
    if (tty) err0(s);
  };
  const p = parseArgs(args, ['-b', '-B']);
  const newBranch = value(p, '-b', '-B');
  const force = has(p, '-f', '--force');
  if (p.paths) {
    const specs = p.paths.map((s) => toRel(cwd, s)).map((s) => (s === '.' ? '' : s));
    const source = p.positional[0];
    await repo.restore(specs, source ? { source, staged: true, worktree: true } : {});
    const n = p.paths.length;
    note(`Updated ${n} path${n === 1 ? '' : 's'} from ${source ? short(await repo.resolveRev(source)) : 'the index'}\n`);
    return 0;
  }
  if (newBranch) {
    const start = p.positional[0] ? await repo.resolveRev(p.positional[0]) : await repo.headOid();
    const current = await repo.currentBranch();
    await repo.createBranch(newBranch, start, false);
    if (start && start !== (await repo.headOid())) await repo.switchTo({ branch: newBranch }, force);
    else await repo.switchTo({ branch: newBranch }, force);
    if (current) previousBranch.set(repo, current);
    err(`Switched to a new branch '${newBranch}'\n`);
    return 0;
  }
  const target = p.positional[0];
  if (!target) throw new GitError('error: In this lab, name a branch, a commit, or "-- <path>" to check out.', 1);
  if (target === '-') {
    const prev = previousBranch.get(repo);
    if (!prev) throw new GitError('error: no previous branch', 1);
    return doSwitchBranch(repo, prev, err, force);
  }
  if ((await repo.branches()).includes(target)) return doSwitchBranch(repo, target, err, force);
  let oid: string;
  try {
    oid = await repo.resolveRev(target);
  } catch {
    // `git checkout <path>` restores a file from the index when no revision has that name.
    const spec = toRel(cwd, target);
    const index = await repo.indexFiles();
    if ([...index.keys()].some((k) => k === spec || k.startsWith(spec + '/') || spec === '.')) {
      await repo.restore([spec === '.' ? '' : spec]);
      note('Updated 1 path from the index\n');
      return 0;
    }
    throw new GitError(`error: pathspec '${target}' did not match any file(s) known to git`, 1);
  }
  const current = await repo.currentBranch();
  await repo.switchTo({ detach: oid }, force);
  if (current) previousBranch.set(repo, current);
  await detachedNote(repo, target, oid, err);
  return 0;
}

async function cmdSwitch(repo: GitRepo, args: readonly string[], _out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const p = parseArgs(args, ['-c', '-C', '--create']);
  const create = value(p, '-c', '-C', '--create');
  const force = has(p, '-f', '--force', '--discard-changes');
  if (create) {
    const start = p.positional[0] ? await repo.resolveRev(p.positional[0]) : await repo.headOid();
    const current = await repo.currentBranch();
    await repo.createBranch(create, start, false);
    await repo.switchTo({ branch: create }, force);
    if (current) previousBranch.set(repo, current);
    err(`Switched to a new branch '${create}'\n`);
    return 0;
  }
  const target = p.positional[0];
  if (!target) throw new GitError('fatal: missing branch or commit argument', 128);
  if (has(p, '-d', '--detach')) {
    const oid = await repo.resolveRev(target);
    const current = await repo.currentBranch();
    await repo.switchTo({ detach: oid }, force);
    if (current) previousBranch.set(repo, current);
    err(`HEAD is now at ${short(oid)} ${subject((await repo.readCommit(oid)).message)}\n`);
    return 0;
  }
  if (target === '-') {
    const prev = previousBranch.get(repo);
    if (!prev) throw new GitError('fatal: invalid reference: @{-1}', 128);
    return doSwitchBranch(repo, prev, err, force);
  }
  if ((await repo.branches()).includes(target)) return doSwitchBranch(repo, target, err, force);
  if ((await repo.tags()).includes(target)) {
    throw new GitError(`fatal: a branch is expected, got tag '${target}'\nhint: If you want to detach HEAD at the commit, try again with the --detach option.`, 128);
  }
  const asCommit = await repo.resolveRev(target).catch(() => null);
  if (asCommit) {
    throw new GitError(`fatal: a branch is expected, got commit '${target}'\nhint: If you want to detach HEAD at the commit, try again with the --detach option.`, 128);
  }
  throw new GitError(`fatal: invalid reference: ${target}`, 128);
}

async function cmdBranch(repo: GitRepo, args: readonly string[], io: GitIo, out: (s: string) => void): Promise<number> {
  const p = parseArgs(args);
  if (has(p, '-d', '-D', '--delete')) {
    for (const name of p.positional) {
      const oid = await repo.deleteBranch(name);
      out(`Deleted branch ${name} (was ${short(oid)}).\n`);
    }
    return 0;
  }
  if (p.positional.length > 0) {
    const [name, start] = p.positional;
    const startOid = start ? await repo.resolveRev(start) : await repo.headOid();
    if (!startOid) throw new GitError(`fatal: not a valid object name: '${(await repo.currentBranch()) ?? 'HEAD'}'`);
    await repo.createBranch(name!, startOid, false);
    return 0;
  }
  const current = await repo.currentBranch();
  const lines: string[] = [];
  const green = esc('32', io.tty);
  if (!current) {
    const head = await repo.headOid();
    if (head) lines.push(`* ${green(`(HEAD detached at ${short(head)})`)}`);
  }
  for (const b of await repo.branches()) lines.push(b === current ? `* ${green(b)}` : `  ${b}`);
  out(lines.map((l) => l + '\n').join(''));
  return 0;
}

async function cmdRestore(repo: GitRepo, args: readonly string[], cwd: string): Promise<number> {
  const p = parseArgs(args, ['-s', '--source']);
  const specs = [...p.positional, ...(p.paths ?? [])];
  if (specs.length === 0) throw new GitError('fatal: you must specify path(s) to restore', 128);
  const staged = has(p, '-S', '--staged');
  const worktree = has(p, '-W', '--worktree') || !staged;
  await repo.restore(
    specs.map((s) => toRel(cwd, s)).map((s) => (s === '.' ? '' : s)),
    { staged, worktree, source: value(p, '-s', '--source') },
  );
  return 0;
}

async function cmdReset(repo: GitRepo, args: readonly string[], cwd: string, out: (s: string) => void): Promise<number> {
  const p = parseArgs(args);
  const mode = has(p, '--hard') ? 'hard' : has(p, '--soft') ? 'soft' : 'mixed';
  let rev = 'HEAD';
  let paths = p.paths ?? [];
  if (p.positional.length > 0) {
    const first = p.positional[0]!;
    const isRev = await repo.resolveRev(first).then(() => true, () => false);
    if (isRev) {
      rev = first;
      paths = [...p.positional.slice(1), ...paths];
    } else paths = [...p.positional, ...paths];
  }
  if (paths.length > 0) {
    if (mode !== 'mixed') throw new GitError(`fatal: Cannot do ${mode} reset with paths.`);
    await repo.resetPaths(paths.map((s) => toRel(cwd, s)).map((s) => (s === '.' ? '' : s)), rev);
  } else {
    if ((await repo.headOid()) === null) throw new GitError("fatal: ambiguous argument 'HEAD': unknown revision or path not in the working tree.");
    await repo.reset(rev, mode);
  }
  if (mode === 'hard') {
    const oid = await repo.resolveRev('HEAD');
    out(`HEAD is now at ${short(oid)} ${subject((await repo.readCommit(oid)).message)}\n`);
  } else if (mode === 'mixed') {
    const st = await repo.status();
    if (st.unstaged.length) {
      out('Unstaged changes after reset:\n' + st.unstaged.map((c) => `${c.kind === 'deleted' ? 'D' : 'M'}\t${gitQuotePath(c.path)}\n`).join(''));
    }
  }
  return 0;
}

async function cmdTag(repo: GitRepo, args: readonly string[], out: (s: string) => void): Promise<number> {
  const p = parseArgs(args);
  if (p.positional.length === 0) {
    out((await repo.tags()).map((t) => t + '\n').join(''));
    return 0;
  }
  const [name, rev] = p.positional;
  if ((await repo.tags()).includes(name!) && !has(p, '-f', '--force')) throw new GitError(`fatal: tag '${name}' already exists`);
  await repo.tag(name!, await repo.resolveRev(rev ?? 'HEAD'));
  return 0;
}

async function cmdConfig(repo: GitRepo, args: readonly string[], out: (s: string) => void): Promise<number> {
  const p = parseArgs(args);
  const [key, val] = p.positional;
  if (!key || !['user.name', 'user.email'].includes(key)) {
    throw new GitError('error: In this lab, git config supports user.name and user.email only.', 1);
  }
  const git = await repo.git();
  const base = { fs: repo.ws.fs, dir: repo.ws.dir, gitdir: repo.ws.gitdir };
  if (val === undefined) {
    const v = await git.getConfig({ ...base, path: key });
    if (v === undefined) return 1;
    out(`${String(v)}\n`);
    return 0;
  }
  await git.setConfig({ ...base, path: key, value: val });
  await repo.ws.fs.flush?.();
  return 0;
}
