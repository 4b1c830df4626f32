// git's subcommands that move HEAD, branches and files between commits: checkout, switch, branch,
// restore, reset, tag, and config for the author's name and email.
import { gitQuotePath } from '../../workspace/names.ts';
import { GitError, type GitRepo } from '../../workspace/git.ts';
import { esc, toRel, subject, short, parseArgs, has, value, type GitIo } from './git-args.ts';

/** The branch `git switch -` and `git checkout -` go back to, per repository. */
const previousBranch = new WeakMap<GitRepo, string>();

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

export async function cmdCheckout(repo: GitRepo, args: readonly string[], cwd: string, tty: boolean, err0: (s: string) => void): Promise<number> {
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

export async function cmdSwitch(repo: GitRepo, args: readonly string[], _out: (s: string) => void, err: (s: string) => void): Promise<number> {
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

export async function cmdBranch(repo: GitRepo, args: readonly string[], io: GitIo, out: (s: string) => void): Promise<number> {
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

export async function cmdRestore(repo: GitRepo, args: readonly string[], cwd: string): Promise<number> {
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

export async function cmdReset(repo: GitRepo, args: readonly string[], cwd: string, out: (s: string) => void): Promise<number> {
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

export async function cmdTag(repo: GitRepo, args: readonly string[], out: (s: string) => void): Promise<number> {
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

export async function cmdConfig(repo: GitRepo, args: readonly string[], out: (s: string) => void): Promise<number> {
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
