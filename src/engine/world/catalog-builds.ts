// How the catalogue's non-root images are built: each from a Dockerfile in dockerfiles/, with the lab's
// own builder, replaying every RUN step with a layer function from images.ts (the toy RUN interpreter
// cannot download or compile what the official RUN steps do). tools/precompute-digests.ts runs these
// builds and ships the result; catalog.ts serves the images from that result and the same replays.
import { emptyDir, setNode, type DirNode } from '../fs/index.ts';
import type { RunReplayStep } from '../contract.ts';
import { mkdirs, putLink } from './fsutil.ts';
import { apkAdd, aptInstall, bulkTree, installGo, installNginx, installNode, installPython, installYarn } from './images.ts';

export type LayerFunction = (below: DirNode) => DirNode;

export interface CatalogBuild {
  /** The tag it builds, e.g. `node:22-alpine`. */
  readonly ref: string;
  /** The Dockerfile, relative to dockerfiles/; its directory is the build context. */
  readonly dockerfile: string;
  /** Names of the layers the final stage adds, bottom first (the keys of catalog-digests.json). */
  readonly layerIds: readonly string[];
  /** The RUN steps' replays per stage ('' for an unnamed stage), in the stage's RUN order. */
  readonly runs: Readonly<Record<string, readonly LayerFunction[]>>;
}

const nodeRuns = (alpine: boolean): LayerFunction[] => [(below) => installNode(below, alpine), installYarn];

const PYTHON_LINKS: [string, string][] = [['idle', 'idle3'], ['pydoc', 'pydoc3'], ['python', 'python3'], ['python-config', 'python3-config']];

/** What golang's build stage leaves in /target: the toolchain at /target/usr/local/go. */
function goTarget(below: DirNode): DirNode {
  return setNode(below, '/target', installGo(emptyDir()));
}

export const CATALOG_BUILDS: readonly CatalogBuild[] = [
  {
    ref: 'node:22-alpine',
    dockerfile: 'node/22-alpine.Dockerfile',
    layerIds: ['node-22-alpine-node', 'node-22-alpine-yarn', 'node-22-alpine-entrypoint'],
    runs: { '': nodeRuns(true) },
  },
  {
    ref: 'node:22',
    dockerfile: 'node/22.Dockerfile',
    layerIds: ['buildpack-deps-bookworm-curl', 'buildpack-deps-bookworm-scm', 'buildpack-deps-bookworm', 'node-22-bookworm-node', 'node-22-bookworm-yarn',
      'node-22-bookworm-entrypoint'],
    runs: {
      '': [
        // Packages the toy index has, plus files standing in for the rest (gnupg's sq, mercurial, the toolchains).
        (below) => bulkTree(aptInstall(below, ['ca-certificates', 'curl', 'wget']), '/usr/lib/x86_64-linux-gnu/gnupg-sq', 40, 17_000_000, '.so', 0o755),
        (below) => bulkTree(aptInstall(below, ['git', 'procps']), '/usr/lib/python3/dist-packages/mercurial', 700, 61_000_000, '.py'),
        (below) => bulkTree(aptInstall(below, ['build-essential', 'make', 'unzip']), '/usr/lib/x86_64-linux-gnu/buildpack', 2500, 550_000_000, '.so', 0o755),
        ...nodeRuns(false),
      ],
    },
  },
  {
    ref: 'python:3.12-slim',
    dockerfile: 'python/3.12-slim.Dockerfile',
    layerIds: ['python-3.12-slim-deps', 'python-3.12-slim-python', 'python-3.12-slim-links'],
    runs: {
      '': [
        (below) => bulkTree(aptInstall(below, ['ca-certificates']), '/usr/share/zoneinfo', 600, 1_400_000, ''),
        installPython,
        (below) => PYTHON_LINKS.reduce((root, [dst, src]) => putLink(root, `/usr/local/bin/${dst}`, src), below),
      ],
    },
  },
  {
    ref: 'nginx:alpine',
    dockerfile: 'nginx/alpine.Dockerfile',
    layerIds: ['nginx-alpine-nginx', 'nginx-alpine-entrypoint', 'nginx-alpine-10-listen', 'nginx-alpine-15-resolvers', 'nginx-alpine-20-envsubst', 'nginx-alpine-30-tune'],
    runs: { '': [(below) => bulkTree(installNginx(below, true), '/usr/lib/nginx/njs', 30, 26_000_000, '.so', 0o755)] },
  },
  {
    ref: 'nginx:latest',
    dockerfile: 'nginx/latest.Dockerfile',
    layerIds: ['nginx-bookworm-nginx', 'nginx-bookworm-entrypoint', 'nginx-bookworm-10-listen', 'nginx-bookworm-15-resolvers', 'nginx-bookworm-20-envsubst',
      'nginx-bookworm-30-tune'],
    runs: { '': [(below) => installNginx(below, false)] },
  },
  {
    ref: 'golang:1.23-alpine',
    dockerfile: 'golang/1.23-alpine.Dockerfile',
    layerIds: ['golang-1.23-alpine-certs', 'golang-1.23-alpine-go', 'golang-1.23-alpine-gopath', 'golang-1.23-alpine-workdir'],
    runs: {
      build: [goTarget],
      '': [
        (below) => apkAdd(below, ['ca-certificates']),
        (below) => mkdirs(mkdirs(mkdirs(below, '/go', 0o1777), '/go/src', 0o1777), '/go/bin', 0o1777),
      ],
    },
  },
];

export function catalogBuild(ref: string): CatalogBuild | undefined {
  return CATALOG_BUILDS.find((b) => b.ref === ref);
}

/** The layer function that replays RUN number `index` of `stage` ('' for an unnamed stage); every RUN must have one. */
export function replayFor(build: CatalogBuild, stage: string, index: number, command = ''): LayerFunction {
  const run = build.runs[stage]?.[index];
  if (!run) throw new Error(`${build.ref}: no replay for RUN #${index} of stage '${stage}'${command ? `: ${command.slice(0, 60)}` : ''}`);
  return run;
}

/** The replay hook for a build request (`BuildRequest.replayRun`). */
export function replayRunsOf(build: CatalogBuild): (step: RunReplayStep, below: DirNode) => DirNode {
  return (step, below) => replayFor(build, step.stage, step.index, step.command)(below);
}

// ---- What tools/precompute-digests.ts ships (catalog-images.json) ----

/** A file a COPY step put in the image, as the builder made it. */
export interface ShippedFile {
  readonly path: string;
  readonly text: string;
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly mtime: number;
}

/** How to recompute one layer of a built image: the step that made it. */
export type ShippedLayer =
  | { readonly id: string; readonly run: { readonly stage: string; readonly index: number } }
  | { readonly id: string; readonly copy: readonly ShippedFile[] }
  /** `COPY --from=<stage> --link <source>/ /`: the stage's directory as a layer of its own. */
  | { readonly id: string; readonly copyFrom: { readonly stage: string; readonly source: string } }
  | { readonly id: string; readonly workdir: string };

export interface ShippedImage {
  /** The final stage's base, a catalogue root image such as `alpine:3.21`. */
  readonly from: string;
  /** Bases of the other stages that COPY --from uses (their filesystems are replayed from their RUNs). */
  readonly stages: Readonly<Record<string, string>>;
  readonly config: import('./types.ts').BaseImageConfig;
  /** The history entries the Dockerfile added (the base's come first). */
  readonly history: readonly { readonly created_by: string; readonly empty_layer?: boolean; readonly comment?: string }[];
  readonly layers: readonly ShippedLayer[];
}
