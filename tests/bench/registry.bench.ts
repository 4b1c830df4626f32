// Benchmarks for the registry side: computing every event of a 10-layer pull (scheduling only, no
// animation), the same plus docker's text, and `docker save` throughput for the default sample image.
import { schedulePull, pullMessages, plainLines, NETWORK_PRESETS, type PullLayerInput } from '../../src/engine/registry/index.ts';
import { createLabEngine } from '../../src/engine/index.ts';
import { createLabShell } from '../../src/shell/index.ts';
import { MemoryWorkspace } from '../../src/workspace/memory.ts';
import { SAMPLES, DEFAULT_SAMPLE } from '../../src/samples/index.ts';
import { medianMs, type BenchResult } from './timing.ts';

const round = (x: number, digits = 2): number => Number(x.toFixed(digits));

/** Ten layers with the spread of a real language image: one large base, a few mid-size, several tiny. */
function tenLayers(): PullLayerInput[] {
  const sizes = [29_000_000, 48_000_000, 12_000_000, 3_400_000, 6_100_000, 250_000, 1_200_000, 90_000, 4_000, 450];
  return sizes.map((compressedSize, i) => ({
    digest: `sha256:${(i + 1).toString(16).padStart(2, '0').repeat(32)}`,
    compressedSize,
    size: compressedSize * 3,
    present: false,
  }));
}

export async function bench(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const layers = tenLayers();
  for (const id of ['conference-wifi', 'home', 'datacentre'] as const) {
    let count = 0;
    const ms = await medianMs(21, () => {
      count = schedulePull({ tagOrDigest: 'latest', repository: 'library/bench', digest: layers[0]!.digest, layers, network: NETWORK_PRESETS[id] }).length;
    });
    results.push({ name: `pull events, 10-layer image (106 MB), ${NETWORK_PRESETS[id].label}: ${count} events`, median_ms: round(ms, 3), target: '<= 5 ms' });
  }
  const textMs = await medianMs(21, () => {
    const events = schedulePull({ tagOrDigest: 'latest', repository: 'library/bench', digest: layers[0]!.digest, layers, network: NETWORK_PRESETS.home });
    return plainLines(pullMessages(events, { familiar: 'bench:latest' }));
  });
  results.push({ name: 'pull events + docker text, 10-layer image, home', median_ms: round(textMs, 3) });

  // docker save of the default sample project's image, through the lab shell as a learner runs it.
  const workspace = new MemoryWorkspace();
  const sample = SAMPLES[DEFAULT_SAMPLE]!;
  for (const [path, text] of Object.entries(sample.files)) {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) await workspace.mkdir('/' + parts.slice(0, i).join('/'), { recursive: true });
    await workspace.writeFile('/' + path, text);
  }
  const engine = createLabEngine();
  const shell = createLabShell({ workspace, engine });
  let err = '';
  const io = { stdout: () => {}, stderr: (s: string) => { err += s; }, tty: false, columns: 80 };
  const built = await shell.run('docker build -t sample-app .', io);
  if (built !== 0) throw new Error(`building the sample failed: ${err}`);
  let bytes = 0;
  const saveMs = await medianMs(3, async () => {
    const status = await shell.run('docker save -o sample-app.tar sample-app', io);
    if (status !== 0) throw new Error(`docker save failed: ${err}`);
    bytes = (await workspace.readFile('/sample-app.tar')).byteLength;
  });
  results.push({
    name: `docker save, default sample image (${DEFAULT_SAMPLE}, ${round(bytes / 1e6, 1)} MB archive; median ${round(saveMs, 0)} ms)`,
    value: round(bytes / 1e6 / (saveMs / 1000), 1),
    unit: 'MB/s',
  });
  return results;
}

if (import.meta.main) {
  for (const r of await bench()) console.log(r);
}
