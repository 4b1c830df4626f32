import type { DirNode } from '../fs/index.ts';
import type { BaseImage, Repository } from './types.ts';
export const CATALOG: readonly Repository[] = [];
export function parseImageRef(ref: string): { repository: string; tag: string } {
  const [r, t] = ref.split(':');
  return { repository: r ?? ref, tag: t ?? 'latest' };
}
export function resolveBaseImage(ref: string): BaseImage | undefined {
  void ref;
  return undefined;
}
export function baseImageRoot(image: BaseImage): DirNode {
  void image;
  throw new Error('not implemented yet');
}
