// The build context at project scale: the context tree is built in one pass (bottom-up) and COPY
// places thousands of files through a TreeDraft, with exactly the trees and layer digests that one
// setNode per file gives; a fully cached rebuild hashes no file again; the file limit is 50,000.
import { describe, expect, it } from 'vitest';
import { createLabEngine, type EngineEvent } from '../../../src/engine/index.ts';
import { hashBytesStats, loadContext } from '../../../src/engine/builder/context.ts';
import { IgnoreMatcher } from '../../../src/engine/dockerfile/patterns.ts';
import { bytesContent, diffTrees, diffTreesWithRewrites, emptyDir, fileNode, setNode, symlinkNode, walk, type DirNode, type FsNode } from '../../../src/engine/fs/index.ts';
import { createLayer } from '../../../src/engine/image/layer.ts';
import { createMemoryWorkspace, type MemoryWorkspace } from '../../../src/workspace/memory.ts';
import { createInMemoryGitWorkspace } from '../../../src/workspace/git-workspace.ts';
import { MemFs } from '../../../src/workspace/memfs.ts';
import type { Workspace } from '../../../src/workspace/types.ts';

/** The context as it used to be loaded: one immutable setNode per entry, in readdir order. */
async function contextOneByOne(ws: Workspace, ignore: IgnoreMatcher): Promise<DirNode> {
  let root = emptyDir();
  const visit = async (dir: string, rel: string): Promise<void> => {
    for (const name of await ws.readdir(dir)) {
      const relPath = rel ? `${rel}/${name}` : name;
      const full = dir === '/' ? `/${name}` : `${dir}/${name}`;
      const st = await ws.stat(full);
      if (ignore.ignores(relPath)) {
        if (st?.type === 'dir' && ignore.patterns.some((p) => p.trim().startsWith('!'))) await visit(full, relPath);
        continue;
      }
      if (!st) continue;
      const mtime = Math.floor(st.mtimeMs / 1000);
      let node: FsNode;
      if (st.type === 'dir') {
        root = setNode(root, '/' + relPath, emptyDir({ mode: st.mode, mtime }));
        await visit(full, relPath);
        continue;
      } else if (st.type === 'symlink') node = symlinkNode((ws as MemoryWorkspace).readlink(full) ?? '', { mtime });
      else node = fileNode(bytesContent(await ws.readFile(full)), { mode: st.mode, mtime });
      root = setNode(root, '/' + relPath, node);
    }
  };
  await visit('/', '');
  return root;
}

const listing = (root: DirNode) =>
  [...walk(root)].map(({ path, node }) => `${path} ${node.type} ${node.mode.toString(8)} ${node.uid}:${node.gid} ${node.mtime} ${node.type === 'symlink' ? node.target : node.type === 'file' ? new TextDecoder().decode((node.content as { data: Uint8Array }).data) : ''}`);

async function sampleProject(): Promise<MemoryWorkspace> {
  let t = 1_700_000_000_000;
  const files: Record<string, string> = { Dockerfile: 'FROM scratch\nCOPY . /app/\n', '.dockerignore': 'node_modules\n!node_modules/keep\n*.log\n' };
  for (let i = 0; i < 1500; i++) files[`f${i}.txt`] = `file ${i}\n`;
  for (let i = 0; i < 200; i++) files[`src/lib/m${i}.js`] = `export const n = ${i};\n`;
  for (let i = 0; i < 50; i++) files[`node_modules/pkg${i}/index.js`] = `module.exports = ${i};\n`;
  files['node_modules/keep/a.txt'] = 'kept\n';
  files['debug.log'] = 'ignored\n';
  const ws = await createMemoryWorkspace(files, { now: () => (t += 1000) });
  await ws.chmod('src/lib/m7.js', 0o755);
  ws.symlink('/latest', 'f3.txt');
  return ws;
}

describe('loading the build context in bulk', () => {
  it('gives the tree and layer digests that one setNode per file gives, .dockerignore re-includes and symlinks included', async () => {
    const ws = await sampleProject();
    const ignore = new IgnoreMatcher(['node_modules', '!node_modules/keep', '*.log']);
    const bulk = await loadContext(ws, '/', ignore);
    const reference = await contextOneByOne(ws, ignore);
    expect(listing(bulk.root)).toEqual(listing(reference));
    expect(listing(bulk.root).filter((l) => l.startsWith('/node_modules/')).map((l) => l.split(' ')[0])).toEqual(['/node_modules/keep', '/node_modules/keep/a.txt']);
    expect(listing(bulk.root).some((l) => l.startsWith('/debug.log'))).toBe(false);
    expect(bulk.fileCount).toBe(1500 + 200 + 1 + 2); // + Dockerfile and .dockerignore
    const [a, b] = await Promise.all([createLayer(diffTrees(emptyDir(), bulk.root)), createLayer(diffTrees(emptyDir(), reference))]);
    expect(a.diffId).toBe(b.diffId);
    expect(a.digest).toBe(b.digest);
  });

  it('reads a git workspace in one call (readTree) with the same tree as entry by entry', async () => {
    const ws = await createInMemoryGitWorkspace();
    let t = 1_700_000_000_000;
    (ws.fs as MemFs).now = () => (t += 1000);
    await ws.batch(async () => {
      await ws.writeFile('Dockerfile', 'FROM scratch\nCOPY . /app/\n');
      await ws.mkdir('src/lib', { recursive: true });
      for (let i = 0; i < 40; i++) await ws.writeFile(`src/lib/m${i}.js`, `export const n = ${i};\n`);
      await ws.writeFile('run.sh', 'echo hi\n', { mode: 0o755 });
      await ws.mkdir('node_modules/keep', { recursive: true });
      await ws.writeFile('node_modules/keep/a.txt', 'kept\n');
      await ws.writeFile('node_modules/drop.txt', 'dropped\n');
      await ws.symlink('latest', 'run.sh');
    });
    const ignore = new IgnoreMatcher(['node_modules', '!node_modules/keep']);
    const entryByEntry = { readdir: (p: string) => ws.readdir(p), stat: (p: string) => ws.stat(p), readFile: (p: string) => ws.readFile(p), readlink: (p: string) => ws.readlink(p) } as unknown as Workspace;
    const [fast, slow] = await Promise.all([loadContext(ws, '/', ignore), loadContext(entryByEntry, '/', ignore)]);
    expect(listing(fast.root)).toEqual(listing(slow.root));
    expect(listing(fast.root)).toContain('/latest symlink 777 0:0 ' + listing(slow.root).find((l) => l.startsWith('/latest'))!.split(' ')[4] + ' run.sh');
    expect(listing(fast.root).find((l) => l.startsWith('/run.sh'))).toMatch(/^\/run\.sh file 755 /);
    expect([fast.fileCount, fast.totalBytes]).toEqual([slow.fileCount, slow.totalBytes]);
  });

  it('COPY of 1,500 files into one folder makes the layer that placing them one by one makes', async () => {
    const ws = await sampleProject();
    await ws.writeFile('.dockerignore', 'src\nnode_modules\n*.log\nlatest\n');
    const engine = createLabEngine();
    const layers: string[] = [];
    const off = engine.subscribe((e: EngineEvent) => {
      if (e.type === 'layer-committed') layers.push(e.diffId);
    });
    const outcome = await engine.build({ workspace: ws, contextDir: '/', tags: ['flat'] });
    off();
    expect(outcome.ok).toBe(true);
    // COPY . /app/ onto scratch: /app is made (0755, root), then each top-level entry is placed in it.
    const ctx = await contextOneByOne(ws, new IgnoreMatcher(['src', 'node_modules', '*.log', 'latest']));
    let root = setNode(emptyDir(), '/app', emptyDir({ mode: 0o755 }));
    const written: string[] = [];
    for (const [name, node] of ctx.entries) {
      root = setNode(root, `/app/${name}`, node);
      written.push(`/app/${name}`);
    }
    const reference = await createLayer(diffTreesWithRewrites(emptyDir(), root, written));
    expect(layers).toEqual([reference.diffId]);
  });

  it('refuses a context of 50,001 files with the limit named, and builds once they are ignored', async () => {
    const ws = await createInMemoryGitWorkspace();
    await ws.batch(async () => {
      await ws.writeFile('Dockerfile', 'FROM alpine:3.21\nCOPY . /data\n');
      await ws.mkdir('deps');
      for (let i = 0; i < 50_000; i++) await ws.writeFile(`deps/f${i}`, 'x');
    });
    const engine = createLabEngine();
    const outcome = await engine.build({ workspace: ws, contextDir: '/', tags: ['big'] });
    expect(outcome.ok).toBe(false);
    expect(outcome.error).toBe("failed to build: failed to solve: build context has more than 50000 files, this lab's limit; add the extra files to .dockerignore");
    await ws.writeFile('.dockerignore', 'deps\n');
    expect((await engine.build({ workspace: ws, contextDir: '/', tags: ['big'] })).ok).toBe(true);
  });
});

describe('hashing on a cached rebuild', () => {
  it('a fully cached rebuild hashes no file again; an edit hashes just that file', async () => {
    const ws = await createInMemoryGitWorkspace();
    await ws.batch(async () => {
      await ws.writeFile('Dockerfile', 'FROM alpine:3.21\nWORKDIR /app\nCOPY . .\n');
      for (let i = 0; i < 300; i++) await ws.writeFile(`f${i}.txt`, `content ${i}\n`);
    });
    const engine = createLabEngine();
    const first = hashBytesStats.computed;
    expect((await engine.build({ workspace: ws, contextDir: '/', tags: ['app'] })).ok).toBe(true);
    expect(hashBytesStats.computed - first).toBe(301);
    const before = hashBytesStats.computed;
    const cached = await engine.build({ workspace: ws, contextDir: '/', tags: ['app'] });
    expect(cached.explanations.filter((x) => x.status === 'cached').length).toBeGreaterThan(0);
    expect(cached.explanations.every((x) => x.status === 'cached')).toBe(true);
    expect(hashBytesStats.computed - before).toBe(0);
    await ws.writeFile('f7.txt', 'changed\n');
    const edited = hashBytesStats.computed;
    expect((await engine.build({ workspace: ws, contextDir: '/', tags: ['app'] })).ok).toBe(true);
    expect(hashBytesStats.computed - edited).toBe(1);
  });

  it('MemFs shares its stored bytes only when asked, and a write gives the file a new array', async () => {
    const fs = new MemFs();
    await fs.writeFile('/a', 'abc');
    const copy = (await fs.readFile('/a')) as Uint8Array;
    copy[0] = 0x7a;
    expect(await fs.readFile('/a', 'utf8')).toBe('abc');
    const shared = (await fs.readFile('/a', { shared: true })) as Uint8Array;
    expect(await fs.readFile('/a', { shared: true })).toBe(shared);
    await fs.writeFile('/a', 'xyz');
    const after = (await fs.readFile('/a', { shared: true })) as Uint8Array;
    expect(after).not.toBe(shared);
    expect(new TextDecoder().decode(shared)).toBe('abc');
    expect(new TextDecoder().decode(after)).toBe('xyz');
  });
});
