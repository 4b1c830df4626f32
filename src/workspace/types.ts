// The build context as the shell and the builder see it: a folder of files, whatever stores it
// (an in-memory map in Node, a git working tree over IndexedDB in the browser). The interface itself is
// the engine's (src/engine/workspace.ts), since the builder reads it; its errors are the workspace's.

export type { Workspace, WorkspaceStat, WorkspaceTreeNode } from '../engine/workspace.ts';

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
