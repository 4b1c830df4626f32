// Ctrl-C always gives the prompt back. The core answers an abort at once when it can; a core that
// does not (stuck in synchronous work, which in the browser is a Worker that cannot read its
// messages) is stopped and started again from what was last saved, and the learner is told so.
import { describe, expect, it } from 'vitest';
import { LabSession } from '../../../src/lab/session.ts';
import { memoryStorage } from '../../../src/lab/storage.ts';
import { connectInProcess } from '../../../src/lab/core/in-process.ts';
import type { CoreConnect } from '../../../src/lab/core/connect.ts';
import type { CorePort } from '../../../src/lab/core/protocol.ts';
import { flaskApp } from '../../../src/samples/flask-app.ts';

const samples = { 'flask-app': flaskApp };

/** A core that never hears about the line `stuck-command` nor any Ctrl-C: as a Worker stuck in a loop. */
function stuckOnce(storage: ReturnType<typeof memoryStorage>): { connect: CoreConnect; connections: () => number; terminated: () => number } {
  const real = connectInProcess(storage, samples);
  let made = 0;
  let stopped = 0;
  const stuckJobs = new Set<unknown>();
  const connect: CoreConnect = () => {
    const inner = real();
    made++;
    const port: CorePort = {
      postMessage(message: unknown) {
        const m = message as { kind: string; method?: string; args?: unknown[] };
        if (m.kind === 'abort' && stuckJobs.has((m as { job?: unknown }).job)) return;
        if (m.kind === 'call' && m.method === 'execute' && m.args?.[1] === 'stuck-command') {
          stuckJobs.add(m.args[0]);
          return;
        }
        inner.port.postMessage(message);
      },
      get onmessage() {
        return inner.port.onmessage;
      },
      set onmessage(fn) {
        inner.port.onmessage = fn;
      },
    };
    return { port, stoppable: true, terminate: () => (stopped++, inner.terminate()) };
  };
  return { connect, connections: () => made, terminated: () => stopped };
}

describe('Ctrl-C when the core does not answer', () => {
  it('stops the core, starts a new one on the saved state, and gives the prompt back', async () => {
    const storage = memoryStorage();
    const stuck = stuckOnce(storage);
    const session = await LabSession.create({ preset: 'flask-app', storage, role: 'owner', connect: stuck.connect });
    let out = '';
    const io = (signal?: AbortSignal) => ({ stdout: (s: string) => (out += s), stderr: (s: string) => (out += s), tty: false, columns: 80, ...(signal ? { signal } : {}) });
    expect(await session.execute('echo kept > kept.txt', io())).toBe(0);
    const ctrlC = new AbortController();
    const job = session.execute('stuck-command', io(ctrlC.signal));
    await new Promise((r) => setTimeout(r, 20));
    ctrlC.abort();
    expect(await job).toBe(130);
    expect(out).toMatch(/lab: the command did not stop, so the lab stopped its engine and started it again from your last saved state\. Your files are kept\./);
    expect(stuck.terminated()).toBe(1);
    expect(stuck.connections()).toBe(2);
    // The new core has the workspace as it was saved, and runs commands again.
    out = '';
    expect(await session.execute('cat kept.txt', io())).toBe(0);
    expect(out).toBe('kept\n');
  });
});
