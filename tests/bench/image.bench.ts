// Benchmarks for the image module: layer hashing (tar + sha256), gzip, layer creation and save.
// Each figure is the median of several runs after one warm-up run.
import { diffTrees, emptyDir, fileNode, generatedContent, setNode, textContent, type DirNode } from '../../src/engine/fs/index.ts';
import { applyLayers, buildImage, clearLayerCaches, createLayer, diffLayer, readLayerTar, layerTarBytes, sha256, writeImageArchive, type Layer } from '../../src/engine/image/index.ts';
import { gzip } from '../../src/engine/image/gzip.ts';
import { medianMs, type BenchResult } from './timing.ts';

const MB = 1e6;
const round = (x: number, digits = 1) => Number(x.toFixed(digits));

/** ~50 MB of generated binaries in 50 files, like a base image's /usr/lib. */
function bigTree(): DirNode {
  let t = emptyDir();
  for (let i = 0; i < 50; i++) t = setNode(t, `/usr/lib/lib${i}.so.1`, fileNode(generatedContent(`lib${i}`, 1_000_000), { mode: 0o755 }));
  return t;
}

/** A typical application layer: 300 small text files (~1 MB). */
function appTree(): DirNode {
  let t = emptyDir();
  for (let i = 0; i < 300; i++) {
    t = setNode(t, `/app/node_modules/pkg${i % 30}/lib/file${i}.js`, fileNode(textContent(`// module ${i}\n` + 'export const value = "x";\n'.repeat(130))));
  }
  return t;
}

export async function bench(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const big = bigTree();
  const bigChanges = diffTrees(emptyDir(), big);
  const probe: Layer = { diffId: '', digest: '', size: 0, compressedSize: 0, mediaType: '', changes: bigChanges };
  const tar = layerTarBytes(probe);
  const tarMB = tar.length / MB;

  const hashMs = await medianMs(5, async () => sha256(layerTarBytes(probe)));
  results.push({ name: `layer hashing: tar + sha256 of a ${round(tarMB)} MB generated layer (median ${round(hashMs)} ms)`, value: round(tarMB / (hashMs / 1000)), unit: 'MB/s', target: '>= 200 MB/s' });

  const shaMs = await medianMs(5, async () => sha256(tar));
  results.push({ name: `sha256 alone (crypto.subtle, buffered; median ${round(shaMs)} ms)`, value: round(tarMB / (shaMs / 1000)), unit: 'MB/s' });

  const tarOnlyMs = await medianMs(5, () => layerTarBytes(probe));
  results.push({ name: `tar serialisation alone (median ${round(tarOnlyMs)} ms)`, value: round(tarMB / (tarOnlyMs / 1000)), unit: 'MB/s' });

  const slice = tar.subarray(0, 16_000_000);
  const gzMs = await medianMs(3, () => gzip(slice));
  const gzRatio = slice.length / gzip(slice).length;
  results.push({ name: `gzip, fflate level 6, 16 MB of that layer, ratio ${round(gzRatio, 2)} (median ${round(gzMs)} ms)`, value: round(16 / (gzMs / 1000)), unit: 'MB/s' });

  if (typeof CompressionStream !== 'undefined') {
    const csMs = await medianMs(3, async () => new Response(new Blob([slice as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer());
    results.push({ name: `for comparison, not used: CompressionStream gzip, same 16 MB (median ${round(csMs)} ms)`, value: round(16 / (csMs / 1000)), unit: 'MB/s' });
  }

  const app = appTree();
  const coldMs = await medianMs(5, async () => {
    clearLayerCaches();
    return createLayer(diffTrees(emptyDir(), app));
  });
  const appLayer = await diffLayer(emptyDir(), app);
  results.push({ name: `createLayer, app layer (300 files, ${round(appLayer.size / MB, 2)} MB tar): tar, sha256, gzip, sha256`, median_ms: round(coldMs, 2) });
  const warmMs = await medianMs(5, async () => createLayer(diffTrees(emptyDir(), app)));
  results.push({ name: 'createLayer, same app layer rebuilt (gzip recalled by diffID)', median_ms: round(warmMs, 2) });

  // docker load path: parse a tar of 5,000 small files in one directory and apply it.
  let many = emptyDir();
  for (let i = 0; i < 5000; i++) many = setNode(many, `/usr/share/zoneinfo/z${i}`, fileNode(textContent(`zone ${i}\n`)));
  const manyTar = layerTarBytes(await diffLayer(emptyDir(), many));
  const loadMs = await medianMs(5, () => applyLayers(emptyDir(), [readLayerTar(manyTar)]));
  results.push({ name: 'readLayerTar + applyLayers, 5,000 files in one directory (docker load path)', median_ms: round(loadMs, 1) });

  const bigLayer = await createLayer(bigChanges);
  const image = await buildImage([bigLayer, appLayer], {
    architecture: 'amd64',
    os: 'linux',
    config: {},
    history: [{ created_by: 'ADD / # buildkit' }, { created_by: 'COPY . /app # buildkit' }],
  });
  let archiveSize = 0;
  const saveMs = await medianMs(5, async () => {
    archiveSize = (await writeImageArchive([{ image, repoTags: ['bench:latest'] }])).length;
  });
  results.push({ name: `docker save: ${round(archiveSize / MB)} MB archive, gzip blobs cached (median ${round(saveMs)} ms)`, value: round(archiveSize / MB / (saveMs / 1000)), unit: 'MB/s' });
  return results;
}

if (import.meta.main) {
  for (const r of await bench()) console.log(JSON.stringify(r));
}
