// Stands in for `async-lock` in the browser build (aliased in src/lab/tools/vite-shims.ts). isomorphic-git
// only calls `new AsyncLock({ maxPending: Infinity })` and `acquire(key, callback)`, to run the writes to
// one file (the index, a ref) one after another; the package's timeouts, domains and pending limits are
// never used, and as CommonJS it stayed in the bundle whole. Node keeps the real package.

type Callback<T> = () => T | Promise<T>;

export default class AsyncLock {
  /** Per key, the promise the next holder waits for: the end of the last one queued. */
  private readonly tails = new Map<string, Promise<void>>();

  /** Runs `callback` once every earlier holder of each key has finished, in the order acquired. */
  acquire<T>(key: string | string[], callback: Callback<T>): Promise<T> {
    const keys = [...new Set(Array.isArray(key) ? key : [key])];
    const waits = keys.map((k) => this.tails.get(k));
    const result = Promise.all(waits).then(() => callback());
    // The queue moves on whether the callback resolved or threw.
    const done = result.then(() => undefined, () => undefined);
    for (const k of keys) this.tails.set(k, done);
    void done.then(() => {
      for (const k of keys) if (this.tails.get(k) === done) this.tails.delete(k);
    });
    return result;
  }

  isBusy(key?: string): boolean {
    return key === undefined ? this.tails.size > 0 : this.tails.has(key);
  }
}
