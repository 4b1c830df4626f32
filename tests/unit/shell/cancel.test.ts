// Ctrl-C during a build: the engine yields to the event loop between and within steps, so an abort fired
// from a timer while the build runs is seen. The running step prints CANCELED, and neither an image nor a
// cache record is left for unfinished work.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHash } from 'node:crypto';
import { createLabShell } from '../../../src/shell/index.ts';
import { createLabEngine } from '../../../src/engine/index.ts';
import { createMemoryWorkspace } from '../../../src/workspace/memory.ts';

const STEPS = 40;
const DOCKERFILE = `FROM alpine:3.21\n${Array.from({ length: STEPS }, (_, i) => `RUN echo step ${i} > /f${i}`).join('\n')}\n`;

async function cancelMidBuild(): Promise<void> {
    const engine = createLabEngine();
    const ws = await createMemoryWorkspace({ Dockerfile: DOCKERFILE });
    const shell = createLabShell({ workspace: ws, engine });
    // Pull the base first so the canceled build spends its time in RUN steps.
    await shell.run('docker pull alpine:3.21', { stdout: () => {}, stderr: () => {}, tty: false, columns: 120 });
    const cacheBefore = engine.buildCache.entries().length;
    const imagesBefore = engine.images.list().map((i) => i.id);

    const controller = new AbortController();
    let stepsDone = 0;
    let armed = false;
    engine.subscribe((e) => {
      if (e.type === 'step-done' && e.status === 'done') stepsDone++;
      // Once the third RUN step starts, schedule the abort on a timer: the build must be running when it fires.
      if (!armed && e.type === 'step-start' && e.name.startsWith('[ 4/')) {
        armed = true;
        setTimeout(() => controller.abort(), 1);
      }
    });
    let out = '';
    let err = '';
    const status = await shell.run('docker build --progress=plain -t canceled .', {
      stdout: (s) => (out += s),
      stderr: (s) => (err += s),
      tty: false,
      columns: 120,
      signal: controller.signal,
    });
    const text = out + err;
    expect(armed).toBe(true);
    expect(controller.signal.aborted).toBe(true);
    expect(status).not.toBe(0);
    // Exactly one vertex was running when the abort arrived, and it says so.
    const canceled = text.split('\n').filter((l) => /^#\d+ CANCELED$/.test(l));
    expect(canceled).toHaveLength(1);
    const canceledId = canceled[0]!.split(' ')[0]!;
    const runningName = text.split('\n').find((l) => l.startsWith(`${canceledId} [`))!;
    expect(runningName).toMatch(/^#\d+ \[\s*\d+\/41\] RUN echo step \d+ > \/f\d+$/);
    // The build stopped before its end: not every step finished.
    expect(stepsDone).toBeLessThan(STEPS);
    expect(text).not.toMatch(/naming to docker\.io\/library\/canceled/);
    expect(text).toMatch(/context canceled/);
    // No image, no tag, and one cache record per finished step only (none for the canceled one).
    expect(engine.images.resolve('canceled')).toBeUndefined();
    expect(engine.images.list().map((i) => i.id)).toEqual(imagesBefore);
    const records = engine.buildCache.entries().slice(cacheBefore);
    const finished = text.split('\n').filter((l) => /^#\d+ DONE /.test(l)).length;
    // DONE rows: load build definition, load metadata, load .dockerignore, the FROM row, then each finished RUN.
    const runRows = text.split('\n').filter((l) => /^#\d+ \[\s*\d+\/41\] RUN /.test(l));
    const runDone = runRows.filter((l) => text.includes(`${l.split(' ')[0]} DONE `)).length;
    expect(records).toHaveLength(runDone);
    expect(records.map((r) => r.description).every((d) => /RUN echo step \d+/.test(d))).toBe(true);
    expect(records.some((r) => runningName.endsWith(r.description))).toBe(false);
    expect(finished).toBeGreaterThan(runDone);
}

describe('canceling a running build', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('an abort from a timer mid-build prints CANCELED for the running step and stores nothing unfinished', async () => {
    await cancelMidBuild();
  });

  it('the engine itself yields: with hashing that never leaves the microtask queue, the timer still gets through', async () => {
    // Node's WebCrypto finishes on a worker thread, which already gives timers a turn; make sha256 resolve
    // as a plain promise so only the engine's own yields can let the abort timer run.
    vi.spyOn(crypto.subtle, 'digest').mockImplementation(async (_alg: AlgorithmIdentifier, data: BufferSource) => {
      const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      const out = createHash('sha256').update(bytes).digest();
      return out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength) as ArrayBuffer;
    });
    await cancelMidBuild();
    expect(vi.mocked(crypto.subtle.digest)).toHaveBeenCalled();
  });
});
