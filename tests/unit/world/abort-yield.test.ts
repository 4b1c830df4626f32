// A RUN gives the event loop a turn while it works (src/engine/yield.ts, World.pace), so an abort that a
// timer fires while the interpreter loops is seen, and the RUN stops there. In a Web Worker this is the
// only way the page's Ctrl-C message can arrive. The bounds here are counted in work (the step limit,
// the loop's own counter), never in milliseconds, so a busy machine cannot fail them.
import { beforeAll, describe, expect, it } from 'vitest';
import { baseImageRoot, resolveBaseImage, runShell } from '../../../src/engine/world/index.ts';

const root = baseImageRoot(resolveBaseImage('alpine:3.21')!);
const PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
// Far more steps than any machine runs in the test's time: reaching this limit means the abort was missed.
const HUGE = 1_000_000_000;

async function abortedAfter(script: string, ms: number) {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), ms);
  const r = await runShell({ root, argv: ['/bin/sh', '-c', script], env: { PATH }, cwd: '/', user: 'root', signal: ctl.signal, limits: { maxSteps: HUGE } });
  clearTimeout(timer);
  return { r, text: r.output.map((c) => c.text).join(''), aborted: ctl.signal.aborted };
}

describe('a long RUN yields, and an abort from a timer stops it', () => {
  // `$((…))` lives in the interpreter's lazily loaded extras: load them first, so the timer's 50 ms go to the loop.
  beforeAll(async () => {
    await runShell({ root, argv: ['/bin/sh', '-c', 'echo $((1+1))'], env: { PATH }, cwd: '/', user: 'root' });
  });

  it('`while true; do :; done` with the step limit raised ends as cancelled, not at the step limit', async () => {
    const { r, text, aborted } = await abortedAfter('while true; do :; done', 50);
    expect(aborted).toBe(true);
    expect(r.limitExceeded).toBe('aborted');
    expect(r.exitCode).toBe(130);
    expect(text).toContain('In this lab, the step was cancelled.');
    expect(text).not.toMatch(/shell steps/);
  });

  it('a counting loop stops part-way: its output holds fewer passes than the loop asked for', async () => {
    // 5,000,000 passes; the abort comes long before. The output of `echo` is collected as the RUN goes.
    const { r, text } = await abortedAfter('i=0; while [ $i -lt 5000000 ]; do i=$((i+1)); echo $i; done', 50);
    expect(r.limitExceeded).toBe('aborted');
    const numbers = text.split('\n').filter((l) => /^\d+$/.test(l)).map(Number);
    expect(numbers.length).toBeGreaterThan(0);
    expect(numbers.at(-1)!).toBeLessThan(5_000_000);
  });

  it('functions calling functions in a loop yield too', async () => {
    const { r } = await abortedAfter('g2() { :; }; g() { g2; g2; }; while :; do g; done', 50);
    expect(r.limitExceeded).toBe('aborted');
  });

  it('a timer scheduled before a RUN fires while the RUN still works (the interpreter gives macrotask turns)', async () => {
    let fired = false;
    let firedWhileRunning = false;
    let running = true;
    setTimeout(() => {
      fired = true;
      firedWhileRunning = running;
    }, 0);
    // 200,000 steps to the limit: many slices of work, whatever the machine's speed.
    const r = await runShell({ root, argv: ['/bin/sh', '-c', 'while :; do :; done'], env: { PATH }, cwd: '/', user: 'root', limits: { maxSteps: 200_000 } });
    running = false;
    expect(r.limitExceeded).toBe('steps');
    expect(fired).toBe(true);
    expect(firedWhileRunning).toBe(true);
  });
});
