// Reliability figures for `npm run bench` (issue 13): how long the lab takes to refuse a zip bomb, a zip
// of 65,535 entries and a zip whose headers lie (before: 66 s and 4.8 GB, and over 9 minutes), and how
// much a tty build of `RUN yes` writes to the terminal (before: 137 MB in 100,020 writes).
import { deflateRawSync } from 'node:zlib';
import { unzipFiles } from '../../src/lab/zip.ts';
import { createLabShell } from '../../src/shell/index.ts';
import { createLabEngine } from '../../src/engine/index.ts';
import { createMemoryWorkspace } from '../../src/workspace/memory.ts';
import { rawZip } from '../tools/raw-zip.ts';
import { median } from './timing.ts';


function refusalMs(zip: Uint8Array): number {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    try {
      unzipFiles(zip);
      throw new Error('the zip was accepted');
    } catch (e) {
      if ((e as Error).message === 'the zip was accepted') throw e;
    }
    times.push(performance.now() - t);
  }
  return median(times);
}

export async function bench(): Promise<Array<{ name: string; median_ms?: number; value?: number; unit?: string; target?: string }>> {
  const eight = 8 * 1024 * 1024;
  const bomb = rawZip(Array.from({ length: 600 }, (_, i) => ({ name: `f${i}.bin`, body: deflateRawSync(Buffer.alloc(0)), size: eight })), true);
  const tiny = deflateRawSync(Buffer.from('x'));
  const many = rawZip(Array.from({ length: 0xffff }, (_, i) => ({ name: `f${i}`, body: tiny, size: 1 })), true);
  const liar = rawZip([{ name: 'small.txt', body: deflateRawSync(Buffer.alloc(200 * 1024 * 1024)), size: 1024 }]);

  const ws = await createMemoryWorkspace({ Dockerfile: 'FROM alpine:3.21\nRUN yes\n' });
  const shell = createLabShell({ workspace: ws, engine: createLabEngine() });
  let bytes = 0;
  await shell.run('docker build -t y .', { stdout: () => undefined, stderr: (s) => (bytes += s.length), tty: true, columns: 100 });

  return [
    { name: 'zip of 600 × 8 MB refused', median_ms: refusalMs(bomb), target: '< 100 ms, before inflating' },
    { name: 'zip of 65,535 entries refused', median_ms: refusalMs(many), target: '< 500 ms' },
    { name: 'zip entry declaring 1 KB that inflates to 200 MB refused', median_ms: refusalMs(liar), target: '< 100 ms' },
    { name: 'tty progress of RUN yes (100,000 lines)', value: bytes, unit: 'characters', target: '< 100,000' },
  ];
}
