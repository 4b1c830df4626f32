import type { DirNode } from '../fs/index.ts';
import type { ScannedPackage } from './types.ts';
export function scanPackages(root: DirNode): ScannedPackage[] {
  void root;
  return [];
}
