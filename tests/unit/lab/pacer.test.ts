// The lab's pacer over a manual clock: events play at their simulated gaps (scaled, divided by the
// speed), the output an event caused plays with it, and pause, step, speed and skip act on both.
import { describe, expect, it } from 'vitest';
import { MAX_GAP_MS, Pacer, playbackMs, type Clock } from '../../../src/lab/pacer.ts';

/** A manual clock: timers fire only when the test advances time. */
function fakeClock() {
  let t = 0;
  let timers: { at: number; fn: () => void; id: number }[] = [];
  let ids = 0;
  const clock: Clock = {
    now: () => t,
    setTimeout: (fn, ms) => {
      const id = ++ids;
      timers.push({ at: t + ms, fn, id });
      return id;
    },
    clearTimeout: (h) => {
      timers = timers.filter((x) => x.id !== h);
    },
  };
  const advance = (ms: number) => {
    const end = t + ms;
    for (;;) {
      timers.sort((a, b) => a.at - b.at);
      const next = timers[0];
      if (!next || next.at > end) break;
      timers.shift();
      t = next.at;
      next.fn();
    }
    t = end;
  };
  return { clock, advance };
}

/** A pacer with the identity time scale (so the gaps are easy to read), and what it played. */
function setup() {
  const { clock, advance } = fakeClock();
  const played: string[] = [];
  const p = new Pacer({ clock, scale: (ms) => ms });
  const ev = (name: string, group: string, at: number, key?: string) => p.event(() => played.push(name), { group, at }, key);
  const out = (name: string, timing?: { group: string; at: number }) => p.output(() => played.push(name), timing);
  return { p, played, ev, out, advance };
}

describe('lab pacer', () => {
  it('plays events with their simulated gaps divided by the speed', () => {
    const { p, played, ev, advance } = setup();
    p.setSpeed(2);
    ev('a', 'b1', 0);
    ev('b', 'b1', 400);
    ev('c', 'b1', 1000);
    advance(0);
    expect(played).toEqual(['a']);
    advance(199);
    expect(played).toEqual(['a']);
    advance(1); // 400 ms simulated at 2x = 200 ms
    expect(played).toEqual(['a', 'b']);
    advance(300); // 600 ms simulated at 2x
    expect(played).toEqual(['a', 'b', 'c']);
  });

  it('the default scale plays a command four times faster, then sixteen times past 8 s, always monotonic', () => {
    expect(playbackMs(4000)).toBe(1000);
    expect(playbackMs(8000)).toBe(2000);
    expect(playbackMs(24_000)).toBe(3000);
    // A ten times slower network (a 7.7 s pull against 77 s) still plays visibly longer.
    expect(playbackMs(77_000) / playbackMs(7_700)).toBeGreaterThan(3);
    const { clock, advance } = fakeClock();
    const played: number[] = [];
    const p = new Pacer({ clock });
    for (let at = 0; at <= 12_000; at += 1000) p.event(() => played.push(at), { group: 'g', at });
    advance(0);
    advance(2000); // the first 8 s simulated
    expect(played.at(-1)).toBe(8000);
    advance(62);
    expect(played.at(-1)).toBe(8000);
    advance(1); // 1 s simulated past the knee: 62.5 ms each
    expect(played.at(-1)).toBe(9000);
    advance(188);
    expect(played.at(-1)).toBe(12_000);
  });

  it('clamps speed to 0.25x-10x and shortens long gaps to the stated maximum', () => {
    const { p, played, ev, advance } = setup();
    p.setSpeed(100);
    expect(p.state.speed).toBe(10);
    p.setSpeed(0.01);
    expect(p.state.speed).toBe(0.25);
    p.setSpeed(1);
    ev('a', 'g', 0);
    ev('b', 'g', 60_000);
    advance(0);
    advance(MAX_GAP_MS - 1);
    expect(played).toEqual(['a']);
    advance(1);
    expect(played).toEqual(['a', 'b']);
  });

  it('pause holds events and their output; step plays exactly one event with its output; resume continues', () => {
    const { p, played, ev, out, advance } = setup();
    p.pause();
    ev('a', 'g', 0);
    out('a-out');
    ev('b', 'g', 100);
    out('b-out');
    ev('c', 'g', 200);
    advance(10_000);
    expect(played).toEqual([]);
    expect(p.state.pending).toBe(3);
    expect(p.step()).toBe(true);
    expect(played).toEqual(['a', 'a-out']);
    expect(p.state.pending).toBe(2);
    p.resume();
    advance(100);
    expect(played).toEqual(['a', 'a-out', 'b', 'b-out']);
    p.finish();
    expect(played).toEqual(['a', 'a-out', 'b', 'b-out', 'c']);
    expect(p.step()).toBe(false);
  });

  it('Skip to end shows what is queued and whatever the command still emits, until the command ends', () => {
    const { p, played, ev, out, advance } = setup();
    p.pause();
    ev('a', 'g', 0);
    ev('b', 'g', 1000);
    p.finish();
    expect(played).toEqual(['a', 'b']);
    // The engine is still working: its later events and lines are shown at once, paused or not.
    ev('c', 'g', 5000);
    out('c-out');
    expect(played).toEqual(['a', 'b', 'c', 'c-out']);
    p.endSkip();
    p.resume();
    ev('d', 'g', 6000);
    advance(999);
    expect(played.at(-1)).toBe('c-out');
    advance(1);
    expect(played.at(-1)).toBe('d');
  });

  it('output with nothing waiting before it is shown at once, even while paused', () => {
    const { p, played, out } = setup();
    p.pause();
    out('ls output');
    expect(played).toEqual(['ls output']);
    expect(p.idle).toBe(true);
  });

  it('progress lines with a time go right after the events of that time, even when written after them all', () => {
    const { played, ev, out, advance } = setup();
    ev('start', 't1', 0);
    ev('half', 't1', 500);
    ev('done', 't1', 1000);
    out('line@0', { group: 't1', at: 0 });
    out('line@500', { group: 't1', at: 500 });
    out('line@1000', { group: 't1', at: 1000 });
    out('last line');
    advance(0);
    expect(played).toEqual(['start', 'line@0']);
    advance(500);
    expect(played).toEqual(['start', 'line@0', 'half', 'line@500']);
    advance(500);
    expect(played).toEqual(['start', 'line@0', 'half', 'line@500', 'done', 'line@1000', 'last line']);
  });

  it('output keeps the order it was written in, even when a later line carries an earlier time', () => {
    const { p, played, ev, out } = setup();
    p.pause();
    ev('start', 't1', 0);
    ev('done', 't1', 1000);
    out('first line');
    out('progress@0', { group: 't1', at: 0 });
    p.finish();
    expect(played).toEqual(['start', 'done', 'first line', 'progress@0']);
  });

  it('insert places an event by time inside its window, not after later events of the timeline', () => {
    const { p, played, ev, advance } = setup();
    p.pause();
    ev('from-start', 'b', 100, 'from');
    ev('from-status', 'b', 400, 'from');
    ev('from-done', 'b', 700, 'from');
    ev('context', 'b', 100);
    p.insert(() => played.push('pull-200'), { group: 'b', at: 200 }, 'from');
    p.insert(() => played.push('pull-600'), { group: 'b', at: 600 }, 'from');
    p.finish();
    expect(played).toEqual(['from-start', 'pull-200', 'from-status', 'pull-600', 'from-done', 'context']);
    p.endSkip();
    p.resume();
    // A window already shown: the inserted event is next.
    ev('later', 'b', 900);
    p.insert(() => played.push('late'), { group: 'b', at: 300 }, 'from');
    advance(2000);
    expect(played.slice(-2)).toEqual(['late', 'later']);
  });

  it('a new timeline starts without waiting for the old one\'s clock', () => {
    const { played, ev, advance } = setup();
    ev('build-end', 'build-1', 9000);
    ev('pull-start', 'pull-1', 0);
    advance(0);
    expect(played).toEqual(['build-end', 'pull-start']);
  });

  it('whenIdle resolves once everything queued has been shown', async () => {
    const { p, ev, advance } = setup();
    let idle = false;
    ev('a', 'g', 0);
    ev('b', 'g', 1000);
    void p.whenIdle().then(() => (idle = true));
    advance(500);
    await Promise.resolve();
    expect(idle).toBe(false);
    advance(500);
    await Promise.resolve();
    expect(idle).toBe(true);
  });

  it('reduced motion changes no timing: every state change is still played, in order', () => {
    const { p, played, ev, advance } = setup();
    p.setReducedMotion(true);
    for (let i = 0; i < 5; i++) ev(`e${i}`, 'g', i * 100);
    advance(1000);
    expect(played).toEqual(['e0', 'e1', 'e2', 'e3', 'e4']);
    expect(p.state.reducedMotion).toBe(true);
  });
});
