// An in-memory Workspace: the build context for Node (the headless CLI, tests) and a fallback in the
// browser when storage is unavailable. Paths are POSIX, relative to the root or absolute within it.
import { WorkspaceError, type Workspace, type WorkspaceStat } from './types.ts';
import { normalizePath } from '../engine/fs/index.ts';

type Entry =
  | { type: 'file'; data: Uint8Array; mode: number; mtimeMs: number }
  | { type: 'dir'; mode: number; mtimeMs: number }
  | { type: 'symlink'; target: string; mode: number; mtimeMs: number };

const encoder = new TextEncoder();

/** Normalises a workspace path to `/a/b` form; `..` never climbs above the root. */
export function workspacePath(path: string): string {
  return normalizePath(path);
}

function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

export interface MemoryWorkspaceOptions {
  /** Clock for new files and directories (ms); default Date.now. */
  readonly now?: () => number;
}

export class MemoryWorkspace implements Workspace {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;

  constructor(options: MemoryWorkspaceOptions = {}) {
    this.now = options.now ?? (() => Date.now());
    this.entries.set('/', { type: 'dir', mode: 0o755, mtimeMs: this.now() });
  }

  private dirOf(path: string): void {
    const parent = this.entries.get(parentOf(path));
    if (!parent) throw new WorkspaceError('ENOENT', path, `ENOENT: no such file or directory, '${path}'`);
    if (parent.type !== 'dir') throw new WorkspaceError('ENOTDIR', path, `ENOTDIR: not a directory, '${path}'`);
  }

  private touchParent(path: string, t: number): void {
    const parent = this.entries.get(parentOf(path));
    if (parent) parent.mtimeMs = t;
  }

  async readFile(path: string): Promise<Uint8Array> {
    const p = workspacePath(path);
    const e = this.entries.get(p);
    if (!e) throw new WorkspaceError('ENOENT', p, `ENOENT: no such file or directory, '${p}'`);
    if (e.type === 'dir') throw new WorkspaceError('EISDIR', p, `EISDIR: illegal operation on a directory, '${p}'`);
    if (e.type === 'symlink') throw new WorkspaceError('EINVAL', p, `EINVAL: '${p}' is a symbolic link`);
    return e.data;
  }

  async writeFile(path: string, data: Uint8Array | string, options: { mode?: number } = {}): Promise<void> {
    const p = workspacePath(path);
    if (p === '/') throw new WorkspaceError('EISDIR', p, `EISDIR: illegal operation on a directory, '${p}'`);
    this.dirOf(p);
    const existing = this.entries.get(p);
    if (existing?.type === 'dir') throw new WorkspaceError('EISDIR', p, `EISDIR: illegal operation on a directory, '${p}'`);
    const bytes = typeof data === 'string' ? encoder.encode(data) : new Uint8Array(data);
    const t = this.now();
    const mode = options.mode ?? (existing?.type === 'file' ? existing.mode : 0o644);
    this.entries.set(p, { type: 'file', data: bytes, mode: mode & 0o7777, mtimeMs: t });
    if (!existing) this.touchParent(p, t);
  }

  async stat(path: string): Promise<WorkspaceStat | null> {
    const e = this.entries.get(workspacePath(path));
    if (!e) return null;
    return { type: e.type, mode: e.mode, size: e.type === 'file' ? e.data.byteLength : e.type === 'symlink' ? e.target.length : 0, mtimeMs: e.mtimeMs };
  }

  async readdir(path: string): Promise<string[]> {
    const p = workspacePath(path);
    const e = this.entries.get(p);
    if (!e) throw new WorkspaceError('ENOENT', p, `ENOENT: no such file or directory, '${p}'`);
    if (e.type !== 'dir') throw new WorkspaceError('ENOTDIR', p, `ENOTDIR: not a directory, '${p}'`);
    const prefix = p === '/' ? '/' : p + '/';
    const names: string[] = [];
    for (const key of this.entries.keys()) {
      if (key.length > prefix.length && key.startsWith(prefix) && !key.includes('/', prefix.length)) names.push(key.slice(prefix.length));
    }
    return names.sort();
  }

  async mkdir(path: string, options: { recursive?: boolean } = {}): Promise<void> {
    const p = workspacePath(path);
    const e = this.entries.get(p);
    if (e) {
      if (options.recursive && e.type === 'dir') return;
      throw new WorkspaceError('EEXIST', p, `EEXIST: file already exists, '${p}'`);
    }
    if (options.recursive) {
      const parent = parentOf(p);
      if (parent !== p) await this.mkdir(parent, { recursive: true });
    } else this.dirOf(p);
    const t = this.now();
    this.entries.set(p, { type: 'dir', mode: 0o755, mtimeMs: t });
    this.touchParent(p, t);
  }

  async remove(path: string, options: { recursive?: boolean } = {}): Promise<void> {
    const p = workspacePath(path);
    if (p === '/') throw new WorkspaceError('EINVAL', p, `EINVAL: cannot remove the workspace root`);
    const e = this.entries.get(p);
    if (!e) throw new WorkspaceError('ENOENT', p, `ENOENT: no such file or directory, '${p}'`);
    if (e.type === 'dir') {
      const children = await this.readdir(p);
      if (children.length > 0 && !options.recursive) throw new WorkspaceError('ENOTEMPTY', p, `ENOTEMPTY: directory not empty, '${p}'`);
      for (const key of [...this.entries.keys()]) if (key.startsWith(p + '/')) this.entries.delete(key);
    }
    this.entries.delete(p);
    this.touchParent(p, this.now());
  }

  async rename(from: string, to: string): Promise<void> {
    const a = workspacePath(from);
    const b = workspacePath(to);
    const e = this.entries.get(a);
    if (!e) throw new WorkspaceError('ENOENT', a, `ENOENT: no such file or directory, '${a}'`);
    if (a === b) return;
    if (b.startsWith(a + '/')) throw new WorkspaceError('EINVAL', b, `EINVAL: cannot move '${a}' into itself`);
    this.dirOf(b);
    const target = this.entries.get(b);
    if (target?.type === 'dir') {
      if (e.type !== 'dir') throw new WorkspaceError('EISDIR', b, `EISDIR: illegal operation on a directory, '${b}'`);
      if ((await this.readdir(b)).length > 0) throw new WorkspaceError('ENOTEMPTY', b, `ENOTEMPTY: directory not empty, '${b}'`);
    } else if (target && e.type === 'dir') {
      throw new WorkspaceError('ENOTDIR', b, `ENOTDIR: not a directory, '${b}'`);
    }
    const moved: [string, Entry][] = [];
    for (const [key, value] of this.entries) {
      if (key === a || key.startsWith(a + '/')) moved.push([b + key.slice(a.length), value]);
    }
    for (const [key] of [...this.entries]) if (key === a || key.startsWith(a + '/')) this.entries.delete(key);
    for (const [key, value] of moved) this.entries.set(key, value);
    const t = this.now();
    this.touchParent(a, t);
    this.touchParent(b, t);
  }

  async chmod(path: string, mode: number): Promise<void> {
    const p = workspacePath(path);
    const e = this.entries.get(p);
    if (!e) throw new WorkspaceError('ENOENT', p, `ENOENT: no such file or directory, '${p}'`);
    e.mode = mode & 0o7777;
  }

  async touch(path: string, mtimeMs: number): Promise<void> {
    const p = workspacePath(path);
    const e = this.entries.get(p);
    if (e) {
      e.mtimeMs = mtimeMs;
      return;
    }
    this.dirOf(p);
    this.entries.set(p, { type: 'file', data: new Uint8Array(0), mode: 0o644, mtimeMs });
    this.touchParent(p, mtimeMs);
  }

  /** Adds a symbolic link (the Workspace interface has no symlink call; used when importing a folder). */
  symlink(path: string, target: string): void {
    const p = workspacePath(path);
    this.dirOf(p);
    this.entries.set(p, { type: 'symlink', target, mode: 0o777, mtimeMs: this.now() });
  }

  /** Reads a symlink's target, or undefined when `path` is not a symlink. */
  readlink(path: string): string | undefined {
    const e = this.entries.get(workspacePath(path));
    return e?.type === 'symlink' ? e.target : undefined;
  }

  /** Every path in sorted order with its entry type (root excluded). */
  list(): { path: string; type: 'file' | 'dir' | 'symlink' }[] {
    return [...this.entries.entries()]
      .filter(([k]) => k !== '/')
      .map(([path, e]) => ({ path, type: e.type }))
      .sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
  }
}

/** A workspace holding `files` (path → text or bytes); parent directories are created as needed. */
export async function createMemoryWorkspace(files: Readonly<Record<string, string | Uint8Array>> = {}, options: MemoryWorkspaceOptions = {}): Promise<MemoryWorkspace> {
  const ws = new MemoryWorkspace(options);
  for (const [path, data] of Object.entries(files)) {
    const p = workspacePath(path);
    await ws.mkdir(parentOf(p), { recursive: true });
    await ws.writeFile(p, data);
  }
  return ws;
}
