// "Deleted in a later layer but still shipped": a file a layer wrote stays in that layer's blob even when
// a later layer deletes it (a whiteout only hides it) or writes over it. Every pull still moves those
// bytes. The classic case: `RUN apt-get update && apt-get install …` then `RUN rm -rf /var/lib/apt/lists/*`.
import { contentSize, getNode, walk } from '../fs/index.ts';
import { changesOf, rootBelow, stackRoots, type LayerLike } from './stack.ts';
import type { DirNode } from '../fs/index.ts';

export interface ShippedWaste {
  /** The file's path. */
  readonly path: string;
  /** Bytes the earlier layer still carries. */
  readonly size: number;
  /** Layer that wrote the bytes (bottom first). */
  readonly writtenIn: number;
  /** Layer that deleted the file or wrote over it. */
  readonly hiddenIn: number;
  readonly how: 'deleted' | 'overwritten';
}

export interface ShippedReport {
  readonly items: readonly ShippedWaste[];
  readonly deletedBytes: number;
  readonly overwrittenBytes: number;
}

export function shippedButHidden(layers: readonly LayerLike[], precomputedRoots?: readonly DirNode[]): ShippedReport {
  const roots = precomputedRoots ?? stackRoots(layers);
  /** Path of a regular file → the layer whose copy is visible now. */
  const writer = new Map<string, number>();
  const items: ShippedWaste[] = [];
  layers.forEach((layer, index) => {
    const below = rootBelow(roots, index);
    for (const c of changesOf(layer)) {
      if (c.kind === 'deleted') {
        // Every file at or under the path that an earlier layer wrote is now hidden but shipped.
        const node = getNode(below, c.path);
        if (!node) continue;
        const files: [string, number][] = [];
        if (node.type === 'file') files.push([c.path, contentSize(node.content)]);
        else if (node.type === 'dir') for (const e of walk(node, c.path)) if (e.node.type === 'file') files.push([e.path, contentSize(e.node.content)]);
        for (const [path, size] of files) {
          const w = writer.get(path);
          if (w === undefined) continue;
          writer.delete(path);
          if (size > 0) items.push({ path, size, writtenIn: w, hiddenIn: index, how: 'deleted' });
        }
        continue;
      }
      if (c.node.type !== 'file') {
        // A directory or link replacing a file hides it too.
        const old = getNode(below, c.path);
        const w = writer.get(c.path);
        if (old?.type === 'file' && w !== undefined) {
          writer.delete(c.path);
          if (contentSize(old.content) > 0) items.push({ path: c.path, size: contentSize(old.content), writtenIn: w, hiddenIn: index, how: 'overwritten' });
        }
        continue;
      }
      const w = writer.get(c.path);
      if (w !== undefined && w !== index) {
        const old = getNode(below, c.path);
        const size = old?.type === 'file' ? contentSize(old.content) : 0;
        if (size > 0) items.push({ path: c.path, size, writtenIn: w, hiddenIn: index, how: 'overwritten' });
      }
      writer.set(c.path, index);
    }
  });
  items.sort((a, b) => b.size - a.size || (a.path < b.path ? -1 : 1));
  let deletedBytes = 0;
  let overwrittenBytes = 0;
  for (const i of items) {
    if (i.how === 'deleted') deletedBytes += i.size;
    else overwrittenBytes += i.size;
  }
  return { items, deletedBytes, overwrittenBytes };
}
