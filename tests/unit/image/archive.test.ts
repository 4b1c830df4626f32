import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { emptyDir, fileNode, setNode, textContent } from '../../../src/engine/fs/index.ts';
import {
  buildImage, diffLayer, ImageArchiveError, parseReference, readImageArchive, writeImageArchive,
} from '../../../src/engine/image/index.ts';
import { nodeSha256, tempDir } from './helpers.ts';

describe('references in saved archives', () => {
  it('normalise like distribution/reference: docker.io, library/, default tag latest', () => {
    expect(parseReference('app')).toEqual({ full: 'docker.io/library/app:latest', familiar: 'app:latest', tag: 'latest' });
    expect(parseReference('user/app:1.2')).toEqual({ full: 'docker.io/user/app:1.2', familiar: 'user/app:1.2', tag: '1.2' });
    expect(parseReference('docker.io/library/node:22-alpine')).toEqual({
      full: 'docker.io/library/node:22-alpine',
      familiar: 'node:22-alpine',
      tag: '22-alpine',
    });
    expect(parseReference('localhost:5000/app')).toEqual({ full: 'localhost:5000/app:latest', familiar: 'localhost:5000/app:latest', tag: 'latest' });
    expect(parseReference('ghcr.io/org/tool:v1').familiar).toBe('ghcr.io/org/tool:v1');
  });
});

describe('docker load input', () => {
  async function image() {
    const t = setNode(emptyDir(), '/hello.txt', fileNode(textContent('hello\n')));
    return buildImage([await diffLayer(emptyDir(), t)], {
      architecture: 'amd64',
      os: 'linux',
      config: { Cmd: ['cat', '/hello.txt'] },
      history: [{ created_by: 'COPY hello.txt / # buildkit', comment: 'buildkit.dockerfile.v0' }],
    });
  }

  it('reads an archive repacked by GNU tar with ./ prefixes and a gzip wrapper (docker load accepts .tar.gz)', async () => {
    const img = await image();
    const dir = tempDir();
    const src = join(dir, 'x');
    execFileSync('mkdir', ['-p', src]);
    execFileSync('tar', ['-xf', '-', '-C', src], { input: await writeImageArchive([{ image: img, repoTags: ['hello:v1'] }]) });
    execFileSync('tar', ['-cf', join(dir, 'repacked.tar'), '-C', src, '.']);
    const gz = gzipSync(readFileSync(join(dir, 'repacked.tar')));
    const [loaded] = await readImageArchive(gz);
    expect(loaded!.repoTags).toEqual(['hello:v1']);
    expect(loaded!.configDigest).toBe(nodeSha256(img.config.json));
    expect(loaded!.config.config.Cmd).toEqual(['cat', '/hello.txt']);
    expect(loaded!.layers[0]!.changes.map((c) => `${c.kind} ${c.path}`)).toEqual(['added /hello.txt']);
  });

  it('rejects archives without manifest.json, with missing blobs, or whose layers do not match the diff IDs', async () => {
    const img = await image();
    const good = await writeImageArchive([{ image: img, repoTags: ['hello:v1'] }]);
    const dir = tempDir();
    const src = join(dir, 'x');
    execFileSync('mkdir', ['-p', src]);
    execFileSync('tar', ['-xf', '-', '-C', src], { input: good });

    execFileSync('tar', ['-cf', join(dir, 'no-manifest.tar'), '-C', src, 'index.json', 'oci-layout', 'blobs']);
    await expect(readImageArchive(readFileSync(join(dir, 'no-manifest.tar')))).rejects.toThrow(/manifest\.json not found/);

    const layerPath = `blobs/sha256/${img.layers[0]!.digest.slice(7)}`;
    execFileSync('sh', ['-c', `cd ${src} && tar -cf ../no-layer.tar --exclude=${layerPath} .`]);
    await expect(readImageArchive(readFileSync(join(dir, 'no-layer.tar')))).rejects.toBeInstanceOf(ImageArchiveError);

    // Replace the layer blob by another valid gzip tar: its diff ID no longer matches the config.
    const other = await diffLayer(emptyDir(), setNode(emptyDir(), '/other', fileNode(textContent('x'))));
    const otherImg = await buildImage([other], { architecture: 'amd64', os: 'linux', config: {}, history: [{ created_by: 'x' }] });
    const otherDir = join(dir, 'o');
    execFileSync('mkdir', ['-p', otherDir]);
    execFileSync('tar', ['-xf', '-', '-C', otherDir], { input: await writeImageArchive([{ image: otherImg, repoTags: [] }]) });
    execFileSync('cp', [join(otherDir, `blobs/sha256/${other.digest.slice(7)}`), join(src, layerPath)]);
    execFileSync('tar', ['-cf', join(dir, 'bad-layer.tar'), '-C', src, '.']);
    await expect(readImageArchive(readFileSync(join(dir, 'bad-layer.tar')))).rejects.toThrow(/diff ID/);

    await expect(readImageArchive(new TextEncoder().encode('not a tar at all'))).rejects.toBeInstanceOf(ImageArchiveError);
  });

  it('writes untagged images with RepoTags null and no name annotations', async () => {
    const img = await image();
    const dir = tempDir();
    execFileSync('tar', ['-xf', '-', '-C', dir], { input: await writeImageArchive([{ image: img, repoTags: [] }]) });
    expect(readFileSync(join(dir, 'manifest.json'), 'utf8')).toBe(
      `[{"Config":"blobs/sha256/${img.config.digest.slice(7)}","RepoTags":null,"Layers":["blobs/sha256/${img.layers[0]!.digest.slice(7)}"]}]`,
    );
    expect(JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')).manifests).toEqual([
      { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: img.manifest.digest, size: img.manifest.size },
    ]);
  });
});
