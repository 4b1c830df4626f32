// Ctrl-C while a large build context is read: the loader gives the event loop turns (src/engine/yield.ts),
// so an abort from a timer armed when `[internal] load build context` starts is seen before the context
// is loaded, and that vertex ends CANCELED with BuildKit's "context canceled"; no COPY runs. The bound is
// counted in work: 40,000 files are far more than one 10 ms slice reads on any machine.
import { describe, expect, it } from 'vitest';
import { createLabShell } from '../../../src/shell/index.ts';
import { createLabEngine } from '../../../src/engine/index.ts';
import { createMemoryWorkspace } from '../../../src/workspace/memory.ts';

describe('canceling while the build context loads', () => {
  it('a 40,000-file context: the load vertex is CANCELED and the COPY never starts', async () => {
    const files: Record<string, string> = { Dockerfile: 'FROM alpine:3.21\nCOPY . /app\n' };
    for (let i = 0; i < 40_000; i++) files[`d${i % 200}/f${i}.txt`] = `${i}\n`;
    const engine = createLabEngine();
    const ws = await createMemoryWorkspace(files);
    const shell = createLabShell({ workspace: ws, engine });
    const quiet = { stdout: () => {}, stderr: () => {}, tty: false, columns: 120 };
    await shell.run('docker pull alpine:3.21', quiet);
    const controller = new AbortController();
    let armed = false;
    let copyStarted = false;
    engine.subscribe((e) => {
      if (e.type !== 'step-start') return;
      if (e.name.startsWith('[2/2] COPY')) copyStarted = true;
      if (!armed && e.name === '[internal] load build context') {
        armed = true;
        setTimeout(() => controller.abort(), 0);
      }
    });
    let text = '';
    const status = await shell.run('docker build --progress=plain -t big .', { ...quiet, stdout: (s) => (text += s), stderr: (s) => (text += s), signal: controller.signal });
    expect(armed).toBe(true);
    expect(status).not.toBe(0);
    const id = text.split('\n').find((l) => /^#\d+ \[internal\] load build context$/.test(l))!.split(' ')[0];
    expect(text).toContain(`${id} CANCELED`);
    expect(text).toMatch(/context canceled/);
    expect(copyStarted).toBe(false);
  }, 120_000);
});
