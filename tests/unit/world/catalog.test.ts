import { describe, expect, it } from 'vitest';
import { applyChanges, contentText, diffTrees, emptyDir, getNode, statNode, treeSize, walk } from '../../../src/engine/fs/index.ts';
import { CATALOG, baseImageRoot, parseImageRef, resolveBaseImage, scanPackages } from '../../../src/engine/world/index.ts';
import { fileText } from './helpers.ts';

const MB = 1_000_000;

describe('image references', () => {
  it('accepts the short, library/ and docker.io forms, with latest as the default tag', () => {
    const forms = ['alpine:3.21', 'library/alpine:3.21', 'docker.io/library/alpine:3.21', 'index.docker.io/library/alpine:3.21'];
    const images = forms.map((f) => resolveBaseImage(f));
    expect(images[0]?.repository).toBe('alpine');
    expect(images[0]?.tag).toBe('3.21');
    for (const img of images) expect(img).toBe(images[0]);
    expect(resolveBaseImage('alpine')).toBe(images[0]);
    expect(resolveBaseImage('alpine:latest')).toBe(images[0]);
    expect(resolveBaseImage('ubuntu')).toBe(resolveBaseImage('ubuntu:24.04'));
    expect(resolveBaseImage('busybox')).toBe(resolveBaseImage('busybox:1.36'));
  });

  it('rejects unknown repositories, tags and registries', () => {
    expect(resolveBaseImage('alpine:2.0')).toBeUndefined();
    expect(resolveBaseImage('nosuchimage')).toBeUndefined();
    expect(resolveBaseImage('ghcr.io/library/alpine:3.21')).toBeUndefined();
  });

  it('parses registry, repository, tag and digest', () => {
    expect(parseImageRef('localhost:5000/team/app:v1')).toEqual({ registry: 'localhost:5000', repository: 'team/app', tag: 'v1' });
    expect(parseImageRef('alpine@sha256:abc')).toEqual({ registry: 'docker.io', repository: 'alpine', tag: '', digest: 'sha256:abc' });
  });

  it('holds every tag the issue asks for', () => {
    const want = ['scratch:latest', 'busybox:1.36', 'busybox:latest', 'alpine:3.20', 'alpine:3.21', 'alpine:latest', 'debian:bookworm', 'debian:bookworm-slim',
      'ubuntu:22.04', 'ubuntu:24.04', 'ubuntu:latest', 'node:22-alpine', 'node:22', 'python:3.12-slim', 'nginx:alpine', 'nginx:latest', 'golang:1.23-alpine'];
    for (const ref of want) expect(resolveBaseImage(ref), ref).toBeDefined();
    expect(CATALOG.every((r) => r.official && r.description.length > 10)).toBe(true);
  });
});

describe('layer sharing', () => {
  const alpine = resolveBaseImage('alpine:3.21')!;
  it('node:22-alpine, nginx:alpine and golang:1.23-alpine start with the very same alpine:3.21 layer object and changes', () => {
    for (const ref of ['node:22-alpine', 'nginx:alpine', 'golang:1.23-alpine']) {
      const img = resolveBaseImage(ref)!;
      expect(img.layers[0]).toBe(alpine.layers[0]);
      expect(img.layers[0]!.changes).toBe(alpine.layers[0]!.changes);
    }
    expect(alpine.layers[0]!.id).toBe('alpine-3.21-rootfs');
  });

  it('python:3.12-slim and nginx:latest share debian:bookworm-slim\'s layer', () => {
    const slim = resolveBaseImage('debian:bookworm-slim')!;
    expect(resolveBaseImage('python:3.12-slim')!.layers[0]).toBe(slim.layers[0]);
    expect(resolveBaseImage('python:3.12-slim')!.layers[0]!.changes).toBe(slim.layers[0]!.changes);
    expect(resolveBaseImage('nginx:latest')!.layers[0]).toBe(slim.layers[0]);
    expect(resolveBaseImage('node:22')!.layers[0]).toBe(resolveBaseImage('debian:bookworm')!.layers[0]);
  });

  it('different releases do not share layers', () => {
    expect(resolveBaseImage('alpine:3.20')!.layers[0]).not.toBe(alpine.layers[0]);
    expect(resolveBaseImage('debian:bookworm')!.layers[0]).not.toBe(resolveBaseImage('debian:bookworm-slim')!.layers[0]);
  });

  it('scratch has no layers and an empty filesystem', () => {
    const s = resolveBaseImage('scratch')!;
    expect(s.layers).toHaveLength(0);
    expect([...walk(baseImageRoot(s))]).toHaveLength(0);
  });

  it('a layer\'s changes are the difference from the layer below: the entrypoint COPY adds one file', () => {
    const img = resolveBaseImage('node:22-alpine')!;
    const root = baseImageRoot(img);
    // The top layer's changes are exactly the difference between the layer below and the final tree.
    const entry = img.layers[img.layers.length - 1]!;
    expect(entry.changes.map((c) => `${c.kind} ${c.path}`)).toEqual(['added /usr/local/bin/docker-entrypoint.sh']);
    expect(fileText(root, '/usr/local/bin/docker-entrypoint.sh')).toContain('exec "$@"');
    let rebuilt = emptyDir();
    for (const layer of img.layers) rebuilt = applyChanges(rebuilt, layer.changes);
    expect(diffTrees(rebuilt, root)).toEqual([]);
  });

  it('history lists every layer in order plus the empty-layer steps', () => {
    for (const repo of CATALOG) for (const img of Object.values(repo.tags)) {
      const nonEmpty = img.history.filter((h) => !h.emptyLayer).map((h) => h.createdBy);
      expect(nonEmpty).toEqual(img.layers.map((l) => l.createdBy));
    }
    const node = resolveBaseImage('node:22-alpine')!;
    expect(node.history.map((h) => h.createdBy.split(' ')[0])).toEqual(['ADD', 'CMD', 'ENV', 'RUN', 'ENV', 'RUN', 'COPY', 'ENTRYPOINT', 'CMD']);
  });
});

describe('image configs', () => {
  it('carry PATH, Cmd, Entrypoint, WorkingDir and ExposedPorts like the real images', () => {
    const PATH = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
    // BuildKit sets ArgsEscaped on every CMD (alpine and busybox are BuildKit builds); debian's and
    // ubuntu's images are made by other tools and do not carry it.
    expect(resolveBaseImage('alpine')!.config).toEqual({ Env: [PATH], Cmd: ['/bin/sh'], ArgsEscaped: true });
    expect(resolveBaseImage('debian:bookworm-slim')!.config).toEqual({ Env: [PATH], Cmd: ['bash'] });
    expect(resolveBaseImage('ubuntu:24.04')!.config.Cmd).toEqual(['/bin/bash']);
    expect(resolveBaseImage('ubuntu:24.04')!.config.ArgsEscaped).toBeUndefined();
    expect(resolveBaseImage('busybox')!.config).toEqual({ Env: [PATH], Cmd: ['sh'], ArgsEscaped: true });
    const node = resolveBaseImage('node:22-alpine')!.config;
    expect(node.Entrypoint).toEqual(['docker-entrypoint.sh']);
    expect(node.Cmd).toEqual(['node']);
    expect(node.Env).toContain('NODE_VERSION=22.12.0');
    const nginx = resolveBaseImage('nginx:alpine')!.config;
    expect(nginx.ExposedPorts).toEqual({ '80/tcp': {} });
    expect(nginx.Cmd).toEqual(['nginx', '-g', 'daemon off;']);
    expect(nginx.StopSignal).toBe('SIGQUIT');
    const go = resolveBaseImage('golang:1.23-alpine')!.config;
    expect(go.WorkingDir).toBe('/go');
    expect(go.Env[0]).toBe('PATH=/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin');
    expect(resolveBaseImage('python:3.12-slim')!.config.Cmd).toEqual(['python3']);
  });
});

describe('root filesystems', () => {
  it('alpine: busybox /bin/sh, real os-release, apk world and database agree with the files', () => {
    const root = baseImageRoot(resolveBaseImage('alpine:3.21')!);
    expect(getNode(root, '/bin/sh')).toMatchObject({ type: 'symlink', target: '/bin/busybox' });
    expect(getNode(root, '/bin/ls')).toMatchObject({ type: 'symlink', target: '/bin/busybox' });
    expect(getNode(root, '/etc/os-release')).toMatchObject({ type: 'symlink', target: '../usr/lib/os-release' });
    expect(fileText(root, '/etc/os-release')).toContain('PRETTY_NAME="Alpine Linux v3.21"');
    expect(fileText(root, '/etc/alpine-release')).toBe('3.21.0\n');
    expect(fileText(root, '/etc/passwd')!.split('\n')[0]).toBe('root:x:0:0:root:/root:/bin/sh');
    expect(fileText(root, '/etc/apk/world')!.split('\n')).toContain('busybox');
    expect(getNode(root, '/bin/bash')).toBeUndefined();
    expect(getNode(root, '/tmp')).toMatchObject({ mode: 0o1777 });
    expect(getNode(root, '/etc/shadow')).toMatchObject({ mode: 0o640, gid: 42 });
    const db = fileText(root, '/lib/apk/db/installed')!;
    const names = [...db.matchAll(/^P:(.*)$/gm)].map((m) => m[1]);
    expect(names).toHaveLength(15);
    expect(names).toEqual(expect.arrayContaining(['musl', 'busybox', 'apk-tools', 'libcrypto3', 'ca-certificates-bundle']));
    // Every R: line names a file that exists.
    let dir = '';
    for (const line of db.split('\n')) {
      if (line.startsWith('F:')) dir = line.slice(2);
      if (line.startsWith('R:')) expect(getNode(root, `/${dir}/${line.slice(2)}`), `${dir}/${line.slice(2)}`).toBeDefined();
      if (line === '') dir = '';
    }
  });

  it('debian: usr-merge symlinks, dash as /bin/sh, dpkg status and lists', () => {
    const root = baseImageRoot(resolveBaseImage('debian:bookworm-slim')!);
    expect(getNode(root, '/bin')).toMatchObject({ type: 'symlink', target: 'usr/bin' });
    expect(getNode(root, '/lib')).toMatchObject({ type: 'symlink', target: 'usr/lib' });
    expect(getNode(root, '/usr/bin/sh')).toMatchObject({ type: 'symlink', target: 'dash' });
    expect(statNode(root, '/bin/sh')?.type).toBe('file');
    expect(fileText(root, '/etc/os-release')).toContain('VERSION_CODENAME=bookworm');
    expect(fileText(root, '/etc/debian_version')).toBe('12.8\n');
    const status = fileText(root, '/var/lib/dpkg/status')!;
    expect(status).toContain('Package: libc6\nStatus: install ok installed');
    expect(status).toMatch(/^Package: bash\n[\s\S]*?Version: 5\.2\.15-2\+b7$/m);
    expect(fileText(root, '/var/lib/dpkg/info/dash.list')).toContain('/usr/bin/dash');
    expect([...walk(getNode(root, '/var/lib/apt/lists') as never)].filter((e) => e.node.type === 'file')).toHaveLength(0);
    expect(getNode(root, '/usr/share/man')).toBeUndefined();
    expect(getNode(baseImageRoot(resolveBaseImage('debian:bookworm')!), '/usr/share/man/man1')?.type).toBe('dir');
  });

  it('ubuntu 24.04 has the ubuntu user; 22.04 does not', () => {
    const noble = baseImageRoot(resolveBaseImage('ubuntu:24.04')!);
    const jammy = baseImageRoot(resolveBaseImage('ubuntu:22.04')!);
    expect(fileText(noble, '/etc/passwd')).toContain('ubuntu:x:1000:1000:Ubuntu:/home/ubuntu:/bin/bash');
    expect(fileText(jammy, '/etc/passwd')).not.toContain('ubuntu:x:1000');
    expect(fileText(noble, '/etc/os-release')).toContain('VERSION="24.04.1 LTS (Noble Numbat)"');
    expect(fileText(jammy, '/etc/os-release')).toContain('UBUNTU_CODENAME=jammy');
  });

  it('busybox links every applet to /bin/busybox', () => {
    const root = baseImageRoot(resolveBaseImage('busybox')!);
    expect(getNode(root, '/bin/sh')).toMatchObject({ type: 'symlink', target: 'busybox' });
    expect(statNode(root, '/bin/busybox')?.type).toBe('file');
    expect(getNode(root, '/lib/libc.so.6')?.type).toBe('file');
    expect(getNode(root, '/etc/apk')).toBeUndefined();
  });

  // Published sizes (docker images, uncompressed) of the real images, late 2024: alpine:3.21 7.83 MB,
  // busybox:1.36 4.26 MB, debian:bookworm-slim 74.8 MB, debian:bookworm 117 MB, ubuntu:24.04 78.1 MB,
  // ubuntu:22.04 77.9 MB. The toy images must stay within 10% of them.
  it.each([
    ['alpine:3.21', 7.83], ['busybox:1.36', 4.26], ['debian:bookworm-slim', 74.8], ['debian:bookworm', 117], ['ubuntu:24.04', 78.1], ['ubuntu:22.04', 77.9],
  ])('%s is about %s MB unpacked', (ref, mb) => {
    const size = treeSize(baseImageRoot(resolveBaseImage(ref)!));
    expect(size / MB).toBeGreaterThan(mb * 0.9);
    expect(size / MB).toBeLessThan(mb * 1.1);
  });

  it('bulk files are generated, not stored', () => {
    const root = baseImageRoot(resolveBaseImage('alpine:3.21')!);
    const lib = statNode(root, '/usr/lib/libcrypto.so.3');
    expect(lib?.type === 'file' && lib.content.kind).toBe('generated');
    const osr = statNode(root, '/usr/lib/os-release');
    expect(osr?.type === 'file' && osr.content.kind).toBe('bytes');
  });
});

describe('scanPackages', () => {
  it('finds the base packages of alpine and debian by reading their databases', () => {
    const a = scanPackages(baseImageRoot(resolveBaseImage('alpine:3.21')!));
    expect(a).toHaveLength(15);
    expect(a).toContainEqual({ manager: 'apk', name: 'busybox', version: '1.37.0-r8', path: '/lib/apk/db/installed' });
    expect(scanPackages(baseImageRoot(resolveBaseImage('alpine:3.20')!))).toContainEqual({ manager: 'apk', name: 'busybox', version: '1.36.1-r29', path: '/lib/apk/db/installed' });
    const d = scanPackages(baseImageRoot(resolveBaseImage('debian:bookworm-slim')!));
    expect(d.every((p) => p.manager === 'apt')).toBe(true);
    expect(d.find((p) => p.name === 'libc6')?.version).toBe('2.36-9+deb12u9');
    expect(scanPackages(baseImageRoot(resolveBaseImage('scratch')!))).toEqual([]);
  });

  it('finds pip itself in python:3.12-slim and npm in node:22-alpine', () => {
    const py = scanPackages(baseImageRoot(resolveBaseImage('python:3.12-slim')!));
    expect(py).toContainEqual({ manager: 'pip', name: 'pip', version: '24.3.1', path: '/usr/local/lib/python3.12/site-packages/pip-24.3.1.dist-info/METADATA' });
    const node = scanPackages(baseImageRoot(resolveBaseImage('node:22-alpine')!));
    expect(node).toContainEqual({ manager: 'npm', name: 'npm', version: '10.9.2', path: '/usr/local/lib/node_modules/npm/package.json' });
    expect(node.filter((p) => p.manager === 'apk').map((p) => p.name)).toEqual(expect.arrayContaining(['libstdc++', 'libgcc']));
  });

  it('reads real text: the os-release the learner cats is in the layer bytes', () => {
    const layer = resolveBaseImage('debian:bookworm-slim')!.layers[0]!;
    const osr = layer.changes.find((c) => c.path === '/usr/lib/os-release');
    expect(osr && osr.kind !== 'deleted' && osr.node.type === 'file' && contentText(osr.node.content)).toContain('Debian GNU/Linux 12 (bookworm)');
  });
});
