import { diffTrees, emptyDir, fileNode, generatedContent, removeNode, setNode, textContent, type Change, type DirNode } from '../../../src/engine/fs/index.ts';

/** A file of exactly `size` bytes. */
export const file = (size: number, seed = 'f') => fileNode(generatedContent(seed, size));
export const text = (s: string) => fileNode(textContent(s));

/** Builds layers from successive edits of a root: returns each layer's change list (as a builder would diff them). */
export function layersFrom(...edits: ((root: DirNode) => DirNode)[]): Change[][] {
  const out: Change[][] = [];
  let root = emptyDir();
  for (const edit of edits) {
    const next = edit(root);
    out.push(diffTrees(root, next));
    root = next;
  }
  return out;
}

export const put = (path: string, node: Parameters<typeof setNode>[2]) => (r: DirNode) => setNode(r, path, node);
export const rm = (...paths: string[]) => (r: DirNode) => paths.reduce((acc, p) => removeNode(acc, p), r);
export const all = (...fns: ((r: DirNode) => DirNode)[]) => (r: DirNode) => fns.reduce((acc, f) => f(acc), r);
