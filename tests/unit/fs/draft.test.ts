// Bulk tree building: TreeDraft gives exactly what one setNode/removeNode per call gives, never
// changes the tree it started from, and the one-pass resolvePath agrees with the straightforward
// prefix-by-prefix definition, symlinks and loops included.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  emptyDir, fileNode, getNode, NameTooLongError, normalizePath, NotADirectoryError, removeNode, resolvePath, setNode, splitPath, symlinkNode,
  SymlinkLoopError, textContent, TreeDraft, walk, type DirNode, type FsNode,
} from '../../../src/engine/fs/index.ts';

const listing = (root: DirNode) =>
  [...walk(root)].map(({ path, node }) => `${path} ${node.type} ${node.mode} ${node.type === 'symlink' ? node.target : node.type === 'file' ? new TextDecoder().decode((node.content as { data: Uint8Array }).data) : ''}`);

const names = ['a', 'b', 'a-b', 'c.d', 'z'];
const pathArb = fc.array(fc.constantFrom(...names), { minLength: 0, maxLength: 4 }).map((p) => '/' + p.join('/'));
type Op = { op: 'file' | 'link' | 'dir' | 'rm'; path: string; text?: string; mode?: number };
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('file' as const), path: pathArb, text: fc.string({ maxLength: 3 }), mode: fc.constantFrom(0o644, 0o755) }),
  fc.record({ op: fc.constant('link' as const), path: pathArb, text: fc.constantFrom('a', '/z', '../b', '.', '/a/b') }),
  fc.record({ op: fc.constant('dir' as const), path: pathArb, mode: fc.constantFrom(0o755, 0o700) }),
  fc.record({ op: fc.constant('rm' as const), path: pathArb }),
);

function nodeFor(o: Op): FsNode {
  if (o.op === 'file') return fileNode(textContent(o.text!), { mode: o.mode });
  if (o.op === 'link') return symlinkNode(o.text!);
  return emptyDir({ mode: o.mode });
}

/** One immutable setNode/removeNode per operation; an error is recorded and the tree kept. */
function oneByOne(root: DirNode, ops: readonly Op[]): { root: DirNode; errors: string[] } {
  let out = root;
  const errors: string[] = [];
  for (const o of ops) {
    try {
      out = o.op === 'rm' ? removeNode(out, o.path) : setNode(out, o.path, nodeFor(o), { mode: 0o711 });
    } catch (e) {
      errors.push(`${o.path}: ${(e as Error).message}`);
    }
  }
  return { root: out, errors };
}

function drafted(root: DirNode, ops: readonly Op[]): { root: DirNode; errors: string[] } {
  const draft = new TreeDraft(root);
  const errors: string[] = [];
  for (const o of ops) {
    try {
      if (o.op === 'rm') draft.remove(o.path);
      else draft.set(o.path, nodeFor(o), { mode: 0o711 });
    } catch (e) {
      errors.push(`${o.path}: ${(e as Error).message}`);
    }
  }
  return { root: draft.root, errors };
}

describe('TreeDraft', () => {
  it('gives the same tree and the same errors as one setNode/removeNode per call, and leaves its start untouched', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 20 }), fc.array(opArb, { maxLength: 30 }), (before, after) => {
        const start = oneByOne(emptyDir(), before).root;
        const startListing = listing(start);
        const expected = oneByOne(start, after);
        const actual = drafted(start, after);
        expect(listing(actual.root)).toEqual(listing(expected.root));
        expect(actual.errors).toEqual(expected.errors);
        expect(listing(start)).toEqual(startListing);
      }),
      { numRuns: 400 },
    );
  });

  it('shares every directory it did not change with the tree it started from', () => {
    let start = emptyDir();
    start = setNode(start, '/etc/os-release', fileNode(textContent('x')));
    start = setNode(start, '/usr/lib/libc.so', fileNode(textContent('y')));
    const draft = new TreeDraft(start);
    for (let i = 0; i < 100; i++) draft.set(`/app/f${i}`, fileNode(textContent(String(i))));
    expect(getNode(draft.root, '/etc')).toBe(getNode(start, '/etc'));
    expect(getNode(draft.root, '/usr')).toBe(getNode(start, '/usr'));
    expect((getNode(draft.root, '/app') as DirNode).entries.size).toBe(100);
    expect(getNode(start, '/app')).toBeUndefined();
  });

  it('refuses a file in the way of a parent directory, as setNode does, and stays as it was', () => {
    const start = setNode(emptyDir(), '/a', fileNode(textContent('file')));
    const draft = new TreeDraft(start);
    draft.set('/b/c', fileNode(textContent('ok')));
    const before = listing(draft.root);
    expect(() => draft.set('/a/x/y', fileNode(textContent('no')))).toThrow(NotADirectoryError);
    expect(() => draft.set('/a/x/y', fileNode(textContent('no')))).toThrow('/a: Not a directory');
    expect(listing(draft.root)).toEqual(before);
  });

  it('copies again once a directory of its own is placed a second time, so the two places stay apart', () => {
    const draft = new TreeDraft(emptyDir());
    draft.set('/a/one', fileNode(textContent('1')));
    draft.set('/b', getNode(draft.root, '/a')!);
    draft.set('/a/two', fileNode(textContent('2')));
    expect([...(getNode(draft.root, '/a') as DirNode).entries.keys()].sort()).toEqual(['one', 'two']);
    expect([...(getNode(draft.root, '/b') as DirNode).entries.keys()]).toEqual(['one']);
  });

  it('walks show what was added after an earlier walk of the same draft', () => {
    const draft = new TreeDraft(emptyDir());
    draft.set('/d/b', fileNode(textContent('b')));
    expect([...walk(draft.root)].map((e) => e.path)).toEqual(['/d', '/d/b']);
    draft.set('/d/a', fileNode(textContent('a')));
    draft.remove('/d/b');
    expect([...walk(draft.root)].map((e) => e.path)).toEqual(['/d', '/d/a']);
  });
});

/** resolvePath as it was first written: look every prefix up from the root again. */
function resolveByPrefixes(root: DirNode, path: string, followLast = true): string {
  let pending = splitPath(path);
  const done: string[] = [];
  let hops = 0;
  while (pending.length > 0) {
    const [part, ...rest] = pending;
    pending = rest;
    const node = getNode(root, '/' + [...done, part].join('/'));
    if (node?.type === 'symlink' && (pending.length > 0 || followLast)) {
      if (++hops > 40) throw new SymlinkLoopError(`too many levels of symbolic links: ${path}`);
      const base = node.target.startsWith('/') ? [] : done;
      pending = [...splitPath(normalizePath(node.target, '/' + base.join('/'))), ...pending];
      done.length = 0;
      continue;
    }
    done.push(part!);
  }
  return '/' + done.join('/');
}

describe('resolvePath', () => {
  it('agrees with the prefix-by-prefix definition on trees with symlinks, loops included', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 30 }), fc.array(pathArb, { minLength: 1, maxLength: 8 }), fc.boolean(), (ops, paths, followLast) => {
        const root = oneByOne(emptyDir(), ops).root;
        for (const p of paths) {
          const outcome = (f: () => string) => {
            try {
              return f();
            } catch (e) {
              return e instanceof SymlinkLoopError ? 'ELOOP' : `other: ${(e as Error).message}`;
            }
          };
          expect(outcome(() => resolvePath(root, p, followLast))).toBe(outcome(() => resolveByPrefixes(root, p, followLast)));
        }
      }),
      { numRuns: 400 },
    );
  });

  it('resolves a path 1,500 directories deep through a symlink near its end, and refuses one past PATH_MAX', () => {
    const parts = Array.from({ length: 1500 }, () => 'd');
    let root = setNode(emptyDir(), '/' + parts.join('/') + '/real/file', fileNode(textContent('x')));
    root = setNode(root, '/' + parts.join('/') + '/link', symlinkNode('real'));
    expect(resolvePath(root, '/' + parts.join('/') + '/link/file')).toBe('/' + parts.join('/') + '/real/file');
    // Linux's PATH_MAX is 4096 bytes with the NUL (include/uapi/linux/limits.h): 4,095 is the longest path.
    const longest = '/' + 'x'.repeat(250) + '/' + Array(1922).fill('d').join('/');
    expect(longest.length).toBe(4095);
    expect(resolvePath(root, longest)).toBe(longest);
    expect(() => resolvePath(root, longest + 'd')).toThrow(NameTooLongError);
    expect(() => resolvePath(root, '/' + 'n'.repeat(256))).toThrow('File name too long');
  });
});

/** normalizePath as first written: split, drop empty and `.`, pop on `..`. */
function normalizeBySplitting(path: string, cwd = '/'): string {
  const full = path.startsWith('/') ? path : `${cwd}/${path}`;
  const out: string[] = [];
  for (const part of full.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return '/' + out.join('/');
}

describe('normalizePath and splitPath', () => {
  it('agree with the splitting definition, including paths that are already normal', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', '.', '..', '', '...', '.a', 'a.', '..b', 'b/'), { maxLength: 8 }), fc.boolean(), (parts, absolute) => {
        const p = (absolute ? '/' : '') + parts.join('/');
        expect(normalizePath(p)).toBe(normalizeBySplitting(p));
        expect(normalizePath(p, '/x/y')).toBe(normalizeBySplitting(p, '/x/y'));
        expect(splitPath(p)).toEqual(normalizeBySplitting(p).split('/').filter(Boolean));
      }),
      { numRuns: 3000 },
    );
  });
});
