// The catalogue of repositories and tags. Root images (alpine, busybox, debian, ubuntu, scratch) are
// layer lists over root filesystems built in rootfs/, as the real ones come from tarballs. The other
// images are built from the Dockerfiles in dockerfiles/ with the lab's own builder, offline
// (tools/precompute-digests.ts): their config and history come from what that build shipped
// (catalog-images.json), their layers' digests from catalog-digests.json, and their layers' files from
// the same replays the build used (catalog-builds.ts). Each layer's changes are computed from the layer
// below on first access and memoised, so importing this module costs almost nothing. Images built on
// the same base share the very same BaseLayer objects, so their blobs are byte-identical.
import { applyChanges, diffTrees, emptyDir, fileNode, getNode, normalizePath, setNode, textContent, type Change, type DirNode } from '../fs/index.ts';
import { catalogBuild, replayFor, type CatalogBuild, type LayerFunction, type ShippedImage, type ShippedLayer } from './catalog-builds.ts';
import shippedImages from './catalog-images.json' with { type: 'json' };
import { mkdirs, putBulk } from './fsutil.ts';
import { HELLO_WORLD_SEED } from './hello-world.ts';
import { ALPINE_320, ALPINE_321, buildAlpine } from './rootfs/alpine.ts';
import { buildBusybox } from './rootfs/busybox.ts';
import { BOOKWORM, JAMMY, NOBLE, buildDebLike } from './rootfs/debian.ts';
import type { BaseImage, BaseImageConfig, BaseLayer, HistoryEntry, Repository } from './types.ts';

interface LayerState {
  parent: BaseLayer | undefined;
  build: (below: DirNode) => DirNode;
  /** For a layer that is not the diff of its result against the layer below (COPY --link). */
  ownChanges?: () => Change[];
  changes?: Change[];
  root?: DirNode;
}

const STATE = new WeakMap<BaseLayer, LayerState>();
const EMPTY = emptyDir();

/** The full filesystem after `layer` (and every layer below it). Memoised. */
export function layerRoot(layer: BaseLayer): DirNode {
  const st = STATE.get(layer);
  if (!st) throw new Error(`unknown layer ${layer.id}`);
  if (!st.root) {
    const below = st.parent ? layerRoot(st.parent) : EMPTY;
    st.root = st.build(below);
  }
  return st.root;
}

function defineLayer(id: string, createdBy: string, parent: BaseLayer | undefined, build: (below: DirNode) => DirNode, ownChanges?: () => Change[]): BaseLayer {
  const layer = { id, createdBy } as BaseLayer;
  const state: LayerState = { parent, build, ownChanges };
  Object.defineProperty(layer, 'changes', {
    enumerable: true,
    get(): readonly Change[] {
      if (!state.changes && state.ownChanges) state.changes = state.ownChanges();
      if (!state.changes) {
        const below = parent ? layerRoot(parent) : EMPTY;
        state.changes = diffTrees(below, layerRoot(layer));
      }
      return state.changes;
    },
  });
  STATE.set(layer, state);
  return layer;
}

type Step = { layer: BaseLayer } | { empty: string };

function image(repository: string, tag: string, config: BaseImageConfig, base: BaseImage | undefined, steps: Step[]): BaseImage {
  const layers: BaseLayer[] = base ? [...base.layers] : [];
  const history: HistoryEntry[] = base ? base.history.map((h) => ({ ...h })) : [];
  for (const s of steps) {
    if ('layer' in s) {
      layers.push(s.layer);
      history.push({ createdBy: s.layer.createdBy, emptyLayer: false });
    } else history.push({ createdBy: s.empty, emptyLayer: true });
  }
  return { repository, tag, config, layers, history };
}

const PATH = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const BK = ' # buildkit';

// ---- root filesystems ----
const alpine321Root = defineLayer('alpine-3.21-rootfs', 'ADD alpine-minirootfs-3.21.0-x86_64.tar.gz /' + BK, undefined, () => buildAlpine(ALPINE_321));
const alpine320Root = defineLayer('alpine-3.20-rootfs', 'ADD alpine-minirootfs-3.20.3-x86_64.tar.gz /' + BK, undefined, () => buildAlpine(ALPINE_320));
const busyboxRoot = defineLayer('busybox-1.36-rootfs', 'ADD busybox.tar.xz /' + BK, undefined, buildBusybox);
const bookwormSlimRoot = defineLayer('debian-bookworm-slim-rootfs', "# debian.sh --arch 'amd64' out/ 'bookworm' '@1733097600'", undefined, () => buildDebLike(BOOKWORM));
const bookwormRoot = defineLayer('debian-bookworm-rootfs', "# debian.sh --arch 'amd64' out/ 'bookworm' '@1733097600'", undefined,
  () => buildDebLike({ ...BOOKWORM, slim: false, docBytes: 42_000_000 }));
const nobleRoot = defineLayer('ubuntu-24.04-rootfs', 'ADD file:ubuntu-noble-oci-amd64-root.tar.gz in / ', undefined, () => buildDebLike(NOBLE));
const jammyRoot = defineLayer('ubuntu-22.04-rootfs', 'ADD file:ubuntu-jammy-oci-amd64-root.tar.gz in / ', undefined, () => buildDebLike(JAMMY));

const scratch: BaseImage = { repository: 'scratch', tag: 'latest', config: { Env: [] }, layers: [], history: [] };

// hello-world (docker-library/hello-world): `FROM scratch`, `COPY hello /`, `CMD ["/hello"]`. /hello is
// one static binary (10,072 bytes for amd64 in that repository) that prints Docker's greeting; the lab's
// program for it (hello-world.ts) knows the file by its seed.
const helloRoot = defineLayer('hello-world-hello', 'COPY hello / # buildkit', undefined, (below) => putBulk(below, '/hello', 10_072, 0o755, undefined, HELLO_WORLD_SEED));
const helloWorld: BaseImage = {
  repository: 'hello-world', tag: 'latest', config: { Env: [PATH], Cmd: ['/hello'], ArgsEscaped: true }, layers: [helloRoot],
  history: [
    { createdBy: helloRoot.createdBy, emptyLayer: false, comment: 'buildkit.dockerfile.v0' },
    { createdBy: 'CMD ["/hello"]', emptyLayer: true, comment: 'buildkit.dockerfile.v0' },
  ],
};

// Images whose history shows BuildKit (`# buildkit`) carry ArgsEscaped, which BuildKit sets on every CMD;
// debian's (debuerreotype) and ubuntu's (the classic builder on Linux) configs do not.
const alpine321 = image('alpine', '3.21', { Env: [PATH], Cmd: ['/bin/sh'], ArgsEscaped: true }, undefined, [{ layer: alpine321Root }, { empty: 'CMD ["/bin/sh"]' }]);
const alpine320 = image('alpine', '3.20', { Env: [PATH], Cmd: ['/bin/sh'], ArgsEscaped: true }, undefined, [{ layer: alpine320Root }, { empty: 'CMD ["/bin/sh"]' }]);
const busybox136 = image('busybox', '1.36', { Env: [PATH], Cmd: ['sh'], ArgsEscaped: true }, undefined, [{ layer: busyboxRoot }, { empty: 'CMD ["sh"]' }]);
const bookwormSlim = image('debian', 'bookworm-slim', { Env: [PATH], Cmd: ['bash'] }, undefined, [{ layer: bookwormSlimRoot }, { empty: 'CMD ["bash"]' }]);
const bookworm = image('debian', 'bookworm', { Env: [PATH], Cmd: ['bash'] }, undefined, [{ layer: bookwormRoot }, { empty: 'CMD ["bash"]' }]);
const ubuntuSteps = (version: string, layer: BaseLayer): Step[] => [
  { empty: 'ARG RELEASE' }, { empty: 'ARG LAUNCHPAD_BUILD_ARCH' }, { empty: 'LABEL org.opencontainers.image.ref.name=ubuntu' },
  { empty: `LABEL org.opencontainers.image.version=${version}` }, { layer }, { empty: 'CMD ["/bin/bash"]' },
];
const ubuntuConfig = (version: string): BaseImageConfig => ({
  Env: [PATH], Cmd: ['/bin/bash'], Labels: { 'org.opencontainers.image.ref.name': 'ubuntu', 'org.opencontainers.image.version': version },
});
const noble = image('ubuntu', '24.04', ubuntuConfig('24.04'), undefined, ubuntuSteps('24.04', nobleRoot));
const jammy = image('ubuntu', '22.04', ubuntuConfig('22.04'), undefined, ubuntuSteps('22.04', jammyRoot));

// ---- images built from Dockerfiles (dockerfiles/, catalog-builds.ts) ----
const SHIPPED = shippedImages as unknown as Readonly<Record<string, ShippedImage>>;
const ROOT_IMAGES: Readonly<Record<string, BaseImage>> = {
  'alpine:3.21': alpine321, 'alpine:3.20': alpine320, 'busybox:1.36': busybox136, 'debian:bookworm': bookworm, 'debian:bookworm-slim': bookwormSlim,
  'ubuntu:24.04': noble, 'ubuntu:22.04': jammy,
};

/** What a shipped layer's step does to the filesystem below it. */
function layerFunction(build: CatalogBuild, l: ShippedLayer): LayerFunction {
  if ('run' in l) return replayFor(build, l.run.stage, l.run.index);
  if ('copy' in l) {
    return (below) => l.copy.reduce((root, f) => setNode(root, f.path, fileNode(textContent(f.text), { mode: f.mode, uid: f.uid, gid: f.gid, mtime: f.mtime })), below);
  }
  if ('workdir' in l) return (below) => mkdirs(below, l.workdir);
  throw new Error(`${build.ref}: layer ${l.id} is not a RUN, COPY or WORKDIR step`);
}

/** `COPY --from=<stage> --link <dir>/ /`: the stage's directory, replayed from its RUN steps, as a layer of its own. */
function linkChanges(build: CatalogBuild, shipped: ShippedImage, stage: string, source: string): Change[] {
  const base = ROOT_IMAGES[shipped.stages[stage] ?? ''];
  if (!base) throw new Error(`${build.ref}: stage ${stage} has no catalogue base`);
  const root = (build.runs[stage] ?? []).reduce((r, run) => run(r), baseImageRoot(base));
  const dir = getNode(root, normalizePath(source));
  if (dir?.type !== 'dir') throw new Error(`${build.ref}: ${source} is not a directory in stage ${stage}`);
  return diffTrees(EMPTY, { ...emptyDir(), entries: dir.entries });
}

/**
 * A catalogue image as its Dockerfile built it: config and history as the build shipped them
 * (catalog-images.json), layers on top of the base's very objects, their changes replayed on first access.
 */
export function imageFromShipped(ref: string, shipped: ShippedImage): BaseImage {
  const build = catalogBuild(ref);
  if (!build) throw new Error(`${ref} is not in CATALOG_BUILDS`);
  const base = ROOT_IMAGES[shipped.from];
  if (!base) throw new Error(`${ref}: base ${shipped.from} is not a catalogue root image`);
  const layers = [...base.layers];
  const createdBy = shipped.history.filter((h) => !h.empty_layer).map((h) => h.created_by);
  shipped.layers.forEach((l, k) => {
    const parent = layers.at(-1);
    if ('copyFrom' in l) {
      let changes: Change[] | undefined;
      const own = (): Change[] => (changes ??= linkChanges(build, shipped, l.copyFrom.stage, l.copyFrom.source));
      layers.push(defineLayer(l.id, createdBy[k] ?? '', parent, (below) => applyChanges(below, own()), own));
    } else layers.push(defineLayer(l.id, createdBy[k] ?? '', parent, layerFunction(build, l)));
  });
  const history: HistoryEntry[] = [
    ...base.history.map((h) => ({ ...h })),
    ...shipped.history.map((h) => ({ createdBy: h.created_by, emptyLayer: h.empty_layer === true, ...(h.comment ? { comment: h.comment } : {}) })),
  ];
  const [repository, tag] = ref.split(':') as [string, string];
  return { repository, tag, config: shipped.config, layers, history };
}

function builtImage(ref: string): BaseImage | undefined {
  const shipped = SHIPPED[ref];
  // Missing only while tools/precompute-digests.ts makes the data for the first time (a unit test checks every build is shipped).
  return shipped ? imageFromShipped(ref, shipped) : undefined;
}

const node22Alpine = builtImage('node:22-alpine');
const node22 = builtImage('node:22');
const python312Slim = builtImage('python:3.12-slim');
const nginxAlpine = builtImage('nginx:alpine');
const nginxLatest = builtImage('nginx:latest');
const golangAlpine = builtImage('golang:1.23-alpine');


/** Tags whose image exists (built images are missing only before their data is first shipped). */
function tags(entries: Record<string, BaseImage | undefined>): Record<string, BaseImage> {
  return Object.fromEntries(Object.entries(entries).filter((e): e is [string, BaseImage] => e[1] !== undefined));
}

export const CATALOG: readonly Repository[] = [
  { name: 'scratch', description: 'an explicitly empty image, especially for building images "FROM scratch"', stars: 0, official: true, tags: { latest: scratch } },
  // Star counts are approximate, as Docker Hub showed them; they only order `docker search`.
  { name: 'hello-world', description: 'Hello World! (an example of minimal Dockerization)', stars: 2300, official: true, tags: { latest: helloWorld } },
  { name: 'busybox', description: 'Busybox base image.', stars: 3400, official: true, tags: { '1.36': busybox136, latest: busybox136 } },
  { name: 'alpine', description: 'A minimal Docker image based on Alpine Linux with a complete package index and only 5 MB in size!', stars: 11000, official: true,
    tags: { '3.20': alpine320, '3.21': alpine321, latest: alpine321 } },
  { name: 'debian', description: 'Debian is a Linux distribution that\'s composed entirely of free and open-source software.', stars: 5200, official: true,
    tags: { bookworm: bookworm, 'bookworm-slim': bookwormSlim, latest: bookworm } },
  { name: 'ubuntu', description: 'Ubuntu is a Debian-based Linux operating system based on free software.', stars: 17000, official: true,
    tags: { '22.04': jammy, jammy, '24.04': noble, noble, latest: noble } },
  { name: 'node', description: 'Node.js is a JavaScript-based platform for server-side and networking applications.', stars: 13000, official: true,
    tags: tags({ '22-alpine': node22Alpine, '22': node22, latest: node22 }) },
  { name: 'python', description: 'Python is an interpreted, interactive, object-oriented, open-source programming language.', stars: 10000, official: true,
    tags: tags({ '3.12-slim': python312Slim }) },
  { name: 'nginx', description: 'Official build of Nginx.', stars: 20000, official: true, tags: tags({ alpine: nginxAlpine, latest: nginxLatest }) },
  { name: 'golang', description: 'Go (golang) is a general purpose, higher-level, imperative programming language.', stars: 4800, official: true,
    tags: tags({ '1.23-alpine': golangAlpine }) },
];

/**
 * Splits an image reference into repository and tag. Accepts `alpine`, `alpine:3.21`,
 * `library/alpine:3.21` and `docker.io/library/alpine:3.21`; no tag means `latest`.
 * A digest (`@sha256:…`) is kept in `digest`.
 */
export function parseImageRef(ref: string): { registry: string; repository: string; tag: string; digest?: string } {
  let rest = ref.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let registry = 'docker.io';
  const parts = rest.split('/');
  if (parts.length > 1 && (parts[0]!.includes('.') || parts[0]!.includes(':') || parts[0] === 'localhost')) {
    registry = parts.shift()!;
    if (registry === 'index.docker.io' || registry === 'registry-1.docker.io') registry = 'docker.io';
  }
  let path = parts.join('/');
  let tag = 'latest';
  const colon = path.lastIndexOf(':');
  if (colon >= 0) {
    tag = path.slice(colon + 1);
    path = path.slice(0, colon);
  } else if (digest) tag = '';
  if (registry === 'docker.io' && path.startsWith('library/')) path = path.slice('library/'.length);
  const out: { registry: string; repository: string; tag: string; digest?: string } = { registry, repository: path, tag };
  if (digest) out.digest = digest;
  return out;
}

export function resolveBaseImage(ref: string): BaseImage | undefined {
  const { registry, repository, tag } = parseImageRef(ref);
  if (registry !== 'docker.io') return undefined;
  const repo = CATALOG.find((r) => r.name === repository);
  return repo?.tags[tag || 'latest'];
}

/** The image's full root filesystem (all layers applied). Memoised per top layer. */
export function baseImageRoot(image: BaseImage): DirNode {
  const top = image.layers[image.layers.length - 1];
  return top ? layerRoot(top) : EMPTY;
}
