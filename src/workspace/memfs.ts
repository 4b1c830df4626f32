// A small in-memory POSIX-like filesystem with the promise API isomorphic-git expects
// (readFile, writeFile, mkdir, rmdir, unlink, stat, lstat, readdir, readlink, symlink) plus
// rename, chmod and utimes. Node (unit tests, the headless CLI) runs the git workspace over it;
// the browser uses PersistentFs (src/lab/idb-fs.ts), this same MemFs written through to IndexedDB.
import type { ContextTreeNode } from '../engine/contract.ts';
import { splitPath } from '../engine/fs/index.ts';

export interface FsStats {
  readonly type: 'file' | 'dir' | 'symlink';
  readonly mode: number;
  readonly size: number;
  readonly ino: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
  readonly uid: number;
  readonly gid: number;
  readonly dev: number;
  isFile(): boolean;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
}

/** The subset of a promise-based fs the git workspace uses. MemFs and the browser's PersistentFs implement it. */
export interface PromiseFs {
  /**
   * `shared: true` may return the stored bytes themselves instead of a copy: the caller must not modify
   * them. The same array comes back until the file is written again, so memos keyed by it stay valid.
   */
  readFile(path: string, options?: ReadFileOptions | 'utf8'): Promise<Uint8Array | string>;
  writeFile(path: string, data: Uint8Array | string, options?: { mode?: number; encoding?: 'utf8' } | 'utf8'): Promise<void>;
  mkdir(path: string, options?: { mode?: number }): Promise<void>;
  rmdir(path: string): Promise<void>;
  unlink(path: string): Promise<void>;
  stat(path: string): Promise<FsStats>;
  lstat(path: string): Promise<FsStats>;
  readdir(path: string): Promise<string[]>;
  readlink(path: string): Promise<string>;
  symlink(target: string, path: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  /** Optional: without chmod the workspace falls back to rewriting the file with the mode. */
  chmod?(path: string, mode: number): Promise<void>;
  /** Optional: sets the modification time in ms. */
  utimes?(path: string, atimeMs: number, mtimeMs: number): Promise<void>;
  /** Optional: a filesystem that saves in the background (PersistentFs) makes its writes durable here. */
  flush?(): Promise<void>;
  /** Optional: the tree at `path` (lstat semantics, stored bytes shared) in one walk; see MemFs.readTree. */
  readTree?(path: string): Promise<FsTreeNode | null>;
}

/** An entry of PromiseFs.readTree: the build context's tree node (contract.ts), as Workspace.readTree gives it. */
export type FsTreeNode = ContextTreeNode;

export interface ReadFileOptions {
  encoding?: 'utf8';
  shared?: boolean;
}

export class FsError extends Error {
  readonly code: string;
  constructor(code: string, path: string) {
    super(`${code}: ${path}`);
    this.code = code;
  }
}

type Entry =
  | { type: 'file'; data: Uint8Array; mode: number; mtimeMs: number; ctimeMs: number; ino: number }
  | { type: 'dir'; children: Map<string, Entry>; mode: number; mtimeMs: number; ctimeMs: number; ino: number }
  | { type: 'symlink'; target: string; mode: number; mtimeMs: number; ctimeMs: number; ino: number };

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A path's components, `.` and `..` resolved (`..` stops at the root). */
const parts = splitPath;

function stats(e: Entry): FsStats {
  const size = e.type === 'file' ? e.data.byteLength : e.type === 'symlink' ? e.target.length : 0;
  const typeBits = e.type === 'file' ? 0o100000 : e.type === 'dir' ? 0o040000 : 0o120000;
  return {
    type: e.type,
    mode: typeBits | e.mode,
    size,
    ino: e.ino,
    mtimeMs: e.mtimeMs,
    ctimeMs: e.ctimeMs,
    uid: 1,
    gid: 1,
    dev: 1,
    isFile: () => e.type === 'file',
    isDirectory: () => e.type === 'dir',
    isSymbolicLink: () => e.type === 'symlink',
  };
}

export class MemFs implements PromiseFs {
  private root: Entry;
  private nextIno = 1;
  /** Clock for modification times; tests may replace it. */
  now: () => number = () => Date.now();

  constructor() {
    const t = Date.now();
    this.root = { type: 'dir', children: new Map(), mode: 0o755, mtimeMs: t, ctimeMs: t, ino: this.nextIno++ };
  }

  private lookup(path: string, followLast: boolean): Entry {
    const ps = parts(path);
    let cur = this.root;
    for (let i = 0; i < ps.length; i++) {
      if (cur.type !== 'dir') throw new FsError('ENOTDIR', path);
      const next = cur.children.get(ps[i]!);
      if (!next) throw new FsError('ENOENT', path);
      cur = next;
      if (cur.type === 'symlink' && (followLast || i < ps.length - 1)) {
        const base = '/' + ps.slice(0, i).join('/');
        const target = cur.target.startsWith('/') ? cur.target : `${base}/${cur.target}`;
        cur = this.lookup(target + '/' + ps.slice(i + 1).join('/'), followLast);
        return cur;
      }
    }
    return cur;
  }

  private parentOf(path: string): { dir: Extract<Entry, { type: 'dir' }>; name: string } {
    const ps = parts(path);
    const name = ps.pop();
    if (name === undefined) throw new FsError('EEXIST', path);
    const dir = this.lookup('/' + ps.join('/'), true);
    if (dir.type !== 'dir') throw new FsError('ENOTDIR', path);
    return { dir, name };
  }

  async readFile(path: string, options?: ReadFileOptions | 'utf8'): Promise<Uint8Array | string> {
    const e = this.lookup(path, true);
    if (e.type === 'dir') throw new FsError('EISDIR', path);
    if (e.type !== 'file') throw new FsError('EINVAL', path);
    const enc = typeof options === 'string' ? options : options?.encoding;
    if (enc === 'utf8') return decoder.decode(e.data);
    // The stored array is never changed in place (writeFile stores a fresh copy), so sharing it is safe
    // for a caller that does not modify it; everyone else (isomorphic-git included) gets a copy.
    return typeof options === 'object' && options.shared ? e.data : e.data.slice();
  }

  async writeFile(path: string, data: Uint8Array | string, options?: { mode?: number; encoding?: 'utf8' } | 'utf8'): Promise<void> {
    const { dir, name } = this.parentOf(path);
    const bytes = typeof data === 'string' ? encoder.encode(data) : new Uint8Array(data);
    const existing = dir.children.get(name);
    if (existing && existing.type === 'dir') throw new FsError('EISDIR', path);
    const mode = (typeof options === 'object' ? options.mode : undefined) ?? (existing?.type === 'file' ? existing.mode : 0o644);
    const t = this.now();
    dir.children.set(name, { type: 'file', data: bytes, mode: mode & 0o7777, mtimeMs: t, ctimeMs: t, ino: existing?.ino ?? this.nextIno++ });
  }

  async mkdir(path: string, options?: { mode?: number }): Promise<void> {
    const { dir, name } = this.parentOf(path);
    if (dir.children.has(name)) throw new FsError('EEXIST', path);
    const t = this.now();
    dir.children.set(name, { type: 'dir', children: new Map(), mode: (options?.mode ?? 0o755) & 0o7777, mtimeMs: t, ctimeMs: t, ino: this.nextIno++ });
  }

  async rmdir(path: string): Promise<void> {
    const { dir, name } = this.parentOf(path);
    const e = dir.children.get(name);
    if (!e) throw new FsError('ENOENT', path);
    if (e.type !== 'dir') throw new FsError('ENOTDIR', path);
    if (e.children.size > 0) throw new FsError('ENOTEMPTY', path);
    dir.children.delete(name);
  }

  async unlink(path: string): Promise<void> {
    const { dir, name } = this.parentOf(path);
    const e = dir.children.get(name);
    if (!e) throw new FsError('ENOENT', path);
    if (e.type === 'dir') throw new FsError('EISDIR', path);
    dir.children.delete(name);
  }

  async stat(path: string): Promise<FsStats> {
    return stats(this.lookup(path, true));
  }

  async lstat(path: string): Promise<FsStats> {
    return stats(this.lookup(path, false));
  }

  async readdir(path: string): Promise<string[]> {
    const e = this.lookup(path, true);
    if (e.type !== 'dir') throw new FsError('ENOTDIR', path);
    return [...e.children.keys()].sort();
  }

  async readlink(path: string): Promise<string> {
    const e = this.lookup(path, false);
    if (e.type !== 'symlink') throw new FsError('EINVAL', path);
    return e.target;
  }

  async symlink(target: string, path: string): Promise<void> {
    const { dir, name } = this.parentOf(path);
    if (dir.children.has(name)) throw new FsError('EEXIST', path);
    const t = this.now();
    dir.children.set(name, { type: 'symlink', target, mode: 0o777, mtimeMs: t, ctimeMs: t, ino: this.nextIno++ });
  }

  async rename(from: string, to: string): Promise<void> {
    const src = this.parentOf(from);
    const e = src.dir.children.get(src.name);
    if (!e) throw new FsError('ENOENT', from);
    const fromParts = parts(from);
    const toParts = parts(to);
    if (toParts.length > fromParts.length && fromParts.every((p, i) => toParts[i] === p)) throw new FsError('EINVAL', to);
    const dst = this.parentOf(to);
    const existing = dst.dir.children.get(dst.name);
    if (existing && existing.type === 'dir' && e.type !== 'dir') throw new FsError('EISDIR', to);
    if (existing && existing.type === 'dir' && existing.children.size > 0 && existing !== e) throw new FsError('ENOTEMPTY', to);
    src.dir.children.delete(src.name);
    dst.dir.children.set(dst.name, e);
  }

  async chmod(path: string, mode: number): Promise<void> {
    const e = this.lookup(path, true);
    e.mode = mode & 0o7777;
    e.ctimeMs = this.now();
  }

  /**
   * The entry at `path` (not following a final symlink) and everything below it, names sorted, file
   * bytes shared as with readFile's `shared`: what readdir, lstat, readFile and readlink give entry by
   * entry, in one walk without parsing a path per entry.
   */
  async readTree(path: string): Promise<FsTreeNode | null> {
    let start: Entry;
    try {
      start = this.lookup(path, false);
    } catch {
      return null;
    }
    const node = (e: Entry): FsTreeNode => {
      if (e.type === 'file') return { type: 'file', mode: e.mode, mtimeMs: e.mtimeMs, data: e.data };
      if (e.type === 'symlink') return { type: 'symlink', mode: e.mode, mtimeMs: e.mtimeMs, target: e.target };
      const names = [...e.children.keys()].sort();
      return { type: 'dir', mode: e.mode, mtimeMs: e.mtimeMs, children: names.map((n) => [n, node(e.children.get(n)!)] as const) };
    };
    return node(start);
  }

  async utimes(path: string, _atimeMs: number, mtimeMs: number): Promise<void> {
    const e = this.lookup(path, true);
    e.mtimeMs = mtimeMs;
  }
}

/** One node of a MemFs as plain data (for persisting it entry by entry). */
export type StoredEntry =
  | { readonly type: 'file'; readonly data: Uint8Array; readonly mode: number; readonly mtimeMs: number }
  | { readonly type: 'dir'; readonly mode: number; readonly mtimeMs: number }
  | { readonly type: 'symlink'; readonly target: string; readonly mtimeMs: number };

/** Reads the node at `path` (without following a final symlink) and, for folders, every node below it. */
export async function collectEntries(fs: MemFs, path: string): Promise<Array<[string, StoredEntry]>> {
  const out: Array<[string, StoredEntry]> = [];
  const visit = async (p: string): Promise<void> => {
    let st: FsStats;
    try {
      st = await fs.lstat(p);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      out.push([p, { type: 'dir', mode: st.mode & 0o7777, mtimeMs: st.mtimeMs }]);
      for (const name of await fs.readdir(p)) await visit(p === '/' ? `/${name}` : `${p}/${name}`);
    } else if (st.isSymbolicLink()) {
      out.push([p, { type: 'symlink', target: await fs.readlink(p), mtimeMs: st.mtimeMs }]);
    } else {
      out.push([p, { type: 'file', data: (await fs.readFile(p)) as Uint8Array, mode: st.mode & 0o7777, mtimeMs: st.mtimeMs }]);
    }
  };
  await visit(path);
  return out;
}

/** Recreates nodes saved by collectEntries (parents before children: sort by path first). */
export async function restoreEntries(fs: MemFs, entries: ReadonlyArray<readonly [string, StoredEntry]>): Promise<void> {
  const sorted = [...entries].sort(([a], [b]) => a.split('/').length - b.split('/').length || (a < b ? -1 : 1));
  for (const [path, e] of sorted) {
    if (path === '/') continue;
    try {
      if (e.type === 'dir') await fs.mkdir(path, { mode: e.mode });
      else if (e.type === 'symlink') await fs.symlink(e.target, path);
      else await fs.writeFile(path, e.data, { mode: e.mode });
      await fs.utimes(path, e.mtimeMs, e.mtimeMs).catch(() => undefined);
    } catch {
      /* an orphan whose parent is missing: skip it */
    }
  }
}
