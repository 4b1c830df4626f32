// Stacking layers: the root filesystem after each layer, bottom first. Shared by the explorer's trees,
// the efficiency maths and the package scan. Pure data in, pure data out.
import { applyLayers } from '../image/apply.ts';
import type { Layer } from '../image/types.ts';
import { emptyDir, type Change, type DirNode } from '../fs/index.ts';

/** Anything that carries a layer's change list (a StoredLayer, an image Layer, or a bare list). */
export type LayerLike = Pick<Layer, 'changes'> | readonly Change[];

export function changesOf(layer: LayerLike): readonly Change[] {
  return Array.isArray(layer) ? (layer as readonly Change[]) : (layer as Pick<Layer, 'changes'>).changes;
}

/** `roots[i]` is the filesystem after layers 0..i. Each step reuses the one below (structural sharing). */
export function stackRoots(layers: readonly LayerLike[]): DirNode[] {
  const out: DirNode[] = [];
  let root = emptyDir();
  for (const layer of layers) {
    root = applyLayers(root, [changesOf(layer)]);
    out.push(root);
  }
  return out;
}

/** The filesystem below layer `index` (empty for the first layer). */
export function rootBelow(roots: readonly DirNode[], index: number): DirNode {
  return index > 0 ? roots[index - 1]! : emptyDir();
}
