// Dive-style file trees: what one layer added, modified or removed, shown in the filesystem that the
// layers up to it produce ("layer" mode), or everything the layers above the first one changed
// ("combined" mode, like dive's aggregated view). Plain serialisable data; the explorer renders it.
import { contentSize, getNode, walk, compareNames, diffTrees, type Change, type DirNode, type FsNode } from '../fs/index.ts';
import { changesOf, rootBelow, stackRoots, type LayerLike } from './stack.ts';

export type Mark = 'added' | 'modified' | 'removed' | 'unchanged';

export interface TreeEntry {
  readonly name: string;
  readonly path: string;
  readonly kind: 'file' | 'dir' | 'symlink';
  /** File: its bytes. Directory: the bytes of every file under it (removed entries not counted). Symlink: 0. */
  readonly size: number;
  readonly mark: Mark;
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly target?: string;
  /** Number of marked (added/modified/removed) entries at or below this one. */
  readonly changed: number;
  readonly children?: TreeEntry[];
}

export type TreeMode = 'layer' | 'combined';

export interface LayerTreeOptions {
  readonly mode?: TreeMode;
  /** Precomputed stacked roots (from `stackRoots`), to avoid recomputing them per selection. */
  readonly roots?: readonly DirNode[];
}

/** Size of a node as a file listing shows it: file bytes, 0 for links, sum of files for directories. */
export function nodeSize(node: FsNode): number {
  if (node.type === 'file') return contentSize(node.content);
  if (node.type === 'symlink') return 0;
  let total = 0;
  for (const { node: n } of walk(node)) if (n.type === 'file') total += contentSize(n.content);
  return total;
}

/**
 * The marks of one layer, from its own change list: an entry the layer carries is `added` when nothing
 * was at its path below it and `modified` when something was; a whiteout is `removed`. An entry that a
 * layer re-writes with identical content and metadata is still carried by the layer, so it is `modified`.
 */
export function layerMarks(below: DirNode, changes: readonly Change[]): Map<string, Mark> {
  const marks = new Map<string, Mark>();
  for (const c of changes) {
    if (c.kind === 'deleted') marks.set(c.path, 'removed');
    else if (marks.get(c.path) === 'removed') marks.set(c.path, 'modified'); // opaque dir: reset then re-add
    else marks.set(c.path, getNode(below, c.path) ? 'modified' : 'added');
  }
  return marks;
}

function marksFromDiff(changes: readonly Change[]): Map<string, Mark> {
  const marks = new Map<string, Mark>();
  for (const c of changes) marks.set(c.path, c.kind === 'deleted' ? 'removed' : c.kind);
  return marks;
}

function build(name: string, path: string, after: FsNode | undefined, before: FsNode | undefined, marks: Map<string, Mark>): TreeEntry {
  const removed = !after;
  const own: Mark = removed ? 'removed' : (marks.get(path) ?? 'unchanged');
  const shown = (after ?? before)!;
  const base = { name, path, mode: shown.mode, uid: shown.uid, gid: shown.gid };
  if (shown.type !== 'dir') {
    return {
      ...base,
      kind: shown.type,
      size: shown.type === 'file' ? contentSize(shown.content) : 0,
      mark: own,
      changed: own === 'unchanged' ? 0 : 1,
      ...(shown.type === 'symlink' ? { target: shown.target } : {}),
    };
  }
  const live = after?.type === 'dir' ? after : undefined;
  const old = before?.type === 'dir' ? before : undefined;
  const children: TreeEntry[] = [];
  if (live) {
    const names = new Set<string>(live.entries.keys());
    // Entries only below this layer are shown when this layer removed them (a whiteout).
    if (old) for (const n of old.entries.keys()) if (!names.has(n) && marks.get(childPathOf(path, n)) === 'removed') names.add(n);
    for (const child of [...names].sort(compareNames)) {
      const childPath = childPathOf(path, child);
      children.push(build(child, childPath, live.entries.get(child), old?.entries.get(child), marks));
    }
  } else if (old) {
    for (const child of [...old.entries.keys()].sort(compareNames)) {
      children.push(build(child, childPathOf(path, child), undefined, old.entries.get(child), marks));
    }
  }
  let size = 0;
  let changed = own === 'unchanged' ? 0 : 1;
  for (const c of children) {
    if (removed || c.mark !== 'removed') size += c.size;
    changed += c.changed;
  }
  return { ...base, kind: 'dir', size, mark: own, changed, children };
}

function childPathOf(dir: string, name: string): string {
  return dir === '/' ? `/${name}` : `${dir}/${name}`;
}

/**
 * The file tree of `layers[index]`. In `layer` mode the tree is the filesystem after that layer, marked
 * with that layer's own changes, plus the entries it removed (marked `removed`, with their old sizes).
 * In `combined` mode the marks are every difference between the first layer's filesystem and this one.
 */
export function layerTree(layers: readonly LayerLike[], index: number, options: LayerTreeOptions = {}): TreeEntry {
  if (index < 0 || index >= layers.length) throw new RangeError(`layer ${index} out of range (0..${layers.length - 1})`);
  const roots = options.roots ?? stackRoots(layers.slice(0, index + 1));
  const after = roots[index]!;
  const mode = options.mode ?? 'layer';
  let below: DirNode;
  let marks: Map<string, Mark>;
  if (mode === 'layer') {
    below = rootBelow(roots, index);
    marks = layerMarks(below, changesOf(layers[index]!));
  } else {
    below = index > 0 ? roots[0]! : rootBelow(roots, 0);
    marks = marksFromDiff(diffTrees(below, after));
  }
  return build('/', '/', after, below, marks);
}

/** Keeps only entries that are marked or hold marked entries (dive's "hide unmodified" filter). */
export function onlyChanges(tree: TreeEntry): TreeEntry | undefined {
  if (tree.changed === 0) return undefined;
  if (!tree.children) return tree;
  const children = tree.children.map(onlyChanges).filter((c): c is TreeEntry => !!c);
  return { ...tree, children };
}

/** Finds an entry by absolute path. */
export function findEntry(tree: TreeEntry, path: string): TreeEntry | undefined {
  if (path === '/' || path === '') return tree;
  let cur: TreeEntry | undefined = tree;
  for (const part of path.split('/').filter(Boolean)) {
    cur = cur?.children?.find((c) => c.name === part);
    if (!cur) return undefined;
  }
  return cur;
}

/** Counts of marks over a tree's entries (directories included), e.g. for a summary line. */
export function markCounts(tree: TreeEntry): Record<Mark, number> {
  const out: Record<Mark, number> = { added: 0, modified: 0, removed: 0, unchanged: 0 };
  const visit = (e: TreeEntry): void => {
    if (e.path !== '/') out[e.mark]++;
    for (const c of e.children ?? []) visit(c);
  };
  visit(tree);
  return out;
}
