import { describe, expect, it } from 'vitest';
import { MAX_GAP_MS, Player, type Clock } from '../../../src/components/views/motion.ts';

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

describe('motion player', () => {
  it('plays events with their simulated gaps divided by the speed', () => {
    const { clock, advance } = fakeClock();
    const played: string[] = [];
    const p = new Player<string>((e) => played.push(e), clock);
    p.setSpeed(2);
    p.push('a', 'b1', 0);
    p.push('b', 'b1', 400);
    p.push('c', 'b1', 1000);
    advance(0);
    expect(played).toEqual(['a']);
    advance(199);
    expect(played).toEqual(['a']);
    advance(1); // 400 ms simulated at 2x = 200 ms
    expect(played).toEqual(['a', 'b']);
    advance(300); // 600 ms simulated at 2x
    expect(played).toEqual(['a', 'b', 'c']);
  });

  it('clamps speed to 0.25x-10x and shortens long gaps to the stated maximum', () => {
    const { clock, advance } = fakeClock();
    const played: string[] = [];
    const p = new Player<string>((e) => played.push(e), clock);
    p.setSpeed(100);
    expect(p.state.speed).toBe(10);
    p.setSpeed(0.01);
    expect(p.state.speed).toBe(0.25);
    p.setSpeed(1);
    p.push('a', 'g', 0);
    p.push('b', 'g', 60_000);
    advance(0);
    advance(MAX_GAP_MS - 1);
    expect(played).toEqual(['a']);
    advance(1);
    expect(played).toEqual(['a', 'b']);
  });

  it('pause holds events; step plays exactly one; resume continues', () => {
    const { clock, advance } = fakeClock();
    const played: string[] = [];
    const p = new Player<string>((e) => played.push(e), clock);
    p.pause();
    p.push('a', 'g', 0);
    p.push('b', 'g', 100);
    p.push('c', 'g', 200);
    advance(10_000);
    expect(played).toEqual([]);
    expect(p.step()).toBe(true);
    expect(played).toEqual(['a']);
    expect(p.state.pending).toBe(2);
    p.resume();
    advance(100);
    expect(played).toEqual(['a', 'b']);
    p.finish();
    expect(played).toEqual(['a', 'b', 'c']);
    expect(p.step()).toBe(false);
  });

  it('a new timeline starts without waiting for the old one\'s clock', () => {
    const { clock, advance } = fakeClock();
    const played: string[] = [];
    const p = new Player<string>((e) => played.push(e), clock);
    p.push('build-end', 'build-1', 9000);
    p.push('pull-start', 'pull-1', 0);
    advance(0);
    expect(played).toEqual(['build-end', 'pull-start']);
  });

  it('reduced motion changes no timing: every state change is still played, in order', () => {
    const { clock, advance } = fakeClock();
    const played: string[] = [];
    const p = new Player<string>((e) => played.push(e), clock);
    p.setReducedMotion(true);
    for (let i = 0; i < 5; i++) p.push(`e${i}`, 'g', i * 100);
    advance(1000);
    expect(played).toEqual(['e0', 'e1', 'e2', 'e3', 'e4']);
    expect(p.state.reducedMotion).toBe(true);
  });
});
