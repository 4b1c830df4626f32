import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  applyChanges, diffTrees, emptyDir, fileNode, getNode, removeNode, setNode, symlinkNode, textContent, walk,
  type Change, type DirNode,
} from '../../../src/engine/fs/index.ts';

/** The straightforward definition: one setNode/removeNode per change (the semantics applyChanges keeps). */
function reference(root: DirNode, changes: readonly Change[]): DirNode {
  let out = root;
  for (const change of changes) {
    if (change.kind === 'deleted') out = removeNode(out, change.path);
    else if (change.node.type === 'dir') {
      const existing = getNode(out, change.path);
      const entries = existing?.type === 'dir' && change.kind === 'modified' ? existing.entries : new Map();
      out = setNode(out, change.path, { ...change.node, entries });
    } else out = setNode(out, change.path, change.node);
  }
  return out;
}

const listing = (root: DirNode) =>
  [...walk(root)].map(({ path, node }) => `${path} ${node.type} ${node.mode} ${node.type === 'symlink' ? node.target : node.type === 'file' ? new TextDecoder().decode((node.content as { data: Uint8Array }).data) : ''}`);

const names = ['a', 'b', 'a-b', 'c.d', 'z'];
const pathArb = fc.array(fc.constantFrom(...names), { minLength: 1, maxLength: 4 }).map((p) => '/' + p.join('/'));
const opArb = fc.oneof(
  fc.record({ op: fc.constant('file' as const), path: pathArb, text: fc.string({ maxLength: 3 }), mode: fc.constantFrom(0o644, 0o755) }),
  fc.record({ op: fc.constant('link' as const), path: pathArb, text: fc.constantFrom('a', '/z', '../b') }),
  fc.record({ op: fc.constant('dir' as const), path: pathArb, mode: fc.constantFrom(0o755, 0o700) }),
  fc.record({ op: fc.constant('rm' as const), path: pathArb }),
);

function run(root: DirNode, ops: ReadonlyArray<{ op: string; path: string; text?: string; mode?: number }>): DirNode {
  let out = root;
  for (const o of ops) {
    try {
      if (o.op === 'rm') out = removeNode(out, o.path);
      else if (o.op === 'file') out = setNode(out, o.path, fileNode(textContent(o.text!), { mode: o.mode }));
      else if (o.op === 'link') out = setNode(out, o.path, symlinkNode(o.text!));
      else {
        const existing = getNode(out, o.path);
        out = setNode(out, o.path, existing?.type === 'dir' ? { ...existing, mode: o.mode! } : emptyDir({ mode: o.mode }));
      }
    } catch {
      // a file in the way of a parent directory: skip this operation
    }
  }
  return out;
}

describe('applyChanges (copy-on-write)', () => {
  it('gives the same tree as one setNode/removeNode per change, and leaves its input untouched', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 25 }), fc.array(opArb, { maxLength: 25 }), (before, after) => {
        const lower = run(emptyDir(), before);
        const upper = run(lower, after);
        const lowerListing = listing(lower);
        const changes = diffTrees(lower, upper);
        const fast = applyChanges(lower, changes);
        expect(listing(fast)).toEqual(listing(reference(lower, changes)));
        expect(listing(fast)).toEqual(listing(upper));
        expect(listing(lower)).toEqual(lowerListing);
      }),
      { numRuns: 300, seed: 20261126 },
    );
  });

  it('shares untouched subtrees and copes with thousands of files in one directory', () => {
    let lower = setNode(emptyDir(), '/usr/lib/x', fileNode(textContent('x')));
    lower = setNode(lower, '/etc/hosts', fileNode(textContent('h')));
    let upper = lower;
    const changes: Change[] = [{ kind: 'added', path: '/big', node: emptyDir() }];
    for (let i = 0; i < 20000; i++) changes.push({ kind: 'added', path: `/big/f${i}`, node: fileNode(textContent(String(i))) });
    upper = applyChanges(lower, changes);
    expect((getNode(upper, '/big') as DirNode).entries.size).toBe(20000);
    expect(getNode(upper, '/usr')).toBe(getNode(lower, '/usr'));
    expect(getNode(lower, '/big')).toBeUndefined();
  });
});
