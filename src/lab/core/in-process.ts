// The lab core in this thread (Node: the unit tests), over a MessageChannel: the same messages, cloned
// the same way, as between the page and its Worker.
import { LabCore } from './lab-core.ts';
import { serveCore } from './serve.ts';
import type { LabStorage } from '../storage.ts';
import type { SampleLike } from '../../workspace/samples.ts';
import type { CoreConnect } from './connect.ts';
import type { CorePort } from './protocol.ts';

export function connectInProcess(storage: LabStorage, samples: Readonly<Record<string, SampleLike>>): CoreConnect {
  return () => {
    const channel = new MessageChannel();
    serveCore(channel.port2 as unknown as CorePort, (send) => new LabCore({ storage, samples, send }));
    return {
      port: channel.port1 as unknown as CorePort,
      terminate: () => {
        channel.port1.close();
        channel.port2.close();
      },
      stoppable: false,
    };
  };
}
