// An immutable, structurally shared filesystem tree. Every change returns a new root and reuses every
// untouched directory, so snapshots per build step are free and diffs can skip identical subtrees.
import { sameContent, type Content } from './content.ts';
import { NameTooLongError, normalizePath, pathTooLong, splitPath } from './path.ts';

interface NodeMeta {
  /** Permission bits only (e.g. 0o755); the type lives in `type`. */
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  /** Modification time in seconds since the epoch. */
  readonly mtime: number;
}

export interface FileNode extends NodeMeta {
  readonly type: 'file';
  readonly content: Content;
}

export interface SymlinkNode extends NodeMeta {
  readonly type: 'symlink';
  readonly target: string;
}

export interface DirNode extends NodeMeta {
  readonly type: 'dir';
  readonly entries: ReadonlyMap<string, FsNode>;
}

export type FsNode = FileNode | SymlinkNode | DirNode;

/** Fixed time used for files the engine creates unless told otherwise (2024-01-01T00:00:00Z). */
export const DEFAULT_MTIME = 1704067200;

export function emptyDir(meta: Partial<NodeMeta> = {}): DirNode {
  return { type: 'dir', mode: 0o755, uid: 0, gid: 0, mtime: DEFAULT_MTIME, ...meta, entries: new Map() };
}

export function fileNode(content: Content, meta: Partial<NodeMeta> = {}): FileNode {
  return { type: 'file', mode: 0o644, uid: 0, gid: 0, mtime: DEFAULT_MTIME, ...meta, content };
}

export function symlinkNode(target: string, meta: Partial<NodeMeta> = {}): SymlinkNode {
  return { type: 'symlink', mode: 0o777, uid: 0, gid: 0, mtime: DEFAULT_MTIME, ...meta, target };
}

/** The node at `path` without following any symlink (lstat semantics on every component). */
export function getNode(root: DirNode, path: string): FsNode | undefined {
  let node: FsNode = root;
  for (const part of splitPath(path)) {
    if (node.type !== 'dir') return undefined;
    const child: FsNode | undefined = node.entries.get(part);
    if (!child) return undefined;
    node = child;
  }
  return node;
}

export class SymlinkLoopError extends Error {}

const MAX_SYMLINKS = 40;

/**
 * Resolves `path` to its real location, following symlinks in every directory component and, when
 * `followLast` is set, in the final one too (stat versus lstat). Returns the real path even if nothing
 * exists there yet, so callers can create files through symlinked directories such as usr-merge's /bin.
 * A path longer than Linux's PATH_MAX (or with a name over NAME_MAX) throws NameTooLongError, which
 * also bounds the work a deep `mkdir -p` can ask for.
 */
export function resolvePath(root: DirNode, path: string, followLast = true): string {
  // One pass from the root, keeping the node reached so far, so a path of d components costs O(d)
  // (not O(d²) from looking every prefix up again). A symlink restarts the walk at its target.
  let pending = splitPath(path);
  if (pathTooLong(pending)) throw new NameTooLongError(path);
  let at = 0;
  const done: string[] = [];
  let node: FsNode | undefined = root;
  let hops = 0;
  while (at < pending.length) {
    const part = pending[at++]!;
    const child: FsNode | undefined = node?.type === 'dir' ? node.entries.get(part) : undefined;
    if (child?.type === 'symlink' && (at < pending.length || followLast)) {
      if (++hops > MAX_SYMLINKS) throw new SymlinkLoopError(`too many levels of symbolic links: ${path}`);
      const base = child.target.startsWith('/') ? '/' : '/' + done.join('/');
      pending = [...splitPath(normalizePath(child.target, base)), ...pending.slice(at)];
      at = 0;
      done.length = 0;
      node = root;
      continue;
    }
    done.push(part);
    node = child;
  }
  return '/' + done.join('/');
}

/** Stat: the node at `path` after following symlinks. */
export function statNode(root: DirNode, path: string): FsNode | undefined {
  return getNode(root, resolvePath(root, path, true));
}

function withEntry(dir: DirNode, name: string, child: FsNode | undefined): DirNode {
  const entries = new Map(dir.entries);
  if (child) entries.set(name, child);
  else entries.delete(name);
  return { ...dir, entries };
}

/**
 * Returns a new root with `node` at `path` (no symlink following; resolve first if needed).
 * Missing parent directories are created with `parentMeta`; a non-directory in the way is an error.
 */
export function setNode(root: DirNode, path: string, node: FsNode, parentMeta: Partial<NodeMeta> = {}): DirNode {
  const parts = splitPath(path);
  if (parts.length === 0) {
    if (node.type !== 'dir') throw new Error('cannot replace / with a non-directory');
    return node;
  }
  const go = (dir: DirNode, i: number): DirNode => {
    const name = parts[i]!;
    if (i === parts.length - 1) return withEntry(dir, name, node);
    const existing = dir.entries.get(name);
    if (existing && existing.type !== 'dir') {
      throw new NotADirectoryError('/' + parts.slice(0, i + 1).join('/'));
    }
    return withEntry(dir, name, go(existing ?? emptyDir(parentMeta), i + 1));
  };
  return go(root, 0);
}

export class NotADirectoryError extends Error {
  readonly path: string;
  constructor(path: string) {
    super(`${path}: Not a directory`);
    this.path = path;
  }
}

/**
 * Builds a tree by many setNode/removeNode calls at the cost of one copy per directory touched, not
 * one per call: directories along changed paths are copied once (copy-on-write) and then updated in
 * place. `root` at any moment is a valid tree that shares every untouched subtree with the starting
 * one, which is never modified. Keep only the final root: the draft keeps changing the directories it
 * copied, so a root read earlier may change under a later call. Same results as setNode/removeNode.
 */
export class TreeDraft {
  private current: DirNode;
  private owned = new WeakSet<DirNode>();

  constructor(root: DirNode) {
    this.current = root;
  }

  get root(): DirNode {
    return this.current;
  }

  private own(dir: DirNode): DirNode {
    if (this.owned.has(dir)) return dir;
    const copy: DirNode = { ...dir, entries: new Map(dir.entries) };
    this.owned.add(copy);
    return copy;
  }

  /** setNode on the draft; returns the new root. */
  set(path: string, node: FsNode, parentMeta: Partial<NodeMeta> = {}): DirNode {
    const parts = splitPath(path);
    if (parts.length === 0) {
      if (node.type !== 'dir') throw new Error('cannot replace / with a non-directory');
      this.owned = new WeakSet();
      this.current = node;
      return node;
    }
    // Check the way first, so a failed call leaves the draft as it was (as setNode leaves its input).
    let probe: FsNode | undefined = this.current;
    for (let i = 0; i < parts.length - 1 && probe; i++) {
      probe = (probe as DirNode).entries.get(parts[i]!);
      if (probe && probe.type !== 'dir') throw new NotADirectoryError('/' + parts.slice(0, i + 1).join('/'));
    }
    // A directory read back from this draft would end up in two places that later calls change
    // together; from here on, copy everything again.
    if (node.type === 'dir' && this.owned.has(node)) this.owned = new WeakSet();
    this.current = this.own(this.current);
    let dir = this.current;
    for (let i = 0; i < parts.length - 1; i++) {
      const name = parts[i]!;
      const child = dir.entries.get(name) as DirNode | undefined;
      const next = child ? this.own(child) : this.own(emptyDir(parentMeta));
      if (next !== child) {
        (dir.entries as Map<string, FsNode>).set(name, next);
        if (!child) namesCache.delete(dir);
      }
      dir = next;
    }
    (dir.entries as Map<string, FsNode>).set(parts[parts.length - 1]!, node);
    namesCache.delete(dir);
    return this.current;
  }

  /** removeNode on the draft; returns the new root. */
  remove(path: string): DirNode {
    const parts = splitPath(path);
    if (parts.length === 0) {
      const r = this.current;
      this.current = emptyDir({ mode: r.mode, uid: r.uid, gid: r.gid, mtime: r.mtime });
      return this.current;
    }
    let probe: FsNode | undefined = this.current;
    for (let i = 0; i < parts.length; i++) {
      if (probe?.type !== 'dir') return this.current; // a missing path (or a file on the way): no-op
      probe = probe.entries.get(parts[i]!);
    }
    if (!probe) return this.current;
    this.current = this.own(this.current);
    let dir = this.current;
    for (let i = 0; i < parts.length - 1; i++) {
      const name = parts[i]!;
      const next = this.own(dir.entries.get(name) as DirNode);
      (dir.entries as Map<string, FsNode>).set(name, next);
      dir = next;
    }
    (dir.entries as Map<string, FsNode>).delete(parts[parts.length - 1]!);
    namesCache.delete(dir);
    return this.current;
  }
}

/**
 * A directory node holding `entries` as they are (no copy): for building a tree bottom-up in one pass,
 * e.g. the build context, where each directory's Map is filled once and never changed afterwards.
 */
export function dirWithEntries(entries: Map<string, FsNode>, meta: Partial<NodeMeta> = {}): DirNode {
  return { ...emptyDir(meta), entries };
}

/** Returns a new root without `path` (and everything under it). Removing a missing path is a no-op. */
export function removeNode(root: DirNode, path: string): DirNode {
  const parts = splitPath(path);
  if (parts.length === 0) return emptyDir({ mode: root.mode, uid: root.uid, gid: root.gid, mtime: root.mtime });
  const go = (dir: DirNode, i: number): DirNode => {
    const name = parts[i]!;
    const child = dir.entries.get(name);
    if (!child) return dir;
    if (i === parts.length - 1) return withEntry(dir, name, undefined);
    if (child.type !== 'dir') return dir;
    const updated = go(child, i + 1);
    return updated === child ? dir : withEntry(dir, name, updated);
  };
  return go(root, 0);
}

export interface WalkEntry {
  readonly path: string;
  readonly node: FsNode;
}

/** Every node under `root` in sorted, depth-first order (parents before children), excluding `/` itself. */
export function* walk(root: DirNode, prefix = ''): Generator<WalkEntry> {
  const names = sortedNames(root);
  for (const name of names) {
    const node = root.entries.get(name)!;
    const path = `${prefix}/${name}`;
    yield { path, node };
    if (node.type === 'dir') yield* walk(node, path);
  }
}

// A directory's names in order, kept per node: trees are immutable, so a build's several walks of the
// same context (lint, transfer, COPY) sort each directory once. TreeDraft and applyChanges, which
// update directories they own in place, drop the entry of any directory they change.
const namesCache = new WeakMap<DirNode, readonly string[]>();

function sortedNames(dir: DirNode): readonly string[] {
  let names = namesCache.get(dir);
  if (!names) {
    names = [...dir.entries.keys()].sort(compareNames);
    namesCache.set(dir, names);
  }
  return names;
}

/** Byte-wise name order, as tar writers and Go's sort.Strings use. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Total bytes of regular-file content under `root`. */
export function treeSize(root: DirNode): number {
  let total = 0;
  for (const { node } of walk(root)) if (node.type === 'file') total += node.content.kind === 'bytes' ? node.content.data.byteLength : node.content.size;
  return total;
}

function sameMeta(a: NodeMeta, b: NodeMeta): boolean {
  return a.mode === b.mode && a.uid === b.uid && a.gid === b.gid && a.mtime === b.mtime;
}

/** True when the two nodes are the same entry, ignoring directory children. */
export function sameNode(a: FsNode, b: FsNode): boolean {
  if (a === b) return true;
  if (a.type !== b.type || !sameMeta(a, b)) return false;
  if (a.type === 'file') return sameContent(a.content, (b as FileNode).content);
  if (a.type === 'symlink') return a.target === (b as SymlinkNode).target;
  return true;
}

export type Change =
  | { readonly kind: 'added'; readonly path: string; readonly node: FsNode }
  | { readonly kind: 'modified'; readonly path: string; readonly node: FsNode }
  | { readonly kind: 'deleted'; readonly path: string };

/**
 * The changes that turn `lower` into `upper`, in sorted path order. Added directories are reported
 * together with everything inside them; a deleted directory is reported once, not per child.
 * A directory whose own metadata changed is `modified` even when its children did not change.
 */
export function diffTrees(lower: DirNode, upper: DirNode, prefix = ''): Change[] {
  const out: Change[] = [];
  if (lower === upper) return out;
  const names = new Set([...lower.entries.keys(), ...upper.entries.keys()]);
  for (const name of [...names].sort(compareNames)) {
    const path = `${prefix}/${name}`;
    const before = lower.entries.get(name);
    const after = upper.entries.get(name);
    if (before === after) continue;
    if (!after) {
      out.push({ kind: 'deleted', path });
    } else if (!before) {
      out.push({ kind: 'added', path, node: after });
      if (after.type === 'dir') for (const e of walk(after, path)) out.push({ kind: 'added', path: e.path, node: e.node });
    } else if (before.type === 'dir' && after.type === 'dir') {
      if (!sameNode(before, after)) out.push({ kind: 'modified', path, node: after });
      out.push(...diffTrees(before, after, path));
    } else if (before.type !== after.type) {
      // A type change is a delete plus an add in overlay terms; report it as modified with the new node.
      out.push({ kind: 'modified', path, node: after });
      if (after.type === 'dir') for (const e of walk(after, path)) out.push({ kind: 'added', path: e.path, node: e.node });
    } else if (!sameNode(before, after)) {
      out.push({ kind: 'modified', path, node: after });
    }
  }
  return out;
}

/** Path order as diffTrees emits it: name by name along the path, a directory before what it holds. */
function comparePaths(a: string, b: string): number {
  const x = a.split('/');
  const y = b.split('/');
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const c = compareNames(x[i]!, y[i]!);
    if (c !== 0) return c;
  }
  return x.length - y.length;
}

/**
 * diffTrees, plus the non-directory entries at `rewritten` paths even where they equal what `lower`
 * had. A step that writes a file (COPY, ADD) puts it in its upper layer whatever the path held before,
 * as overlayfs (Docker's default storage driver) keeps it, so the layer carries the file again.
 */
export function diffTreesWithRewrites(lower: DirNode, upper: DirNode, rewritten: Iterable<string>): Change[] {
  const changes = diffTrees(lower, upper);
  const seen = new Set(changes.map((c) => c.path));
  const extra: Change[] = [];
  for (const path of rewritten) {
    if (seen.has(path)) continue;
    seen.add(path);
    const node = getNode(upper, path);
    if (node && node.type !== 'dir') extra.push({ kind: 'modified', path, node });
  }
  return extra.length ? [...changes, ...extra].sort((a, b) => comparePaths(a.path, b.path)) : changes;
}

/**
 * Applies changes (as produced by `diffTrees`) on top of `root`. Same result as applying them one
 * by one with setNode/removeNode, but directories along changed paths are copied once per call and
 * then updated in place (copy-on-write), so adding thousands of files to one directory costs one
 * copy of that directory instead of one per file. `root` and untouched subtrees are never modified.
 */
export function applyChanges(root: DirNode, changes: readonly Change[]): DirNode {
  const owned = new WeakSet<DirNode>();
  const fresh = (dir: DirNode): DirNode => {
    owned.add(dir);
    return dir;
  };
  const own = (dir: DirNode): DirNode => (owned.has(dir) ? dir : fresh({ ...dir, entries: new Map(dir.entries) }));
  const mutable = (dir: DirNode) => {
    namesCache.delete(dir);
    return dir.entries as Map<string, FsNode>;
  };
  let out = root;
  for (const change of changes) {
    const parts = splitPath(change.path);
    if (parts.length === 0) {
      // The root itself, with setNode/removeNode's semantics.
      if (change.kind === 'deleted') out = fresh(emptyDir({ mode: out.mode, uid: out.uid, gid: out.gid, mtime: out.mtime }));
      else if (change.node.type !== 'dir') throw new Error('cannot replace / with a non-directory');
      else out = change.kind === 'modified' ? { ...change.node, entries: out.entries } : fresh({ ...change.node, entries: new Map() });
      continue;
    }
    out = own(out);
    let dir = out;
    let stop = false;
    for (let i = 0; i < parts.length - 1; i++) {
      const name = parts[i]!;
      const child = dir.entries.get(name);
      if (child === undefined) {
        if (change.kind === 'deleted') {
          stop = true; // removing a missing path is a no-op
          break;
        }
        const created = fresh(emptyDir());
        mutable(dir).set(name, created);
        dir = created;
      } else if (child.type === 'dir') {
        const copy = own(child);
        if (copy !== child) mutable(dir).set(name, copy);
        dir = copy;
      } else if (change.kind === 'deleted') {
        stop = true;
        break;
      } else {
        throw new NotADirectoryError('/' + parts.slice(0, i + 1).join('/'));
      }
    }
    if (stop) continue;
    const name = parts[parts.length - 1]!;
    if (change.kind === 'deleted') {
      mutable(dir).delete(name);
    } else if (change.node.type === 'dir') {
      // Keep existing children when only the directory's metadata changed.
      const existing = dir.entries.get(name);
      mutable(dir).set(
        name,
        existing?.type === 'dir' && change.kind === 'modified'
          ? { ...change.node, entries: existing.entries }
          : fresh({ ...change.node, entries: new Map() }),
      );
    } else {
      mutable(dir).set(name, change.node);
    }
  }
  return out;
}

export { normalizePath };
