// The engine's clock part: every time the engine records (image and history `created`, cache records,
// containers) comes from here. It never runs backwards, not even across a reload, since its last value
// is saved with the state.
import type { LabClock } from './contract.ts';

/** Real time: the browser's and Node's own clock. The only place the engine reads it. */
export const systemClock: LabClock = { now: () => Date.now() };

/** A clock stopped at one moment (tests and demos that need byte-identical output). */
export function fixedClock(ms: number): LabClock {
  return { now: () => ms };
}

export class EngineClock {
  private readonly source: LabClock;
  /** The last time handed out. */
  private last = 0;

  constructor(source: LabClock = systemClock) {
    this.source = source;
  }

  now(): number {
    return (this.last = Math.max(this.last, this.source.now()));
  }

  exportState(): number {
    return this.last;
  }

  /** A saved clock moves this one forward, never back. */
  importState(ms: number): void {
    this.last = Math.max(this.last, ms);
  }
}
