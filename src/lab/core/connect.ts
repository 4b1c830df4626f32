// Where the lab core runs: a Web Worker in the browser (connectWorker), or in this thread over a
// MessageChannel (in-process.ts, for Node). Both give the page's session the same port, with the same
// structured-clone messages, so the tests in Node cross the same wire as the browser does.
import type { CorePort, CoreStorageChoice } from './protocol.ts';
import workerUrl from './worker.ts?worker&url';

export interface CoreConnection {
  readonly port: CorePort;
  /** Stops the core at once, even in the middle of synchronous work (a Worker is terminated). */
  terminate(): void;
  /** True when `terminate` really stops a busy core (a Worker); in-process, it only closes the port. */
  readonly stoppable: boolean;
  /** Calls `listener` if the core cannot run at all (its script failed to load or start). */
  onFailure?(listener: () => void): void;
}

/** Makes a new connection to a new core; called again to restart a core that was stopped. */
export type CoreConnect = () => CoreConnection;

/** A core in a module Worker that keeps its state where `storage` says. */
export function connectWorker(storage: CoreStorageChoice): CoreConnect {
  return () => {
    const worker = startWorker();
    worker.postMessage(storage);
    return {
      port: worker as unknown as CorePort,
      terminate: () => worker.terminate(),
      stoppable: true,
      onFailure: (listener) => worker.addEventListener('error', (event) => {
        event.preventDefault();
        listener();
      }),
    };
  };
}

/**
 * Starts the core's Worker. (Vite bundles the worker from this literal `new Worker(new URL(…))` form.)
 * A page of an opaque origin (an iframe sandboxed without allow-same-origin) may not start a Worker
 * from the site's URL; it may from a blob: URL of its own, whose module then imports the real script
 * (a module import, which the host's CORS headers allow as they allow the page's own scripts).
 */
function startWorker(): Worker {
  try {
    return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'layerlab-core' });
  } catch (err) {
    if ((err as { name?: string } | null)?.name !== 'SecurityError') throw err;
    const script = new URL(workerUrl, location.href).href;
    const bootstrap = new Blob([`import ${JSON.stringify(script)};`], { type: 'text/javascript' });
    return new Worker(URL.createObjectURL(bootstrap), { type: 'module', name: 'layerlab-core' });
  }
}
