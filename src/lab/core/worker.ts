// The Web Worker that runs the lab's core in the browser. The page creates it with
// `new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' })` (connect.ts), which resolves
// under the site's base path and needs no special headers, so it works in an embed too. The first
// message says where to keep the lab's state: the same IndexedDB database the page uses, or memory.
import { LabCore } from './lab-core.ts';
import { serveCore } from './serve.ts';
import { LAB_SAMPLES } from '../samples.ts';
import { memoryStorage, openBrowserStorage, type LabStorage } from '../storage.ts';
import type { CorePort, CoreStorageChoice } from './protocol.ts';
import { ON_PAGE_PORT } from './on-page-port.ts';

// A page that may not start a Worker imports this same module and hands it a MessagePort to serve.
const handoff = globalThis as { [ON_PAGE_PORT]?: CorePort };
const scope = handoff[ON_PAGE_PORT] ?? (globalThis as unknown as CorePort);
delete handoff[ON_PAGE_PORT];

scope.onmessage = (event: MessageEvent) => {
  const choice = event.data as CoreStorageChoice;
  const storage: Promise<LabStorage> = choice.kind === 'memory' ? Promise.resolve(memoryStorage(choice.reason)) : openBrowserStorage(choice.storageKey);
  scope.onmessage = null;
  // Calls that arrive while storage opens wait in this queue, then go to the core in order.
  const early: MessageEvent[] = [];
  scope.onmessage = (e) => early.push(e);
  void storage.then((s) => {
    serveCore(scope, (send) => new LabCore({ storage: s, samples: LAB_SAMPLES, send }));
    for (const e of early) scope.onmessage?.(e);
  });
};
