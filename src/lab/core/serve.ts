// Serves a LabCore over a port: the Worker's own scope in the browser, one end of a MessageChannel in
// Node. Calls are answered in the order they finish; an error goes back as its message (and code),
// never as a stack, so what reaches the learner is the lab's own words.
import type { CorePort, CoreToPage, PageToCore } from './protocol.ts';
import type { LabCore } from './lab-core.ts';

export function serveCore(port: CorePort, makeCore: (send: (message: CoreToPage) => void) => LabCore): void {
  const send = (message: CoreToPage): void => port.postMessage(message);
  const core = makeCore(send);
  port.onmessage = (event: MessageEvent) => {
    const m = event.data as PageToCore;
    if (m.kind === 'abort') {
      core.abort(m.job);
      return;
    }
    if (m.kind !== 'call') return;
    const handler = Object.hasOwn(core.handlers, m.method) ? (core.handlers[m.method] as (...args: unknown[]) => unknown) : undefined;
    void (async () => {
      try {
        if (!handler) throw new Error(`The lab core has no call named ${String(m.method)}.`);
        send({ kind: 'result', id: m.id, value: await handler(...m.args) });
      } catch (err) {
        const e = err as { message?: unknown; code?: unknown; name?: unknown };
        send({
          kind: 'error',
          id: m.id,
          message: typeof e?.message === 'string' ? e.message : String(err),
          ...(typeof e?.code === 'string' ? { code: e.code } : {}),
          ...(typeof e?.name === 'string' ? { name: e.name } : {}),
        });
      }
    })();
  };
}
