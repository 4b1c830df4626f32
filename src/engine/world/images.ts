// Layer functions for the catalogue's non-root images. Each takes the filesystem below a RUN step and
// returns the filesystem after it, doing what the official image's RUN step does (installing packages
// from the toy index, adding users, unpacking a toolchain). The catalogue build replays the Dockerfiles'
// RUN steps with them (catalog-builds.ts), because the toy RUN interpreter cannot download or compile.
import type { DirNode } from '../fs/index.ts';
import { appendText, mkdirs, putBulk, putLink, putText, readText } from './fsutil.ts';
import { installApk, installDeb, installedApk, installedDeb, installPip } from './install.ts';
import { apkIndex, aptIndex, pipIndex } from './packages/indexes.ts';
import { spreadFiles } from './packages/model.ts';
import { resolveDeps } from './packages/resolve.ts';

export function apkAdd(root: DirNode, names: string[], world = true): DirNode {
  const installed = new Set(installedApk(root).keys());
  const { order, missing } = resolveDeps(apkIndex(), names, installed);
  if (missing.length) throw new Error(`toy index lacks ${missing.join(', ')}`);
  root = installApk(root, order);
  if (world) {
    const w = new Set((readText(root, '/etc/apk/world') ?? '').split('\n').filter(Boolean));
    for (const n of names) w.add(n);
    root = putText(root, '/etc/apk/world', [...w].sort().join('\n') + '\n');
  }
  return root;
}

export function aptInstall(root: DirNode, names: string[], recommends = false): DirNode {
  const installed = new Set(installedDeb(root).keys());
  const { order, missing } = resolveDeps(aptIndex(), names, installed, recommends);
  if (missing.length) throw new Error(`toy index lacks ${missing.join(', ')}`);
  return installDeb(root, order);
}

export function addUserLine(root: DirNode, user: string, uid: number, gid: number, home: string, shell: string, gecos = ''): DirNode {
  root = appendText(root, '/etc/passwd', `${user}:x:${uid}:${gid}:${gecos}:${home}:${shell}\n`);
  if (!(readText(root, '/etc/group') ?? '').split('\n').some((l) => l.split(':')[2] === String(gid))) root = appendText(root, '/etc/group', `${user}:x:${gid}:\n`);
  if (readText(root, '/etc/shadow') !== undefined) root = appendText(root, '/etc/shadow', `${user}:!:19700:0:99999:7:::\n`);
  return root;
}

export function bulkTree(root: DirNode, dir: string, count: number, total: number, ext: string, mode = 0o644): DirNode {
  for (const f of spreadFiles(dir, count, total, ext, dir)) root = putBulk(root, f.path, f.size, mode);
  return root;
}

/** Installs node 22 under /usr/local as the official image's RUN step does. */
export function installNode(root: DirNode, alpine: boolean): DirNode {
  if (alpine) {
    root = addUserLine(root, 'node', 1000, 1000, '/home/node', '/bin/sh', 'Linux User,,,');
    root = mkdirs(root, '/home/node', 0o755, { uid: 1000, gid: 1000 });
    root = apkAdd(root, ['libstdc++'], false);
  } else {
    root = addUserLine(root, 'node', 1000, 1000, '/home/node', '/bin/bash');
    root = mkdirs(root, '/home/node', 0o755, { uid: 1000, gid: 1000 });
  }
  root = putBulk(root, '/usr/local/bin/node', 117_171_520, 0o755);
  root = putLink(root, '/usr/local/bin/nodejs', 'node');
  root = putLink(root, '/usr/local/bin/npm', '../lib/node_modules/npm/bin/npm-cli.js');
  root = putLink(root, '/usr/local/bin/npx', '../lib/node_modules/npm/bin/npx-cli.js');
  root = putLink(root, '/usr/local/bin/corepack', '../lib/node_modules/corepack/dist/corepack.js');
  root = putText(root, '/usr/local/lib/node_modules/npm/package.json', '{\n  "name": "npm",\n  "version": "10.9.2",\n  "description": "a package manager for JavaScript"\n}\n');
  root = putText(root, '/usr/local/lib/node_modules/npm/bin/npm-cli.js', '#!/usr/bin/env node\nrequire(\'../lib/cli.js\')(process)\n', 0o755);
  root = putText(root, '/usr/local/lib/node_modules/npm/bin/npx-cli.js', '#!/usr/bin/env node\n', 0o755);
  root = bulkTree(root, '/usr/local/lib/node_modules/npm/lib', 180, 3_300_000, '.js');
  root = bulkTree(root, '/usr/local/lib/node_modules/npm/node_modules', 600, 8_900_000, '.js');
  root = putText(root, '/usr/local/lib/node_modules/corepack/package.json', '{\n  "name": "corepack",\n  "version": "0.30.0"\n}\n');
  root = bulkTree(root, '/usr/local/lib/node_modules/corepack/dist', 12, 1_500_000, '.js');
  root = bulkTree(root, '/usr/local/include/node', 90, 4_100_000, '.h');
  return root;
}

export function installYarn(root: DirNode): DirNode {
  root = putText(root, '/opt/yarn-v1.22.22/package.json', '{\n  "name": "yarn",\n  "version": "1.22.22"\n}\n');
  root = putBulk(root, '/opt/yarn-v1.22.22/lib/cli.js', 5_345_000, 0o644);
  root = putText(root, '/opt/yarn-v1.22.22/bin/yarn.js', '#!/usr/bin/env node\n', 0o755);
  root = putLink(root, '/usr/local/bin/yarn', '/opt/yarn-v1.22.22/bin/yarn');
  root = putLink(root, '/usr/local/bin/yarnpkg', '/opt/yarn-v1.22.22/bin/yarnpkg');
  root = putText(root, '/opt/yarn-v1.22.22/bin/yarn', '#!/bin/sh\n', 0o755);
  root = putText(root, '/opt/yarn-v1.22.22/bin/yarnpkg', '#!/bin/sh\n', 0o755);
  return root;
}

/** CPython 3.12 built from source into /usr/local, as python:3.12-slim's main RUN step leaves it. */
export function installPython(root: DirNode): DirNode {
  root = aptInstall(root, ['libexpat1', 'libsqlite3-0', 'libncursesw6', 'libreadline8', 'libffi8', 'libmpdec3']);
  root = putBulk(root, '/usr/local/bin/python3.12', 14_448, 0o755);
  root = putLink(root, '/usr/local/bin/python3', 'python3.12');
  root = putBulk(root, '/usr/local/lib/libpython3.12.so.1.0', 10_400_000, 0o755);
  root = putLink(root, '/usr/local/lib/libpython3.12.so', 'libpython3.12.so.1.0');
  root = putText(root, '/usr/local/bin/pip3.12', '#!/usr/local/bin/python3.12\n# -*- coding: utf-8 -*-\nimport re\nimport sys\nfrom pip._internal.cli.main import main\n', 0o755);
  root = putLink(root, '/usr/local/bin/pip3', 'pip3.12');
  root = putLink(root, '/usr/local/bin/pip', 'pip3.12');
  root = bulkTree(root, '/usr/local/lib/python3.12', 600, 13_900_000, '.py');
  root = bulkTree(root, '/usr/local/lib/python3.12/__pycache__', 600, 5_200_000, '.cpython-312.pyc');
  root = bulkTree(root, '/usr/local/lib/python3.12/lib-dynload', 70, 6_800_000, '.cpython-312-x86_64-linux-gnu.so', 0o755);
  root = bulkTree(root, '/usr/local/include/python3.12', 120, 1_100_000, '.h');
  // pip itself, installed with its dist-info so scanners find it.
  const pip = { manager: 'pip' as const, name: 'pip', version: '24.3.1', description: 'The PyPA recommended tool for installing Python packages.', depends: [],
    installedSize: 0, downloadSize: 1_800_000, license: 'MIT', files: spreadFiles('pip', 700, 9_300_000, '.py', 'pip') };
  pip.installedSize = pip.files.reduce((a, f) => a + f.size, 0);
  root = installPip(root, '/usr/local/lib/python3.12/site-packages', [pip]);
  void pipIndex;
  return root;
}

/** The Go toolchain as the official golang image copies it to /usr/local/go. */
export function installGo(root: DirNode): DirNode {
  root = putText(root, '/usr/local/go/VERSION', 'go1.23.4\ntime 2024-11-27T18:33:19Z\n');
  root = putBulk(root, '/usr/local/go/bin/go', 14_270_000, 0o755);
  root = putBulk(root, '/usr/local/go/bin/gofmt', 3_160_000, 0o755);
  for (const [tool, size] of [['compile', 25_600_000], ['link', 8_900_000], ['asm', 5_600_000], ['cgo', 4_800_000], ['vet', 10_400_000], ['cover', 5_900_000],
    ['buildid', 2_700_000], ['pack', 2_600_000], ['covdata', 3_500_000], ['trace', 14_500_000], ['pprof', 17_900_000], ['nm', 5_300_000], ['objdump', 5_700_000],
    ['addr2line', 3_500_000], ['test2json', 3_000_000], ['doc', 7_300_000], ['fix', 4_100_000]] as [string, number][]) {
    root = putBulk(root, `/usr/local/go/pkg/tool/linux_amd64/${tool}`, size, 0o755);
  }
  root = bulkTree(root, '/usr/local/go/src/runtime', 600, 9_800_000, '.go');
  root = bulkTree(root, '/usr/local/go/src/net', 500, 8_600_000, '.go');
  root = bulkTree(root, '/usr/local/go/src/cmd', 2000, 32_000_000, '.go');
  root = bulkTree(root, '/usr/local/go/src/crypto', 800, 12_500_000, '.go');
  root = bulkTree(root, '/usr/local/go/src/vendor', 300, 4_000_000, '.go');
  root = bulkTree(root, '/usr/local/go/src/internal', 700, 9_000_000, '.go');
  root = bulkTree(root, '/usr/local/go/test', 1200, 16_000_000, '.go');
  root = bulkTree(root, '/usr/local/go/pkg/include', 6, 60_000, '.h');
  root = bulkTree(root, '/usr/local/go/misc', 40, 1_200_000, '.js');
  root = putBulk(root, '/usr/local/go/lib/time/zoneinfo.zip', 401_728, 0o644);
  return root;
}

export function installNginx(root: DirNode, alpine: boolean): DirNode {
  if (alpine) {
    root = appendText(root, '/etc/group', 'nginx:x:101:nginx\n');
    root = appendText(root, '/etc/passwd', 'nginx:x:101:101:nginx:/var/cache/nginx:/sbin/nologin\n');
    root = apkAdd(root, ['pcre2', 'libssl3', 'zlib', 'curl', 'tzdata', 'libexpat'], false);
    root = putBulk(root, '/usr/sbin/nginx', 1_430_000, 0o755);
    root = putBulk(root, '/usr/sbin/nginx-debug', 1_560_000, 0o755);
    root = bulkTree(root, '/usr/lib/nginx/modules', 10, 2_800_000, '.so', 0o755);
    root = putLink(root, '/etc/nginx/modules', '../../usr/lib/nginx/modules');
    root = putLink(root, '/var/log/nginx/access.log', '/dev/stdout');
    root = putLink(root, '/var/log/nginx/error.log', '/dev/stderr');
  } else {
    root = appendText(root, '/etc/group', 'nginx:x:101:\n');
    root = appendText(root, '/etc/passwd', 'nginx:x:101:101:nginx user:/nonexistent:/bin/false\n');
    root = aptInstall(root, ['ca-certificates', 'libssl3', 'libpcre2-8-0', 'zlib1g', 'libcrypt1', 'libxml2-none'].filter((n) => !n.endsWith('-none')));
    root = putBulk(root, '/usr/sbin/nginx', 1_520_000, 0o755);
    root = putBulk(root, '/usr/sbin/nginx-debug', 1_650_000, 0o755);
    root = bulkTree(root, '/usr/lib/nginx/modules', 10, 3_300_000, '.so', 0o755);
    root = bulkTree(root, '/usr/lib/x86_64-linux-gnu/nginx-deps', 60, 112_000_000, '.so', 0o755);
    root = putLink(root, '/etc/nginx/modules', '../../usr/lib/nginx/modules');
    root = putLink(root, '/var/log/nginx/access.log', '/dev/stdout');
    root = putLink(root, '/var/log/nginx/error.log', '/dev/stderr');
  }
  root = putText(root, '/etc/nginx/nginx.conf', '\nuser  nginx;\nworker_processes  auto;\n\nerror_log  /var/log/nginx/error.log notice;\npid        /var/run/nginx.pid;\n\n\nevents {\n    worker_connections  1024;\n}\n\n\nhttp {\n    include       /etc/nginx/mime.types;\n    default_type  application/octet-stream;\n\n    sendfile        on;\n    keepalive_timeout  65;\n\n    include /etc/nginx/conf.d/*.conf;\n}\n');
  root = putText(root, '/etc/nginx/conf.d/default.conf', 'server {\n    listen       80;\n    listen  [::]:80;\n    server_name  localhost;\n\n    location / {\n        root   /usr/share/nginx/html;\n        index  index.html index.htm;\n    }\n\n    error_page   500 502 503 504  /50x.html;\n    location = /50x.html {\n        root   /usr/share/nginx/html;\n    }\n}\n');
  root = putBulk(root, '/etc/nginx/mime.types', 5_349, 0o644);
  root = putText(root, '/usr/share/nginx/html/index.html', '<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n</head>\n<body>\n<h1>Welcome to nginx!</h1>\n<p>If you see this page, the nginx web server is successfully installed and\nworking. Further configuration is required.</p>\n</body>\n</html>\n');
  root = putText(root, '/usr/share/nginx/html/50x.html', '<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n</head>\n<body>\n<h1>An error occurred.</h1>\n</body>\n</html>\n');
  root = mkdirs(root, '/var/cache/nginx', 0o755, { uid: 101, gid: 0 });
  root = mkdirs(root, '/docker-entrypoint.d');
  return root;
}

export { installApk, installDeb };
