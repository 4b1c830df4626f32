// Output floods (issue 13, item 4). A RUN printing tens of thousands of lines made the tty progress
// redraw its whole frame for every log line (117 MB for `RUN yes`), which overflowed the terminal.
// BuildKit clips a step's log at 2 MiB, and at 200 KiB per second since the step started, logging
// "[output clipped, log limit 2MiB reached]" (or "200KiB/s") once: moby/buildkit
// util/progress/logs/logs.go (defaultMaxLogSize, defaultMaxLogSpeed, clipLimitMessage). Its tty display
// redraws at most every 100 ms: util/progress/progressui/display.go (displayTimeout).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ProgressPrinter, STEP_LOG_MAX_BYTES } from '../../../src/shell/progress.ts';
import type { BuildEvent } from '../../../src/engine/index.ts';
import { createLabShell } from '../../../src/shell/index.ts';
import { createLabEngine } from '../../../src/engine/index.ts';
import { createMemoryWorkspace } from '../../../src/workspace/memory.ts';

const b = 'b1';
const start: BuildEvent[] = [
  { type: 'build-start', buildId: b, at: 0, dockerfile: 'Dockerfile', tags: [] },
  { type: 'step-start', buildId: b, at: 0, stepId: '#5', name: '[2/2] RUN yes', kind: 'step' },
];
const log = (at: number, text: string): BuildEvent => ({ type: 'log', buildId: b, at, stepId: '#5', stream: 'stdout', text });
const end = (at: number): BuildEvent[] => [
  { type: 'step-done', buildId: b, at, stepId: '#5', status: 'done', durationMs: at },
  { type: 'build-done', buildId: b, at, ok: true, tags: [] },
];

function plain(events: BuildEvent[]): string[] {
  let out = '';
  const p = new ProgressPrinter('plain', { write: (s) => (out += s) });
  for (const e of events) p.handle(e);
  return out.split('\n').filter((l) => l.startsWith('#5 ') && !l.startsWith('#5 ['));
}

describe('step log limits', () => {
  it('clips a step log at 2 MiB with BuildKit\'s notice, once', () => {
    // 1 MiB lines, spread over 30 seconds so the speed limit (30 × 200 KiB = 6 MiB) is not the one hit.
    const line = 'x'.repeat(1024 * 1024 - 1);
    const lines = plain([...start, log(10_000, line), log(20_000, line), log(25_000, line), log(30_000, line), ...end(30_000)]);
    expect(lines.map((l) => (l.length > 60 ? l.slice(0, 40) : l))).toEqual([
      '#5 10.00 ' + 'x'.repeat(31),
      '#5 20.00 ' + 'x'.repeat(31),
      '#5 25.00 [output clipped, log limit 2MiB reached]',
      '#5 DONE 30.0s',
    ]);
    expect(STEP_LOG_MAX_BYTES).toBe(2 * 1024 * 1024);
  });

  it('clips output faster than 200 KiB per second, and resumes when the budget allows', () => {
    const line = 'y'.repeat(1023);
    const first = Array.from({ length: 300 }, () => log(500, line)); // 300 KiB in the first second
    const later = [log(1500, 'after a second')]; // second 2: budget 400 KiB, 300 KiB + used
    const lines = plain([...start, ...first, ...later, ...end(2000)]);
    expect(lines.filter((l) => l.includes('y'.repeat(1023)))).toHaveLength(200);
    expect(lines.filter((l) => l.includes('[output clipped'))).toEqual(['#5 0.500 [output clipped, log limit 200KiB/s reached]']);
    expect(lines.at(-2)).toBe('#5 1.500 after a second');
  });
});

describe('tty redraw rate', () => {
  afterEach(() => vi.restoreAllMocks());

  it('draws at most one frame per 100 ms of wall clock, and the last one when the build ends', () => {
    let out = '';
    let now = 1000;
    vi.spyOn(Date, 'now').mockImplementation(() => now);
    const p = new ProgressPrinter('tty', { write: (s) => (out += s) }, 80);
    for (const e of start) p.handle(e);
    for (let i = 0; i < 50_000; i++) {
      p.handle(log(i / 10, String(i)));
      if (i % 10_000 === 0) now += 100; // 100 ms pass every 10,000 lines
    }
    for (const e of end(5000)) p.handle(e);
    p.finish({ write: (s) => (out += s) });
    const frames = out.split('[+] Building').length - 1;
    // The first frame, one per 100 ms step of the clock (5), and the final one.
    expect(frames).toBe(7);
    expect(out.length).toBeLessThan(10_000);
    expect(out.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '')).toMatch(/\(1\/1\) FINISHED/);
  });

  it('`RUN yes` in a tty build prints a bounded amount and still shows the step-limit error', async () => {
    const ws = await createMemoryWorkspace({ Dockerfile: 'FROM alpine:3.21\nRUN yes\n' });
    const shell = createLabShell({ workspace: ws, engine: createLabEngine() });
    let err = '';
    const status = await shell.run('docker build -t y .', { stdout: () => undefined, stderr: (s) => (err += s), tty: true, columns: 100 });
    expect(status).toBe(1);
    // Before: about 117 MB (one whole frame per log line). A frame is about 1 KB here, at most ten a second.
    expect(err.length).toBeLessThan(2_000_000);
    expect(err).toMatch(/ERROR: failed to build: failed to solve: process "\/bin\/sh -c yes" was stopped/);
  });
});
