// The containers' saved state (format 1): every container with its writable layer (its root tree over
// the image's), its logs and its config, and the counter that names the next one.
import type { StateChecker } from '../state/schema.ts';
import type { Container } from './types.ts';
import { PART_STATE_VERSIONS } from '../contract.ts';

const CONTAINERS_STATE_VERSION = PART_STATE_VERSIONS.containers;

export interface ContainersState {
  readonly version: typeof CONTAINERS_STATE_VERSION;
  readonly counter: number;
  readonly containers: Container[];
}

const CONTAINER = {
  id: 'text',
  name: 'text',
  imageRef: 'text',
  imageId: 'text',
  argv: ['text'],
  env: ['text'],
  workingDir: 'text',
  user: 'text',
  ports: ['text'],
  exposed: ['text'],
  autoRemove: 'bool',
  tty: 'bool',
  interactive: 'bool',
  created: 'number',
  state: 'created|running|exited',
  startedAt: 'number?',
  finishedAt: 'number?',
  exitCode: 'whole?',
  imageRoot: 'dir',
  root: 'dir',
  logs: [{ stream: 'stdout|stderr', text: 'text', at: 'number' }],
  server: ['?', { logs: ['record'], stopExitCode: 'whole', stopMs: 'number' }],
  config: ['?', { Env: ['text'] }],
};

export function readContainersState(c: StateChecker, v: unknown, at: string): ContainersState {
  c.version(v, CONTAINERS_STATE_VERSION, at);
  c.check({ counter: 'whole?', containers: [CONTAINER] }, v, at);
  const s = v as { counter?: number; containers: Container[] };
  return { version: CONTAINERS_STATE_VERSION, counter: s.counter ?? 0, containers: s.containers };
}
