// A sample that exercises every part of the layer pipeline; run both in Node and (bundled) in
// Chromium by browser-determinism.test.ts, which compares the digests.
import { emptyDir, fileNode, generatedContent, removeNode, setNode, symlinkNode, textContent } from '../../../src/engine/fs/index.ts';
import { buildImage, diffLayer } from '../../../src/engine/image/index.ts';

export async function sampleDigests(): Promise<string[]> {
  let t0 = emptyDir();
  t0 = setNode(t0, '/etc/os-release', fileNode(textContent('NAME="Toy"\nID=toy\n')));
  t0 = setNode(t0, '/usr/lib/libbig.so', fileNode(generatedContent('libbig', 3_000_000), { mode: 0o755 }));
  t0 = setNode(t0, '/usr/share/doc/' + 'long-name-'.repeat(12) + '/café.txt', fileNode(textContent('é'.repeat(5000))));
  t0 = setNode(t0, '/bin', symlinkNode('usr/bin'));
  let t1 = removeNode(t0, '/etc/os-release');
  t1 = setNode(t1, '/app/index.js', fileNode(textContent('console.log("x" && "<y>");\n'.repeat(2000)), { uid: 1000, gid: 1000 }));
  const layers = [await diffLayer(emptyDir(), t0), await diffLayer(t0, t1)];
  const image = await buildImage(layers, {
    architecture: 'amd64',
    os: 'linux',
    config: { Cmd: ['sh', '-c', 'a && b'], Env: ['PATH=/usr/bin'] },
    history: [{ created_by: 'ADD x / # buildkit' }, { created_by: 'RUN /bin/sh -c x # buildkit' }],
  });
  return [...layers.flatMap((l) => [l.diffId, l.digest, String(l.size), String(l.compressedSize)]), image.config.digest, image.manifest.digest];
}
