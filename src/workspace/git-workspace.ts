// The build context as a git working tree. File operations go straight to a promise fs (an in-memory
// MemFs in Node, the same MemFs written through to IndexedDB in the browser); git operations load isomorphic-git lazily.
// In this lab the repository's .git folder lives beside the working tree rather than inside it, so it is
// never part of the build context.

import { WorkspaceError, type Workspace, type WorkspaceErrorCode, type WorkspaceStat, type WorkspaceTreeNode } from './types.ts';
import { MemFs, type PromiseFs } from './memfs.ts';

export interface WorkspaceChange {
  readonly kind: 'write' | 'remove' | 'rename' | 'mkdir' | 'chmod' | 'touch' | 'reload';
  /** Workspace-relative paths without a leading slash ('' for the root). */
  readonly paths: readonly string[];
}

export interface GitWorkspaceOptions {
  readonly fs: PromiseFs;
  /** Absolute folder of the working tree inside `fs`. Default `/work`. */
  readonly dir?: string;
  /** Absolute folder of the git database inside `fs`. Default `/git`. */
  readonly gitdir?: string;
}

const KNOWN_CODES: readonly WorkspaceErrorCode[] = ['ENOENT', 'EEXIST', 'ENOTDIR', 'EISDIR', 'ENOTEMPTY', 'EINVAL', 'ENOSPC'];

/** Normalises a workspace path to its relative form: `/a/./b/` and `a/b` both give `a/b`; the root gives ''. */
export function relPath(path: string): string {
  const out: string[] = [];
  for (const p of path.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') {
      if (out.length === 0) throw new WorkspaceError('EINVAL', path, `EINVAL: path escapes the workspace: ${path}`);
      out.pop();
    } else out.push(p);
  }
  return out.join('/');
}

function toWorkspaceError(err: unknown, path: string): unknown {
  if (err instanceof WorkspaceError) return err;
  const code = (err as { code?: string } | null)?.code;
  if (code && (KNOWN_CODES as readonly string[]).includes(code)) return new WorkspaceError(code as WorkspaceErrorCode, path);
  if (err instanceof DOMException && err.name === 'QuotaExceededError') return new WorkspaceError('ENOSPC', path);
  return err;
}

export class GitWorkspace implements Workspace {
  readonly fs: PromiseFs;
  readonly dir: string;
  readonly gitdir: string;
  private listeners = new Set<(change: WorkspaceChange) => void>();

  constructor(options: GitWorkspaceOptions) {
    this.fs = options.fs;
    this.dir = options.dir ?? '/work';
    this.gitdir = options.gitdir ?? '/git';
  }

  /** Creates the working-tree folder when missing. */
  async ensureRoot(): Promise<void> {
    for (const d of [this.dir]) {
      try {
        await this.fs.stat(d);
      } catch {
        await this.fs.mkdir(d);
      }
    }
  }

  private batching = 0;
  private background: Promise<unknown> = Promise.resolve();

  private kicks: (() => void)[] = [];

  /**
   * Registers work on the repository that runs in the background (the samples' history); git waits
   * for it. `kick`, when given, starts deferred work at once (called by settled()).
   */
  track(work: Promise<unknown>, kick?: () => void): void {
    const prev = this.background;
    this.background = Promise.all([prev, work.catch(() => undefined)]);
    if (kick) this.kicks.push(kick);
  }

  /** Starts any deferred background work and resolves when all of it has finished. */
  settled(): Promise<unknown> {
    const kicks = this.kicks;
    this.kicks = [];
    for (const k of kicks) k();
    return this.background;
  }

  /** Makes the last change durable (one storage transaction), unless inside batch(). */
  private async durable(): Promise<void> {
    if (this.batching === 0) await this.save();
  }

  /**
   * Stores pending changes. A storage failure (a full disk) is not the change's failure: the change is
   * made, in memory, and the storage reports its failure to the learner itself (PersistentFs.onError),
   * so a command's answer stays true ("echo x > f" wrote f) and is not an error such as ENOENT.
   */
  private async save(): Promise<void> {
    try {
      await this.fs.flush?.();
    } catch {
      /* reported by the storage; the pending changes are retried at the next save */
    }
  }

  /** Runs many changes with one save at the end instead of one per change (seeding, imports, checkouts). */
  async batch<T>(fn: () => Promise<T>): Promise<T> {
    this.batching++;
    try {
      return await fn();
    } finally {
      this.batching--;
      if (this.batching === 0) await this.save();
    }
  }

  /** Listens to every change made through this workspace (the shell's and the editor's alike). */
  onChange(listener: (change: WorkspaceChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tells listeners that files changed behind the workspace's back (git checkout, reset, import). */
  notify(change: WorkspaceChange): void {
    for (const l of this.listeners) l(change);
  }

  abs(path: string): string {
    const rel = relPath(path);
    return rel === '' ? this.dir : `${this.dir}/${rel}`;
  }

  private async guard<T>(path: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw toWorkspaceError(err, path);
    }
  }

  async readFile(path: string): Promise<Uint8Array> {
    return this.guard(path, async () => {
      // Shared, not copied: the Workspace contract says callers never modify the bytes, and the build
      // context's hash memo relies on getting the same array for an unchanged file.
      const data = await this.fs.readFile(this.abs(path), { shared: true });
      return typeof data === 'string' ? new TextEncoder().encode(data) : data;
    });
  }

  async writeFile(path: string, data: Uint8Array | string, options?: { mode?: number }): Promise<void> {
    await this.guard(path, async () => {
      const abs = this.abs(path);
      if (relPath(path) === '') throw new WorkspaceError('EISDIR', path);
      const st = await this.fs.stat(abs).catch(() => null);
      if (st?.isDirectory()) throw new WorkspaceError('EISDIR', path);
      const mode = options?.mode ?? (st ? st.mode & 0o7777 : 0o644);
      await this.fs.writeFile(abs, data, { mode });
      await this.durable();
    });
    this.notify({ kind: 'write', paths: [relPath(path)] });
  }

  async stat(path: string): Promise<WorkspaceStat | null> {
    try {
      const st = await this.fs.lstat(this.abs(path));
      const type = st.isDirectory() ? 'dir' : st.isSymbolicLink() ? 'symlink' : 'file';
      if (type === 'symlink') this.linkTargets.set(relPath(path), await this.fs.readlink(this.abs(path)));
      return { type, mode: st.mode & 0o7777, size: type === 'dir' ? 0 : st.size, mtimeMs: st.mtimeMs };
    } catch (err) {
      const code = (err as { code?: string } | null)?.code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return null;
      throw toWorkspaceError(err, path);
    }
  }

  /** The folder's whole tree in one call when the fs can give it (MemFs, PersistentFs), for the build context. */
  async readTree(path: string): Promise<WorkspaceTreeNode | null> {
    if (!this.fs.readTree) return null;
    return this.guard(path, () => this.fs.readTree!(this.abs(path)));
  }

  async readdir(path: string): Promise<string[]> {
    return this.guard(path, async () => {
      const st = await this.fs.stat(this.abs(path));
      if (!st.isDirectory()) throw new WorkspaceError('ENOTDIR', path);
      return (await this.fs.readdir(this.abs(path))).sort();
    });
  }

  async mkdir(path: string, options?: { recursive?: boolean }): Promise<void> {
    const rel = relPath(path);
    await this.guard(path, async () => {
      if (!options?.recursive) {
        await this.fs.mkdir(this.abs(rel));
        return;
      }
      const parts = rel.split('/').filter(Boolean);
      for (let i = 1; i <= parts.length; i++) {
        const sub = parts.slice(0, i).join('/');
        const st = await this.fs.stat(this.abs(sub)).catch(() => null);
        if (st && !st.isDirectory()) throw new WorkspaceError('ENOTDIR', sub);
        if (!st) await this.fs.mkdir(this.abs(sub));
      }
    });
    await this.durable();
    this.notify({ kind: 'mkdir', paths: [rel] });
  }

  private async removeTree(abs: string): Promise<void> {
    const st = await this.fs.lstat(abs);
    if (st.isDirectory()) {
      for (const name of await this.fs.readdir(abs)) await this.removeTree(`${abs}/${name}`);
      await this.fs.rmdir(abs);
    } else {
      await this.fs.unlink(abs);
    }
  }

  async remove(path: string, options?: { recursive?: boolean }): Promise<void> {
    const rel = relPath(path);
    await this.guard(path, async () => {
      if (rel === '') throw new WorkspaceError('EINVAL', path);
      const abs = this.abs(rel);
      const st = await this.fs.lstat(abs);
      if (st.isDirectory()) {
        if (options?.recursive) await this.removeTree(abs);
        else await this.fs.rmdir(abs);
      } else {
        await this.fs.unlink(abs);
      }
    });
    await this.durable();
    this.notify({ kind: 'remove', paths: [rel] });
  }

  async rename(from: string, to: string): Promise<void> {
    const a = relPath(from);
    const b = relPath(to);
    await this.guard(from, async () => {
      if (a === '' || b === '') throw new WorkspaceError('EINVAL', from);
      await this.fs.lstat(this.abs(a));
      const parent = b.includes('/') ? b.slice(0, b.lastIndexOf('/')) : '';
      const pst = await this.fs.stat(this.abs(parent)).catch(() => null);
      if (!pst) throw new WorkspaceError('ENOENT', to);
      if (!pst.isDirectory()) throw new WorkspaceError('ENOTDIR', to);
      await this.fs.rename(this.abs(a), this.abs(b));
    });
    await this.durable();
    this.notify({ kind: 'rename', paths: [a, b] });
  }

  async chmod(path: string, mode: number): Promise<void> {
    const rel = relPath(path);
    await this.guard(path, async () => {
      const abs = this.abs(rel);
      if (this.fs.chmod) {
        await this.fs.chmod(abs, mode & 0o7777);
      } else {
        const st = await this.fs.stat(abs);
        if (st.isDirectory()) return; // without chmod, directory modes are left as they are
        const data = await this.fs.readFile(abs);
        await this.fs.writeFile(abs, data, { mode: mode & 0o7777 });
      }
    });
    await this.durable();
    this.notify({ kind: 'chmod', paths: [rel] });
  }

  async touch(path: string, mtimeMs: number): Promise<void> {
    const rel = relPath(path);
    await this.guard(path, async () => {
      const abs = this.abs(rel);
      const st = await this.fs.stat(abs).catch(() => null);
      if (!st) {
        await this.fs.writeFile(abs, new Uint8Array(0), { mode: 0o644 });
      } else if (!this.fs.utimes && !st.isDirectory()) {
        // No utimes: rewriting the same bytes moves the mtime to now.
        const data = await this.fs.readFile(abs);
        await this.fs.writeFile(abs, data, { mode: st.mode & 0o7777 });
      }
      if (this.fs.utimes) await this.fs.utimes(abs, mtimeMs, mtimeMs);
    });
    await this.durable();
    this.notify({ kind: 'touch', paths: [rel] });
  }

  /** Symlink targets seen by stat() or made by symlink(), for the synchronous readlink() the build context uses. */
  private linkTargets = new Map<string, string>();

  /** Adds a symbolic link (the Workspace interface has none; the headless CLI uses it to import a folder). */
  async symlink(path: string, target: string): Promise<void> {
    const rel = relPath(path);
    await this.guard(path, async () => {
      if (rel === '') throw new WorkspaceError('EEXIST', path);
      await this.fs.symlink(target, this.abs(rel));
    });
    this.linkTargets.set(rel, target);
    await this.durable();
    this.notify({ kind: 'write', paths: [rel] });
  }

  /**
   * The target of the symlink at `path` as last seen by stat() or symlink(), or undefined. Synchronous
   * like MemoryWorkspace.readlink, because the build context reads it right after stat()ing the entry.
   */
  readlink(path: string): string | undefined {
    return this.linkTargets.get(relPath(path));
  }

  /** Every entry below the root (directories too), sorted, with absolute-style paths (`/src/a.js`). */
  async list(): Promise<{ path: string; type: 'file' | 'dir' | 'symlink' }[]> {
    const out: { path: string; type: 'file' | 'dir' | 'symlink' }[] = [];
    const visit = async (rel: string): Promise<void> => {
      for (const name of await this.fs.readdir(this.abs(rel))) {
        const child = rel ? `${rel}/${name}` : name;
        const st = await this.fs.lstat(this.abs(child));
        const type = st.isDirectory() ? 'dir' : st.isSymbolicLink() ? 'symlink' : 'file';
        out.push({ path: `/${child}`, type });
        if (type === 'dir') await visit(child);
      }
    };
    await visit('');
    return out.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
  }

  /** Every regular file and symlink below the root, as sorted relative paths. */
  async listFiles(): Promise<string[]> {
    const out: string[] = [];
    const visit = async (rel: string): Promise<void> => {
      for (const name of await this.fs.readdir(this.abs(rel))) {
        const child = rel ? `${rel}/${name}` : name;
        const st = await this.fs.lstat(this.abs(child));
        if (st.isDirectory()) await visit(child);
        else out.push(child);
      }
    };
    await visit('');
    return out.sort();
  }

  /**
   * Replaces the whole working tree with `files` (an import), all or nothing: the new tree is first
   * built in a scratch filesystem, so a clash (`a` a file and `a/b` too) fails before anything here
   * changes; then the swap runs as one batch, saved in one storage transaction, and an unexpected
   * failure half-way puts the old files back.
   */
  async replaceFiles(files: readonly { path: string; data: Uint8Array; mode: number }[]): Promise<void> {
    const write = async (ws: GitWorkspace, list = files): Promise<void> => {
      for (const f of list) {
        const dir = f.path.includes('/') ? f.path.slice(0, f.path.lastIndexOf('/')) : '';
        if (dir) await ws.mkdir(dir, { recursive: true });
        await ws.writeFile(f.path, f.data, { mode: f.mode });
      }
    };
    const scratch = new GitWorkspace({ fs: new MemFs() });
    await scratch.ensureRoot();
    await write(scratch);
    const old: { path: string; data: Uint8Array; mode: number }[] = [];
    for (const e of await this.list()) {
      if (e.type !== 'file') continue;
      const st = await this.stat(e.path);
      old.push({ path: e.path.slice(1), data: await this.readFile(e.path), mode: st?.mode ?? 0o644 });
    }
    const quiet = this.listeners;
    this.listeners = new Set();
    try {
      await this.batch(async () => {
        try {
          await this.clear();
          await write(this);
        } catch (err) {
          await this.clear();
          await write(this, old);
          throw err;
        }
      });
    } finally {
      this.listeners = quiet;
    }
    this.notify({ kind: 'reload', paths: [] });
  }

  /** Removes everything in the working tree (not the git database). */
  async clear(): Promise<void> {
    for (const name of await this.fs.readdir(this.dir)) await this.removeTree(`${this.dir}/${name}`);
    await this.durable();
  }
}

/** A git workspace over an in-memory filesystem (Node: the headless CLI and unit tests). */
export async function createInMemoryGitWorkspace(): Promise<GitWorkspace> {
  const ws = new GitWorkspace({ fs: new MemFs() });
  await ws.ensureRoot();
  return ws;
}
