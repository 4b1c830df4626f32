// Layer sizes as Docker shows them. Docker's classic image store reports a layer's DiffSize: the sum of
// the sizes of the regular files the layer carries. Directories, symlinks and whiteouts count 0 and a
// hard-linked file counts once. This is what `docker history` prints in its SIZE column. The layer tar
// (headers, padding, trailer) is a different figure, used where the bytes on disk or on the wire matter.
import { contentSize, type Change } from '../fs/index.ts';
import type { StoredImage } from './types.ts';

/** DiffSize of a layer given its filesystem changes: bytes of the regular files it adds or modifies. */
export function diffSize(changes: readonly Change[]): number {
  let total = 0;
  for (const c of changes) {
    if (c.kind === 'deleted' || c.node.type !== 'file') continue;
    total += contentSize(c.node.content);
  }
  return total;
}

/**
 * An image's sizes in `docker images`'s tree view (CLI v29): DISK USAGE is the unpacked layers plus the
 * content, CONTENT SIZE the compressed content (layers, config and manifest), as the registry stores it.
 */
export function imageSizes(img: Pick<StoredImage, 'layers' | 'configJson' | 'manifestJson'>): { unpacked: number; content: number } {
  let unpacked = 0;
  let content = img.configJson.length + img.manifestJson.length;
  for (const l of img.layers) {
    unpacked += l.size;
    content += l.compressedSize;
  }
  return { unpacked, content };
}
