// Pieces shared by the root filesystem builders.
import { emptyDir, type DirNode } from '../../fs/index.ts';
import { mkdirs, putLink } from '../fsutil.ts';

export function skeleton(dirs: readonly (string | [string, number])[]): DirNode {
  let root = emptyDir();
  for (const d of dirs) {
    const [path, mode] = typeof d === 'string' ? [d, 0o755] : d;
    root = mkdirs(root, path, mode);
  }
  return root;
}

export function links(root: DirNode, entries: readonly [string, string][]): DirNode {
  for (const [path, target] of entries) root = putLink(root, path, target);
  return root;
}
