// Giving the event loop a turn during long engine work. In a Web Worker, a message from the page (the
// abort of Ctrl-C) is delivered only when the worker's event loop runs a task; awaiting promises
// (microtasks) is not enough. So every long loop of the engine asks a WorkSlice whether its slice of real
// time is used up, and if so awaits one macrotask turn, then checks its AbortSignal. Only real time is
// spent here: simulated time, output, digests and step limits never depend on where the engine yields.

type Resume = () => void;

/** One macrotask turn: setImmediate where the runtime has it (Node), else a MessageChannel message (no 4 ms timer clamp), else a timer. */
const macrotask: (resume: Resume) => void = (() => {
  const g = globalThis as { setImmediate?: (fn: Resume) => unknown; MessageChannel?: typeof MessageChannel };
  if (typeof g.setImmediate === 'function') return (resume: Resume) => void g.setImmediate!(resume);
  if (typeof g.MessageChannel === 'function') {
    const channel = new g.MessageChannel();
    const queue: Resume[] = [];
    channel.port1.onmessage = () => queue.shift()?.();
    return (resume: Resume) => {
      queue.push(resume);
      channel.port2.postMessage(0);
    };
  }
  return (resume: Resume) => void setTimeout(resume, 0);
})();

/** Real time for pacing only (Node, browsers and workers all have `performance`), never a timestamp. */
function now(): number {
  return performance.now();
}

/** When the engine last gave the event loop a turn (shared: a yield anywhere starts every slice afresh). */
let lastTurn = now();

/** Lets timers, messages, input and abort handlers run before the engine continues. */
export async function yieldToEventLoop(): Promise<void> {
  await new Promise<void>((resolve) => macrotask(resolve));
  lastTurn = now();
}

/** How much real time engine work may take between two turns of the event loop, ms. */
export const SLICE_MS = 10;

/**
 * A slice of real time for one long loop. `tick()` is cheap enough for every pass of a hot loop: it reads
 * the clock only every `checkEvery` calls, and returns a promise (to await) only when the slice is used up.
 */
export class WorkSlice {
  private readonly budgetMs: number;
  private readonly checkEvery: number;
  private count = 0;
  constructor(budgetMs = SLICE_MS, checkEvery = 1) {
    this.budgetMs = budgetMs;
    this.checkEvery = checkEvery;
  }

  /** True once the slice's real time is used up. */
  due(): boolean {
    if (++this.count < this.checkEvery) return false;
    this.count = 0;
    return now() - lastTurn >= this.budgetMs;
  }

  /** A macrotask turn when the slice is used up (await it), else undefined: nothing to wait for. */
  tick(): Promise<void> | undefined {
    return this.due() ? yieldToEventLoop() : undefined;
  }

  /** Like tick, always a promise (for code that is not hot). */
  async maybe(): Promise<void> {
    if (this.due()) await yieldToEventLoop();
  }

  /** A macrotask turn now. */
  always(): Promise<void> {
    return yieldToEventLoop();
  }
}

/**
 * Long work written once as a generator that pauses (`yield`) where a turn may be given, run in one of
 * two ways: `runSteps` straight through (the synchronous callers), `runStepsPaced` with a turn of the
 * event loop at a pause whenever the slice is used up. Both run the same steps, so they give the same result.
 */
export function runSteps<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

export async function runStepsPaced<T>(steps: Generator<void, T>): Promise<T> {
  const slice = new WorkSlice();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    const turn = slice.tick();
    if (turn) await turn;
  }
}
