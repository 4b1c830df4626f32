// The build context: the workspace folder the build sees, after `.dockerignore`, as an immutable tree
// with uid/gid reset to 0 (BuildKit's client does this before sending). Also hashing of the files a
// COPY selects, which is what COPY's cache key is made of (names, modes, sizes, content; never mtime).
import type { BuildContextSource as Workspace, ContextTreeNode as WorkspaceTreeNode } from '../contract.ts';
import { bytesContent, dirWithEntries, fileNode, symlinkNode, type DirNode, type FsNode } from '../fs/index.ts';
import { IgnoreMatcher } from '../dockerfile/patterns.ts';
import { WorkSlice } from '../yield.ts';
import { toHex } from '../image/hash.ts';

export const LIMITS = {
  /** Total bytes of files in the context (after .dockerignore). */
  contextBytes: 50 * 1000 * 1000,
  /** Number of files in the context (after .dockerignore): room for a real project with its node_modules. */
  contextFiles: 50_000,
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

/** An entry of a context folder, from readTree or from readdir/stat entry by entry. */
interface SourceEntry {
  readonly name: string;
  readonly type: 'file' | 'dir' | 'symlink';
  readonly mode: number;
  readonly mtimeMs: number;
  bytes(): Promise<Uint8Array>;
  target(): string;
  entries(): Promise<SourceEntry[]>;
}

function fromTree(name: string, n: WorkspaceTreeNode): SourceEntry {
  return {
    name, type: n.type, mode: n.mode, mtimeMs: n.mtimeMs,
    bytes: async () => n.data ?? new Uint8Array(0),
    target: () => n.target ?? '',
    entries: async () => (n.children ?? []).map(([k, c]) => fromTree(k, c)),
  };
}

function fromWorkspace(ws: Workspace, dir: string): () => Promise<SourceEntry[]> {
  const readLink = (ws as unknown as { readlink?: (p: string) => string | undefined }).readlink;
  return async () => {
    const out: SourceEntry[] = [];
    for (const name of await ws.readdir(dir)) {
      const full = joinWs(dir, name);
      const st = await ws.stat(full);
      if (!st) continue;
      out.push({
        name, type: st.type, mode: st.mode, mtimeMs: st.mtimeMs,
        bytes: () => ws.readFile(full),
        target: () => readLink?.call(ws, full) ?? '',
        entries: fromWorkspace(ws, full),
      });
    }
    return out;
  };
}

/**
 * Reads `contextDir` from the workspace into a tree, skipping ignored paths. Throws ContextLimitError.
 * A workspace that can hand over the whole folder at once (readTree) is read in one call. The tree is
 * built bottom-up: each directory's entries are collected into one Map that becomes its node, so
 * loading costs time linear in the number of files (inserting them one by one into an immutable tree
 * would copy a directory's Map for every file it gains).
 */
export async function loadContext(ws: Workspace, contextDir: string, ignore: IgnoreMatcher, signal?: AbortSignal): Promise<LoadedContext> {
  // A context of tens of thousands of files takes a while to read and match: give the event loop turns,
  // and stop at one once the build is aborted.
  const slice = new WorkSlice();
  let fileCount = 0;
  let totalBytes = 0;
  const mayReinclude = ignore.patterns.some((p) => p.trim().startsWith('!'));
  const visit = async (list: () => Promise<SourceEntry[]>, rel: string): Promise<Map<string, FsNode>> => {
    const entries = new Map<string, FsNode>();
    for (const e of await list()) {
      const turn = slice.tick();
      if (turn) {
        await turn;
        if (signal?.aborted) throw new ContextCanceled();
      }
      const relPath = rel ? `${rel}/${e.name}` : e.name;
      if (ignore.ignores(relPath)) {
        // A directory may still hold re-included files (`!dir/keep`); only descend when some rule could
        // re-include. It then appears with default metadata, holding just what was re-included.
        if (!mayReinclude || e.type !== 'dir') continue;
        const kept = await visit(e.entries, relPath);
        if (kept.size > 0) entries.set(e.name, dirWithEntries(kept));
        continue;
      }
      const mtime = Math.floor(e.mtimeMs / 1000);
      if (e.type === 'dir') {
        entries.set(e.name, dirWithEntries(await visit(e.entries, relPath), { mode: e.mode, mtime }));
      } else if (e.type === 'symlink') {
        entries.set(e.name, symlinkNode(e.target(), { mtime }));
      } else {
        const data = await e.bytes();
        fileCount++;
        totalBytes += data.byteLength;
        if (fileCount > LIMITS.contextFiles) {
          throw new ContextLimitError(`build context has more than ${LIMITS.contextFiles} files, this lab's limit; add the extra files to .dockerignore`);
        }
        if (totalBytes > LIMITS.contextBytes) {
          throw new ContextLimitError(`build context is larger than ${LIMITS.contextBytes / 1e6}MB, this lab's limit; add large files to .dockerignore`);
        }
        entries.set(e.name, fileNode(bytesContent(data), { mode: e.mode, mtime }));
      }
    }
    return entries;
  };
  const tree = ws.readTree ? await ws.readTree(contextDir) : null;
  const list = tree?.type === 'dir' ? fromTree('', tree).entries : fromWorkspace(ws, contextDir);
  const root = dirWithEntries(await visit(list, ''));
  return { root, fileCount, totalBytes, ignore };
}

/** The build was aborted while its context was read. */
export class ContextCanceled extends Error {}

const hashMemo = new WeakMap<Uint8Array, Promise<string>>();

/** How many times hashBytes really hashed (memo misses): lets tests check that a cached rebuild re-hashes nothing. */
export const hashBytesStats = { computed: 0 };

/**
 * sha256 hex of bytes, memoised by the array's identity. The workspace hands out the same array for a
 * file until it is written again (its bytes are never modified in place), so unchanged files are
 * hashed once, however many builds read them.
 */
export function hashBytes(data: Uint8Array): Promise<string> {
  let p = hashMemo.get(data);
  if (!p) {
    hashBytesStats.computed++;
    p = crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>).then((buf) => {
      const hex = toHex(new Uint8Array(buf));
      known.set(data, hex);
      return hex;
    });
    hashMemo.set(data, p);
  }
  return p;
}

const known = new WeakMap<Uint8Array, string>();

/** The hash hashBytes already computed for these bytes, or undefined (lets a caller skip an await). */
export function knownHash(data: Uint8Array): string | undefined {
  return known.get(data);
}

const textEncoder = new TextEncoder();

export async function hashText(text: string): Promise<string> {
  const buf = await crypto.subtle.digest('SHA-256', textEncoder.encode(text));
  return toHex(new Uint8Array(buf));
}

