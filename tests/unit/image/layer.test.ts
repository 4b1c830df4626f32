import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  diffTrees, emptyDir, fileNode, generatedContent, getNode, materialize, removeNode, setNode, symlinkNode, textContent, walk,
  type Change, type DirNode,
} from '../../../src/engine/fs/index.ts';
import {
  applyLayers, clearLayerCaches, createLayer, diffLayer, primeLayer, layerBlob, layerTar, layerTarBytes, readLayerTar, SOURCE_DATE_EPOCH,
} from '../../../src/engine/image/index.ts';
import {
  expectedChecksum, gnuTarCat, gnuTarList, gnuTarListNames, headerFields, nodeSha256, tempDir, writeTemp,
} from './helpers.ts';

const EPOCH = 1704067200; // 2024-01-01T00:00:00Z, the documented SOURCE_DATE_EPOCH

function baseTree(): DirNode {
  let t = emptyDir();
  t = setNode(t, '/etc/hosts', fileNode(textContent('127.0.0.1 localhost\n')));
  t = setNode(t, '/etc/os-release', fileNode(textContent('NAME="Toy"\n')));
  t = setNode(t, '/usr/bin/tool', fileNode(generatedContent('tool', 70_000), { mode: 0o755 }));
  t = setNode(t, '/bin', symlinkNode('usr/bin'));
  t = setNode(t, '/var/cache/apk/a', fileNode(textContent('a')));
  t = setNode(t, '/var/cache/apk/b', fileNode(textContent('b')));
  return t;
}

/** Like describeTree, but hashes every file's bytes (generated ones included). */
function describeBytes(root: DirNode): string[] {
  return [...walk(root)].map(({ path, node }) => {
    const meta = `${node.type} ${node.mode.toString(8)} ${node.uid}:${node.gid}`;
    if (node.type === 'file') return `${path} ${meta} ${nodeSha256(materialize(node.content))}`;
    return `${path} ${meta}${node.type === 'symlink' ? ' -> ' + node.target : ''}`;
  });
}

/** A listing of a tree that shows everything a layer can carry. */
function describeTree(root: DirNode): string[] {
  return [...walk(root)].map(({ path, node }) => {
    const meta = `${node.mode.toString(8)} ${node.uid}:${node.gid}`;
    if (node.type === 'dir') return `${path}/ ${meta}`;
    if (node.type === 'symlink') return `${path} -> ${node.target} ${meta}`;
    const c = node.content;
    return `${path} ${meta} ${c.kind === 'bytes' ? nodeSha256(c.data) : 'generated:' + c.seed}`;
  });
}

async function collect(iter: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of iter) parts.push(Buffer.from(c));
  return Buffer.concat(parts);
}

describe('layer tar (checked with GNU tar and by hand against the ustar/PAX layout)', () => {
  it('writes sorted entries with parents first, modes, owners, symlinks and directory slashes', async () => {
    const layer = await diffLayer(emptyDir(), baseTree());
    const path = writeTemp('l.tar', layerTarBytes(layer));
    expect(gnuTarList(path)).toEqual([
      'lrwxrwxrwx 0/0               0 2024-01-01 00:00 bin -> usr/bin',
      'drwxr-xr-x 0/0               0 2024-01-01 00:00 etc/',
      '-rw-r--r-- 0/0              20 2024-01-01 00:00 etc/hosts',
      '-rw-r--r-- 0/0              11 2024-01-01 00:00 etc/os-release',
      'drwxr-xr-x 0/0               0 2024-01-01 00:00 usr/',
      'drwxr-xr-x 0/0               0 2024-01-01 00:00 usr/bin/',
      '-rwxr-xr-x 0/0           70000 2024-01-01 00:00 usr/bin/tool',
      'drwxr-xr-x 0/0               0 2024-01-01 00:00 var/',
      'drwxr-xr-x 0/0               0 2024-01-01 00:00 var/cache/',
      'drwxr-xr-x 0/0               0 2024-01-01 00:00 var/cache/apk/',
      '-rw-r--r-- 0/0               1 2024-01-01 00:00 var/cache/apk/a',
      '-rw-r--r-- 0/0               1 2024-01-01 00:00 var/cache/apk/b',
    ]);
    expect(gnuTarCat(path, 'etc/hosts').toString()).toBe('127.0.0.1 localhost\n');
    // uid 0 carries the user and group name root, as Go's FileInfoHeader looks them up.
    expect(gnuTarListNames(path)[1]).toContain('root/root');
  });

  it('lays out each header exactly as Go archive/tar writes a PAX-format header', async () => {
    let t = emptyDir();
    t = setNode(t, '/app.js', fileNode(textContent('x'), { mode: 0o640, uid: 1000, gid: 1001, mtime: EPOCH - 100 }));
    const tar = layerTarBytes(await diffLayer(emptyDir(), t));
    const h = headerFields(tar.subarray(0, 512));
    expect(h).toMatchObject({
      name: 'app.js',
      modeRaw: '0000640\0',
      uidRaw: '0001750\0', // 1000
      gidRaw: '0001751\0', // 1001
      sizeRaw: '00000000001\0',
      mtimeRaw: (EPOCH - 100).toString(8).padStart(11, '0') + '\0',
      typeflag: '0',
      magicRaw: 'ustar\0',
      versionRaw: '00',
      uname: '', // no name known for uid 1000
      gname: '',
      devmajorRaw: '0000000\0',
      devminorRaw: '0000000\0',
      prefix: '',
    });
    const sum = expectedChecksum(tar.subarray(0, 512));
    expect(h.chksumRaw).toBe(sum.toString(8).padStart(6, '0') + '\0 ');
    // data, padding to 512, then exactly two zero blocks and nothing else
    expect(tar[512]).toBe('x'.charCodeAt(0));
    expect(tar.length).toBe(512 + 512 + 1024);
    expect(tar.subarray(1024).every((b) => b === 0)).toBe(true);
  });

  it('clamps modification times to SOURCE_DATE_EPOCH and keeps earlier ones', async () => {
    let t = emptyDir();
    t = setNode(t, '/new', fileNode(textContent('n'), { mtime: EPOCH + 86400 * 400 }));
    t = setNode(t, '/old', fileNode(textContent('o'), { mtime: 1000000000 }));
    const path = writeTemp('t.tar', layerTarBytes(await diffLayer(emptyDir(), t)));
    const lines = gnuTarList(path, ['--full-time']);
    expect(lines[0]).toContain('2024-01-01 00:00:00 new');
    expect(lines[1]).toContain('2001-09-09 01:46:40 old');
    expect(SOURCE_DATE_EPOCH).toBe(EPOCH);
  });

  it('splits long names into the ustar prefix when it can, and uses PAX records otherwise', async () => {
    const longDir = '/' + 'd'.repeat(60) + '/' + 'e'.repeat(60);
    const longBase = '/opt/' + 'n'.repeat(130); // a last component over 100 bytes cannot be split
    let t = emptyDir();
    t = setNode(t, longDir + '/file.txt', fileNode(textContent('deep')));
    t = setNode(t, '/café', fileNode(textContent('é')));
    t = setNode(t, '/link', symlinkNode('/' + 't'.repeat(120)));
    t = setNode(t, longBase, fileNode(textContent('n')));
    const tar = layerTarBytes(await diffLayer(emptyDir(), t));
    const path = writeTemp('long.tar', tar);
    const names = gnuTarList(path).map((l) => l.slice(l.indexOf(' 00:00 ') + 7));
    expect(names).toEqual([
      'café',
      'd'.repeat(60) + '/',
      'd'.repeat(60) + '/' + 'e'.repeat(60) + '/',
      'd'.repeat(60) + '/' + 'e'.repeat(60) + '/file.txt',
      'link -> /' + 't'.repeat(120),
      'opt/',
      'opt/' + 'n'.repeat(130),
    ]);
    const blocks: ReturnType<typeof headerFields>[] = [];
    for (let off = 0; off + 512 <= tar.length; off += 512) blocks.push(headerFields(tar.subarray(off, off + 512)));
    // Splittable names (Go's splitUSTARPath: prefix up to 155 bytes, name up to 100) stay plain ustar.
    expect(blocks.filter((b) => b.prefix !== '').map((b) => [b.prefix, b.name])).toEqual([
      ['d'.repeat(60), 'e'.repeat(60) + '/'],
      ['d'.repeat(60) + '/' + 'e'.repeat(60), 'file.txt'],
    ]);
    // The rest get a PAX 'x' header named path.Join(dir, "PaxHeaders.0", base), non-ASCII dropped, cut to 100.
    expect(blocks.filter((b) => b.typeflag === 'x').map((b) => b.name)).toEqual([
      'PaxHeaders.0/caf',
      'PaxHeaders.0/link',
      ('opt/PaxHeaders.0/' + 'n'.repeat(130)).slice(0, 100),
    ]);
    // The first record is "<len> path=café\n", where len counts the whole record in bytes.
    const record = Buffer.from(tar.subarray(512, 512 + 20)).toString('utf8');
    const body = ' path=café\n';
    expect(record.startsWith(`${Buffer.byteLength(body) + 2}${body}`)).toBe(true);
  });

  it('writes the tar identically through the streaming reader and hashes it to the diffID', async () => {
    const layer = await diffLayer(emptyDir(), baseTree());
    const whole = layerTarBytes(layer);
    const streamed = await collect(layerTar(layer));
    expect(streamed.equals(Buffer.from(whole))).toBe(true);
    expect(layer.size).toBe(whole.length);
    expect(layer.diffId).toBe(nodeSha256(whole));
  });
});

describe('whiteouts and opaque directories', () => {
  it('turns a deleted file into an empty .wh. entry after its parent directory', async () => {
    const lower = baseTree();
    const upper = removeNode(lower, '/etc/hosts');
    const layer = await diffLayer(lower, upper);
    const tar = layerTarBytes(layer);
    const path = writeTemp('wh.tar', tar);
    expect(gnuTarList(path)).toEqual([
      'drwxr-xr-x 0/0               0 2024-01-01 00:00 etc/',
      '---------- 0/0               0 2024-01-01 00:00 etc/.wh.hosts',
    ]);
    // The whiteout has no user or group names (containerd builds its header by hand).
    const wh = headerFields(tar.subarray(512, 1024));
    expect([wh.uname, wh.gname, wh.typeflag, wh.sizeRaw]).toEqual(['', '', '0', '00000000000\0']);
  });

  it('writes one whiteout for a deleted directory, not one per child', async () => {
    const lower = baseTree();
    const upper = removeNode(lower, '/var/cache');
    const path = writeTemp('whdir.tar', layerTarBytes(await diffLayer(lower, upper)));
    expect(gnuTarList(path).map((l) => l.split(' ').pop())).toEqual(['var/', 'var/.wh.cache']);
  });

  it('splits a long whiteout name into the ustar prefix field, as Go does without an explicit format', async () => {
    const dir = '/' + 'p'.repeat(90);
    const lower = setNode(emptyDir(), dir + '/' + 'q'.repeat(20), fileNode(textContent('x')));
    const upper = removeNode(lower, dir + '/' + 'q'.repeat(20));
    const tar = layerTarBytes(await diffLayer(lower, upper));
    const wh = headerFields(tar.subarray(512, 1024));
    expect(wh.prefix).toBe('p'.repeat(90));
    expect(wh.name).toBe('.wh.' + 'q'.repeat(20));
    const path = writeTemp('whlong.tar', tar);
    expect(gnuTarList(path)[1]).toMatch(new RegExp(`${'p'.repeat(90)}/\\.wh\\.${'q'.repeat(20)}$`));
  });

  it('writes a directory replaced wholesale as the directory plus .wh..wh..opq', async () => {
    const lower = baseTree();
    const newDir = emptyDir({ mode: 0o700 });
    const changes: Change[] = [
      { kind: 'deleted', path: '/var/cache/apk' },
      { kind: 'added', path: '/var/cache/apk', node: newDir },
      { kind: 'added', path: '/var/cache/apk/fresh', node: fileNode(textContent('new')) },
    ];
    const layer = await createLayer(changes, { upper: lower });
    const path = writeTemp('opq.tar', layerTarBytes(layer));
    expect(gnuTarList(path).map((l) => `${l.slice(0, 10)} ${l.split(' ').pop()}`)).toEqual([
      'drwxr-xr-x var/',
      'drwxr-xr-x var/cache/',
      'drwx------ var/cache/apk/',
      '---------- var/cache/apk/.wh..wh..opq',
      '-rw-r--r-- var/cache/apk/fresh',
    ]);
    const rootfs = applyLayers(lower, [readLayerTar(layerTarBytes(layer))]);
    expect(describeTree(rootfs).filter((l) => l.startsWith('/var/cache/apk'))).toEqual([
      '/var/cache/apk/ 700 0:0',
      `/var/cache/apk/fresh 644 0:0 ${nodeSha256('new')}`,
    ]);
  });

  it('takes the metadata of ancestor directories from the upper tree', async () => {
    let lower = setNode(emptyDir(), '/home/user/.keep', fileNode(textContent('')));
    lower = setNode(lower, '/home/user', { ...(getNode(lower, '/home/user') as DirNode), mode: 0o750, uid: 1000, gid: 1000 });
    const upper = setNode(lower, '/home/user/notes', fileNode(textContent('n'), { uid: 1000, gid: 1000 }));
    const path = writeTemp('parents.tar', layerTarBytes(await diffLayer(lower, upper)));
    expect(gnuTarList(path)).toEqual([
      'drwxr-xr-x 0/0               0 2024-01-01 00:00 home/',
      'drwxr-x--- 1000/1000         0 2024-01-01 00:00 home/user/',
      '-rw-r--r-- 1000/1000         1 2024-01-01 00:00 home/user/notes',
    ]);
  });
});

describe('applying and reading layers', () => {
  it('rebuilds every upper tree from the layer tars alone (round trip through bytes)', async () => {
    const t0 = baseTree();
    let t1 = removeNode(t0, '/var/cache');
    t1 = setNode(t1, '/etc/hosts', fileNode(textContent('10.0.0.1 db\n')));
    t1 = setNode(t1, '/usr/bin/tool', fileNode(generatedContent('tool', 70_000), { mode: 0o700 }));
    t1 = setNode(t1, '/opt/app/' + 'n'.repeat(130), fileNode(textContent('long')));
    let t2 = removeNode(t1, '/bin');
    t2 = setNode(t2, '/bin/sh', fileNode(textContent('#!sh'))); // symlink replaced by a directory
    const layers = [await diffLayer(emptyDir(), t0), await diffLayer(t0, t1), await diffLayer(t1, t2)];
    const fromTars = layers.map((l) => readLayerTar(layerTarBytes(l)));
    const rebuilt = applyLayers(emptyDir(), fromTars);
    // Generated content comes back from the tar as bytes, so compare file contents by their bytes.
    expect(describeBytes(rebuilt)).toEqual(describeBytes(t2));
    // And the change-list form of the layers gives the same tree.
    expect(describeTree(applyLayers(emptyDir(), layers))).toEqual(describeTree(t2));
  });

  it('never modifies the base tree and shares untouched subtrees with it', async () => {
    const base = baseTree();
    const before = describeTree(base);
    let upper = removeNode(base, '/etc/hosts');
    for (let i = 0; i < 50; i++) upper = setNode(upper, `/var/lib/many/f${i}`, fileNode(textContent(String(i))));
    const layer = await diffLayer(base, upper);
    const fromTar = applyLayers(base, [readLayerTar(layerTarBytes(layer))]);
    expect(describeTree(base)).toEqual(before);
    expect(describeBytes(fromTar)).toEqual(describeBytes(upper));
    expect(getNode(fromTar, '/usr')).toBe(getNode(base, '/usr')); // untouched: the same object
    expect(() => applyLayers(base, [[{ kind: 'added', path: '/etc/hosts/x', node: fileNode(textContent('')) }]])).toThrow(/Not a directory/);
  });

  it('reads tars written by GNU tar, including whiteouts and an opaque marker', () => {
    const dir = tempDir();
    execFileSync('sh', ['-c', [
      'mkdir -p src/etc src/data src/data2',
      'printf hello > src/etc/motd',
      ': > src/etc/.wh.hosts',
      ': > src/data/.wh..wh..opq',
      'printf x > src/data/kept',
      'ln -s /etc/motd src/motd-link',
      'ln src/etc/motd src/etc/motd-hardlink',
      'cd src && tar --format=posix --owner=0 --group=0 -cf ../gnu.tar etc data motd-link',
    ].join(' && ')], { cwd: dir });
    const changes = readLayerTar(readFileSync(join(dir, 'gnu.tar')));
    const summary = changes.map((c) => `${c.kind} ${c.path}${c.kind !== 'deleted' && c.node.type === 'symlink' ? ' -> ' + c.node.target : ''}`);
    expect(summary).toContain('deleted /etc/hosts');
    expect(summary).toContain('added /motd-link -> /etc/motd');
    // opaque reset of /data comes before /data/kept
    expect(summary.indexOf('deleted /data')).toBeGreaterThanOrEqual(0);
    expect(summary.indexOf('deleted /data')).toBeLessThan(summary.indexOf('added /data/kept'));
    let lower = setNode(emptyDir(), '/data/old', fileNode(textContent('old')));
    lower = setNode(lower, '/etc/hosts', fileNode(textContent('h')));
    const root = applyLayers(lower, [changes]);
    expect(getNode(root, '/data/old')).toBeUndefined();
    expect(getNode(root, '/etc/hosts')).toBeUndefined();
    expect(getNode(root, '/data/kept')?.type).toBe('file');
    // GNU tar stores the second name of a hard link as a link entry; the lab copies the file.
    const hard = getNode(root, '/etc/motd-hardlink');
    expect(hard?.type === 'file' && new TextDecoder().decode(materialize(hard.content))).toBe('hello');
  });
});

describe('digests, gzip and determinism', () => {
  it('gzips to a blob that zlib decompresses back to the tar, with a Go-style header', async () => {
    const layer = await diffLayer(emptyDir(), baseTree());
    const blob = await layerBlob(layer);
    expect(Buffer.from(gunzipSync(blob)).equals(Buffer.from(layerTarBytes(layer)))).toBe(true);
    expect(layer.digest).toBe(nodeSha256(blob));
    expect(layer.compressedSize).toBe(blob.length);
    expect([blob[0], blob[1], blob[2]]).toEqual([0x1f, 0x8b, 8]);
    expect([...blob.subarray(3, 8)]).toEqual([0, 0, 0, 0, 0]); // no flags, MTIME 0
    expect(blob[9]).toBe(255); // OS unknown, as Go's compress/gzip writes
    expect(layer.mediaType).toBe('application/vnd.oci.image.layer.v1.tar+gzip');
    clearLayerCaches(); // rebuilt from the changes: the same bytes again
    expect(Buffer.from(await layerBlob(layer)).equals(Buffer.from(blob))).toBe(true);
  });

  it('memoises by the identity of the change array and gives equal digests for equal input', async () => {
    const changes = diffTrees(emptyDir(), baseTree());
    const a = await createLayer(changes);
    expect(await createLayer(changes)).toBe(a);
    clearLayerCaches(); // so gzip really runs again rather than being recalled by diffID
    const b = await createLayer(diffTrees(emptyDir(), baseTree()));
    expect(b).not.toBe(a);
    expect([b.diffId, b.digest, b.size, b.compressedSize]).toEqual([a.diffId, a.digest, a.size, a.compressedSize]);
  });

  it('gives the same digests in a separate Node process', async () => {
    const layer = await diffLayer(emptyDir(), baseTree());
    const script = `
      import { emptyDir, setNode, fileNode, textContent, generatedContent, symlinkNode } from './src/engine/fs/index.ts';
      import { diffLayer } from './src/engine/image/index.ts';
      let t = emptyDir();
      t = setNode(t, '/etc/hosts', fileNode(textContent('127.0.0.1 localhost\\n')));
      t = setNode(t, '/etc/os-release', fileNode(textContent('NAME="Toy"\\n')));
      t = setNode(t, '/usr/bin/tool', fileNode(generatedContent('tool', 70000), { mode: 0o755 }));
      t = setNode(t, '/bin', symlinkNode('usr/bin'));
      t = setNode(t, '/var/cache/apk/a', fileNode(textContent('a')));
      t = setNode(t, '/var/cache/apk/b', fileNode(textContent('b')));
      const l = await diffLayer(emptyDir(), t);
      console.log(JSON.stringify([l.diffId, l.digest]));`;
    const dir = tempDir();
    const file = writeTemp('run.mts', new TextEncoder().encode(script), dir);
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', readFileSync(file, 'utf8')], {
      cwd: join(import.meta.dirname, '../../..'),
      encoding: 'utf8',
    });
    expect(JSON.parse(out.trim())).toEqual([layer.diffId, layer.digest]);
  });

  it('rebuilds the same tar from a structured clone of the layer (e.g. after a worker hop)', async () => {
    let lower = setNode(emptyDir(), '/srv/www/.keep', fileNode(textContent('')));
    lower = setNode(lower, '/srv', { ...(getNode(lower, '/srv') as DirNode), mode: 0o711, uid: 33 });
    const upper = setNode(lower, '/srv/www/index.html', fileNode(textContent('<h1>hi</h1>')));
    const layer = await diffLayer(lower, upper);
    const clone = structuredClone(layer);
    const tar = layerTarBytes(clone);
    expect(nodeSha256(tar)).toBe(layer.diffId);
    expect(gnuTarList(writeTemp('clone.tar', tar))[0]).toBe('drwx--x--x 33/0              0 2024-01-01 00:00 srv/');
    expect(nodeSha256(await layerBlob(clone))).toBe(layer.digest);
  });

  it('returns primed facts for a change list without recomputing, and the tar still matches them', async () => {
    const computed = await createLayer(diffTrees(emptyDir(), baseTree()));
    const changes = diffTrees(emptyDir(), baseTree());
    const primed = await primeLayer(changes, computed);
    expect(await createLayer(changes)).toBe(primed);
    expect(primed.diffId).toBe(nodeSha256(layerTarBytes(primed)));
    expect(nodeSha256(await layerBlob(primed))).toBe(primed.digest);
  });

  it('puts hand-built change lists in Go walk order (a/ before a-b), so order of input does not matter', async () => {
    let t = setNode(emptyDir(), '/a/x', fileNode(textContent('1')));
    t = setNode(t, '/a-b', fileNode(textContent('2')));
    t = setNode(t, '/a.c/y', fileNode(textContent('3')));
    const ordered = diffTrees(emptyDir(), t);
    expect(ordered.map((c) => c.path)).toEqual(['/a', '/a/x', '/a-b', '/a.c', '/a.c/y']);
    const shuffled = [ordered[4]!, ordered[2]!, ordered[0]!, ordered[3]!, ordered[1]!];
    const [x, y] = [await createLayer(ordered), await createLayer(shuffled)];
    expect(y.diffId).toBe(x.diffId);
    const names = gnuTarList(writeTemp('order.tar', layerTarBytes(y))).map((l) => l.split(' ').pop());
    expect(names).toEqual(['a/', 'a/x', 'a-b', 'a.c/', 'a.c/y']);
  });

  it('hashes the empty layer (1024 zero bytes) to the well-known empty-tar diffID', async () => {
    const layer = await createLayer([]);
    expect(layer.size).toBe(1024);
    expect(layer.diffId).toBe('sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef');
    expect(layer.diffId).toBe(nodeSha256(new Uint8Array(1024)));
  });
});
