// The lab's one pace for a command's two views. The engine computes a build or a pull in a burst;
// the pacer plays its events, and the terminal output each event caused, in simulated time, so the
// terminal and the pictures show the same moment. Speed 0.25x-10x, pause, step to the next event,
// skip to the end. Pure timing logic over an injectable clock, so it is tested without a browser.

export const SPEEDS = [0.25, 0.5, 1, 2, 4, 10] as const;
export const MIN_SPEED = 0.25;
export const MAX_SPEED = 10;
/**
 * In this lab the replay shortens long waits: a gap between two events counts at most this many
 * simulated milliseconds (a `RUN sleep 60` still plays, just not for a minute).
 */
export const MAX_GAP_MS = 1500;
/** At 1x, the first SCALE_KNEE_MS of a command's simulated time play this many times faster… */
export const FAST_FACTOR = 4;
/** …and the rest this many times faster, so a slow pull stays visibly slower without boring. */
export const SLOW_FACTOR = 16;
export const SCALE_KNEE_MS = 8000;
/** At most this much main-thread work per tick before yielding (keeps tasks well under 50 ms). */
export const TICK_BUDGET_MS = 8;

/**
 * Real milliseconds (at 1x) at which a moment `simMs` simulated milliseconds into a command is shown.
 * Monotonic, so a longer simulated wait (a slower network) always plays longer.
 */
export function playbackMs(simMs: number): number {
  return simMs <= SCALE_KNEE_MS ? simMs / FAST_FACTOR : SCALE_KNEE_MS / FAST_FACTOR + (simMs - SCALE_KNEE_MS) / SLOW_FACTOR;
}

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

export interface PlayerState {
  readonly speed: number;
  readonly paused: boolean;
  /** Events still to show (terminal output that follows an event is not counted). */
  readonly pending: number;
  readonly reducedMotion: boolean;
}

/** What the pictures' motion controls drive. */
export interface MotionControls {
  readonly state: PlayerState;
  onChange(listener: (s: PlayerState) => void): () => void;
  setSpeed(speed: number): void;
  setReducedMotion(on: boolean): void;
  pause(): void;
  resume(): void;
  /** Plays the next event now (paused or not). Returns false when nothing is waiting. */
  step(): boolean;
  /** Plays everything still waiting, at once. */
  finish(): void;
}

interface Item {
  /** An event (it is timed and counted) or output that follows the event before it (neither). */
  readonly counted: boolean;
  /** Timeline the item belongs to (a build or a pull): gaps are only measured within one. */
  readonly group: string;
  readonly at: number;
  /** Items with one key form a window that `insert` can place events into (a build's FROM step). */
  readonly key?: string;
  readonly run: () => void;
}

export interface Timing {
  readonly group: string;
  readonly at: number;
}

export class Pacer implements MotionControls {
  private queue: Item[] = [];
  private timer: unknown = null;
  private lastGroup = '';
  private lastAt = 0;
  /** Simulated time (gaps capped) played so far in the current group. */
  private elapsed = 0;
  private speedValue = 1;
  private pausedValue = false;
  private reduced = false;
  private pendingCount = 0;
  /** Set by finish(): the rest of the running command is shown at once too. */
  private skipping = false;
  private readonly listeners = new Set<(s: PlayerState) => void>();
  private idleWaiters: (() => void)[] = [];
  private readonly clock: Clock;
  private readonly scale: (simMs: number) => number;

  constructor(options: { clock?: Clock; scale?: (simMs: number) => number } = {}) {
    this.clock = options.clock ?? realClock;
    this.scale = options.scale ?? playbackMs;
  }

  get state(): PlayerState {
    return { speed: this.speedValue, paused: this.pausedValue, pending: this.pendingCount, reducedMotion: this.reduced };
  }

  /** True when nothing waits to be shown. */
  get idle(): boolean {
    return this.queue.length === 0;
  }

  onChange(listener: (s: PlayerState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves once everything queued so far (and anything queued meanwhile) has been shown. */
  whenIdle(): Promise<void> {
    if (this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Queues an event: `run` shows it, at its simulated time `at` on the timeline `group`. */
  event(run: () => void, timing: Timing, key?: string): void {
    this.enqueue({ counted: true, group: timing.group, at: timing.at, key, run }, this.queue.length);
  }

  /**
   * Queues output that belongs after what is queued so far. With a timing, it goes right after the last
   * queued event of that timeline at or before that time instead (pull progress lines, written after
   * the pull's events), though never before output written earlier. Output with nothing before it is
   * shown at once, even while paused.
   */
  output(run: () => void, timing?: Timing): void {
    // Never before output written earlier: the terminal's text stays in the order it was written.
    let lastOutput = this.queue.length - 1;
    while (lastOutput >= 0 && this.queue[lastOutput]!.counted) lastOutput--;
    const at = timing ? Math.max(lastOutput + 1, this.positionFor(timing, undefined)) : this.queue.length;
    this.enqueue({ counted: false, group: timing?.group ?? '', at: timing?.at ?? 0, run }, at);
  }

  /**
   * Queues an event inside the window of items queued with `key`, by its time; when the window has
   * already been shown, next. (A base image's pull is shown during the FROM step that fetched it.)
   */
  insert(run: () => void, timing: Timing, key: string): void {
    this.enqueue({ counted: true, group: timing.group, at: timing.at, key, run }, this.positionFor(timing, key));
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

  step(): boolean {
    this.flushOutput();
    if (this.queue.length === 0) return false;
    this.playHead();
    this.reschedule();
    this.settle();
    return true;
  }

  /** Skip to the end: what is queued plays now, and so does the rest of the command, until endSkip(). */
  finish(): void {
    this.skipping = true;
    this.cancel();
    while (this.queue.length) this.playHead();
    this.settle();
  }

  /** The command that was skipped has ended: the next one plays at its pace again. */
  endSkip(): void {
    this.skipping = false;
  }

  dispose(): void {
    this.cancel();
    this.queue = [];
    this.pendingCount = 0;
    this.listeners.clear();
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  /** Real milliseconds before `item` plays, after the item played before it. */
  private delayFor(item: Item): number {
    if (!item.counted || item.group !== this.lastGroup) return 0;
    const gap = Math.min(MAX_GAP_MS, Math.max(0, item.at - this.lastAt));
    return (this.scale(this.elapsed + gap) - this.scale(this.elapsed)) / this.speedValue;
  }

  private positionFor(timing: Timing, key: string | undefined): number {
    const q = this.queue;
    const inWindow = (it: Item): boolean => it.counted && it.group === timing.group && (key === undefined || it.key === key);
    let last = -1;
    for (let i = q.length - 1; i >= 0; i--) {
      if (inWindow(q[i]!) && q[i]!.at <= timing.at) {
        last = i;
        break;
      }
    }
    if (last >= 0) {
      let pos = last + 1;
      while (pos < q.length && !q[pos]!.counted) pos++;
      return pos;
    }
    const first = q.findIndex(inWindow);
    if (first >= 0) return first;
    // The window (or the whole timeline) has been shown: next, or last for plain output.
    return key === undefined ? q.length : 0;
  }

  private enqueue(item: Item, index: number): void {
    this.queue.splice(index, 0, item);
    if (item.counted) this.pendingCount++;
    if (this.skipping) {
      while (this.queue.length) this.playHead();
      this.settle();
      return;
    }
    if (index === 0 && !item.counted) {
      // Nothing waits before it: the terminal shows it now.
      this.flushOutput();
      this.settle();
      return;
    }
    if (index === 0) this.reschedule();
    else this.schedule();
    this.changed();
  }

  /** Shows the output at the head of the queue (it follows events already shown). */
  private flushOutput(): void {
    while (this.queue.length && !this.queue[0]!.counted) this.queue.shift()!.run();
  }

  /** Shows the head event and the output that follows it. */
  private playHead(): void {
    const item = this.queue.shift()!;
    if (item.counted) {
      this.pendingCount--;
      if (item.group !== this.lastGroup) this.elapsed = 0;
      else this.elapsed += Math.min(MAX_GAP_MS, Math.max(0, item.at - this.lastAt));
      this.lastGroup = item.group;
      this.lastAt = item.at;
    }
    item.run();
    this.flushOutput();
  }

  private settle(): void {
    this.changed();
    if (this.queue.length === 0 && this.idleWaiters.length) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of waiters) w();
    }
  }

  private changed(): void {
    const s = this.state;
    for (const l of [...this.listeners]) l(s);
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
    if (this.pausedValue || this.queue.length === 0) return;
    const start = this.clock.now();
    // Play the head, then every following event due at once, within the time budget.
    do this.playHead();
    while (this.queue.length > 0 && this.delayFor(this.queue[0]!) === 0 && this.clock.now() - start < TICK_BUDGET_MS);
    this.schedule();
    this.settle();
  }
}
