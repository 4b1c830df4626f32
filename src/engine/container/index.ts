// Containers: a copy-on-write writable layer over an image's read-only root filesystem. The image's
// tree is immutable and structurally shared, so a container's root starts as the very same tree and
// every write makes a new root for that container only; the image and other containers never change.
//
//   engine.containers                the engine's ContainerEngine (labContainers(engine) reads it too)
//   ContainerEngine.create/start/stop/remove/exec/diff/commit/logs
//   ContainerSession                 an interactive shell inside a container (`docker run -it`, `docker exec -it`)
import { diffTrees, getNode, type Change } from '../fs/index.ts';
import type { StoredImage } from '../store/types.ts';
import type { ImageStore } from '../store/index.ts';
import type { EngineEvent } from '../builder/events.ts';
import type { ContainerEvent } from './events.ts';
import type { ContainersState } from './state.ts';
import { PART_STATE_VERSIONS } from '../contract.ts';
import type { Container, ContainerConfigRecord } from './types.ts';
import { runShell } from '../world/index.ts';
import type { RunRequest, RunResult } from '../world/index.ts';
import { buildImage, createLayer, digestHex, sha256 } from '../image/index.ts';
import type { ContainerConfig, ImageConfig, Layer } from '../image/index.ts';
import { containerName } from './names.ts';
import { rfc3339 } from '../builder/created.ts';
import { lookPath, probeServer } from './servers.ts';

export { lookPath, probeServer } from './servers.ts';
export type { Container, ContainerConfigRecord, ContainerState, LogLine } from './types.ts';
export type { ContainerEvent } from './events.ts';
export { statusColumn } from './status.ts';

/** What the containers are given by the engine: its image store (for commit), its clock and its event stream. */
export interface ContainerHost {
  readonly images: ImageStore;
  now(): number;
  emit(event: EngineEvent): void;
}

/** `-e K=V` values first, then the image's variables they do not set (moby daemon/commit.go merge). */
function mergedEnv(user: readonly string[], image: readonly string[]): string[] {
  const given = user.filter((e) => e.includes('='));
  const keys = new Set(given.map((e) => e.slice(0, e.indexOf('='))));
  return [...given, ...image.filter((e) => !keys.has(e.split('=')[0]!))];
}

/** The container port of each `-p` publication (`8080:80` → `80/tcp`), which the CLI adds to ExposedPorts. */
function publishedPorts(ports: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of ports) {
    const m = /(?:^|:)(\d+)(\/(?:tcp|udp|sctp))?$/.exec(p);
    if (m) out.push(`${m[1]}${m[2] ?? '/tcp'}`);
  }
  return out;
}

export interface CreateOptions {
  readonly image: StoredImage;
  readonly imageRef: string;
  readonly name?: string;
  /** Arguments after the image name (replace Cmd). */
  readonly cmd?: readonly string[];
  /** `--entrypoint` (replaces Entrypoint and clears Cmd unless args follow). */
  readonly entrypoint?: string;
  /** `-e` values: `K=V`, or `K` to copy from the caller (unset in the lab). */
  readonly env?: readonly string[];
  readonly ports?: readonly string[];
  readonly autoRemove?: boolean;
  readonly tty?: boolean;
  readonly interactive?: boolean;
  readonly workdir?: string;
  readonly user?: string;
}

export class ContainerError extends Error {
  /** Exit status the docker CLI uses for this failure (125 daemon errors, 126/127 exec failures). */
  readonly status: number;
  constructor(message: string, status = 125) {
    super(message);
    this.status = status;
  }
}

export type Runner = (request: RunRequest) => Promise<RunResult>;

export interface ProcessResult {
  readonly exitCode: number;
  readonly output: readonly { readonly stream: 'stdout' | 'stderr'; readonly text: string }[];
  /** True when the main process keeps running (a server). */
  readonly running: boolean;
}

function parseEnv(list: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of list) {
    const i = e.indexOf('=');
    if (i > 0) out[e.slice(0, i)] = e.slice(i + 1);
  }
  return out;
}

/** For a container saved before `config` was recorded: the image's config with the container's process. */
function legacyConfig(c: Container, image: ContainerConfig): ContainerConfigRecord {
  return { ...image, Env: c.env.filter((e) => !/^(HOSTNAME|HOME|TERM)=/.test(e)), Cmd: [...c.argv].slice((image.Entrypoint ?? []).length) };
}

function imageConfigOf(image: StoredImage): ImageConfig {
  return JSON.parse(image.configJson) as ImageConfig;
}

/** Host ports a container publishes (`8080:80` → `8080/tcp`); `-p 80` picks a free port, so it never clashes. */
function hostPorts(c: Container): string[] {
  const out: string[] = [];
  for (const p of c.ports) {
    const [spec, proto = 'tcp'] = p.split('/');
    const parts = spec!.split(':');
    if (parts.length < 2 || parts[parts.length - 2] === '') continue;
    out.push(`${parts[parts.length - 2]}/${proto}`);
  }
  return out;
}

const DEFAULT_PATH = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export class ContainerEngine {
  private readonly engine: ContainerHost;
  private readonly runner: Runner;
  private readonly containers = new Map<string, Container>();
  private counter = 0;

  constructor(engine: ContainerHost, runner: Runner = runShell) {
    this.engine = engine;
    this.runner = runner;
  }

  private emit(event: ContainerEvent): void {
    this.engine.emit(event);
  }

  /** Newest first, as `docker ps` lists them. */
  list(all = false): Container[] {
    return [...this.containers.values()].filter((c) => all || c.state === 'running').sort((a, b) => b.created - a.created || (a.id < b.id ? 1 : -1));
  }

  /** By name (with or without `/`), full ID or unique ID prefix. */
  get(ref: string): Container | undefined {
    const name = ref.replace(/^\//, '');
    for (const c of this.containers.values()) if (c.name === name || c.id === ref) return c;
    if (/^[a-f0-9]+$/.test(ref)) {
      const matches = [...this.containers.values()].filter((c) => c.id.startsWith(ref));
      if (matches.length === 1) return matches[0];
    }
    return undefined;
  }

  /** Containers (any state) created from this image ID. */
  usingImage(imageId: string): Container[] {
    return [...this.containers.values()].filter((c) => c.imageId === imageId);
  }

  mustGet(ref: string): Container {
    const c = this.get(ref);
    if (!c) throw new ContainerError(`Error response from daemon: No such container: ${ref}`, 1);
    return c;
  }

  async create(options: CreateOptions): Promise<Container> {
    const { image } = options;
    const cfg = imageConfigOf(image).config ?? {};
    if (options.name !== undefined) {
      if (!/^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(options.name)) {
        throw new ContainerError(`Error response from daemon: Invalid container name (${options.name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`);
      }
      const clash = this.get(options.name);
      if (clash) {
        throw new ContainerError(
          `Error response from daemon: Conflict. The container name "/${options.name.replace(/^\//, '')}" is already in use by container "${clash.id}". You have to remove (or rename) that container to be able to reuse that name.`,
        );
      }
    }
    let entrypoint: readonly string[] = cfg.Entrypoint ?? [];
    let cmd: readonly string[] = cfg.Cmd ?? [];
    if (options.entrypoint !== undefined) {
      entrypoint = options.entrypoint === '' ? [] : [options.entrypoint];
      cmd = [];
    }
    if (options.cmd && options.cmd.length > 0) cmd = options.cmd;
    const argv = [...entrypoint, ...cmd];
    if (argv.length === 0) throw new ContainerError('Error response from daemon: no command specified');
    const exposedPorts = [...Object.keys(cfg.ExposedPorts ?? {}), ...publishedPorts(options.ports ?? [])];
    const config: ContainerConfigRecord = {
      ...((options.user ?? cfg.User) ? { User: options.user ?? cfg.User } : {}),
      ...(exposedPorts.length ? { ExposedPorts: Object.fromEntries([...new Set(exposedPorts)].sort().map((k) => [k, {}])) } : {}),
      Env: mergedEnv(options.env ?? [], cfg.Env ?? []),
      ...(entrypoint.length ? { Entrypoint: [...entrypoint] } : {}),
      ...(cmd.length ? { Cmd: [...cmd] } : {}),
      ...(cfg.Volumes ? { Volumes: cfg.Volumes as Record<string, Record<string, never>> } : {}),
      ...((options.workdir ?? cfg.WorkingDir) ? { WorkingDir: options.workdir ?? cfg.WorkingDir } : {}),
      ...(cfg.Labels ? { Labels: cfg.Labels } : {}),
      ...(cfg.StopSignal ? { StopSignal: cfg.StopSignal } : {}),
      ...(cfg.Healthcheck ? { Healthcheck: cfg.Healthcheck } : {}),
    };
    const n = this.counter++;
    const now = this.engine.now();
    const id = digestHex(await sha256(`layerlab-container:${n}:${image.id}:${now}`));
    const taken = new Set([...this.containers.values()].map((c) => c.name));
    const hostname = id.slice(0, 12);
    const env = [...(cfg.Env ?? [])];
    if (!env.some((e) => e.startsWith('PATH='))) env.unshift(DEFAULT_PATH);
    const set = (k: string, v: string): void => {
      const i = env.findIndex((e) => e.startsWith(`${k}=`));
      if (i >= 0) env[i] = `${k}=${v}`;
      else env.push(`${k}=${v}`);
    };
    env.unshift(`HOSTNAME=${hostname}`);
    for (const e of options.env ?? []) {
      const i = e.indexOf('=');
      if (i > 0) set(e.slice(0, i), e.slice(i + 1));
    }
    if (options.tty) set('TERM', 'xterm');
    const user = options.user ?? cfg.User ?? '';
    if (!env.some((e) => e.startsWith('HOME='))) env.push(`HOME=${user === '' || user === 'root' || user === '0' ? '/root' : '/'}`);
    const root = image.rootfs;
    if (!root) throw new ContainerError(`Error response from daemon: image ${image.id} has no root filesystem in this lab`);
    const c: Container = {
      id,
      name: (options.name ?? containerName(n, taken)).replace(/^\//, ''),
      imageRef: options.imageRef,
      imageId: image.id,
      argv,
      env,
      workingDir: options.workdir ?? (cfg.WorkingDir || '/'),
      user,
      ports: [...(options.ports ?? [])],
      exposed: Object.keys(cfg.ExposedPorts ?? {}),
      autoRemove: options.autoRemove ?? false,
      tty: options.tty ?? false,
      interactive: options.interactive ?? false,
      created: now,
      state: 'created',
      imageRoot: root,
      root,
      logs: [],
      config,
    };
    this.containers.set(id, c);
    this.emit({ type: 'container-created', id, name: c.name, imageId: image.id });
    return c;
  }

  private log(c: Container, output: readonly { stream: 'stdout' | 'stderr'; text: string }[]): void {
    const at = this.engine.now();
    for (const o of output) c.logs.push({ stream: o.stream, text: o.text, at });
  }

  /**
   * Starts the main process. A command that finishes runs to completion (its output becomes the
   * container's log, its writes stay in the container's layer); a server stays running.
   */
  async start(ref: string, options: { signal?: AbortSignal } = {}): Promise<ProcessResult> {
    const c = this.mustGet(ref);
    if (c.state === 'running') return { exitCode: 0, output: [], running: true };
    for (const port of hostPorts(c)) {
      const holder = [...this.containers.values()].find((o) => o !== c && o.state === 'running' && hostPorts(o).includes(port));
      if (holder) {
        throw new ContainerError(
          `Error response from daemon: failed to set up container networking: driver failed programming external connectivity on endpoint ${c.name} (${c.id}): Bind for 0.0.0.0:${port.split('/')[0]} failed: port is already allocated`,
        );
      }
    }
    const envMap = parseEnv(c.env);
    c.state = 'running';
    c.startedAt = this.engine.now();
    c.finishedAt = undefined;
    c.exitCode = undefined;
    this.emit({ type: 'container-started', id: c.id });
    const exe = c.argv[0]!;
    if (!lookPath(c.root, exe, c.workingDir, envMap)) {
      const msg = `failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "${exe}": ${exe.includes('/') ? 'stat ' + exe + ': no such file or directory' : 'executable file not found in $PATH'}: unknown`;
      this.finish(c, 127);
      throw new ContainerError(`Error response from daemon: ${msg}`, 127);
    }
    const probe = probeServer(c.root, c.argv, c.workingDir, envMap, c.startedAt);
    if (probe.kind === 'server') {
      c.server = probe.start;
      const out = probe.start.logs.map((l) => ({ stream: l.stream, text: `${l.text}\n` }));
      this.log(c, out);
      return { exitCode: 0, output: out, running: true };
    }
    if (probe.kind === 'fails') {
      const out = [{ stream: 'stderr' as const, text: probe.stderr }];
      this.log(c, out);
      this.finish(c, probe.exitCode);
      return { exitCode: probe.exitCode, output: out, running: false };
    }
    const result = await this.runIn(c, [...c.argv], options.signal, c.workingDir);
    this.log(c, result.output);
    this.finish(c, result.exitCode);
    return { exitCode: result.exitCode, output: result.output, running: false };
  }

  private async runIn(c: Container, argv: string[], signal: AbortSignal | undefined, cwd: string, envExtra: readonly string[] = []): Promise<RunResult> {
    const env = parseEnv([...c.env, ...envExtra]);
    const result = await this.runner({ root: c.root, argv, env, cwd, user: c.user || 'root', ...(signal ? { signal } : {}) });
    const before = c.root;
    c.root = result.root;
    if (before !== result.root) this.emit({ type: 'container-changed', id: c.id, changes: this.changes(c).length });
    return result;
  }

  private finish(c: Container, exitCode: number): void {
    c.state = 'exited';
    c.exitCode = exitCode;
    c.finishedAt = this.engine.now();
    c.server = undefined;
    this.emit({ type: 'container-exited', id: c.id, exitCode });
    if (c.autoRemove) this.delete(c);
  }

  private delete(c: Container): void {
    this.containers.delete(c.id);
    this.emit({ type: 'container-removed', id: c.id });
  }

  /** `docker stop`: the server's stop behaviour decides the exit code (137 when PID 1 ignores SIGTERM). */
  stop(ref: string): { container: Container; waitedMs: number } {
    const c = this.mustGet(ref);
    if (c.state !== 'running') return { container: c, waitedMs: 0 };
    const waitedMs = c.server?.stopMs ?? 0;
    this.finish(c, c.server?.stopExitCode ?? 137);
    return { container: c, waitedMs };
  }

  /** `docker rm [-f]`. */
  remove(ref: string, options: { force?: boolean } = {}): Container {
    const c = this.mustGet(ref);
    if (c.state === 'running') {
      if (!options.force) {
        throw new ContainerError(
          `Error response from daemon: cannot remove container "/${c.name}": container is running: stop the container before removing or force remove`,
          1,
        );
      }
      c.state = 'exited';
      c.exitCode = 137;
    }
    this.delete(c);
    return c;
  }

  /** `docker exec`: runs a command in a running container's filesystem; writes land in its layer. */
  async exec(ref: string, argv: readonly string[], options: { env?: readonly string[]; workdir?: string; signal?: AbortSignal } = {}): Promise<ProcessResult> {
    const c = this.mustGet(ref);
    if (c.state !== 'running') throw new ContainerError(`Error response from daemon: container ${c.id} is not running`, 1);
    const envMap = parseEnv([...c.env, ...(options.env ?? [])]);
    const cwd = options.workdir ?? c.workingDir;
    if (!lookPath(c.root, argv[0]!, cwd, envMap)) {
      const exe = argv[0]!;
      throw new ContainerError(
        `OCI runtime exec failed: exec failed: unable to start container process: exec: "${exe}": executable file not found in $PATH: unknown`,
        127,
      );
    }
    const result = await this.runIn(c, [...argv], options.signal, cwd, options.env);
    return { exitCode: result.exitCode, output: result.output, running: false };
  }

  /** Bytes of file content in the container's writable layer (`docker ps -s` SIZE, `system df` containers). */
  writableSize(c: Container): number {
    let n = 0;
    for (const ch of this.changes(c)) {
      if (ch.kind === 'deleted' || ch.node.type !== 'file') continue;
      n += ch.node.content.kind === 'bytes' ? ch.node.content.data.byteLength : ch.node.content.size;
    }
    return n;
  }

  /** The container's writable layer as filesystem changes against its image. */
  changes(c: Container): Change[] {
    return diffTrees(c.imageRoot, c.root);
  }

  /**
   * `docker diff`: `A` added, `C` changed, `D` deleted, sorted by path. As with overlayfs, every
   * directory on the way to a change was copied up into the writable layer, so it shows as `C`.
   */
  diff(ref: string): string[] {
    const c = this.mustGet(ref);
    const kinds = new Map<string, 'A' | 'C' | 'D'>();
    for (const ch of this.changes(c)) {
      kinds.set(ch.path, ch.kind === 'added' ? 'A' : ch.kind === 'deleted' ? 'D' : 'C');
      const parts = ch.path.split('/').filter(Boolean);
      for (let i = 1; i < parts.length; i++) {
        const dir = '/' + parts.slice(0, i).join('/');
        if (!kinds.has(dir) && getNode(c.imageRoot, dir)) kinds.set(dir, 'C');
      }
    }
    return [...kinds].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([p, k]) => `${k} ${p}`);
  }

  /** `docker commit`: the container's layer becomes a new top layer on a copy of its image. */
  async commit(ref: string, options: { author?: string; message?: string; tags?: readonly string[] } = {}): Promise<StoredImage> {
    const c = this.mustGet(ref);
    const base = this.engine.images.get(c.imageId);
    if (!base) throw new ContainerError(`Error response from daemon: No such image: ${c.imageId}`);
    const baseConfig = imageConfigOf(base);
    const newLayer = await createLayer(this.changes(c));
    const layers: Layer[] = [...base.layers, newLayer];
    // moby daemon/containerd/image_commit.go generateCommitImageConfig: the config is the container's
    // own (its command, its -e values, no runtime-only HOSTNAME/HOME/TERM); the history line is its Cmd.
    const created = rfc3339(this.engine.now());
    const own = c.config ?? legacyConfig(c, baseConfig.config ?? {});
    const author = options.author || baseConfig.author;
    const image = await buildImage(layers, {
      architecture: baseConfig.architecture,
      os: baseConfig.os,
      config: own as ContainerConfig,
      history: [
        ...baseConfig.history,
        {
          created,
          created_by: (own.Cmd ?? []).join(' '),
          ...(author ? { author } : {}),
          ...(options.message ? { comment: options.message } : {}),
        },
      ],
      created,
      ...(author ? { author } : {}),
    });
    const stored: StoredImage = {
      id: image.manifest.digest,
      manifestDigest: image.manifest.digest,
      configDigest: image.config.digest,
      configJson: image.config.json,
      manifestJson: image.manifest.json,
      layers: image.layers.map((l) => ({
        diffId: l.diffId, digest: l.digest, size: l.size, compressedSize: l.compressedSize, mediaType: l.mediaType, changes: l.changes,
      })),
      created: (image.config.value as ImageConfig).created ?? created,
      rootfs: c.root,
      source: 'build',
    };
    this.engine.images.add(stored, options.tags ?? [], { arrivedAt: this.engine.now() });
    this.engine.emit({ type: 'store-changed', reason: 'other' });
    return stored;
  }

  /** An interactive shell in the container (the main process for `run -it`, or an exec). */
  session(ref: string, argv: readonly string[]): ContainerSession {
    return new ContainerSession(this, this.mustGet(ref), argv);
  }

  /** Used by ContainerSession: runs one line of shell in the container. */
  async runLine(c: Container, line: string, cwd: string, signal?: AbortSignal): Promise<RunResult> {
    const sh = c.argv.find((a) => /(^|\/)(ba|a|da)?sh$/.test(a)) ?? '/bin/sh';
    return this.runIn(c, [sh, '-c', line], signal, cwd);
  }

  /** Used by ContainerSession when the shell that is the main process exits. */
  mainExited(c: Container, code: number): void {
    if (c.state === 'running') this.finish(c, code);
  }

  exportState(): ContainersState {
    return { version: PART_STATE_VERSIONS.containers, counter: this.counter, containers: [...this.containers.values()] };
  }

  /** Replaces every container with a saved state (read and checked by `readContainersState`). */
  importState(s: ContainersState): void {
    this.containers.clear();
    this.counter = s.counter;
    for (const c of s.containers) this.containers.set(c.id, c);
  }
}

/**
 * An interactive shell inside a container, for the lab terminal. The shell prints `prompt()`, sends each
 * line to `run(line)` and stops when `closed` is true (after `exit`). `cd` is kept between lines.
 */
export class ContainerSession {
  private readonly engine: ContainerEngine;
  readonly container: Container;
  /** True when this shell is the container's main process (`docker run -it`): exiting stops the container. */
  readonly isMain: boolean;
  cwd: string;
  closed = false;
  exitCode = 0;

  constructor(engine: ContainerEngine, container: Container, argv: readonly string[]) {
    this.engine = engine;
    this.container = container;
    this.isMain = argv === container.argv;
    this.cwd = container.workingDir;
  }

  /** busybox ash's default prompt (`\w \$ `: `/ # ` for root), or bash's `root@<hostname>:/# `. */
  prompt(): string {
    const root = !this.container.user || this.container.user === 'root' || this.container.user === '0';
    const sign = root ? '#' : '$';
    const home = root ? '/root' : undefined;
    const shown = home && (this.cwd === home || this.cwd.startsWith(`${home}/`)) ? `~${this.cwd.slice(home.length)}` : this.cwd;
    const bash = this.container.argv.some((a) => /(^|\/)bash$/.test(a));
    if (bash) return `${root ? 'root' : this.container.user}@${this.container.id.slice(0, 12)}:${shown}${sign} `;
    return `${shown} ${sign} `;
  }

  async run(line: string, signal?: AbortSignal): Promise<{ output: readonly { stream: 'stdout' | 'stderr'; text: string }[]; exitCode: number }> {
    const trimmed = line.trim();
    if (trimmed === '') return { output: [], exitCode: this.exitCode };
    const exit = /^exit(?:\s+(\d+))?$/.exec(trimmed);
    if (exit) {
      this.closed = true;
      this.exitCode = exit[1] ? Number(exit[1]) : this.exitCode;
      if (this.isMain) this.engine.mainExited(this.container, this.exitCode);
      return { output: [], exitCode: this.exitCode };
    }
    // Run the line, then report the directory it ended in so `cd` persists.
    const marker = '__layerlab_cwd__';
    const result = await this.engine.runLine(this.container, `${line}\n__s=$?; echo "${marker}$PWD"; exit $__s`, this.cwd, signal);
    const output: { stream: 'stdout' | 'stderr'; text: string }[] = [];
    for (const o of result.output) {
      if (o.stream === 'stdout' && o.text.includes(marker)) {
        const lines = o.text.split('\n');
        const kept: string[] = [];
        for (const l of lines) {
          if (l.startsWith(marker)) this.cwd = l.slice(marker.length) || this.cwd;
          else kept.push(l);
        }
        const text = kept.join('\n');
        if (text) output.push({ stream: 'stdout', text });
      } else output.push(o);
    }
    this.exitCode = result.exitCode;
    return { output, exitCode: result.exitCode };
  }
}

/** The engine's containers (the same as `engine.containers`; kept for the callers that read it this way). */
export function labContainers(engine: { readonly containers: ContainerEngine }): ContainerEngine {
  return engine.containers;
}
