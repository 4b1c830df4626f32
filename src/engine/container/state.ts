// The containers' saved state (format 1): every container with its writable layer (its root tree over
// the image's), its logs and its config, and the counter that names the next one.
import { SavedStateError, array, boolean, integer, number, oneOf, optional, record, string, strings, version, type Path } from '../state/check.ts';
import type { TreeChecker } from '../state/fs.ts';
import type { Container } from './types.ts';

export const CONTAINERS_STATE_VERSION = 1;

export interface ContainersState {
  readonly version: typeof CONTAINERS_STATE_VERSION;
  readonly counter: number;
  readonly containers: Container[];
}

function readContainer(v: unknown, path: Path, trees: TreeChecker): Container {
  const c = record(v, path);
  const id = string(c['id'], `${path}.id`);
  if (!/^[0-9a-f]{64}$/.test(id)) throw new SavedStateError(`${path}.id is not a container ID`);
  string(c['name'], `${path}.name`);
  string(c['imageRef'], `${path}.imageRef`);
  string(c['imageId'], `${path}.imageId`);
  strings(c['argv'], `${path}.argv`);
  strings(c['env'], `${path}.env`);
  string(c['workingDir'], `${path}.workingDir`);
  string(c['user'], `${path}.user`);
  strings(c['ports'], `${path}.ports`);
  strings(c['exposed'], `${path}.exposed`);
  boolean(c['autoRemove'], `${path}.autoRemove`);
  boolean(c['tty'], `${path}.tty`);
  boolean(c['interactive'], `${path}.interactive`);
  number(c['created'], `${path}.created`);
  oneOf(c['state'], ['created', 'running', 'exited'] as const, `${path}.state`);
  optional(c['startedAt'], `${path}.startedAt`, number);
  optional(c['finishedAt'], `${path}.finishedAt`, number);
  optional(c['exitCode'], `${path}.exitCode`, integer);
  trees.dir(c['imageRoot'], `${path}.imageRoot`);
  trees.dir(c['root'], `${path}.root`);
  array(c['logs'], `${path}.logs`).forEach((l, i) => {
    const line = record(l, `${path}.logs[${i}]`);
    oneOf(line['stream'], ['stdout', 'stderr'] as const, `${path}.logs[${i}].stream`);
    string(line['text'], `${path}.logs[${i}].text`);
    number(line['at'], `${path}.logs[${i}].at`);
  });
  optional(c['server'], `${path}.server`, (s, p) => {
    const server = record(s, p);
    array(server['logs'], `${p}.logs`);
    integer(server['stopExitCode'], `${p}.stopExitCode`);
    number(server['stopMs'], `${p}.stopMs`);
    return server;
  });
  optional(c['config'], `${path}.config`, (cfg, p) => {
    const r = record(cfg, p);
    strings(r['Env'], `${p}.Env`);
    return r;
  });
  return c as unknown as Container;
}

export function readContainersState(v: unknown, path: Path, trees: TreeChecker): ContainersState {
  const s = record(v, path);
  version(s['version'], CONTAINERS_STATE_VERSION, path);
  return {
    version: CONTAINERS_STATE_VERSION,
    counter: s['counter'] === undefined ? 0 : integer(s['counter'], `${path}.counter`),
    containers: array(s['containers'], `${path}.containers`).map((c, i) => readContainer(c, `${path}.containers[${i}]`, trees)),
  };
}
