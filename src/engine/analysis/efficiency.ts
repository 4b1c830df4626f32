// Image efficiency as dive computes it (wagoodman/dive, filetree/efficiency.go and image/analysis.go),
// restated here in our own code:
//  - Every layer is read as its own file tree (the entries of its tar). Only leaves count: entries with
//    nothing below them in that same layer.
//  - A leaf adds its size to its path's running total: a file its bytes, a link or directory 0. A
//    whiteout of something that was a directory adds the bytes of everything under that directory in the
//    layers below; a whiteout of a file adds 0.
//  - Each path remembers the smallest size it was seen with. Score = sum of smallest sizes / sum of
//    totals (1 when nothing was seen). A path seen in two or more layers is an inefficiency, and
//    "wasted bytes" is the sum of those paths' totals (the copy that survives included, as dive counts).
import { contentSize, getNode, walk, type DirNode } from '../fs/index.ts';
import { changesOf, rootBelow, stackRoots, type LayerLike } from './stack.ts';

export interface Inefficiency {
  readonly path: string;
  /** Sum of the sizes this path had in every layer that carried it. */
  readonly cumulativeSize: number;
  /** Layers (indexes, bottom first) whose tar carries this path. */
  readonly layers: readonly number[];
  /** True when the last layer that touches it removes it. */
  readonly removedAtEnd: boolean;
}

export interface EfficiencyReport {
  /** 0..1, as dive prints it as a percentage. */
  readonly score: number;
  readonly wastedBytes: number;
  /** Sorted by cumulative size, largest first. */
  readonly inefficiencies: readonly Inefficiency[];
  /** Sum of all layer file sizes, and the same without the first layer (dive's "user" size). */
  readonly totalBytes: number;
  readonly userBytes: number;
}

function parentsOf(path: string): string[] {
  const out: string[] = [];
  for (let i = path.lastIndexOf('/'); i > 0; i = path.lastIndexOf('/', i - 1)) out.push(path.slice(0, i));
  return out;
}

function bytesUnder(root: DirNode, path: string): number {
  const node = getNode(root, path);
  if (!node || node.type !== 'dir') return 0;
  let total = 0;
  for (const { node: n } of walk(node)) if (n.type === 'file') total += contentSize(n.content);
  return total;
}

interface PathData {
  cumulative: number;
  min: number;
  layers: number[];
  lastRemoved: boolean;
}

export function efficiency(layers: readonly LayerLike[], precomputedRoots?: readonly DirNode[]): EfficiencyReport {
  const roots = precomputedRoots ?? stackRoots(layers);
  const data = new Map<string, PathData>();
  let totalBytes = 0;
  let userBytes = 0;
  layers.forEach((layer, index) => {
    const changes = changesOf(layer);
    // The last entry for a path wins within one tar (an opaque reset followed by the directory itself).
    const entries = new Map<string, (typeof changes)[number]>();
    for (const c of changes) entries.set(c.path, c);
    const inner = new Set<string>();
    for (const path of entries.keys()) for (const p of parentsOf(path)) inner.add(p);
    let layerBytes = 0;
    for (const [path, c] of entries) {
      if (c.kind !== 'deleted' && c.node.type === 'file') layerBytes += contentSize(c.node.content);
      if (inner.has(path)) continue; // not a leaf in this layer's tree
      let size: number;
      if (c.kind === 'deleted') size = bytesUnder(rootBelow(roots, index), path);
      else size = c.node.type === 'file' ? contentSize(c.node.content) : 0;
      let d = data.get(path);
      if (!d) {
        d = { cumulative: 0, min: -1, layers: [], lastRemoved: false };
        data.set(path, d);
      }
      d.cumulative += size;
      if (d.min < 0 || size < d.min) d.min = size;
      d.layers.push(index);
      d.lastRemoved = c.kind === 'deleted';
    }
    totalBytes += layerBytes;
    if (index > 0) userBytes += layerBytes;
  });
  let minSum = 0;
  let cumSum = 0;
  let wasted = 0;
  const inefficiencies: Inefficiency[] = [];
  for (const [path, d] of data) {
    minSum += d.min;
    cumSum += d.cumulative;
    if (d.layers.length >= 2) {
      wasted += d.cumulative;
      inefficiencies.push({ path, cumulativeSize: d.cumulative, layers: d.layers, removedAtEnd: d.lastRemoved });
    }
  }
  inefficiencies.sort((a, b) => b.cumulativeSize - a.cumulativeSize || (a.path < b.path ? -1 : 1));
  return { score: cumSum === 0 ? 1 : minSum / cumSum, wastedBytes: wasted, inefficiencies, totalBytes, userBytes };
}
