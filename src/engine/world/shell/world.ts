// The state one RUN shares across its shells and programs: the filesystem, the user, the limits and
// the collected output. Filesystem helpers here enforce permissions and count written bytes.
import {
  DEFAULT_MTIME, contentSize, contentText, emptyDir, fileNode, getNode, normalizePath, removeNode, resolvePath, setNode, symlinkNode, textContent,
  SymlinkLoopError, type Content, type DirNode, type FsNode,
} from '../../fs/index.ts';
import type { OutputChunk, RunLimits } from '../types.ts';

export type FsErrorCode = 'ENOENT' | 'EEXIST' | 'ENOTDIR' | 'EISDIR' | 'EACCES' | 'ENOTEMPTY' | 'ELOOP' | 'EINVAL';

export const ERRNO_TEXT: Record<FsErrorCode, string> = {
  ENOENT: 'No such file or directory', EEXIST: 'File exists', ENOTDIR: 'Not a directory', EISDIR: 'Is a directory',
  EACCES: 'Permission denied', ENOTEMPTY: 'Directory not empty', ELOOP: 'Symbolic link loop', EINVAL: 'Invalid argument',
};

export class FsError extends Error {
  readonly code: FsErrorCode;
  readonly path: string;
  constructor(code: FsErrorCode, path: string) {
    super(`${path}: ${ERRNO_TEXT[code]}`);
    this.code = code;
    this.path = path;
  }
}

export class LimitError extends Error {
  readonly limit: string;
  constructor(limit: string, message: string) {
    super(message);
    this.limit = limit;
  }
}

export class AbortedError extends Error {}

/** Lab limits with no counterpart in a real shell, chosen so the JavaScript engine never runs out first. */
export const MAX_NESTING = 200;
export const MAX_STRING_CHARS = 16 * 1024 * 1024;

export const MAX_FILE_CHARS = 64 * 1024 * 1024;

export function fileLimit(): LimitError {
  return new LimitError('file-size', `In this lab, a file the shell writes text into may grow to at most ${MAX_FILE_CHARS / 1024 / 1024} MiB; this RUN was stopped there.`);
}

export function stringLimit(): LimitError {
  return new LimitError('string', `In this lab, one shell value (a variable, a word or a command's captured output) may hold at most ${MAX_STRING_CHARS / 1024 / 1024} MiB; this RUN was stopped there.`);
}

export interface User {
  name: string;
  uid: number;
  gid: number;
  home: string;
}

export class World {
  root: DirNode;
  readonly limits: RunLimits;
  readonly user: User;
  readonly network: 'default' | 'none';
  readonly signal: AbortSignal | undefined;
  readonly output: OutputChunk[] = [];
  steps = 0;
  /** How many scripts, functions, subshells and substitutions are running inside one another. */
  depth = 0;
  outBytes = 0;
  written = 0;
  /** Simulated milliseconds. */
  durationMs = 0;
  mtime = DEFAULT_MTIME;

  constructor(root: DirNode, limits: RunLimits, user: User, network: 'default' | 'none', signal?: AbortSignal) {
    this.root = root;
    this.limits = limits;
    this.user = user;
    this.network = network;
    this.signal = signal;
  }

  step(n = 1): void {
    this.steps += n;
    this.durationMs += 0.05 * n;
    if (this.signal?.aborted) throw new AbortedError('aborted');
    if (this.steps > this.limits.maxSteps) {
      throw new LimitError('steps', `In this lab, one RUN may take at most ${this.limits.maxSteps} shell steps; this one was stopped there (an endless loop never finishes).`);
    }
  }

  /** One level deeper (a function call, subshell, $(…), eval, source or nested sh). */
  enter(): void {
    if (++this.depth > MAX_NESTING) {
      this.depth--;
      throw new LimitError('nesting', `In this lab, functions, subshells and nested shells may go at most ${MAX_NESTING} levels deep; this RUN was stopped there (a function that calls itself without end never finishes).`);
    }
  }

  leave(): void {
    this.depth--;
  }

  /** `text + more`, refusing to build a string past the lab's size for one shell value. */
  grow(text: string, more: string): string {
    if (text.length + more.length > MAX_STRING_CHARS) throw stringLimit();
    return text + more;
  }

  emit(stream: 'stdout' | 'stderr', text: string): void {
    if (!text) return;
    this.outBytes += new TextEncoder().encode(text).byteLength;
    if (this.outBytes > this.limits.maxOutputBytes) {
      throw new LimitError('output', `In this lab, one RUN may print at most ${this.limits.maxOutputBytes} bytes of output; this one was stopped there.`);
    }
    const last = this.output[this.output.length - 1];
    if (last && last.stream === stream) last.text += text;
    else this.output.push({ stream, text });
  }

  addWritten(bytes: number): void {
    this.written += bytes;
    this.durationMs += bytes / 400_000; // about 400 MB/s of simulated disk
    if (this.written > this.limits.maxWrittenBytes) {
      throw new LimitError('written', `In this lab, one RUN may write at most ${this.limits.maxWrittenBytes} bytes; this one was stopped there.`);
    }
  }

  // ---- filesystem ----

  lstat(path: string): FsNode | undefined {
    try {
      return getNode(this.root, resolvePath(this.root, path, false));
    } catch (e) {
      if (e instanceof SymlinkLoopError) return undefined;
      throw e;
    }
  }

  stat(path: string): FsNode | undefined {
    try {
      return getNode(this.root, resolvePath(this.root, path, true));
    } catch (e) {
      if (e instanceof SymlinkLoopError) return undefined;
      throw e;
    }
  }

  real(path: string, followLast = true): string {
    try {
      return resolvePath(this.root, path, followLast);
    } catch (e) {
      if (e instanceof SymlinkLoopError) throw new FsError('ELOOP', path);
      throw e;
    }
  }

  /** Checks that the parent directory of `path` exists and is writable by the user; returns the real path. */
  private writableTarget(path: string): string {
    const abs = normalizePath(path);
    const parentPath = abs.slice(0, abs.lastIndexOf('/')) || '/';
    const parent = this.stat(parentPath);
    if (!parent) throw new FsError('ENOENT', path);
    if (parent.type !== 'dir') throw new FsError('ENOTDIR', path);
    if (!this.canWrite(parent)) throw new FsError('EACCES', path);
    const realParent = this.real(parentPath);
    const name = abs.slice(abs.lastIndexOf('/') + 1);
    return realParent === '/' ? `/${name}` : `${realParent}/${name}`;
  }

  canWrite(node: FsNode): boolean {
    const { uid, gid } = this.user;
    if (uid === 0) return true;
    if (node.uid === uid) return (node.mode & 0o200) !== 0;
    if (node.gid === gid) return (node.mode & 0o020) !== 0;
    return (node.mode & 0o002) !== 0;
  }

  canRead(node: FsNode): boolean {
    const { uid, gid } = this.user;
    if (uid === 0) return true;
    if (node.uid === uid) return (node.mode & 0o400) !== 0;
    if (node.gid === gid) return (node.mode & 0o040) !== 0;
    return (node.mode & 0o004) !== 0;
  }

  readText(path: string): string {
    const node = this.stat(path);
    if (!node) throw new FsError('ENOENT', path);
    if (node.type === 'dir') throw new FsError('EISDIR', path);
    if (node.type !== 'file') throw new FsError('ENOENT', path);
    if (!this.canRead(node)) throw new FsError('EACCES', path);
    return contentText(node.content);
  }

  /** Writes (or appends to) a regular file, following a symlink at `path`. */
  writeFile(path: string, data: string | Content, opts: { append?: boolean; mode?: number; uid?: number; gid?: number } = {}): void {
    const existing = this.stat(path);
    if (existing?.type === 'dir') throw new FsError('EISDIR', path);
    const target = existing ? this.real(path) : this.writableTarget(this.lstat(path)?.type === 'symlink' ? this.real(path) : path);
    if (existing && !this.canWrite(existing)) throw new FsError('EACCES', path);
    let content: Content = typeof data === 'string' ? textContent(data) : data;
    if (opts.append && existing?.type === 'file') {
      if (contentSize(existing.content) + (typeof data === 'string' ? data.length : contentSize(data)) > MAX_FILE_CHARS) throw fileLimit();
      content = textContent(contentText(existing.content) + (typeof data === 'string' ? data : contentText(data)));
    }
    const meta = existing?.type === 'file'
      ? { mode: existing.mode, uid: existing.uid, gid: existing.gid }
      : { mode: opts.mode ?? 0o644, uid: opts.uid ?? this.user.uid, gid: opts.gid ?? this.user.gid };
    this.addWritten(contentSize(content));
    this.root = setNode(this.root, target, fileNode(content, { ...meta, mtime: this.mtime }));
  }

  /** Places a node (file, symlink or directory) at `path` without following a final symlink. */
  putNode(path: string, node: FsNode): void {
    const target = this.writableTarget(path);
    if (node.type === 'file') this.addWritten(contentSize(node.content));
    this.root = setNode(this.root, target, node);
  }

  mkdir(path: string, opts: { parents?: boolean; mode?: number } = {}): void {
    const abs = normalizePath(path);
    if (opts.parents) {
      const parts = abs.split('/').filter(Boolean);
      let cur = '';
      for (const p of parts) {
        cur += '/' + p;
        const node = this.stat(cur);
        if (node?.type === 'dir') continue;
        if (node) throw new FsError(node.type === 'file' ? 'EEXIST' : 'ENOTDIR', cur);
        this.putNode(cur, emptyDir({ mode: opts.mode ?? 0o755, uid: this.user.uid, gid: this.user.gid, mtime: this.mtime }));
      }
      return;
    }
    if (this.lstat(abs)) throw new FsError('EEXIST', path);
    this.putNode(abs, emptyDir({ mode: opts.mode ?? 0o755, uid: this.user.uid, gid: this.user.gid, mtime: this.mtime }));
  }

  symlink(target: string, path: string): void {
    if (this.lstat(path)) throw new FsError('EEXIST', path);
    this.putNode(path, symlinkNode(target, { uid: this.user.uid, gid: this.user.gid, mtime: this.mtime }));
  }

  remove(path: string, opts: { recursive?: boolean } = {}): void {
    const node = this.lstat(path);
    if (!node) throw new FsError('ENOENT', path);
    const real = this.real(path, false);
    const parentPath = real.slice(0, real.lastIndexOf('/')) || '/';
    const parent = this.stat(parentPath);
    if (parent && !this.canWrite(parent)) throw new FsError('EACCES', path);
    if (node.type === 'dir' && !opts.recursive) throw new FsError('EISDIR', path);
    this.root = removeNode(this.root, real);
  }

  rmdir(path: string): void {
    const node = this.lstat(path);
    if (!node) throw new FsError('ENOENT', path);
    if (node.type !== 'dir') throw new FsError('ENOTDIR', path);
    if (node.entries.size > 0) throw new FsError('ENOTEMPTY', path);
    this.root = removeNode(this.root, this.real(path, false));
  }

  readdir(path: string): string[] {
    const node = this.stat(path);
    if (!node) throw new FsError('ENOENT', path);
    if (node.type !== 'dir') throw new FsError('ENOTDIR', path);
    return [...node.entries.keys()].sort();
  }

  setMeta(path: string, meta: { mode?: number; uid?: number; gid?: number; mtime?: number }, follow = true): void {
    const node = follow ? this.stat(path) : this.lstat(path);
    if (!node) throw new FsError('ENOENT', path);
    if (this.user.uid !== 0 && node.uid !== this.user.uid) throw new FsError('EACCES', path);
    this.root = setNode(this.root, this.real(path, follow), { ...node, ...meta } as FsNode);
  }

  /** Copies a node tree (structurally shared: content is not duplicated in memory). */
  copyNode(node: FsNode, dest: string, preserve: boolean): void {
    const owner = preserve ? {} : { uid: this.user.uid, gid: this.user.gid, mtime: this.mtime };
    const size = sizeOf(node);
    const target = this.writableTarget(dest);
    this.addWritten(size);
    this.root = setNode(this.root, target, reown(node, owner));
  }
}

function sizeOf(node: FsNode): number {
  if (node.type === 'file') return contentSize(node.content);
  if (node.type === 'dir') {
    let n = 0;
    for (const c of node.entries.values()) n += sizeOf(c);
    return n;
  }
  return 0;
}

function reown(node: FsNode, owner: { uid?: number; gid?: number; mtime?: number }): FsNode {
  if (owner.uid === undefined) return node;
  if (node.type === 'dir') {
    const entries = new Map<string, FsNode>();
    for (const [k, v] of node.entries) entries.set(k, reown(v, owner));
    return { ...node, ...owner, entries };
  }
  return { ...node, ...owner } as FsNode;
}
