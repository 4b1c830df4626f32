// Where the lab core runs: a Web Worker in the browser (connectWorker), or in this thread over a
// MessageChannel (in-process.ts for Node; the Worker's own script, imported by the page, where a page
// may not start a Worker). Each gives the session the same port, with the same structured-clone messages.
import type { CorePort, CoreStorageChoice } from './protocol.ts';
import { ON_PAGE_PORT } from './on-page-port.ts';
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

/** Set once a Worker could not start in this page; every later core then runs on the page at once. */
let workersBlocked = false;
let onPageNoticeShown = false;

/** The one line that says the core runs on the page (once per page, and only when it does). */
export function takeOnPageNotice(): string | null {
  if (!workersBlocked || onPageNoticeShown) return null;
  onPageNoticeShown = true;
  return 'In this frame the lab runs its engine on the page itself, so a long command can make the page slow to answer.';
}

/**
 * A core in a module Worker that keeps its state where `storage` says. Where the page may not start
 * one (a frame sandboxed without allow-same-origin has an opaque origin: the constructor throws
 * SecurityError, or the Worker fails to load before the core answers), the page imports the Worker's
 * own script and runs that core on the page, over a MessageChannel. Its chunks are fetched only then,
 * and they are the Worker's chunks, so the usual lab pays nothing for this and no code is duplicated.
 */
export function connectWorker(storage: CoreStorageChoice): CoreConnect {
  return () => {
    const relay = new RelayPort();
    let worker: Worker | null = null;
    let onPage = false;
    let answered = false;
    let failed = false;
    let failureListener: (() => void) | null = null;
    const fail = (): void => {
      failed = true;
      failureListener?.();
    };
    const runOnPage = (): void => {
      if (onPage) return;
      onPage = true;
      workersBlocked = true;
      worker?.terminate();
      worker = null;
      startOnPage(storage).then((port) => {
        relay.attach(port);
        relay.settle();
      }, fail);
    };
    if (workersBlocked) runOnPage();
    else {
      try {
        worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'layerlab-core' });
      } catch (err) {
        if ((err as { name?: string } | null)?.name !== 'SecurityError') throw err;
        runOnPage();
      }
    }
    if (worker) {
      const w = worker;
      w.postMessage(storage);
      w.addEventListener('message', () => {
        answered = true;
        relay.settle();
      }, { once: true });
      w.addEventListener('error', (event) => {
        event.preventDefault();
        // Before the core has answered, the Worker's script could not load here: run on the page.
        if (!answered) runOnPage();
        else fail();
      });
      relay.attach(w as unknown as CorePort);
    }
    return {
      port: relay,
      terminate: () => {
        worker?.terminate();
        relay.close();
      },
      get stoppable() {
        return !onPage;
      },
      onFailure: (listener) => {
        failureListener = listener;
        if (failed) listener();
      },
    };
  };
}

let pageCores = 0;
let pageCoreStarting: Promise<unknown> = Promise.resolve();

/**
 * Runs the Worker's script as a module of this page, handing it one end of a MessageChannel (see
 * worker.ts). A module runs once per URL, so each core after the first gets a URL of its own. One
 * core starts at a time, as the hand-off goes through a global.
 */
function startOnPage(storage: CoreStorageChoice): Promise<CorePort> {
  const started = pageCoreStarting.then(async () => {
    const channel = new MessageChannel();
    const handoff = globalThis as { [ON_PAGE_PORT]?: unknown };
    handoff[ON_PAGE_PORT] = channel.port2;
    const url = new URL(workerUrl, import.meta.url);
    if (++pageCores > 1) url.searchParams.set('core', String(pageCores));
    try {
      await import(/* @vite-ignore */ url.href);
    } finally {
      delete handoff[ON_PAGE_PORT];
    }
    channel.port1.postMessage(storage);
    return channel.port1 as unknown as CorePort;
  });
  pageCoreStarting = started.catch(() => undefined);
  return started;
}

/**
 * The session's end of the core's port. It holds the page's messages until a port is attached (the
 * on-page core arrives after a dynamic import) and can be re-attached once, from a failed Worker to
 * the on-page core; the Worker had not answered, so nothing it said is lost.
 */
class RelayPort implements CorePort {
  private target: CorePort | null = null;
  private queue: unknown[] = [];
  private closed = false;
  private sent: unknown[] | null = [];
  onmessage: ((event: MessageEvent) => void) | null = null;

  attach(target: CorePort): void {
    if (this.closed) {
      (target as { close?: () => void }).close?.();
      return;
    }
    const replay = this.target ? (this.sent ?? []) : this.queue;
    this.target = target;
    target.onmessage = (event) => this.onmessage?.(event);
    for (const m of replay) target.postMessage(m);
    this.queue = [];
  }

  postMessage(message: unknown): void {
    if (this.closed) return;
    // Kept until the core answers, so a core that replaces a failed Worker gets every call.
    this.sent?.push(message);
    if (this.target) this.target.postMessage(message);
    else this.queue.push(message);
  }

  /** The core has answered (or runs on the page): no other core will replace it, so stop keeping calls. */
  settle(): void {
    this.sent = null;
  }

  close(): void {
    this.closed = true;
    (this.target as { close?: () => void } | null)?.close?.();
  }
}
