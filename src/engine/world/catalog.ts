// The catalogue of repositories and tags. Images are described as layer lists (bottom first); each
// layer's filesystem changes are computed from the layer below on first access and memoised, so
// importing this module costs almost nothing. Tags built on the same base share the very same
// BaseLayer objects, so their blobs are byte-identical.
import { diffTrees, emptyDir, type Change, type DirNode } from '../fs/index.ts';
import { putText } from './fsutil.ts';
import {
  aptInstall, apkAdd, bulkTree, installGo, installNginx, installNode, installPython, installYarn, NGINX_ENTRYPOINT, NODE_ENTRYPOINT,
} from './images.ts';
import { ALPINE_320, ALPINE_321, buildAlpine } from './rootfs/alpine.ts';
import { buildBusybox } from './rootfs/busybox.ts';
import { BOOKWORM, JAMMY, NOBLE, buildDebLike } from './rootfs/debian.ts';
import { mkdirs } from './fsutil.ts';
import type { BaseImage, BaseImageConfig, BaseLayer, HistoryEntry, Repository } from './types.ts';

interface LayerState {
  parent: BaseLayer | undefined;
  build: (below: DirNode) => DirNode;
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

function defineLayer(id: string, createdBy: string, parent: BaseLayer | undefined, build: (below: DirNode) => DirNode): BaseLayer {
  const layer = { id, createdBy } as BaseLayer;
  const state: LayerState = { parent, build };
  Object.defineProperty(layer, 'changes', {
    enumerable: true,
    get(): readonly Change[] {
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

const alpine321 = image('alpine', '3.21', { Env: [PATH], Cmd: ['/bin/sh'] }, undefined, [{ layer: alpine321Root }, { empty: 'CMD ["/bin/sh"]' }]);
const alpine320 = image('alpine', '3.20', { Env: [PATH], Cmd: ['/bin/sh'] }, undefined, [{ layer: alpine320Root }, { empty: 'CMD ["/bin/sh"]' }]);
const busybox136 = image('busybox', '1.36', { Env: [PATH], Cmd: ['sh'] }, undefined, [{ layer: busyboxRoot }, { empty: 'CMD ["sh"]' }]);
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

// ---- node ----
const NODE_ENV = ['NODE_VERSION=22.12.0', 'YARN_VERSION=1.22.22'];
const nodeAlpineInstall = defineLayer('node-22-alpine-node', 'RUN /bin/sh -c addgroup -g 1000 node     && adduser -u 1000 -G node -s /bin/sh -D node     && apk add --no-cache         libstdc++     && apk add --no-cache --virtual .build-deps         curl     && ARCH= OPENSSL_ARCH=\'linux*\' && alpineArch="$(apk --print-arch)" ... && node --version     && npm --version' + BK,
  alpine321Root, (below) => installNode(below, true));
const nodeAlpineYarn = defineLayer('node-22-alpine-yarn', 'RUN /bin/sh -c apk add --no-cache --virtual .build-deps-yarn curl gnupg tar   && ... && yarn --version   && rm -rf /tmp/*' + BK,
  nodeAlpineInstall, installYarn);
const nodeAlpineEntry = defineLayer('node-22-alpine-entrypoint', 'COPY docker-entrypoint.sh /usr/local/bin/' + BK, nodeAlpineYarn,
  (below) => putText(below, '/usr/local/bin/docker-entrypoint.sh', NODE_ENTRYPOINT, 0o755));
const nodeConfig: BaseImageConfig = { Env: [PATH, ...NODE_ENV], Entrypoint: ['docker-entrypoint.sh'], Cmd: ['node'] };
const node22Alpine = image('node', '22-alpine', nodeConfig, alpine321, [
  { empty: 'ENV NODE_VERSION=22.12.0' }, { layer: nodeAlpineInstall }, { empty: 'ENV YARN_VERSION=1.22.22' }, { layer: nodeAlpineYarn },
  { layer: nodeAlpineEntry }, { empty: 'ENTRYPOINT ["docker-entrypoint.sh"]' }, { empty: 'CMD ["node"]' },
]);

const bpCurl = defineLayer('buildpack-deps-bookworm-curl', 'RUN /bin/sh -c set -eux; 	apt-get update; 	apt-get install -y --no-install-recommends 		ca-certificates 		curl 		gnupg 		netbase 		sq 		wget 	; 	rm -rf /var/lib/apt/lists/*' + BK,
  bookwormRoot, (below) => bulkTree(aptInstall(below, ['ca-certificates', 'curl', 'wget']), '/usr/lib/x86_64-linux-gnu/gnupg-sq', 40, 17_000_000, '.so', 0o755));
const bpScm = defineLayer('buildpack-deps-bookworm-scm', 'RUN /bin/sh -c set -eux; 	apt-get update; 	apt-get install -y --no-install-recommends 		git 		mercurial 		openssh-client 		subversion 				procps 	; 	rm -rf /var/lib/apt/lists/*' + BK,
  bpCurl, (below) => bulkTree(aptInstall(below, ['git', 'procps']), '/usr/lib/python3/dist-packages/mercurial', 700, 61_000_000, '.py'));
const bpFull = defineLayer('buildpack-deps-bookworm', 'RUN /bin/sh -c set -ex; 	apt-get update; 	apt-get install -y --no-install-recommends 		autoconf 		automake 		bzip2 		default-libmysqlclient-dev 		dpkg-dev 		file 		g++ 		gcc 		imagemagick 		libbz2-dev ... 	; 	rm -rf /var/lib/apt/lists/*' + BK,
  bpScm, (below) => bulkTree(aptInstall(below, ['build-essential', 'make', 'unzip']), '/usr/lib/x86_64-linux-gnu/buildpack', 2500, 550_000_000, '.so', 0o755));
const nodeDebInstall = defineLayer('node-22-bookworm-node', 'RUN /bin/sh -c groupadd --gid 1000 node   && useradd --uid 1000 --gid node --shell /bin/bash --create-home node ... && node --version   && npm --version' + BK,
  bpFull, (below) => installNode(below, false));
const nodeDebYarn = defineLayer('node-22-bookworm-yarn', 'RUN /bin/sh -c set -ex   && ... && yarn --version   && rm -rf /tmp/*' + BK, nodeDebInstall, installYarn);
const nodeDebEntry = defineLayer('node-22-bookworm-entrypoint', 'COPY docker-entrypoint.sh /usr/local/bin/' + BK, nodeDebYarn,
  (below) => putText(below, '/usr/local/bin/docker-entrypoint.sh', NODE_ENTRYPOINT, 0o755));
const node22 = image('node', '22', nodeConfig, bookworm, [
  { layer: bpCurl }, { layer: bpScm }, { layer: bpFull }, { empty: 'ENV NODE_VERSION=22.12.0' },
  { layer: nodeDebInstall }, { empty: 'ENV YARN_VERSION=1.22.22' }, { layer: nodeDebYarn }, { layer: nodeDebEntry },
  { empty: 'ENTRYPOINT ["docker-entrypoint.sh"]' }, { empty: 'CMD ["node"]' },
]);

// ---- python ----
const pyDeps = defineLayer('python-3.12-slim-deps', 'RUN /bin/sh -c set -eux; 	apt-get update; 	apt-get install -y --no-install-recommends 		ca-certificates 		netbase 		tzdata 	; 	rm -rf /var/lib/apt/lists/*' + BK,
  bookwormSlimRoot, (below) => bulkTree(aptInstall(below, ['ca-certificates']), '/usr/share/zoneinfo', 600, 1_400_000, ''));
const pyInstall = defineLayer('python-3.12-slim-python', 'RUN /bin/sh -c set -eux; 		savedAptMark="$(apt-mark showmanual)"; 	apt-get update; ... 	./configure ... 	make install; ... 	python3 --version; 		pip3 --version' + BK,
  pyDeps, installPython);
const pyLinks = defineLayer('python-3.12-slim-links', 'RUN /bin/sh -c set -eux; 	for src in idle3 pip3 pydoc3 python3 python3-config; do 		dst="$(echo "$src" | tr -d 3)"; 		[ -s "/usr/local/bin/$src" ]; 		[ ! -e "/usr/local/bin/$dst" ]; 		ln -svT "$src" "/usr/local/bin/$dst"; 	done' + BK,
  pyInstall, (below) => [['idle', 'idle3'], ['pydoc', 'pydoc3'], ['python', 'python3'], ['python-config', 'python3-config']].reduce(
    (root, [dst, src]) => putSymlink(root, `/usr/local/bin/${dst}`, src!), below));
const python312Slim = image('python', '3.12-slim', {
  Env: ['PATH=/usr/local/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'LANG=C.UTF-8', 'GPG_KEY=7169605F62C751356D054A26A821E680E5FA6305', 'PYTHON_VERSION=3.12.8'],
  Cmd: ['python3'],
}, bookwormSlim, [
  { empty: 'ENV PATH=/usr/local/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' }, { empty: 'ENV LANG=C.UTF-8' }, { layer: pyDeps },
  { empty: 'ENV GPG_KEY=7169605F62C751356D054A26A821E680E5FA6305' }, { empty: 'ENV PYTHON_VERSION=3.12.8' }, { layer: pyInstall }, { layer: pyLinks },
  { empty: 'CMD ["python3"]' },
]);

// ---- nginx ----
const NGINX_ENV = ['NGINX_VERSION=1.27.3', 'NJS_VERSION=0.8.7', 'NJS_RELEASE=1', 'PKG_RELEASE=1'];
const nginxConfig = (env: string[]): BaseImageConfig => ({
  Env: [PATH, ...env], Entrypoint: ['/docker-entrypoint.sh'], Cmd: ['nginx', '-g', 'daemon off;'], ExposedPorts: { '80/tcp': {} }, StopSignal: 'SIGQUIT',
  Labels: { maintainer: 'NGINX Docker Maintainers <docker-maint@nginx.com>' },
});
function nginxTail(prefix: string, below: BaseLayer): BaseLayer[] {
  const entry = defineLayer(`${prefix}-entrypoint`, 'COPY docker-entrypoint.sh /' + BK, below, (r) => putText(r, '/docker-entrypoint.sh', NGINX_ENTRYPOINT, 0o775));
  const ipv6 = defineLayer(`${prefix}-10-listen`, 'COPY 10-listen-on-ipv6-by-default.sh /docker-entrypoint.d' + BK, entry,
    (r) => putText(r, '/docker-entrypoint.d/10-listen-on-ipv6-by-default.sh', '#!/bin/sh\n# vim:sw=4:ts=4:et\n\nset -e\n', 0o775));
  const resolvers = defineLayer(`${prefix}-15-resolvers`, 'COPY 15-local-resolvers.envsh /docker-entrypoint.d' + BK, ipv6,
    (r) => putText(r, '/docker-entrypoint.d/15-local-resolvers.envsh', '#!/bin/sh\n# vim:sw=2:ts=2:sts=2:et\n\nset -eu\n', 0o775));
  const envsubst = defineLayer(`${prefix}-20-envsubst`, 'COPY 20-envsubst-on-templates.sh /docker-entrypoint.d' + BK, resolvers,
    (r) => putText(r, '/docker-entrypoint.d/20-envsubst-on-templates.sh', '#!/bin/sh\n\nset -e\n', 0o775));
  const tune = defineLayer(`${prefix}-30-tune`, 'COPY 30-tune-worker-processes.sh /docker-entrypoint.d' + BK, envsubst,
    (r) => putText(r, '/docker-entrypoint.d/30-tune-worker-processes.sh', '#!/bin/sh\n# vim:sw=2:ts=2:sts=2:et\n\nset -eu\n', 0o775));
  return [entry, ipv6, resolvers, envsubst, tune];
}
const nginxAlpineMain = defineLayer('nginx-alpine-nginx', 'RUN /bin/sh -c set -x     && addgroup -g 101 -S nginx     && adduser -S -D -H -u 101 -h /var/cache/nginx -s /sbin/nologin -G nginx -g nginx nginx     && apkArch="$(cat /etc/apk/arch)"     && ... && apk add --no-cache curl ca-certificates' + BK,
  alpine321Root, (below) => bulkTree(installNginx(below, true), '/usr/lib/nginx/njs', 30, 26_000_000, '.so', 0o755));
const nginxAlpineTail = nginxTail('nginx-alpine', nginxAlpineMain);
const nginxEmptyHead: Step[] = [{ empty: 'LABEL maintainer=NGINX Docker Maintainers <docker-maint@nginx.com>' }, { empty: 'ENV NGINX_VERSION=1.27.3' },
  { empty: 'ENV PKG_RELEASE=1' }, { empty: 'ENV NJS_VERSION=0.8.7' }, { empty: 'ENV NJS_RELEASE=1' }];
const nginxEmptyTail: Step[] = [{ empty: 'ENTRYPOINT ["/docker-entrypoint.sh"]' }, { empty: 'EXPOSE map[80/tcp:{}]' }, { empty: 'STOPSIGNAL SIGQUIT' },
  { empty: 'CMD ["nginx" "-g" "daemon off;"]' }];
const nginxAlpine = image('nginx', 'alpine', nginxConfig(NGINX_ENV), alpine321, [
  ...nginxEmptyHead, { layer: nginxAlpineMain }, ...nginxAlpineTail.map((layer) => ({ layer })), ...nginxEmptyTail,
]);
const nginxDebMain = defineLayer('nginx-bookworm-nginx', 'RUN /bin/sh -c set -x     && groupadd --system --gid 101 nginx     && useradd --system --gid nginx --no-create-home --home /nonexistent --comment "nginx user" --shell /bin/false --uid 101 nginx     && apt-get update ... && apt-get install --no-install-recommends --no-install-suggests -y $nginxPackages gettext-base curl ...' + BK,
  bookwormSlimRoot, (below) => installNginx(below, false));
const nginxDebTail = nginxTail('nginx-bookworm', nginxDebMain);
const nginxLatest = image('nginx', 'latest', nginxConfig([...NGINX_ENV.slice(0, 3), 'PKG_RELEASE=1~bookworm', 'DYNPKG_RELEASE=1~bookworm']), bookwormSlim, [
  ...nginxEmptyHead, { layer: nginxDebMain }, ...nginxDebTail.map((layer) => ({ layer })), ...nginxEmptyTail,
]);

// ---- golang ----
const goCerts = defineLayer('golang-1.23-alpine-certs', 'RUN /bin/sh -c apk add --no-cache ca-certificates' + BK, alpine321Root, (below) => apkAdd(below, ['ca-certificates']));
const goToolchain = defineLayer('golang-1.23-alpine-go', 'COPY /target/ /' + BK, goCerts, installGo);
const goPath = defineLayer('golang-1.23-alpine-gopath', 'RUN /bin/sh -c mkdir -p "$GOPATH/src" "$GOPATH/bin" && chmod -R 1777 "$GOPATH"' + BK, goToolchain,
  (below) => mkdirs(mkdirs(mkdirs(below, '/go', 0o1777), '/go/src', 0o1777), '/go/bin', 0o1777));
const GO_PATH = 'PATH=/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const golangAlpine = image('golang', '1.23-alpine', {
  Env: [GO_PATH, 'GOLANG_VERSION=1.23.4', 'GOTOOLCHAIN=local', 'GOPATH=/go'], Cmd: ['/bin/sh'], WorkingDir: '/go',
}, alpine321, [
  { layer: goCerts }, { empty: 'ENV GOLANG_VERSION=1.23.4' }, { empty: 'ENV GOTOOLCHAIN=local' }, { empty: 'ENV GOPATH=/go' },
  { empty: `ENV ${GO_PATH}` }, { layer: goToolchain }, { layer: goPath }, { empty: 'WORKDIR /go' },
]);

import { putLink as putSymlink } from './fsutil.ts';

export const CATALOG: readonly Repository[] = [
  { name: 'scratch', description: 'an explicitly empty image, especially for building images "FROM scratch"', stars: 0, official: true, tags: { latest: scratch } },
  { name: 'busybox', description: 'Busybox base image.', stars: 3400, official: true, tags: { '1.36': busybox136, latest: busybox136 } },
  { name: 'alpine', description: 'A minimal Docker image based on Alpine Linux with a complete package index and only 5 MB in size!', stars: 11000, official: true,
    tags: { '3.20': alpine320, '3.21': alpine321, latest: alpine321 } },
  { name: 'debian', description: 'Debian is a Linux distribution that\'s composed entirely of free and open-source software.', stars: 5200, official: true,
    tags: { bookworm: bookworm, 'bookworm-slim': bookwormSlim, latest: bookworm } },
  { name: 'ubuntu', description: 'Ubuntu is a Debian-based Linux operating system based on free software.', stars: 17000, official: true,
    tags: { '22.04': jammy, jammy, '24.04': noble, noble, latest: noble } },
  { name: 'node', description: 'Node.js is a JavaScript-based platform for server-side and networking applications.', stars: 13000, official: true,
    tags: { '22-alpine': node22Alpine, '22': node22, latest: node22 } },
  { name: 'python', description: 'Python is an interpreted, interactive, object-oriented, open-source programming language.', stars: 10000, official: true,
    tags: { '3.12-slim': python312Slim } },
  { name: 'nginx', description: 'Official build of Nginx.', stars: 20000, official: true, tags: { alpine: nginxAlpine, latest: nginxLatest } },
  { name: 'golang', description: 'Go (golang) is a general purpose, higher-level, imperative programming language.', stars: 4800, official: true,
    tags: { '1.23-alpine': golangAlpine } },
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
