import { describe, expect, it } from 'vitest';
import {
  applyChanges, diffTrees, emptyDir, fileNode, generatedContent, getNode, materialize, removeNode,
  resolvePath, setNode, statNode, symlinkNode, textContent, walk,
} from '../../../src/engine/fs/index.ts';
import { gzipSync } from 'node:zlib';

describe('fs tree', () => {
  it('creates parents, shares untouched subtrees and walks in sorted order', () => {
    const a = setNode(setNode(emptyDir(), '/etc/os-release', fileNode(textContent('x'))), '/usr/bin/env', fileNode(textContent('y')));
    const b = setNode(a, '/etc/hostname', fileNode(textContent('h')));
    expect(getNode(b, '/usr')).toBe(getNode(a, '/usr'));
    expect([...walk(b)].map((e) => e.path)).toEqual(['/etc', '/etc/hostname', '/etc/os-release', '/usr', '/usr/bin', '/usr/bin/env']);
  });

  it('follows symlinked directories like usr-merge /bin', () => {
    let root = setNode(emptyDir(), '/usr/bin/sh', fileNode(textContent('sh')));
    root = setNode(root, '/bin', symlinkNode('usr/bin'));
    expect(resolvePath(root, '/bin/sh')).toBe('/usr/bin/sh');
    expect(statNode(root, '/bin/sh')?.type).toBe('file');
    expect(getNode(root, '/bin')?.type).toBe('symlink');
  });

  it('diffs added, modified and deleted paths and re-applies them', () => {
    const lower = setNode(setNode(emptyDir(), '/a/keep', fileNode(textContent('1'))), '/a/gone', fileNode(textContent('2')));
    let upper = removeNode(lower, '/a/gone');
    upper = setNode(upper, '/a/keep', fileNode(textContent('changed')));
    upper = setNode(upper, '/b/new', fileNode(textContent('3')));
    const changes = diffTrees(lower, upper);
    expect(changes.map((c) => `${c.kind} ${c.path}`)).toEqual(['deleted /a/gone', 'modified /a/keep', 'added /b', 'added /b/new']);
    const rebuilt = applyChanges(lower, changes);
    expect(diffTrees(rebuilt, upper)).toEqual([]);
  });

  it('generates deterministic bulk bytes that gzip about 2-3x', () => {
    const c = generatedContent('/usr/lib/libfoo.so', 1 << 20);
    const x = materialize(c);
    expect(Buffer.from(materialize(c)).equals(Buffer.from(x))).toBe(true);
    const ratio = x.length / gzipSync(x).length;
    expect(ratio).toBeGreaterThan(2);
    expect(ratio).toBeLessThan(3.2);
  });
});
