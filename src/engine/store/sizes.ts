// Layer sizes as Docker shows them. Docker's classic image store reports a layer's DiffSize: the sum of
// the sizes of the regular files the layer carries. Directories, symlinks and whiteouts count 0 and a
// hard-linked file counts once. This is what `docker history` prints in its SIZE column. The layer tar
// (headers, padding, trailer) is a different figure, used where the bytes on disk or on the wire matter.
import { contentSize, type Change } from '../fs/index.ts';

/** DiffSize of a layer given its filesystem changes: bytes of the regular files it adds or modifies. */
export function diffSize(changes: readonly Change[]): number {
  let total = 0;
  for (const c of changes) {
    if (c.kind === 'deleted' || c.node.type !== 'file') continue;
    total += contentSize(c.node.content);
  }
  return total;
}
