// isomorphic-git running on the browser build's Buffer stand-in (src/workspace/shims/buffer.ts) must write
// exactly what it writes on Node's Buffer. The same session runs twice, first with Node's Buffer and then
// with the global Buffer replaced by the stand-in (isomorphic-git reads the global at each call, it does
// not capture it at import), and everything is compared: command output, object ids, what the API
// returns, and every byte of the git database, index included.
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as isogit from 'isomorphic-git';
import { Buffer as ShimBuffer } from '../../../src/workspace/shims/buffer.ts';
import { MemFs, collectEntries } from '../../../src/workspace/memfs.ts';
import { GitWorkspace } from '../../../src/workspace/git-workspace.ts';
import { runGit, repoFor } from '../../../src/shell/commands/git-cli.ts';
import { seedSample } from '../../../src/workspace/samples.ts';
import { loadGit } from '../../../src/workspace/git-loader.ts';
import { SAMPLES } from '../../../src/samples/index.ts';

const T = 1767225600; // 2026-01-01T00:00:00Z
const who = { name: 'Lab Learner', email: 'learner@layerlab.invalid', timestamp: T, timezoneOffset: 0 };

/** Every byte of a file, as hex, so a difference shows where it is. */
const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

/** A result as plain data; bytes (whatever their class) become hex and are marked as a Buffer or not. */
function plain(v: unknown): unknown {
  if (v instanceof Uint8Array) return { bytes: hex(v), isBuffer: (globalThis.Buffer as { isBuffer(x: unknown): boolean }).isBuffer(v) };
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

async function session(): Promise<unknown[]> {
  const log: unknown[] = [];
  const fs = new MemFs();
  let clock = T * 1000;
  fs.now = () => (clock += 1000);
  const ws = new GitWorkspace({ fs });
  await ws.ensureRoot();
  const repo = repoFor(ws);
  repo.now = () => T * 1000;
  repo.timezoneOffset = () => 0;
  const g = async (...args: string[]) => {
    let out = '';
    const code = await runGit(ws, args, { stdout: (s) => (out += s), stderr: (s) => (out += s), tty: false });
    log.push([args.join(' '), code, out]);
  };
  const base = { fs: ws.fs, dir: ws.dir, gitdir: ws.gitdir };
  const api = async (name: string, p: Promise<unknown>) => log.push([name, plain(await p)]);

  await g('init');
  await g('config', 'user.name', 'Lab Lärner ✓');
  await ws.writeFile('Dockerfile', 'FROM alpine:3.21\nCOPY . .\n');
  await ws.mkdir('src/dëep/ünï', { recursive: true });
  await ws.writeFile('src/dëep/ünï/日本語 😀.txt', 'ünïcode 😀 text\n');
  await ws.writeFile('bom.txt', new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0x69, 0x0a]));
  // A name that starts with a byte-order mark: git reads names from the index and trees as UTF-8 text.
  await ws.writeFile('\ufeffbom-name.txt', 'named with a BOM\n');
  await ws.writeFile('binary.bin', Uint8Array.from({ length: 3000 }, (_, i) => (i * 7919) & 0xff));
  await ws.writeFile('invalid-utf8.txt', new Uint8Array([0xc3, 0x28, 0xa0, 0xa1, 0xff, 0x0a]));
  await ws.writeFile('empty', '');
  await ws.writeFile('run.sh', '#!/bin/sh\necho run\n', { mode: 0o755 });
  await ws.writeFile('.gitignore', 'node_modules\n*.log\n');
  await ws.writeFile('debug.log', 'ignored\n');
  await ws.writeFile(`${'long-name-'.repeat(12)}.txt`, 'a path longer than a hundred bytes\n');
  await ws.symlink('link', 'src/dëep/ünï/日本語 😀.txt');
  await g('status');
  await g('add', '.');
  await g('status', '--short');
  await g('commit', '-m', 'First: ünïcode message 😀');
  await ws.writeFile('Dockerfile', 'FROM alpine:3.20\nCOPY . .\nRUN echo hi\n');
  await ws.remove('run.sh');
  await ws.writeFile('new.txt', 'new\n');
  await g('status');
  await g('diff');
  await g('add', 'Dockerfile');
  await g('diff', '--staged');
  await g('commit', '-am', 'Second');
  await g('log');
  await g('log', '--oneline');
  await g('show', 'HEAD~1');
  await g('show', 'HEAD:Dockerfile');
  await g('show', 'HEAD:src/dëep/ünï/日本語 😀.txt');
  await g('diff', 'HEAD~1', 'HEAD');
  await g('branch', 'feature');
  await g('switch', 'feature');
  await ws.writeFile('feature.txt', 'on a branch\n');
  await g('add', 'feature.txt');
  await g('commit', '-m', 'Third');
  await g('tag', 'v1');
  await g('tag');
  await g('branch');
  await g('switch', 'main');
  await g('checkout', 'v1');
  await g('checkout', 'main');
  await g('reset', '--hard', 'HEAD~1');
  await ws.writeFile('Dockerfile', 'changed\n');
  await g('restore', 'Dockerfile');
  await ws.writeFile('Dockerfile', 'staged change\n');
  await g('add', 'Dockerfile');
  await g('restore', '--staged', 'Dockerfile');
  await g('reset');
  await g('status');
  await g('branch', '-D', 'feature');
  await g('branch');
  await g('config', 'user.name');

  // The API directly: the calls the lab imports (src/workspace/git-api.ts), and an annotated tag so that
  // a tag object is written and parsed (the lab peels such tags in `git show`).
  const head = await isogit.resolveRef({ ...base, ref: 'HEAD' });
  const short = head.slice(0, 7);
  await api('expandOid', isogit.expandOid({ ...base, oid: short }));
  const blob = await isogit.writeBlob({ ...base, blob: Uint8Array.from({ length: 300 }, (_, i) => 255 - (i & 0xff)) });
  await api('writeBlob', Promise.resolve(blob));
  await api('hashBlob', isogit.hashBlob({ object: 'ünï 😀\n' }));
  await api('hashBlob bytes', isogit.hashBlob({ object: new Uint8Array([0, 1, 2, 255]) }));
  const tree = await isogit.writeTree({
    ...base,
    tree: [
      { mode: '100644', path: 'blob.bin', oid: blob, type: 'blob' },
      { mode: '100755', path: 'ünï', oid: blob, type: 'blob' },
      { mode: '040000', path: 'sub', oid: '4b825dc642cb6eb9a060e54bf8d69288fbee4904', type: 'tree' },
    ],
  });
  await api('writeTree', Promise.resolve(tree));
  const commit = await isogit.writeCommit({ ...base, commit: { message: 'made by hand ✓\n', tree, parent: [head], author: who, committer: who } });
  await api('writeCommit', Promise.resolve(commit));
  await isogit.writeRef({ ...base, ref: 'refs/heads/by-hand', value: commit });
  await isogit.annotatedTag({ ...base, ref: 'v2', object: commit, message: 'annotated ✓', tagger: who });
  const tagOid = await isogit.resolveRef({ ...base, ref: 'refs/tags/v2' });
  await api('annotatedTag', Promise.resolve(tagOid));
  await api('readObject tag', isogit.readObject({ ...base, oid: tagOid }));
  await api('readObject commit', isogit.readObject({ ...base, oid: commit }));
  await api('readObject tree', isogit.readObject({ ...base, oid: tree }));
  await api('readObject blob', isogit.readObject({ ...base, oid: blob }));
  for (const encoding of ['utf8', 'hex', 'base64'] as const) {
    await api(`readObject blob ${encoding}`, isogit.readObject({ ...base, oid: blob, encoding }));
  }
  await api('readObject wrapped', isogit.readObject({ ...base, oid: tree, format: 'wrapped' }));
  await api('readBlob', isogit.readBlob({ ...base, oid: commit, filepath: 'ünï' }));
  await api('readCommit', isogit.readCommit({ ...base, oid: commit }));
  await api('log', isogit.log({ ...base, ref: 'by-hand' }));
  await api('listBranches', isogit.listBranches(base));
  await api('listTags', isogit.listTags(base));
  await api('currentBranch', isogit.currentBranch(base));
  await api('getConfig', isogit.getConfig({ ...base, path: 'user.name' }));
  await api('isIgnored', isogit.isIgnored({ ...base, filepath: 'debug.log' }));
  await api(
    'walk',
    isogit.walk({
      ...base,
      trees: [isogit.TREE({ ref: 'HEAD' }), isogit.STAGE()],
      map: async (path, [tree, stage]) => [path, await tree?.oid(), await tree?.mode(), await tree?.content(), await stage?.oid(), await stage?.mode()],
    }),
  );
  await g('show', 'v2');
  await g('log', 'by-hand');

  // The samples, written with writeBlob/writeTree/writeCommit and tagged.
  for (const [name, sample] of Object.entries(SAMPLES)) {
    const sfs = new MemFs();
    let sclock = T * 1000;
    sfs.now = () => (sclock += 1000);
    const sws = new GitWorkspace({ fs: sfs });
    await seedSample(sws, sample);
    let out = '';
    await runGit(sws, ['log'], { stdout: (s) => (out += s), stderr: (s) => (out += s), tty: false });
    await runGit(sws, ['status'], { stdout: (s) => (out += s), stderr: (s) => (out += s), tty: false });
    log.push([name, out, (await collectEntries(sfs, sws.gitdir)).map(([p, e]) => [p, e.type === 'file' ? hex(e.data) : e])]);
  }

  // The whole database, byte for byte: objects, refs, config and the binary index.
  log.push(['.git', (await collectEntries(fs, ws.gitdir)).map(([p, e]) => [p, e.type === 'file' ? hex(e.data) : e])]);
  log.push(['worktree', (await collectEntries(fs, ws.dir)).map(([p, e]) => [p, e.type === 'file' ? hex(e.data) : e])]);
  return log;
}

describe('isomorphic-git on the Buffer stand-in', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('writes the same git database and gives the same results as on Node’s Buffer', async () => {
    // Load git first: the loader installs nothing under Node, and no module loads while the stand-in is global.
    await loadGit();
    const withNode = await session();

    const from = vi.spyOn(ShimBuffer, 'from');
    const concat = vi.spyOn(ShimBuffer, 'concat');
    vi.stubGlobal('Buffer', ShimBuffer);
    let withShim: unknown[];
    try {
      withShim = await session();
    } finally {
      vi.unstubAllGlobals();
    }
    expect(globalThis.Buffer).not.toBe(ShimBuffer);
    // The stand-in really was what git used: it read files, parsed objects and wrote the index with it.
    expect(from.mock.calls.length).toBeGreaterThan(100);
    expect(concat.mock.calls.length).toBeGreaterThan(10);

    expect(withShim.length).toBe(withNode.length);
    for (let i = 0; i < withNode.length; i++) expect({ i, step: withShim[i] }).toEqual({ i, step: withNode[i] });
    // A sanity check that the session did what it says: commits were made and the index has entries.
    const db = withNode.at(-2) as [string, Array<[string, unknown]>];
    expect(db[1].some(([p]) => p.endsWith('/index'))).toBe(true);
    expect(JSON.stringify(withNode)).toContain('First: ünïcode message 😀');
  });
});
