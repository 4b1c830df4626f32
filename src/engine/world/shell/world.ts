// The state one RUN shares across its shells and programs: the filesystem, the user, the limits and
// the collected output. Filesystem helpers here enforce permissions and count written bytes.
import {
  DEFAULT_MTIME, ERRNO_TEXT, FILE_LIMITS, contentSize, contentText, emptyDir, fileNode, fileTooLargeMessage, getNode, normalizePath, resolvePath,
  NameTooLongError, pathTooLong, runTooMuchTextMessage, splitPath, symlinkNode, textContent, SymlinkLoopError, TreeDraft, type Content, type DirNode, type FsNode,
} from '../../fs/index.ts';
import type { OutputChunk, RunLimits } from '../types.ts';
import { WorkSlice } from '../../yield.ts';

export type FsErrorCode = keyof typeof ERRNO_TEXT;

export { ERRNO_TEXT };

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
  /**
   * The RUN's filesystem, changed through a TreeDraft: a loop that makes thousands of files in one
   * folder copies that folder once, not once per file. Nodes read from it may change with later writes.
   */
  private draft: TreeDraft;
  get root(): DirNode {
    return this.draft.root;
  }
  set root(root: DirNode) {
    this.draft = new TreeDraft(root);
  }
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
  /** Real bytes (text) written, against FILE_LIMITS.runBytes. */
  textWritten = 0;
  /** Simulated milliseconds. */
  durationMs = 0;
  mtime = DEFAULT_MTIME;
  /** Real time between the RUN's turns of the event loop (see pace). */
  private readonly slice = new WorkSlice();

  constructor(root: DirNode, limits: RunLimits, user: User, network: 'default' | 'none', signal?: AbortSignal) {
    this.draft = new TreeDraft(root);
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

  /**
   * Where the RUN may give the event loop a turn: every simple command and loop pass asks. Undefined
   * (nothing to await) until the slice of real time is used up; then a macrotask turn, so a page's or
   * worker's abort message (Ctrl-C) gets through, after which an aborted RUN stops. Steps, output and
   * simulated time do not depend on it.
   */
  pace(): Promise<void> | undefined {
    const turn = this.slice.tick();
    return turn?.then(() => {
      if (this.signal?.aborted) throw new AbortedError('aborted');
    });
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
      if (e instanceof SymlinkLoopError || e instanceof NameTooLongError) return undefined;
      throw e;
    }
  }

  stat(path: string): FsNode | undefined {
    try {
      return getNode(this.root, resolvePath(this.root, path, true));
    } catch (e) {
      if (e instanceof SymlinkLoopError || e instanceof NameTooLongError) return undefined;
      throw e;
    }
  }

  real(path: string, followLast = true): string {
    try {
      return resolvePath(this.root, path, followLast);
    } catch (e) {
      if (e instanceof SymlinkLoopError) throw new FsError('ELOOP', path);
      if (e instanceof NameTooLongError) throw new FsError('ENAMETOOLONG', path);
      throw e;
    }
  }

  /** Checks that the parent directory of `path` exists and is writable by the user; returns the real path. */
  private writableTarget(path: string): string {
    const abs = normalizePath(path);
    if (pathTooLong(splitPath(abs))) throw new FsError('ENAMETOOLONG', path);
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
    // Bounded before any bytes are made (a string's length never exceeds its UTF-8 size).
    const kept = opts.append && existing?.type === 'file' ? contentSize(existing.content) : 0;
    const incoming = typeof data === 'string' ? data.length : data.kind === 'bytes' ? data.data.byteLength : 0;
    if (kept + incoming > FILE_LIMITS.fileBytes) throw new LimitError('file size', fileTooLargeMessage(path));
    let content: Content = typeof data === 'string' ? textContent(data) : data;
    if (opts.append && existing?.type === 'file') {
      if (contentSize(existing.content) + (typeof data === 'string' ? data.length : contentSize(data)) > MAX_FILE_CHARS) throw fileLimit();
      content = textContent(contentText(existing.content) + (typeof data === 'string' ? data : contentText(data)));
    }
    const meta = existing?.type === 'file'
      ? { mode: existing.mode, uid: existing.uid, gid: existing.gid }
      : { mode: opts.mode ?? 0o644, uid: opts.uid ?? this.user.uid, gid: opts.gid ?? this.user.gid };
    if (content.kind === 'bytes') {
      if (content.data.byteLength > FILE_LIMITS.fileBytes) throw new LimitError('file size', fileTooLargeMessage(path));
      this.textWritten += content.data.byteLength;
      if (this.textWritten > FILE_LIMITS.runBytes) throw new LimitError('text written', runTooMuchTextMessage());
    }
    this.addWritten(contentSize(content));
    this.draft.set(target, fileNode(content, { ...meta, mtime: this.mtime }));
  }

  /** Places a node (file, symlink or directory) at `path` without following a final symlink. */
  putNode(path: string, node: FsNode): void {
    const target = this.writableTarget(path);
    if (node.type === 'file') this.addWritten(contentSize(node.content));
    this.draft.set(target, node);
  }

  mkdir(path: string, opts: { parents?: boolean; mode?: number } = {}): void {
    const abs = normalizePath(path);
    if (opts.parents) return this.mkdirParents(abs, opts.mode ?? 0o755);
    if (this.lstat(abs)) throw new FsError('EEXIST', path);
    this.putNode(abs, emptyDir({ mode: opts.mode ?? 0o755, uid: this.user.uid, gid: this.user.gid, mtime: this.mtime }));
  }

  /**
   * mkdir -p in one walk down the path (the same results as stat and putNode level by level, which
   * cost time quadratic in the depth): existing directories are followed, symlinks included, and the
   * missing ones are made as one chain. Levels past PATH_MAX are not made (ENAMETOOLONG).
   */
  private mkdirParents(abs: string, mode: number): void {
    const parts = splitPath(abs);
    let dir: DirNode = this.root;
    let dirReal = '';
    let i = 0;
    const upTo = (n: number) => '/' + parts.slice(0, n).join('/');
    for (; i < parts.length; i++) {
      let child = dir.entries.get(parts[i]!);
      let childReal = `${dirReal}/${parts[i]}`;
      if (child?.type === 'symlink') {
        const target = this.stat(childReal);
        if (target) {
          childReal = this.real(childReal);
          child = target;
        } else child = undefined; // dangling: made as a directory in its place, as before
      }
      if (!child) break;
      if (child.type !== 'dir') throw new FsError(child.type === 'file' ? 'EEXIST' : 'ENOTDIR', upTo(i + 1));
      dir = child;
      dirReal = childReal;
    }
    if (i === parts.length) return;
    // How many of the missing levels fit within PATH_MAX (the path as given, as the level-by-level walk checked it).
    let lo = i;
    let hi = parts.length;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (pathTooLong(parts.slice(0, mid))) hi = mid - 1;
      else lo = mid;
    }
    const fit = lo;
    const meta = { mode, uid: this.user.uid, gid: this.user.gid, mtime: this.mtime };
    const made = emptyDir(meta);
    // A new level the user cannot write into stops the chain there, as putNode's permission check did.
    let last = i;
    if (fit > i) {
      if (!this.canWrite(dir)) throw new FsError('EACCES', upTo(i + 1));
      last = this.canWrite(made) ? fit : i + 1;
      let chain: DirNode = emptyDir(meta);
      for (let k = last - 1; k > i; k--) chain = { ...emptyDir(meta), entries: new Map([[parts[k]!, chain]]) };
      this.draft.set(`${dirReal}/${parts[i]}`, chain);
    }
    if (last < fit) throw new FsError('EACCES', upTo(last + 1));
    if (fit < parts.length) throw new FsError('ENAMETOOLONG', upTo(fit + 1));
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
    this.draft.remove(real);
  }

  rmdir(path: string): void {
    const node = this.lstat(path);
    if (!node) throw new FsError('ENOENT', path);
    if (node.type !== 'dir') throw new FsError('ENOTDIR', path);
    if (node.entries.size > 0) throw new FsError('ENOTEMPTY', path);
    this.draft.remove(this.real(path, false));
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
    this.draft.set(this.real(path, follow), { ...node, ...meta } as FsNode);
  }

  /** Copies a node tree (structurally shared: content is not duplicated in memory). */
  copyNode(node: FsNode, dest: string, preserve: boolean): void {
    const owner = preserve ? {} : { uid: this.user.uid, gid: this.user.gid, mtime: this.mtime };
    const size = sizeOf(node);
    const target = this.writableTarget(dest);
    this.addWritten(size);
    this.draft.set(target, reown(node, owner));
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
