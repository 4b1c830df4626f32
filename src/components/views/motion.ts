// Motion for the pictures: engine events are computed in a burst, then played back in simulated time so
// a learner can watch them. Speed 0.25x-10x, pause, step to the next event. With reduced motion the
// pictures move nothing (no slides, no growing bars) but every state change is still shown, in order.
// Pure timing logic over an injectable clock, so it is tested without a browser.

export const SPEEDS = [0.25, 0.5, 1, 2, 4, 10] as const;
export const MIN_SPEED = 0.25;
export const MAX_SPEED = 10;
/**
 * In this lab the picture shortens long waits: a gap between two events counts at most this many
 * simulated milliseconds (a 40-second download still plays, just not for 40 seconds at 1x).
 */
export const MAX_GAP_MS = 1500;
/** At most this much main-thread work per tick before yielding (keeps tasks well under 50 ms). */
export const TICK_BUDGET_MS = 8;

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realClock: Clock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
};

interface Queued<T> {
  readonly event: T;
  /** Timeline the event belongs to (a build or a pull): gaps are only measured within one. */
  readonly group: string;
  readonly at: number;
}

export interface PlayerState {
  readonly speed: number;
  readonly paused: boolean;
  readonly pending: number;
  readonly reducedMotion: boolean;
}

export class Player<T> {
  private queue: Queued<T>[] = [];
  private timer: unknown = null;
  private lastGroup = '';
  private lastAt = 0;
  private speedValue = 1;
  private pausedValue = false;
  private reduced = false;
  private readonly listeners = new Set<(s: PlayerState) => void>();
  private readonly dispatch: (event: T) => void;
  private readonly clock: Clock;

  constructor(dispatch: (event: T) => void, clock: Clock = realClock) {
    this.dispatch = dispatch;
    this.clock = clock;
  }

  get state(): PlayerState {
    return { speed: this.speedValue, paused: this.pausedValue, pending: this.queue.length, reducedMotion: this.reduced };
  }

  onChange(listener: (s: PlayerState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    const s = this.state;
    for (const l of [...this.listeners]) l(s);
  }

  push(event: T, group: string, at: number): void {
    this.queue.push({ event, group, at });
    this.schedule();
    this.changed();
  }

  setSpeed(speed: number): void {
    this.speedValue = Math.min(MAX_SPEED, Math.max(MIN_SPEED, speed));
    this.reschedule();
    this.changed();
  }

  setReducedMotion(on: boolean): void {
    this.reduced = on;
    this.changed();
  }

  pause(): void {
    this.pausedValue = true;
    this.cancel();
    this.changed();
  }

  resume(): void {
    this.pausedValue = false;
    this.schedule();
    this.changed();
  }

  /** Plays the next event now (paused or not). Returns false when nothing is waiting. */
  step(): boolean {
    const next = this.queue.shift();
    if (!next) return false;
    this.play(next);
    this.reschedule();
    this.changed();
    return true;
  }

  /** Plays everything still waiting, at once. */
  finish(): void {
    this.cancel();
    while (this.queue.length) this.play(this.queue.shift()!);
    this.changed();
  }

  dispose(): void {
    this.cancel();
    this.queue = [];
    this.listeners.clear();
  }

  /** Real milliseconds before `item` plays, after the previous event. */
  delayFor(item: Queued<T>): number {
    if (item.group !== this.lastGroup) return 0;
    const gap = Math.min(MAX_GAP_MS, Math.max(0, item.at - this.lastAt));
    return gap / this.speedValue;
  }

  private play(item: Queued<T>): void {
    this.lastGroup = item.group;
    this.lastAt = item.at;
    this.dispatch(item.event);
  }

  private cancel(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private reschedule(): void {
    this.cancel();
    this.schedule();
  }

  private schedule(): void {
    if (this.pausedValue || this.timer !== null || this.queue.length === 0) return;
    const wait = this.delayFor(this.queue[0]!);
    this.timer = this.clock.setTimeout(() => this.tick(), wait);
  }

  private tick(): void {
    this.timer = null;
    if (this.pausedValue) return;
    const start = this.clock.now();
    // Play the head, then every following event due at once, within the time budget.
    do {
      this.play(this.queue.shift()!);
    } while (this.queue.length > 0 && this.delayFor(this.queue[0]!) === 0 && this.clock.now() - start < TICK_BUDGET_MS);
    this.schedule();
    this.changed();
  }
}
