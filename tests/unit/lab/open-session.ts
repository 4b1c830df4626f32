// Opens a lab session in Node with its core in-process (over a MessageChannel, as the browser's Worker
// is reached), on the storage the test gives.
import { LabSession, type SessionOptions } from '../../../src/lab/session.ts';
import type { SampleLike } from '../../../src/workspace/samples.ts';
import type { LabStorage } from '../../../src/lab/storage.ts';
import { connectInProcess } from '../../../src/lab/core/in-process.ts';

export function openSession(options: Omit<SessionOptions, 'connect' | 'storage'> & { readonly storage: LabStorage; readonly samples: Readonly<Record<string, SampleLike>> }): Promise<LabSession> {
  return LabSession.create({ ...options, connect: connectInProcess(options.storage, options.samples) });
}
