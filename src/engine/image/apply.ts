// Applying layers to a root filesystem (OCI layer.md "Applying Changesets") and reading layer tars
// back into change lists (for `docker load` and for checking what a layer contains).
//
// Rules: a whiteout `.wh.<name>` removes `<name>` from the lower layers; `<dir>/.wh..wh..opq`
// removes all lower children of `<dir>` and is applied before the same layer's new entries;
// a directory entry over an existing directory replaces its attributes and keeps its children;
// any other entry replaces whatever was at its path.
import {
  bytesContent,
  emptyDir,
  fileNode,
  NotADirectoryError,
  symlinkNode,
  type Change,
  type DirNode,
  type FsNode,
} from '../fs/index.ts';
import { gunzip, isGzip } from './gzip.ts';
import { OPAQUE_WHITEOUT, WHITEOUT_PREFIX } from './layer.ts';
import { readTar, TarFormatError } from './tar.ts';
import type { Layer } from './types.ts';

/**
 * Applies one change list to `root` with OCI semantics. Directories along changed paths are copied
 * once per call and then updated in place (copy-on-write), so a layer with thousands of files in
 * one directory costs one copy of that directory, not one per file. Untouched subtrees are shared
 * with `root`, which is never modified.
 */
export function applyChangeList(root: DirNode, changes: readonly Change[]): DirNode {
  const owned = new WeakSet<DirNode>();
  const own = (dir: DirNode): DirNode => {
    if (owned.has(dir)) return dir;
    const copy: DirNode = { ...dir, entries: new Map(dir.entries) };
    owned.add(copy);
    return copy;
  };
  const entriesOf = (dir: DirNode) => dir.entries as Map<string, FsNode>;
  let out = own(root);
  for (const change of changes) {
    const parts = change.path.split('/').filter(Boolean);
    if (parts.length === 0) {
      // The root itself: only its attributes can change.
      if (change.kind !== 'deleted' && change.node.type === 'dir') {
        const copy: DirNode = { ...change.node, entries: out.entries };
        owned.add(copy);
        out = copy;
      }
      continue;
    }
    // Walk to the parent, copying directories on the way (creating missing ones for additions).
    let dir = out;
    let missing = false;
    for (let i = 0; i < parts.length - 1; i++) {
      const name = parts[i]!;
      const child = dir.entries.get(name);
      if (child === undefined) {
        if (change.kind === 'deleted') {
          missing = true;
          break;
        }
        const created = emptyDir();
        owned.add(created);
        entriesOf(dir).set(name, created);
        dir = created;
      } else if (child.type === 'dir') {
        const copy = own(child);
        if (copy !== child) entriesOf(dir).set(name, copy);
        dir = copy;
      } else if (change.kind === 'deleted') {
        missing = true;
        break;
      } else {
        throw new NotADirectoryError('/' + parts.slice(0, i + 1).join('/'));
      }
    }
    if (missing) continue;
    const name = parts[parts.length - 1]!;
    if (change.kind === 'deleted') {
      entriesOf(dir).delete(name);
      continue;
    }
    const node = change.node;
    const existing = dir.entries.get(name);
    if (existing === node) continue;
    if (node.type === 'dir' && existing?.type === 'dir') {
      if (existing.mode === node.mode && existing.uid === node.uid && existing.gid === node.gid && existing.mtime === node.mtime) continue;
      entriesOf(dir).set(name, { ...node, entries: existing.entries });
      continue;
    }
    entriesOf(dir).set(name, node);
  }
  return out;
}

/** The rootfs that `layers` (bottom first) produce on top of `base`. */
export function applyLayers(base: DirNode, layers: ReadonlyArray<Layer | readonly Change[]>): DirNode {
  let root = base;
  for (const layer of layers) root = applyChangeList(root, Array.isArray(layer) ? (layer as readonly Change[]) : (layer as Layer).changes);
  return root;
}

function cleanName(name: string): string {
  const parts = name.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) throw new TarFormatError(`invalid path in layer: ${name}`);
  return '/' + parts.join('/');
}

function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

/**
 * Parses a layer (plain tar or gzip) into changes. Whiteouts become `deleted`; an opaque directory
 * becomes `deleted` followed by `added` for that directory, before any entry beneath it. Hard links
 * become copies of the file they point at (the lab's filesystem has no inodes).
 */
export function readLayerTar(bytes: Uint8Array): Change[] {
  const tar = isGzip(bytes) ? gunzip(bytes) : bytes;
  const entries = readTar(tar);
  const opaque = new Set<string>();
  for (const e of entries) {
    const path = cleanName(e.name);
    if (path.endsWith('/' + OPAQUE_WHITEOUT)) opaque.add(parentOf(path));
  }
  const dirEntries = new Map<string, FsNode>();
  const files = new Map<string, FsNode>();
  const out: Change[] = [];
  const opaqueDone = new Set<string>();

  const ensureOpaque = (path: string, dirNode?: FsNode): void => {
    if (opaque.size === opaqueDone.size) return; // nothing (left) to reset: the common case
    // Emit the opaque reset for `path` or any ancestor not reset yet, outermost first.
    const chain: string[] = [];
    for (let p = path; ; p = parentOf(p)) {
      chain.unshift(p);
      if (p === '/') break;
    }
    for (const p of chain) {
      if (!opaque.has(p) || opaqueDone.has(p)) continue;
      opaqueDone.add(p);
      out.push({ kind: 'deleted', path: p });
      const node = p === path && dirNode?.type === 'dir' ? dirNode : (dirEntries.get(p) ?? emptyDir());
      out.push({ kind: 'added', path: p, node });
    }
  };

  for (const e of entries) {
    const path = cleanName(e.name);
    if (path === '/') continue;
    const base = path.slice(path.lastIndexOf('/') + 1);
    const meta = { mode: e.mode & 0o7777, uid: e.uid, gid: e.gid, mtime: e.mtime };
    if (base === OPAQUE_WHITEOUT) {
      ensureOpaque(parentOf(path));
      continue;
    }
    if (base.startsWith(WHITEOUT_PREFIX)) {
      const target = (parentOf(path) === '/' ? '' : parentOf(path)) + '/' + base.slice(WHITEOUT_PREFIX.length);
      ensureOpaque(parentOf(path));
      out.push({ kind: 'deleted', path: target });
      continue;
    }
    let node: FsNode;
    if (e.type === '5') node = emptyDir(meta);
    else if (e.type === '2') node = symlinkNode(e.linkname, meta);
    else if (e.type === '0' || e.type === '7') node = fileNode(bytesContent(e.data.slice()), meta);
    else if (e.type === '1') {
      const target = files.get(cleanName(e.linkname));
      if (!target) continue;
      node = target;
    } else continue; // devices, fifos: not modelled in the lab
    if (node.type === 'dir') {
      dirEntries.set(path, node);
      if (opaque.has(path) && !opaqueDone.has(path)) {
        ensureOpaque(path, node);
        continue;
      }
    } else files.set(path, node);
    ensureOpaque(parentOf(path));
    out.push({ kind: 'added', path, node });
  }
  return out;
}
