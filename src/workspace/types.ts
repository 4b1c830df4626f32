// The build context as the shell and the builder see it: a folder of files, whatever stores it
// (an in-memory map in Node, a git working tree over IndexedDB in the browser).
import type { ContextTreeNode } from '../engine/contract.ts';

export interface WorkspaceStat {
  readonly type: 'file' | 'dir' | 'symlink';
  /** Permission bits only, e.g. 0o644. */
  readonly mode: number;
  readonly size: number;
  /** Modification time in milliseconds. Never part of a cache key; `touch` changes only this. */
  readonly mtimeMs: number;
}

/**
 * Paths are POSIX paths relative to the workspace root (`src/index.js`) or absolute within it
 * (`/src/index.js`); both mean the same file. Errors are thrown as `WorkspaceError` with an errno-style code.
 */
export interface Workspace {
  /** The file's bytes. They may be shared with the store (no copy): never modify them. */
  readFile(path: string): Promise<Uint8Array>;
  writeFile(path: string, data: Uint8Array | string, options?: { mode?: number }): Promise<void>;
  stat(path: string): Promise<WorkspaceStat | null>;
  readdir(path: string): Promise<string[]>;
  mkdir(path: string, options?: { recursive?: boolean }): Promise<void>;
  remove(path: string, options?: { recursive?: boolean }): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  chmod(path: string, mode: number): Promise<void>;
  /** Sets the modification time (ms); creates an empty file when missing, like `touch`. */
  touch(path: string, mtimeMs: number): Promise<void>;
  /**
   * Optional: the folder at `path` and everything below it in one call (what readdir, stat, readFile and
   * readlink would give, entry by entry), for reading a whole build context fast. null when missing.
   */
  readTree?(path: string): Promise<WorkspaceTreeNode | null>;
}

/** One entry of Workspace.readTree: the build context's tree node, which the engine reads (contract.ts). */
export type WorkspaceTreeNode = ContextTreeNode;

export type WorkspaceErrorCode = 'ENOENT' | 'EEXIST' | 'ENOTDIR' | 'EISDIR' | 'ENOTEMPTY' | 'EINVAL' | 'ENOSPC';

export class WorkspaceError extends Error {
  readonly code: WorkspaceErrorCode;
  readonly path: string;
  constructor(code: WorkspaceErrorCode, path: string, message?: string) {
    super(message ?? `${code}: ${path}`);
    this.code = code;
    this.path = path;
  }
}
