// Ctrl-C while a RUN is busy in the interpreter, through the lab shell (the terminal's and the CLI's):
// the interpreter gives the event loop macrotask turns while it works (src/engine/yield.ts), so an abort
// that a timer fires mid-RUN is seen there, and the build ends CANCELED as BuildKit prints a canceled
// vertex ("#N CANCELED", progressui printer.go) with "context canceled". The bounds are counted in
// work: the RUN below needs about 100,000 shell steps of whole-filesystem `find` to reach the lab's step
// limit, far longer than the 50 ms before the abort on any machine, so reaching that limit means the abort
// was missed.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHash } from 'node:crypto';
import { createLabShell } from '../../../src/shell/index.ts';
import { createLabEngine } from '../../../src/engine/index.ts';
import { createMemoryWorkspace } from '../../../src/workspace/memory.ts';
import { SAMPLES } from '../../../src/samples/index.ts';

const quiet = { stdout: () => {}, stderr: () => {}, tty: false, columns: 120 };

describe('Ctrl-C during a long RUN', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('a RUN looping over `find /` is canceled by an abort 50 ms after it starts, long before the step limit', async () => {
    const engine = createLabEngine();
    const ws = await createMemoryWorkspace({ Dockerfile: 'FROM alpine:3.21\nRUN while :; do find / > /dev/null; done\n' });
    const shell = createLabShell({ workspace: ws, engine });
    await shell.run('docker pull alpine:3.21', quiet);
    const controller = new AbortController();
    let armed = false;
    engine.subscribe((e) => {
      if (!armed && e.type === 'step-start' && e.name.includes('RUN while')) {
        armed = true;
        setTimeout(() => controller.abort(), 50);
      }
    });
    let text = '';
    const status = await shell.run('docker build --progress=plain -t spin .', {
      ...quiet,
      stdout: (s) => (text += s),
      stderr: (s) => (text += s),
      signal: controller.signal,
    });
    expect(armed).toBe(true);
    expect(status).not.toBe(0);
    const runId = text.split('\n').find((l) => /^#\d+ \[2\/2\] RUN while/.test(l))!.split(' ')[0];
    expect(text).toContain(`${runId} CANCELED`);
    expect(text).toMatch(/context canceled/);
    expect(text).not.toMatch(/shell steps|steps limit/);
    expect(engine.images.resolve('spin')).toBeUndefined();
  }, 60_000);

  it('a timer scheduled when a cold build of the sample starts fires before the build ends (the build gives macrotask turns)', async () => {
    // Node's WebCrypto finishes on a worker thread, which gives timers a turn by itself; make sha256 a plain
    // promise, so that only the engine's own yields can let the timer run.
    vi.spyOn(crypto.subtle, 'digest').mockImplementation(async (_alg: AlgorithmIdentifier, data: BufferSource) => {
      const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      const out = createHash('sha256').update(bytes).digest();
      return out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength) as ArrayBuffer;
    });
    const engine = createLabEngine();
    const ws = await createMemoryWorkspace(SAMPLES['node-app']!.files);
    const shell = createLabShell({ workspace: ws, engine });
    let building = true;
    let firedWhileBuilding: boolean | undefined;
    setTimeout(() => (firedWhileBuilding = building), 0);
    const status = await shell.run('docker build -t app .', quiet);
    building = false;
    expect(status).toBe(0);
    expect(firedWhileBuilding).toBe(true);
    expect(vi.mocked(crypto.subtle.digest)).toHaveBeenCalled();
  }, 60_000);
});
