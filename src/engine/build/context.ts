// The build context: the workspace folder the build sees, after `.dockerignore`, as an immutable tree
// with uid/gid reset to 0 (BuildKit's client does this before sending). Also hashing of the files a
// COPY selects, which is what COPY's cache key is made of (names, modes, sizes, content; never mtime).
import type { Workspace } from '../../workspace/types.ts';
import { bytesContent, emptyDir, fileNode, setNode, symlinkNode, type DirNode, type FsNode } from '../fs/index.ts';
import { IgnoreMatcher } from '../dockerfile/patterns.ts';
import { toHex } from '../image/hash.ts';

export const LIMITS = {
  /** Total bytes of files in the context (after .dockerignore). */
  contextBytes: 50 * 1000 * 1000,
  /** Number of files in the context (after .dockerignore). */
  contextFiles: 5000,
  /** Bytes of a single layer (uncompressed). */
  layerBytes: 2 * 1000 * 1000 * 1000,
};

export class ContextLimitError extends Error {}

export interface LoadedContext {
  readonly root: DirNode;
  readonly fileCount: number;
  readonly totalBytes: number;
  readonly ignore: IgnoreMatcher;
}

function joinWs(dir: string, name: string): string {
  return dir === '/' ? `/${name}` : `${dir}/${name}`;
}

/** Reads `contextDir` from the workspace into a tree, skipping ignored paths. Throws ContextLimitError. */
export async function loadContext(ws: Workspace, contextDir: string, ignore: IgnoreMatcher): Promise<LoadedContext> {
  let root = emptyDir();
  let fileCount = 0;
  let totalBytes = 0;
  const readLink = (ws as unknown as { readlink?: (p: string) => string | undefined }).readlink;
  const visit = async (wsDir: string, rel: string): Promise<void> => {
    for (const name of await ws.readdir(wsDir)) {
      const relPath = rel ? `${rel}/${name}` : name;
      if (ignore.ignores(relPath)) {
        // A directory may still hold re-included files (`!dir/keep`); only descend when some rule could re-include.
        const st = await ws.stat(joinWs(wsDir, name));
        if (st?.type === 'dir' && ignore.patterns.some((p) => p.trim().startsWith('!'))) await visit(joinWs(wsDir, name), relPath);
        continue;
      }
      const full = joinWs(wsDir, name);
      const st = await ws.stat(full);
      if (!st) continue;
      const mtime = Math.floor(st.mtimeMs / 1000);
      let node: FsNode;
      if (st.type === 'dir') {
        root = setNode(root, '/' + relPath, { ...emptyDir({ mode: st.mode, mtime }) });
        await visit(full, relPath);
        continue;
      } else if (st.type === 'symlink') {
        node = symlinkNode(readLink?.call(ws, full) ?? '', { mtime });
      } else {
        const data = await ws.readFile(full);
        fileCount++;
        totalBytes += data.byteLength;
        if (fileCount > LIMITS.contextFiles) {
          throw new ContextLimitError(`build context has more than ${LIMITS.contextFiles} files, this lab's limit; add the extra files to .dockerignore`);
        }
        if (totalBytes > LIMITS.contextBytes) {
          throw new ContextLimitError(`build context is larger than ${LIMITS.contextBytes / 1e6}MB, this lab's limit; add large files to .dockerignore`);
        }
        node = fileNode(bytesContent(data), { mode: st.mode, mtime });
      }
      root = setNode(root, '/' + relPath, node);
    }
  };
  await visit(contextDir, '');
  return { root, fileCount, totalBytes, ignore };
}

const hashMemo = new WeakMap<Uint8Array, Promise<string>>();

/** sha256 hex of bytes, memoised by the array's identity (unchanged workspace files keep their array). */
export function hashBytes(data: Uint8Array): Promise<string> {
  let p = hashMemo.get(data);
  if (!p) {
    p = crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>).then((buf) => toHex(new Uint8Array(buf)));
    hashMemo.set(data, p);
  }
  return p;
}

const textEncoder = new TextEncoder();

export async function hashText(text: string): Promise<string> {
  const buf = await crypto.subtle.digest('SHA-256', textEncoder.encode(text));
  return toHex(new Uint8Array(buf));
}

