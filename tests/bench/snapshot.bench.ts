// What the lab core sends the page during a build of the default sample: the bytes of its messages
// (v8.serialize length in Node, an approximation of the structured clone postMessage makes), and the
// time to take a snapshot in the core and to clone and apply it on the page (the page pays the decoding
// on its main thread).
import v8 from 'node:v8';
import { LabCore } from '../../src/lab/core/lab-core.ts';
import { EngineMirror, SnapshotTaker } from '../../src/lab/core/snapshot.ts';
import type { CoreToPage } from '../../src/lab/core/protocol.ts';
import { memoryStorage } from '../../src/lab/storage.ts';
import { SAMPLES, DEFAULT_SAMPLE } from '../../src/samples/index.ts';
import { medianMs, type BenchResult } from './timing.ts';

const kb = (bytes: number): number => Math.round(bytes / 100) / 10;
const round = (x: number): number => Number(x.toFixed(2));
const micro = (ms: number): number => Math.round(ms * 1000);

export async function bench(): Promise<BenchResult[]> {
  const sent: CoreToPage[] = [];
  const core = new LabCore({ storage: memoryStorage(), samples: SAMPLES, send: (m) => sent.push(m) });
  await core.handlers.open({ preset: DEFAULT_SAMPLE, role: 'owner' });
  const terminal = { tty: true, columns: 100 };
  const bytesOf = (kind?: CoreToPage['kind']): number => sent.filter((m) => !kind || m.kind === kind).reduce((n, m) => n + v8.serialize(m).length, 0);

  sent.length = 0;
  if ((await core.handlers.execute(1, 'docker build -t app .', terminal)) !== 0) throw new Error('the sample did not build');
  const cold = { all: bytesOf(), snapshots: bytesOf('snapshot'), largest: Math.max(...sent.map((m) => v8.serialize(m).length)) };
  sent.length = 0;
  if ((await core.handlers.execute(2, 'docker build -t app .', terminal)) !== 0) throw new Error('the rebuild failed');
  const cached = { all: bytesOf(), snapshots: bytesOf('snapshot') };

  // A take when nothing changed (what the core pays before most engine events), and a whole take,
  // cloned and applied by a fresh mirror (what a page pays after opening, with two images built).
  const engine = core.engine!;
  const taker = new SnapshotTaker(engine);
  taker.take();
  const idleTake = await medianMs(51, () => taker.take());
  const wholeTake = await medianMs(11, () => {
    taker.reset();
    return taker.take();
  });
  taker.reset();
  const whole = taker.take();
  const cloneApply = await medianMs(11, () => new EngineMirror().apply(structuredClone(whole)));

  return [
    { name: `bytes the core sends the page in a cold build of ${DEFAULT_SAMPLE} (v8.serialize, all messages)`, value: kb(cold.all), unit: 'KB' },
    { name: 'of which snapshots', value: kb(cold.snapshots), unit: 'KB' },
    { name: 'largest single message of that build', value: kb(cold.largest), unit: 'KB' },
    { name: 'bytes the core sends the page in a cached rebuild (all messages)', value: kb(cached.all), unit: 'KB' },
    { name: 'of which snapshots', value: kb(cached.snapshots), unit: 'KB' },
    { name: 'take a snapshot when nothing changed (core, median)', value: micro(idleTake), unit: 'µs' },
    { name: 'take a whole snapshot after the builds (core, median)', value: micro(wholeTake), unit: 'µs' },
    { name: 'clone and apply that whole snapshot (page main thread)', median_ms: round(cloneApply), target: '<= 50 ms' },
  ];
}
