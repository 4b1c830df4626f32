// One moment, two views: a command typed in the lab's terminal (a TTY) shows its output and its
// engine events together, paced by the session, and returns only once both are shown. Driven through
// the lab session in Node, with the real engine and the node-app sample.
import { openSession } from './open-session.ts';
import { describe, expect, it } from 'vitest';
import { LabSession } from '../../../src/lab/session.ts';
import { memoryStorage } from '../../../src/lab/storage.ts';
import { nodeApp } from '../../../src/samples/node-app.ts';
import type { EngineEvent } from '../../../src/engine/index.ts';

type Entry = { kind: 'event'; event: EngineEvent } | { kind: 'out'; text: string };

async function open() {
  const session = await openSession({ preset: 'node-app', storage: memoryStorage(), samples: { 'node-app': nodeApp }, role: 'owner' });
  const log: Entry[] = [];
  session.subscribe((e) => {
    if (e.type === 'engine') log.push({ kind: 'event', event: e.event });
  });
  const io = (tty: boolean) => ({ stdout: (s: string) => void log.push({ kind: 'out', text: s }), stderr: (s: string) => void log.push({ kind: 'out', text: s }), tty, columns: 100 });
  return { session, log, io };
}

const events = (log: Entry[]) => log.flatMap((e, i) => (e.kind === 'event' ? [{ i, e: e.event }] : []));

describe('paced commands', () => {
  it('a terminal build returns once its last event and its last line are shown, and the base pull plays inside its FROM step', async () => {
    const { session, log, io } = await open();
    session.player.setSpeed(10);
    const code = await session.execute('docker build -t app .', io(true));
    expect(code).toBe(0);
    // Nothing is left to show when the prompt would return.
    expect(session.player.idle).toBe(true);
    const ev = events(log);
    const done = ev.find((x) => x.e.type === 'build-done');
    expect(done).toBeDefined();
    // The terminal's final frame (FINISHED) comes after the build-done event was shown.
    const finished = log.findIndex((e) => e.kind === 'out' && e.text.includes('FINISHED'));
    expect(finished).toBeGreaterThan(done!.i);
    // BuildKit shows a base image's download under its FROM step: the pull view plays in that window.
    const from = ev.find((x) => x.e.type === 'step-start' && x.e.name.includes('FROM docker.io/library/node:22-alpine'));
    expect(from).toBeDefined();
    const fromId = (from!.e as Extract<EngineEvent, { type: 'step-start' }>).stepId;
    const fromDone = ev.find((x) => x.e.type === 'step-done' && x.e.buildId === (from!.e as { buildId: string }).buildId && x.e.stepId === fromId)!;
    const pulls = ev.filter((x) => x.e.type.startsWith('pull-'));
    expect(pulls.length).toBeGreaterThan(10);
    for (const p of pulls) {
      expect(p.i).toBeGreaterThan(from!.i);
      expect(p.i).toBeLessThan(fromDone.i);
    }
    // The download sub-rows in the terminal and the pull's progress interleave: a progress event is
    // shown before the FROM step's first download row and another after it.
    const firstRow = log.findIndex((e, i) => i > from!.i && e.kind === 'event' && e.event.type === 'step-status' && e.event.stepId === fromId && e.event.bytes === true);
    expect(pulls.some((p) => p.i < firstRow)).toBe(true);
    expect(pulls.some((p) => p.i > firstRow)).toBe(true);
    session.dispose();
  });

  it('a terminal pull redraws its progress lines as the pull events are shown, not after them', async () => {
    const { session, log, io } = await open();
    session.player.setSpeed(10);
    expect(await session.execute('docker pull alpine:3.21', io(true))).toBe(0);
    const ev = events(log);
    const firstProgress = ev.find((x) => x.e.type === 'pull-layer-progress')!;
    const pullDone = ev.find((x) => x.e.type === 'pull-done')!;
    // A "Downloading" line is written between the first progress event and the end of the pull.
    const downloading = log.findIndex((e) => e.kind === 'out' && e.text.includes('Downloading'));
    expect(downloading).toBeGreaterThan(firstProgress.i);
    expect(downloading).toBeLessThan(pullDone.i);
    const status = log.findIndex((e) => e.kind === 'out' && e.text.includes('Status: Downloaded newer image for alpine:3.21'));
    expect(status).toBeGreaterThan(pullDone.i);
    session.dispose();
  });

  it('output that is not a terminal is written at once; the events still reach the pictures', async () => {
    const { session, log, io } = await open();
    session.player.pause();
    expect(await session.execute('docker build -t app .', io(false))).toBe(0);
    // Every line is there although the pictures are paused with the build's events still to show.
    expect(log.some((e) => e.kind === 'out' && e.text.includes('naming to docker.io/library/app:latest'))).toBe(true);
    expect(events(log)).toHaveLength(0);
    expect(session.player.state.pending).toBeGreaterThan(10);
    session.player.finish();
    expect(events(log).at(-1)?.e.type).toBe('store-changed');
    session.dispose();
  });

  it('pausing holds a terminal build: its prompt waits until the learner plays or skips', async () => {
    const { session, log, io } = await open();
    session.player.pause();
    let returned = false;
    const run = session.execute('docker build -t app .', io(true)).then((c) => {
      returned = true;
      return c;
    });
    // Wait until the engine has emitted events (however slow the machine); none of them is shown.
    await new Promise<void>((resolve) => {
      const off = session.player.onChange((s) => {
        if (s.pending < 5) return;
        off();
        resolve();
      });
    });
    expect(returned).toBe(false);
    expect(log.some((e) => e.kind === 'out' && e.text.includes('FINISHED'))).toBe(false);
    expect(session.player.step()).toBe(true);
    expect(events(log)).toHaveLength(1);
    session.player.finish();
    expect(await run).toBe(0);
    expect(log.some((e) => e.kind === 'out' && e.text.includes('FINISHED'))).toBe(true);
    session.dispose();
  });
});
