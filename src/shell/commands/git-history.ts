// git's subcommands that record and read history: init, status, add, commit, log, diff and show.
import { gitQuotePath } from '../../workspace/names.ts';
import { GitError, type GitRepo, type Change, type CommitInfo, type Snapshot } from '../../workspace/git.ts';
import { formatFileDiff, countChanges, type DiffColors, type DiffSide } from '../../workspace/diff.ts';
import { esc, toRel, fromCwd, subject, short, formatGitDate, parseArgs, has, value, type GitIo } from './git-args.ts';

export async function cmdInit(repo: GitRepo, _args: readonly string[], out: (s: string) => void): Promise<number> {
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

export async function cmdStatus(repo: GitRepo, args: readonly string[], cwd: string, io: GitIo, out: (s: string) => void): Promise<number> {
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

export async function cmdAdd(repo: GitRepo, args: readonly string[], cwd: string): Promise<number> {
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

export async function cmdCommit(repo: GitRepo, args: readonly string[], cwd: string, io: GitIo, out: (s: string) => void): Promise<number> {
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

export async function cmdLog(repo: GitRepo, args: readonly string[], io: GitIo, out: (s: string) => void): Promise<number> {
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

export async function cmdDiff(repo: GitRepo, args: readonly string[], cwd: string, io: GitIo, out: (s: string) => void): Promise<number> {
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

export async function cmdShow(repo: GitRepo, args: readonly string[], io: GitIo, out: (s: string) => void): Promise<number> {
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
