// `docker save` archives checked with independent tools: GNU tar, skopeo and umoci.
// skopeo/umoci tests skip only when the binary is missing and CI is not set; with CI set they fail.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { emptyDir, fileNode, removeNode, setNode, symlinkNode, textContent, generatedContent, type DirNode } from '../../../src/engine/fs/index.ts';
import { buildImage, buildIndex, descriptorOf, diffLayer, readImageArchive, writeImageArchive, applyLayers, type Image } from '../../../src/engine/image/index.ts';
import { gnuTarList, hasBinary, nodeSha256, tempDir, writeTemp } from './helpers.ts';

async function sampleImage(): Promise<{ image: Image; trees: DirNode[] }> {
  let t0 = emptyDir();
  t0 = setNode(t0, '/etc/os-release', fileNode(textContent('NAME="Toy Linux"\n')));
  t0 = setNode(t0, '/etc/motd', fileNode(textContent('welcome\n')));
  t0 = setNode(t0, '/usr/bin/busybox', fileNode(generatedContent('busybox', 200_000), { mode: 0o755 }));
  t0 = setNode(t0, '/bin', symlinkNode('usr/bin'));
  t0 = setNode(t0, '/tmp/cache/old.txt', fileNode(textContent('stale')));
  let t1 = removeNode(t0, '/etc/motd'); // a whiteout
  t1 = removeNode(t1, '/tmp/cache'); // a whiteout for a directory
  t1 = setNode(t1, '/app/server.js', fileNode(textContent('console.log("hi")\n')));
  const layers = [await diffLayer(emptyDir(), t0), await diffLayer(t0, t1)];
  const image = await buildImage(layers, {
    architecture: 'amd64',
    os: 'linux',
    config: { Cmd: ['node', 'server.js'], WorkingDir: '/app' },
    history: [
      { created_by: 'ADD rootfs.tar / # buildkit', comment: 'buildkit.dockerfile.v0' },
      { created_by: 'RUN /bin/sh -c rm -rf /etc/motd /tmp/cache # buildkit', comment: 'buildkit.dockerfile.v0' },
      { created_by: 'CMD ["node" "server.js"]', comment: 'buildkit.dockerfile.v0', empty_layer: true },
    ],
  });
  return { image, trees: [t0, t1] };
}

/** Skips when the tool is missing, except in CI where a missing tool is a failure. */
function requireTool(name: string): boolean {
  if (hasBinary(name)) return true;
  if (process.env.CI) throw new Error(`${name} is required in CI but was not found on PATH`);
  return false;
}

describe('docker save archive', () => {
  it('has the OCI layout and manifest.json, sorted, as containerd writes it', async () => {
    const { image } = await sampleImage();
    const archive = await writeImageArchive([{ image, repoTags: ['demo:1.0', 'demo:latest'] }]);
    const path = writeTemp('save.tar', archive);
    const hex = (s: string) => s.slice('sha256:'.length);
    const blobNames = [image.config.digest, image.manifest.digest, ...image.layers.map((l) => l.digest)].map((x) => `blobs/sha256/${hex(x)}`).sort();
    expect(gnuTarList(path).map((l) => `${l.slice(0, 10)} ${l.split(' ').pop()}`)).toEqual([
      'drwxr-xr-x blobs/',
      'drwxr-xr-x blobs/sha256/',
      ...blobNames.map((n) => `-r--r--r-- ${n}`),
      '-rw-r--r-- index.json',
      '-rw-r--r-- manifest.json',
      '-r--r--r-- oci-layout',
    ]);
    const cat = (m: string) => execFileSync('tar', ['-xOf', path, m], { encoding: 'utf8' });
    expect(cat('oci-layout')).toBe('{"imageLayoutVersion":"1.0.0"}');
    expect(JSON.parse(cat('manifest.json'))).toEqual([
      {
        Config: `blobs/sha256/${hex(image.config.digest)}`,
        RepoTags: ['demo:1.0', 'demo:latest'],
        Layers: image.layers.map((l) => `blobs/sha256/${hex(l.digest)}`),
      },
    ]);
    const index = JSON.parse(cat('index.json'));
    expect(index.mediaType).toBe('application/vnd.oci.image.index.v1+json');
    expect(index.manifests.map((m: { annotations: Record<string, string> }) => m.annotations)).toEqual([
      { 'io.containerd.image.name': 'docker.io/library/demo:1.0', 'org.opencontainers.image.ref.name': '1.0' },
      { 'io.containerd.image.name': 'docker.io/library/demo:latest', 'org.opencontainers.image.ref.name': 'latest' },
    ]);
    // Every blob's name is the sha256 of its bytes.
    for (const name of blobNames) {
      const bytes = execFileSync('tar', ['-xOf', path, name]);
      expect(nodeSha256(bytes)).toBe('sha256:' + name.split('/').pop());
    }
  });

  it('loads back (docker load) to the same layers and root filesystem', async () => {
    const { image, trees } = await sampleImage();
    const [loaded] = await readImageArchive(await writeImageArchive([{ image, repoTags: ['demo:latest'] }]));
    expect(loaded!.repoTags).toEqual(['demo:latest']);
    expect(loaded!.configDigest).toBe(image.config.digest);
    expect(loaded!.layers.map((l) => l.diffId)).toEqual(image.layers.map((l) => l.diffId));
    const root = applyLayers(emptyDir(), loaded!.layers.map((l) => l.changes));
    const fromModel = applyLayers(emptyDir(), image.layers);
    const list = (r: DirNode) => JSON.stringify([...(function* walkAll(n: DirNode, p: string): Generator<string> {
      for (const [k, v] of [...n.entries].sort(([a], [b]) => (a < b ? -1 : 1))) {
        yield `${p}/${k}:${v.type}:${v.mode}`;
        if (v.type === 'dir') yield* walkAll(v, `${p}/${k}`);
      }
    })(r, '')]);
    expect(list(root)).toBe(list(fromModel));
    expect(list(root)).toBe(list(trees[1]!));
  });

  it('is accepted by skopeo (oci-archive and docker-archive transports)', async (ctx) => {
    if (!requireTool('skopeo')) return ctx.skip();
    const { image } = await sampleImage();
    const dir = tempDir();
    const path = writeTemp('save.tar', await writeImageArchive([{ image, repoTags: ['demo:latest'] }]), dir);
    const run = (args: string[]) => execFileSync('skopeo', ['--insecure-policy', ...args], { encoding: 'utf8' });
    run(['copy', `oci-archive:${path}:latest`, `dir:${join(dir, 'oci-out')}`]);
    run(['copy', `docker-archive:${path}:demo:latest`, `dir:${join(dir, 'docker-out')}`]);
    // skopeo verifies every blob digest while copying. Through the OCI layout it copies our gzip
    // blobs as they are; through manifest.json (docker-archive) it hands out the uncompressed
    // layers, named by their diffIDs.
    for (const [out, key] of [['oci-out', 'digest'], ['docker-out', 'diffId']] as const) {
      const files = readdirSync(join(dir, out));
      for (const l of image.layers) {
        const hex = l[key].slice('sha256:'.length);
        expect(files).toContain(hex);
        expect(nodeSha256(readFileSync(join(dir, out, hex)))).toBe(l[key]);
      }
    }
    const inspected = JSON.parse(run(['inspect', '--config', `oci-archive:${path}:latest`]));
    expect(inspected.rootfs.diff_ids).toEqual(image.layers.map((l) => l.diffId));
  });

  it('saves a tag that points at an index the way Docker does, and skopeo resolves it to the platform image', async (ctx) => {
    const { image } = await sampleImage();
    const index = await buildIndex([descriptorOf(image.manifest, { platform: { architecture: 'amd64', os: 'linux' } })]);
    const archive = await writeImageArchive([{ image, repoTags: ['demo:latest'], index }]);
    const dir = tempDir();
    const path = writeTemp('save-index.tar', archive, dir);
    const cat = (m: string) => execFileSync('tar', ['-xOf', path, m], { encoding: 'utf8' });
    const listed = JSON.parse(cat('index.json')).manifests;
    expect(listed.map((m: { mediaType: string; digest: string }) => [m.mediaType, m.digest])).toEqual([
      ['application/vnd.oci.image.index.v1+json', index.digest],
    ]);
    expect(cat(`blobs/sha256/${index.digest.slice(7)}`)).toBe(index.json);
    expect(JSON.parse(cat('manifest.json'))[0].Config).toBe(`blobs/sha256/${image.config.digest.slice(7)}`);
    if (!requireTool('skopeo')) return ctx.skip();
    const out = execFileSync('skopeo', ['--insecure-policy', 'inspect', '--config', `oci-archive:${path}:latest`], { encoding: 'utf8' });
    expect(JSON.parse(out).rootfs.diff_ids).toEqual(image.layers.map((l) => l.diffId));
  });

  it('is unpacked by umoci with the whiteouts applied', async (ctx) => {
    if (!requireTool('umoci')) return ctx.skip();
    const { image } = await sampleImage();
    const dir = tempDir();
    const path = writeTemp('save.tar', await writeImageArchive([{ image, repoTags: ['demo:latest'] }]), dir);
    execFileSync('mkdir', [join(dir, 'layout')]);
    execFileSync('tar', ['-xf', path, '-C', join(dir, 'layout')]);
    execFileSync('umoci', ['unpack', '--rootless', '--image', `${join(dir, 'layout')}:latest`, join(dir, 'bundle')], { stdio: 'pipe' });
    const rootfs = join(dir, 'bundle', 'rootfs');
    expect(readFileSync(join(rootfs, 'app/server.js'), 'utf8')).toBe('console.log("hi")\n');
    expect(readFileSync(join(rootfs, 'etc/os-release'), 'utf8')).toBe('NAME="Toy Linux"\n');
    expect(existsSync(join(rootfs, 'etc/motd'))).toBe(false);
    expect(existsSync(join(rootfs, 'tmp/cache'))).toBe(false);
    expect(readdirSync(join(rootfs, 'etc')).some((n) => n.startsWith('.wh.'))).toBe(false);
    expect(lstatSync(join(rootfs, 'bin')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(rootfs, 'bin'))).toBe('usr/bin');
    expect(lstatSync(join(rootfs, 'usr/bin/busybox')).mode & 0o777).toBe(0o755);
    expect(lstatSync(join(rootfs, 'usr/bin/busybox')).size).toBe(200_000);
  });
});
