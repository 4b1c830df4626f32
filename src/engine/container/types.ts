// A container's data: plain and structured-clone friendly, since the containers' saved state holds them.
import type { DirNode } from '../fs/index.ts';
import type { ContainerConfig } from '../image/index.ts';
import type { ServerStart } from './servers.ts';

export type ContainerState = 'created' | 'running' | 'exited';

export interface LogLine {
  readonly stream: 'stdout' | 'stderr';
  readonly text: string;
  /** Engine time (ms) the line was written. */
  readonly at: number;
}

export interface Container {
  /** 64 hex characters. */
  readonly id: string;
  name: string;
  /** The image reference as the user typed it (`docker ps` IMAGE column). */
  readonly imageRef: string;
  readonly imageId: string;
  /** Entrypoint + Cmd as the process runs them. */
  readonly argv: readonly string[];
  readonly env: readonly string[];
  readonly workingDir: string;
  readonly user: string;
  /** `-p` publications as typed (`8080:80`): recorded only, the lab has no network. */
  readonly ports: readonly string[];
  readonly exposed: readonly string[];
  readonly autoRemove: boolean;
  readonly tty: boolean;
  readonly interactive: boolean;
  readonly created: number;
  state: ContainerState;
  startedAt?: number;
  finishedAt?: number;
  exitCode?: number;
  /** The image's root filesystem (read-only, shared). */
  readonly imageRoot: DirNode;
  /** The container's view: image root plus its writable layer. */
  root: DirNode;
  logs: LogLine[];
  /** Set while a server-like main process runs. */
  server?: ServerStart;
  /**
   * The container's Config as the daemon stores it: docker run's options merged with the image's
   * (moby daemon/commit.go merge). The runtime adds HOSTNAME, HOME and TERM only to the process, not here.
   * `docker commit` writes this. Absent in containers saved before it existed.
   */
  readonly config?: ContainerConfigRecord;
}

/** The fields of a container's Config that `docker commit` carries into the new image. */
export interface ContainerConfigRecord {
  readonly User?: string;
  readonly ExposedPorts?: Readonly<Record<string, Record<string, never>>>;
  readonly Env: readonly string[];
  readonly Entrypoint?: readonly string[];
  readonly Cmd?: readonly string[];
  readonly Volumes?: Readonly<Record<string, Record<string, never>>>;
  readonly WorkingDir?: string;
  readonly Labels?: Readonly<Record<string, string>>;
  readonly StopSignal?: string;
  readonly Healthcheck?: ContainerConfig['Healthcheck'];
}
