// Git operations over a GitWorkspace, built on isomorphic-git (loaded lazily). This module returns data;
// `src/shell/commands/git-cli.ts` turns it into the text real git prints.

import type { GitWorkspace } from './git-workspace.ts';
import { loadGit, type IsoGit } from './git-loader.ts';
import { normalizePath } from '../engine/fs/index.ts';

export interface Identity {
  readonly name: string;
  readonly email: string;
}

/** In this lab every commit is made by this identity unless `git config` says otherwise. */
export const LAB_IDENTITY: Identity = { name: 'Lab Learner', email: 'learner@layerlab.invalid' };

export interface FileEntry {
  readonly oid: string;
  /** Git file mode: 0o100644, 0o100755 or 0o120000. */
  readonly mode: number;
}

export type Snapshot = Map<string, FileEntry>;

export type ChangeKind = 'new file' | 'modified' | 'deleted';

export interface Change {
  readonly path: string;
  readonly kind: ChangeKind;
}

export interface RepoStatus {
  readonly branch: string | undefined;
  readonly head: string | null;
  readonly staged: readonly Change[];
  readonly unstaged: readonly Change[];
  readonly untracked: readonly string[];
}

export interface CommitInfo {
  readonly oid: string;
  readonly message: string;
  readonly parents: readonly string[];
  readonly tree: string;
  readonly author: { name: string; email: string; timestamp: number; timezoneOffset: number };
}

export class GitError extends Error {
  /** Exit status git would use (128 for fatal errors, 1 for usage-level errors). */
  readonly status: number;
  constructor(message: string, status = 128) {
    super(message);
    this.status = status;
  }
}

const ZERO_OID = '0000000000000000000000000000000000000000';
export { ZERO_OID };

export class GitRepo {
  readonly ws: GitWorkspace;
  private cache: object = {};
  /** Clock for commit times (ms). */
  now: () => number;
  timezoneOffset: () => number;

  constructor(ws: GitWorkspace, options: { now?: () => number; timezoneOffset?: () => number } = {}) {
    this.ws = ws;
    this.now = options.now ?? (() => Date.now());
    this.timezoneOffset = options.timezoneOffset ?? (() => new Date().getTimezoneOffset());
  }

  async git(): Promise<IsoGit> {
    return loadGit();
  }

  private base(): { fs: GitWorkspace['fs']; dir: string; gitdir: string; cache: object } {
    return { fs: this.ws.fs, dir: this.ws.dir, gitdir: this.ws.gitdir, cache: this.cache };
  }

  /** Forgets cached packfile data (after another tab or an import replaced the database). */
  resetCache(): void {
    this.cache = {};
  }

  async isRepo(): Promise<boolean> {
    try {
      await this.ws.fs.stat(`${this.ws.gitdir}/HEAD`);
      return true;
    } catch {
      return false;
    }
  }

  async requireRepo(): Promise<void> {
    if (!(await this.isRepo())) throw new GitError('fatal: not a git repository (or any of the parent directories): .git');
  }

  /** Creates the repository; returns false when it already existed (git then says "Reinitialized"). */
  async init(defaultBranch = 'main'): Promise<boolean> {
    const existed = await this.isRepo();
    const git = await this.git();
    await this.ws.ensureRoot();
    if (!existed) {
      await git.init({ ...this.base(), defaultBranch });
      await git.setConfig({ ...this.base(), path: 'user.name', value: LAB_IDENTITY.name });
      await git.setConfig({ ...this.base(), path: 'user.email', value: LAB_IDENTITY.email });
      await this.ws.fs.flush?.();
    }
    return !existed;
  }

  async identity(): Promise<Identity> {
    const git = await this.git();
    const name = (await git.getConfig({ ...this.base(), path: 'user.name' })) as string | undefined;
    const email = (await git.getConfig({ ...this.base(), path: 'user.email' })) as string | undefined;
    return { name: name ?? LAB_IDENTITY.name, email: email ?? LAB_IDENTITY.email };
  }

  async currentBranch(): Promise<string | undefined> {
    const git = await this.git();
    return (await git.currentBranch({ ...this.base(), fullname: false })) ?? undefined;
  }

  async headOid(): Promise<string | null> {
    const git = await this.git();
    try {
      return await git.resolveRef({ ...this.base(), ref: 'HEAD' });
    } catch {
      return null;
    }
  }

  async branches(): Promise<string[]> {
    const git = await this.git();
    return (await git.listBranches({ ...this.base() })).sort();
  }

  async tags(): Promise<string[]> {
    const git = await this.git();
    return (await git.listTags({ ...this.base() })).sort();
  }

  /** Resolves a revision (HEAD, branch, tag, full or abbreviated oid, with ~n and ^ suffixes) to a commit oid. */
  async resolveRev(rev: string): Promise<string> {
    const git = await this.git();
    const m = /^(.*?)((?:[~^]\d*)*)$/.exec(rev);
    const baseName = m?.[1] || 'HEAD';
    const suffix = m?.[2] ?? '';
    let oid: string | null = null;
    const candidates = baseName === '@' ? ['HEAD'] : [baseName, `refs/heads/${baseName}`, `refs/tags/${baseName}`];
    for (const ref of candidates) {
      try {
        oid = await git.resolveRef({ ...this.base(), ref });
        break;
      } catch {
        /* try the next form */
      }
    }
    if (oid === null && /^[0-9a-f]{4,40}$/.test(baseName)) {
      try {
        oid = await git.expandOid({ ...this.base(), oid: baseName });
      } catch {
        oid = null;
      }
    }
    if (oid === null) throw new GitError(`fatal: ambiguous argument '${rev}': unknown revision or path not in the working tree.`);
    // Annotated tags point at tag objects; peel them.
    const obj = await git.readObject({ ...this.base(), oid, format: 'parsed' }).catch(() => null);
    if (obj && obj.type === 'tag') oid = (obj.object as { object: string }).object;
    for (const step of suffix.match(/[~^]\d*/g) ?? []) {
      const n = step.length > 1 ? Number(step.slice(1)) : 1;
      if (step[0] === '~') {
        for (let i = 0; i < n; i++) {
          const c = await this.readCommit(oid!);
          if (!c.parents[0]) throw new GitError(`fatal: ambiguous argument '${rev}': unknown revision or path not in the working tree.`);
          oid = c.parents[0];
        }
      } else {
        if (n === 0) continue;
        const c = await this.readCommit(oid!);
        const p = c.parents[n - 1];
        if (!p) throw new GitError(`fatal: ambiguous argument '${rev}': unknown revision or path not in the working tree.`);
        oid = p;
      }
    }
    return oid!;
  }

  async readCommit(oid: string): Promise<CommitInfo> {
    const git = await this.git();
    const { commit } = await git.readCommit({ ...this.base(), oid });
    return { oid, message: commit.message, parents: commit.parent, tree: commit.tree, author: commit.author };
  }

  async readBlob(oid: string): Promise<Uint8Array> {
    const git = await this.git();
    const { blob } = await git.readBlob({ ...this.base(), oid });
    return blob;
  }

  /** Files of a commit's tree. */
  async treeOf(commitOid: string | null): Promise<Snapshot> {
    const out: Snapshot = new Map();
    if (commitOid === null) return out;
    const git = await this.git();
    await git.walk({
      ...this.base(),
      trees: [git.TREE({ ref: commitOid })],
      map: async (filepath, [entry]) => {
        if (!entry || filepath === '.') return undefined;
        const type = await entry.type();
        if (type === 'blob' || type === 'commit') {
          out.set(filepath, { oid: await entry.oid(), mode: await entry.mode() });
        }
        return undefined;
      },
    });
    return out;
  }

  async indexFiles(): Promise<Snapshot> {
    const out: Snapshot = new Map();
    const git = await this.git();
    await git.walk({
      ...this.base(),
      trees: [git.STAGE()],
      map: async (filepath, [entry]) => {
        if (!entry || filepath === '.') return undefined;
        const type = await entry.type();
        if (type === 'blob') out.set(filepath, { oid: await entry.oid(), mode: await entry.mode() });
        return undefined;
      },
    });
    return out;
  }

  async workdirFiles(): Promise<Snapshot> {
    const out: Snapshot = new Map();
    const git = await this.git();
    for (const path of await this.ws.listFiles()) {
      const st = await this.ws.stat(path);
      if (!st) continue;
      let object: Uint8Array;
      let mode: number;
      if (st.type === 'symlink') {
        object = new TextEncoder().encode(await this.ws.fs.readlink(this.ws.abs(path)));
        mode = 0o120000;
      } else {
        object = await this.ws.readFile(path);
        mode = st.mode & 0o111 ? 0o100755 : 0o100644;
      }
      const { oid } = await git.hashBlob({ object });
      out.set(path, { oid, mode });
    }
    return out;
  }

  async isIgnored(path: string): Promise<boolean> {
    const git = await this.git();
    return git.isIgnored({ ...this.base(), filepath: path });
  }

  async status(): Promise<RepoStatus> {
    await this.requireRepo();
    const head = await this.headOid();
    const [tree, index, work] = await Promise.all([this.treeOf(head), this.indexFiles(), this.workdirFiles()]);
    const staged: Change[] = [];
    const unstaged: Change[] = [];
    const untracked: string[] = [];
    for (const path of new Set([...tree.keys(), ...index.keys()])) {
      const a = tree.get(path);
      const b = index.get(path);
      if (!a && b) staged.push({ path, kind: 'new file' });
      else if (a && !b) staged.push({ path, kind: 'deleted' });
      else if (a && b && (a.oid !== b.oid || a.mode !== b.mode)) staged.push({ path, kind: 'modified' });
    }
    for (const [path, b] of index) {
      const w = work.get(path);
      if (!w) unstaged.push({ path, kind: 'deleted' });
      else if (w.oid !== b.oid || w.mode !== b.mode) unstaged.push({ path, kind: 'modified' });
    }
    for (const path of work.keys()) {
      if (!index.has(path) && !(await this.isIgnored(path))) untracked.push(path);
    }
    const byPath = (x: Change, y: Change) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0);
    return { branch: await this.currentBranch(), head, staged: staged.sort(byPath), unstaged: unstaged.sort(byPath), untracked: untracked.sort() };
  }

  /** `git add`: stages the given paths (files or folders, '.' for all), including deletions. */
  async add(pathspecs: readonly string[]): Promise<void> {
    await this.requireRepo();
    const git = await this.git();
    const [index, work] = await Promise.all([this.indexFiles(), this.workdirFiles()]);
    const matched = new Set<string>();
    for (const spec of pathspecs) {
      const p = normSpec(spec);
      let any = false;
      for (const path of new Set([...index.keys(), ...work.keys()])) {
        if (matchesSpec(path, p)) {
          any = true;
          if (work.has(path) && (p !== '' || !(await this.isIgnored(path)))) matched.add(path);
          else if (!work.has(path)) matched.add(path);
        }
      }
      if (!any) throw new GitError(`fatal: pathspec '${spec}' did not match any files`);
    }
    for (const path of [...matched].sort()) {
      if (work.has(path)) await git.add({ ...this.base(), filepath: path });
      else await git.remove({ ...this.base(), filepath: path });
    }
    await this.ws.fs.flush?.();
  }

  /** Stages every change to tracked files (what `commit -a` does first). */
  async addTracked(): Promise<void> {
    const git = await this.git();
    const [index, work] = await Promise.all([this.indexFiles(), this.workdirFiles()]);
    for (const [path, entry] of index) {
      const w = work.get(path);
      if (!w) await git.remove({ ...this.base(), filepath: path });
      else if (w.oid !== entry.oid || w.mode !== entry.mode) await git.add({ ...this.base(), filepath: path });
    }
  }

  async commit(message: string, options: { timestamp?: number; author?: Identity } = {}): Promise<string> {
    const git = await this.git();
    const who = options.author ?? (await this.identity());
    const timestamp = options.timestamp ?? Math.floor(this.now() / 1000);
    const author = { ...who, timestamp, timezoneOffset: options.timestamp !== undefined ? 0 : this.timezoneOffset() };
    const oid = await git.commit({ ...this.base(), message, author, committer: author });
    await this.ws.fs.flush?.();
    return oid;
  }

  async log(rev: string, limit?: number): Promise<CommitInfo[]> {
    const git = await this.git();
    const start = await this.resolveRev(rev);
    const entries = await git.log({ ...this.base(), ref: start, depth: limit });
    return entries.map((e) => ({ oid: e.oid, message: e.commit.message, parents: e.commit.parent, tree: e.commit.tree, author: e.commit.author }));
  }

  /** Decorations for log output: oid → names like `HEAD -> main`, `tag: step-1`, `dev`. */
  async decorations(): Promise<Map<string, string[]>> {
    const git = await this.git();
    const out = new Map<string, string[]>();
    const push = (oid: string, name: string) => out.set(oid, [...(out.get(oid) ?? []), name]);
    const current = await this.currentBranch();
    const head = await this.headOid();
    if (head && current === undefined) push(head, 'HEAD');
    for (const b of await this.branches()) {
      const oid = await git.resolveRef({ ...this.base(), ref: `refs/heads/${b}` }).catch(() => null);
      if (!oid) continue;
      if (b === current) {
        out.set(oid, [`HEAD -> ${b}`, ...(out.get(oid) ?? [])]);
      } else push(oid, b);
    }
    for (const t of await this.tags()) {
      const oid = await this.resolveRev(t).catch(() => null);
      if (oid) push(oid, `tag: ${t}`);
    }
    return out;
  }

  async createBranch(name: string, startOid: string | null, checkout = false): Promise<void> {
    const git = await this.git();
    if ((await this.branches()).includes(name)) throw new GitError(`fatal: a branch named '${name}' already exists`);
    try {
      await git.branch({ ...this.base(), ref: name, object: startOid ?? undefined, checkout: false });
    } catch (err) {
      if ((err as { code?: string }).code === 'InvalidRefNameError') throw new GitError(`fatal: '${name}' is not a valid branch name`);
      throw err;
    }
    if (checkout) await git.writeRef({ ...this.base(), ref: 'HEAD', value: `refs/heads/${name}`, symbolic: true, force: true });
    await this.ws.fs.flush?.();
  }

  async deleteBranch(name: string): Promise<string> {
    const git = await this.git();
    if (!(await this.branches()).includes(name)) throw new GitError(`error: branch '${name}' not found.`, 1);
    if ((await this.currentBranch()) === name) {
      throw new GitError(`error: Cannot delete branch '${name}' checked out at '/'`, 1);
    }
    const oid = await git.resolveRef({ ...this.base(), ref: `refs/heads/${name}` });
    await git.deleteBranch({ ...this.base(), ref: name });
    await this.ws.fs.flush?.();
    return oid;
  }

  /**
   * Switches the working tree, index and HEAD to a branch or (detached) commit, the way `git switch` does:
   * local changes that do not conflict are carried over; conflicting ones stop the switch.
   */
  async switchTo(target: { branch: string } | { detach: string }, force = false): Promise<void> {
    const git = await this.git();
    const targetOid = 'branch' in target ? await git.resolveRef({ ...this.base(), ref: `refs/heads/${target.branch}` }) : target.detach;
    const head = await this.headOid();
    const [from, to, index, work] = await Promise.all([this.treeOf(head), this.treeOf(targetOid), this.indexFiles(), this.workdirFiles()]);
    const changedBetween = [...new Set([...from.keys(), ...to.keys()])].filter((p) => from.get(p)?.oid !== to.get(p)?.oid || from.get(p)?.mode !== to.get(p)?.mode);
    if (!force) {
      const conflicts = changedBetween.filter((p) => {
        const dirtyIndex = index.get(p)?.oid !== from.get(p)?.oid;
        const dirtyWork = work.get(p)?.oid !== index.get(p)?.oid;
        const untrackedInTheWay = !from.has(p) && !index.has(p) && work.has(p) && to.has(p);
        return dirtyIndex || (dirtyWork && index.has(p)) || untrackedInTheWay;
      });
      if (conflicts.length > 0) {
        const untracked = conflicts.filter((p) => !index.has(p) && !from.has(p));
        const local = conflicts.filter((p) => !untracked.includes(p));
        const lines: string[] = [];
        if (local.length) {
          lines.push('error: Your local changes to the following files would be overwritten by checkout:', ...local.map((p) => `\t${p}`), 'Please commit your changes or stash them before you switch branches.');
        }
        if (untracked.length) {
          lines.push('error: The following untracked working tree files would be overwritten by checkout:', ...untracked.map((p) => `\t${p}`), 'Please move or remove them before you switch branches.');
        }
        lines.push('Aborting');
        throw new GitError(lines.join('\n'), 1);
      }
    }
    // Update only the paths that differ between the two commits (all tracked paths when forcing).
    const paths = force ? [...new Set([...from.keys(), ...to.keys(), ...index.keys()])] : changedBetween;
    for (const p of paths) {
      const entry = to.get(p);
      if (entry) {
        await this.writeBlobTo(p, entry);
        await git.add({ ...this.base(), filepath: p });
      } else {
        if (work.has(p)) await this.ws.remove(p).catch(() => undefined);
        await git.remove({ ...this.base(), filepath: p }).catch(() => undefined);
        await this.pruneEmptyDirs(p);
      }
    }
    if ('branch' in target) {
      await git.writeRef({ ...this.base(), ref: 'HEAD', value: `refs/heads/${target.branch}`, symbolic: true, force: true });
    } else {
      await git.writeRef({ ...this.base(), ref: 'HEAD', value: targetOid, force: true });
    }
    await this.ws.fs.flush?.();
    this.ws.notify({ kind: 'reload', paths: [] });
  }

  private async writeBlobTo(path: string, entry: FileEntry): Promise<void> {
    const data = await this.readBlob(entry.oid);
    const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
    if (dir) await this.ws.mkdir(dir, { recursive: true });
    if (entry.mode === 0o120000) {
      await this.ws.remove(path).catch(() => undefined);
      await this.ws.fs.symlink(new TextDecoder().decode(data), this.ws.abs(path));
    } else {
      await this.ws.writeFile(path, data, { mode: entry.mode === 0o100755 ? 0o755 : 0o644 });
    }
  }

  private async pruneEmptyDirs(path: string): Promise<void> {
    let dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
    while (dir) {
      const names = await this.ws.readdir(dir).catch(() => null);
      if (!names || names.length > 0) return;
      await this.ws.remove(dir).catch(() => undefined);
      dir = dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : '';
    }
  }

  /** `git restore [--staged] [--source=rev] paths`: worktree from the index (or source), or index from HEAD. */
  async restore(pathspecs: readonly string[], options: { staged?: boolean; worktree?: boolean; source?: string } = {}): Promise<void> {
    await this.requireRepo();
    const git = await this.git();
    const staged = options.staged ?? false;
    const worktree = options.worktree ?? !staged;
    const head = await this.headOid();
    const sourceOid = options.source ? await this.resolveRev(options.source) : null;
    const index = await this.indexFiles();
    const headTree = await this.treeOf(head);
    const sourceTree = sourceOid ? await this.treeOf(sourceOid) : null;
    const work = await this.workdirFiles();
    for (const spec of pathspecs) {
      const p = normSpec(spec);
      const universe = new Set([...index.keys(), ...headTree.keys(), ...(sourceTree?.keys() ?? [])]);
      const paths = [...universe].filter((x) => matchesSpec(x, p));
      if (paths.length === 0) throw new GitError(`error: pathspec '${spec}' did not match any file(s) known to git`, 1);
      for (const path of paths) {
        if (staged) {
          const from = sourceTree ?? headTree;
          const entry = from.get(path);
          if (entry) {
            await git.resetIndex({ ...this.base(), filepath: path, ref: sourceOid ?? head ?? undefined });
          } else {
            await git.remove({ ...this.base(), filepath: path }).catch(() => undefined);
          }
        }
        if (worktree) {
          const from = sourceTree ?? (staged ? headTree : index);
          const entry = from.get(path);
          if (entry) await this.writeBlobTo(path, entry);
          else if (work.has(path)) await this.ws.remove(path);
        }
      }
    }
    await this.ws.fs.flush?.();
    this.ws.notify({ kind: 'reload', paths: [] });
  }

  /** `git reset [--soft|--mixed|--hard] <commit>`. Returns paths with unstaged changes after a mixed reset. */
  async reset(rev: string, mode: 'soft' | 'mixed' | 'hard'): Promise<Change[]> {
    await this.requireRepo();
    const git = await this.git();
    const target = await this.resolveRev(rev);
    const branch = await this.currentBranch();
    const oldHead = await this.headOid();
    const [oldTree, newTree, index, work] = await Promise.all([this.treeOf(oldHead), this.treeOf(target), this.indexFiles(), this.workdirFiles()]);
    if (branch) await git.writeRef({ ...this.base(), ref: `refs/heads/${branch}`, value: target, force: true });
    else await git.writeRef({ ...this.base(), ref: 'HEAD', value: target, force: true });
    if (mode === 'soft') {
      await this.ws.fs.flush?.();
      return [];
    }
    for (const path of new Set([...index.keys(), ...newTree.keys()])) {
      if (index.get(path)?.oid === newTree.get(path)?.oid && index.get(path)?.mode === newTree.get(path)?.mode) continue;
      if (newTree.has(path)) await git.resetIndex({ ...this.base(), filepath: path, ref: target });
      else await git.remove({ ...this.base(), filepath: path });
    }
    if (mode === 'hard') {
      for (const path of new Set([...index.keys(), ...oldTree.keys(), ...newTree.keys()])) {
        const entry = newTree.get(path);
        if (entry) {
          if (work.get(path)?.oid !== entry.oid || work.get(path)?.mode !== entry.mode) {
            await this.writeBlobTo(path, entry);
          }
          await git.add({ ...this.base(), filepath: path });
        } else if (work.has(path)) {
          await this.ws.remove(path);
          await this.pruneEmptyDirs(path);
        }
      }
    }
    await this.ws.fs.flush?.();
    this.ws.notify({ kind: 'reload', paths: [] });
    if (mode === 'mixed') return (await this.status()).unstaged.slice();
    return [];
  }

  /** `git reset [<rev>] -- paths`: the index entries of the paths go back to the commit's. */
  async resetPaths(pathspecs: readonly string[], rev = 'HEAD'): Promise<void> {
    await this.restore(pathspecs, { staged: true, worktree: false, source: rev === 'HEAD' ? undefined : rev });
  }

  async tag(name: string, oid: string): Promise<void> {
    const git = await this.git();
    await git.tag({ ...this.base(), ref: name, object: oid, force: true });
  }
}

function normSpec(spec: string): string {
  return normalizePath(spec).slice(1);
}

function matchesSpec(path: string, spec: string): boolean {
  if (spec === '') return true;
  if (spec.includes('*')) {
    const re = new RegExp('^' + spec.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
    return re.test(path);
  }
  return path === spec || path.startsWith(spec + '/');
}
