// Checks for the filesystem trees and layer changes inside saved state. Trees are structurally shared
// (an image's root, a cache record's root and a container's root hold the same directories, and
// structured clone keeps that sharing), so each node is checked once.
import type { Change, DirNode, FsNode } from '../fs/index.ts';
import { SavedStateError, integer, number, oneOf, record, string, type Path } from './check.ts';

export class TreeChecker {
  private readonly seen = new WeakSet<object>();

  node(v: unknown, path: Path): FsNode {
    const n = record(v, path);
    if (this.seen.has(n)) return n as unknown as FsNode;
    const type = oneOf(n['type'], ['file', 'dir', 'symlink'] as const, `${path}.type`);
    integer(n['mode'], `${path}.mode`);
    integer(n['uid'], `${path}.uid`);
    integer(n['gid'], `${path}.gid`);
    number(n['mtime'], `${path}.mtime`);
    if (type === 'symlink') string(n['target'], `${path}.target`);
    else if (type === 'file') {
      const c = record(n['content'], `${path}.content`);
      const kind = oneOf(c['kind'], ['bytes', 'generated'] as const, `${path}.content.kind`);
      if (kind === 'bytes') {
        if (!(c['data'] instanceof Uint8Array)) throw new SavedStateError(`${path}.content.data is not bytes`);
      } else {
        string(c['seed'], `${path}.content.seed`);
        integer(c['size'], `${path}.content.size`);
        number(c['repeat'], `${path}.content.repeat`);
      }
    } else {
      const entries = n['entries'];
      if (!(entries instanceof Map)) throw new SavedStateError(`${path}.entries is not a directory listing`);
      for (const [name, child] of entries) {
        if (typeof name !== 'string' || name === '' || name.includes('/')) throw new SavedStateError(`${path} has an entry with an invalid name`);
        this.node(child, `${path === '/' ? '' : path}/${name}`);
      }
    }
    this.seen.add(n);
    return n as unknown as FsNode;
  }

  dir(v: unknown, path: Path): DirNode {
    const n = this.node(v, path);
    if (n.type !== 'dir') throw new SavedStateError(`${path} is not a directory`);
    return n;
  }

  changes(v: unknown, path: Path): Change[] {
    if (!Array.isArray(v)) throw new SavedStateError(`${path} is not a list`);
    return v.map((c, i) => {
      const r = record(c, `${path}[${i}]`);
      const kind = oneOf(r['kind'], ['added', 'modified', 'deleted'] as const, `${path}[${i}].kind`);
      string(r['path'], `${path}[${i}].path`);
      if (kind !== 'deleted') this.node(r['node'], `${path}[${i}].node`);
      return r as unknown as Change;
    });
  }
}
