// Yielding to the event loop during long engine work, so a page stays responsive and an abort (Ctrl-C in
// the lab's terminal) can be seen while a build or pull runs. Only real time is spent here: simulated
// time, output and digests do not depend on where the engine yields.

type Resume = () => void;

/** One macrotask turn: setImmediate where the runtime has it (Node), else a MessageChannel message, else a timer. */
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

/** Lets timers, input and abort handlers run before the engine continues. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => macrotask(resolve));
}

/** Yields when at least `everyMs` of real time passed since the last yield through this object. */
export class Yielder {
  private last = now();
  private readonly everyMs: number;
  constructor(everyMs = 8) {
    this.everyMs = everyMs;
  }
  async maybe(): Promise<void> {
    if (now() - this.last < this.everyMs) return;
    await yieldToEventLoop();
    this.last = now();
  }
  async always(): Promise<void> {
    await yieldToEventLoop();
    this.last = now();
  }
}

/** Elapsed real time for pacing only (Node, browsers and workers all have `performance`), never a timestamp. */
function now(): number {
  return performance.now();
}
