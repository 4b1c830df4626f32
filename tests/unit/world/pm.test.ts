import { describe, expect, it } from 'vitest';
import { getNode, treeSize, walk, type DirNode } from '../../../src/engine/fs/index.ts';
import { PACKAGES, baseImageRoot, resolveBaseImage, scanPackages } from '../../../src/engine/world/index.ts';
import { fileSize, fileText, sh } from './helpers.ts';

function sizeUnder(root: DirNode, path: string): number {
  const n = getNode(root, path);
  return n?.type === 'dir' ? treeSize(n) : 0;
}

const alpineBase = treeSize(baseImageRoot(resolveBaseImage('alpine:3.21')!));

describe('the toy package index', () => {
  it('holds the packages lessons use, each with version, files, installed size and dependencies', () => {
    const names = (m: keyof typeof PACKAGES): string[] => PACKAGES[m].map((p) => p.name);
    for (const n of ['curl', 'git', 'bash', 'ca-certificates', 'python3', 'nodejs', 'nginx', 'build-base', 'vim']) expect(names('apk')).toContain(n);
    for (const n of ['curl', 'git', 'bash', 'ca-certificates', 'python3', 'nodejs', 'nginx', 'build-essential', 'vim']) expect(names('apt')).toContain(n);
    for (const n of ['express', 'lodash', 'typescript', 'nodemon']) expect(names('npm')).toContain(n);
    for (const n of ['flask', 'requests', 'gunicorn', 'numpy']) expect(names('pip')).toContain(n);
    for (const list of Object.values(PACKAGES)) for (const p of list) {
      expect(p.installedSize).toBe(p.files.reduce((a, f) => a + f.size, 0));
      for (const d of p.depends) expect(list.some((q) => q.name === d), `${p.name} -> ${d}`).toBe(true);
    }
  });
});

describe('apk', () => {
  it('apk add curl installs 9 packages with the real message shapes and changes the filesystem', async () => {
    const r = await sh('alpine:3.21', 'apk add curl');
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('fetch https://dl-cdn.alpinelinux.org/alpine/v3.21/main/x86_64/APKINDEX.tar.gz');
    expect(lines[1]).toBe('fetch https://dl-cdn.alpinelinux.org/alpine/v3.21/community/x86_64/APKINDEX.tar.gz');
    expect(lines[2]).toBe('(1/9) Installing brotli-libs (1.1.0-r2)');
    expect(lines[10]).toBe('(9/9) Installing curl (8.11.1-r0)');
    expect(lines[11]).toBe('Executing busybox-1.37.0-r8.trigger');
    // 15 base packages + 9 new ones.
    expect(lines[12]).toMatch(/^OK: \d+ MiB in 24 packages$/);
    expect(r.code).toBe(0);
    expect(fileSize(r.root, '/usr/bin/curl')).toBe(PACKAGES.apk.find((p) => p.name === 'curl')!.files[0]!.size);
    expect(fileText(r.root, '/etc/apk/world')).toContain('curl\n');
    expect(fileText(r.root, '/lib/apk/db/installed')).toContain('P:curl\nV:8.11.1-r0\n');
    // The installed bytes match the index: the 9 packages' sizes plus the cached indexes and db growth.
    const added = ['brotli-libs', 'c-ares', 'libunistring', 'libidn2', 'libpsl', 'nghttp2-libs', 'zstd-libs', 'libcurl', 'curl']
      .reduce((a, n) => a + PACKAGES.apk.find((p) => p.name === n)!.installedSize, 0);
    const growth = treeSize(r.root) - alpineBase;
    expect(growth).toBeGreaterThan(added);
    expect(growth).toBeLessThan(added + 2_500_000);
  });

  it('leaves its index cache unless --no-cache is given', async () => {
    const cached = await sh('alpine', 'apk add curl >/dev/null');
    expect(sizeUnder(cached.root, '/var/cache/apk')).toBeGreaterThan(1_000_000);
    const clean = await sh('alpine', 'apk add --no-cache curl >/dev/null');
    expect(sizeUnder(clean.root, '/var/cache/apk')).toBe(0);
    expect(getNode(clean.root, '/usr/bin/curl')?.type).toBe('file');
    // With the cache present, the next add does not fetch again.
    const again = await sh(cached.root, 'apk add jq');
    expect(again.out.startsWith('(1/2) Installing oniguruma')).toBe(true);
  });

  it('an unknown package fails with apk\'s wording', async () => {
    const r = await sh('alpine', 'apk add --no-cache nosuchpkg');
    // apk's own lines, then the lab's: its toy index is small, so a miss here says nothing of Alpine's.
    expect(r.err).toMatch(/^ERROR: unable to select packages:\n {2}nosuchpkg \(no such package\):\n {4}required by: world\[nosuchpkg\]\nIn this lab, Alpine's package index is a small one \(\d+ packages\): a real image may well have what is missing here\.\n$/);
    expect(r.code).toBe(1);
  });

  it('a virtual package can be deleted with its dependencies', async () => {
    const r = await sh('alpine', 'apk add --no-cache --virtual .build-deps curl >/dev/null && apk del .build-deps');
    expect(r.out).toContain('Purging curl (8.11.1-r0)');
    expect(r.out).toMatch(/OK: \d+ MiB in 15 packages\n$/);
    expect(getNode(r.root, '/usr/bin/curl')).toBeUndefined();
  });

  it('needs root', async () => {
    const r = await sh('node:22-alpine', 'apk add curl', { user: 'node' });
    expect(r.err).toBe('ERROR: Unable to lock database: Permission denied\nERROR: Failed to open apk database: Permission denied\n');
    expect(r.code).toBe(99);
  });

  it('without network the package cannot be selected', async () => {
    const r = await sh('alpine', 'apk add --no-cache curl', { network: 'none' });
    expect(r.err).toContain('WARNING: fetching https://dl-cdn.alpinelinux.org/alpine/v3.21/main/x86_64/APKINDEX.tar.gz: DNS lookup error');
    expect(r.err).toContain('curl (no such package)');
    expect(r.code).toBe(1);
  });
});

describe('apt-get', () => {
  it('install fails with "Unable to locate package" until apt-get update has fetched the lists', async () => {
    const r = await sh('debian:bookworm-slim', 'apt-get install -y curl');
    expect(r.out).toBe('Reading package lists...\nBuilding dependency tree...\nReading state information...\n');
    expect(r.err).toBe('E: Unable to locate package curl\n');
    expect(r.code).toBe(100);
  });

  it('update adds about 40 MB of lists under /var/lib/apt/lists', async () => {
    const r = await sh('debian:bookworm-slim', 'apt-get update');
    expect(r.out.split('\n')[0]).toBe('Get:1 http://deb.debian.example/debian bookworm InRelease [151 kB]');
    expect(r.out).toMatch(/Fetched \d+ kB in \d+s \(\d+ kB\/s\)\nReading package lists...\n$/);
    const lists = sizeUnder(r.root, '/var/lib/apt/lists');
    expect(lists).toBeGreaterThan(38_000_000);
    expect(lists).toBeLessThan(45_000_000);
    const cleaned = await sh(r.root, 'rm -rf /var/lib/apt/lists/*');
    expect(sizeUnder(cleaned.root, '/var/lib/apt/lists')).toBe(0);
  });

  it('install -y after update installs curl with its dependencies, recommends and dpkg records', async () => {
    const r = await sh('debian:bookworm-slim', 'apt-get update >/dev/null && apt-get install -y --no-install-recommends curl');
    expect(r.code).toBe(0);
    expect(r.out).toContain('The following NEW packages will be installed:\n  curl libbrotli1');
    expect(r.out).toMatch(/0 upgraded, 15 newly installed, 0 to remove and 0 not upgraded\.\nNeed to get \d+ kB of archives\.\nAfter this operation, \d+ kB of additional disk space will be used\.\n/);
    expect(r.out).toContain('Setting up curl (7.88.1-10+deb12u8) ...\n');
    expect(r.out).toMatch(/Unpacking libcurl4:amd64 \(7\.88\.1-10\+deb12u8\) \.\.\./);
    expect(r.out).not.toContain('ca-certificates');
    expect(fileText(r.root, '/var/lib/dpkg/status')).toMatch(/Package: curl\nStatus: install ok installed/);
    expect(getNode(r.root, '/usr/bin/curl')?.type).toBe('file');
    const withRec = await sh('debian:bookworm-slim', 'apt-get update >/dev/null && apt-get install -y curl');
    expect(withRec.out).toContain('0 upgraded, 17 newly installed');
    expect(getNode(withRec.root, '/etc/ssl/certs/ca-certificates.crt')?.type).toBe('file');
  });

  it('without -y it asks and aborts', async () => {
    const r = await sh('debian:bookworm-slim', 'apt-get update >/dev/null && apt-get install curl');
    expect(r.out).toMatch(/Do you want to continue\? \[Y\/n\] Abort\.\n$/);
    expect(r.code).toBe(1);
  });

  it('an installed package is reported as newest; apt warns about its CLI', async () => {
    const r = await sh('debian:bookworm-slim', 'apt install -y bash');
    expect(r.err).toBe('\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\n');
    expect(r.out).toContain('bash is already the newest version (5.2.15-2+b7).\n0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n');
  });

  it('an unknown package fails even after update; non-root cannot lock', async () => {
    const r = await sh('debian:bookworm-slim', 'apt-get update >/dev/null && apt-get install -y nosuchpkg');
    expect(r.err).toMatch(/^E: Unable to locate package nosuchpkg\nIn this lab, Debian bookworm's package index is a small one \(\d+ packages\): a real image may well have what is missing here\.\n$/);
    expect(r.code).toBe(100);
    const nr = await sh('debian:bookworm-slim', 'apt-get install -y curl', { user: 'nobody' });
    expect(nr.err).toContain('E: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), are you root?');
    expect(nr.code).toBe(100);
  });
});

describe('npm', () => {
  const pkgJson = JSON.stringify({ name: 'app', version: '1.0.0', dependencies: { express: '^4.21.2' } });

  it('npm ci without a lock file fails', async () => {
    const r = await sh('node:22-alpine', `mkdir /app && cd /app && echo '${pkgJson}' > package.json && npm ci`);
    expect(r.err.split('\n').slice(0, 4)).toEqual(['npm error code EUSAGE', 'npm error', 'npm error The `npm ci` command can only install with an existing package-lock.json or', 'npm error npm-shrinkwrap.json with lockfileVersion >= 1. Run an install with npm@5 or']);
    expect(r.code).toBe(1);
  });

  it('npm install reads package.json, writes node_modules and package-lock.json; then npm ci works', async () => {
    const r = await sh('node:22-alpine', `mkdir /app && cd /app && echo '${pkgJson}' > package.json && npm install && npm ci`);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^\nadded (\d+) packages, and audited \d+ packages in \d+s\n\nfound 0 vulnerabilities\n/);
    expect(fileText(r.root, '/app/node_modules/express/package.json')).toContain('"version": "4.21.2"');
    const lock = JSON.parse(fileText(r.root, '/app/package-lock.json')!);
    expect(lock.lockfileVersion).toBe(3);
    expect(lock.packages['node_modules/express'].version).toBe('4.21.2');
    expect(sizeUnder(r.root, '/root/.npm/_cacache')).toBeGreaterThan(0);
    const npmPkgs = scanPackages(r.root).filter((p) => p.manager === 'npm' && p.path.startsWith('/app/'));
    expect(npmPkgs.map((p) => p.name)).toEqual(expect.arrayContaining(['express', 'body-parser', 'debug', 'qs']));
  });

  it('npm install without package.json fails; unknown package gives E404', async () => {
    const r = await sh('node:22-alpine', 'mkdir /app && cd /app && npm install');
    expect(r.err).toContain("npm error enoent Could not read package.json: Error: ENOENT: no such file or directory, open '/app/package.json'");
    const e = await sh('node:22-alpine', 'mkdir /app && cd /app && npm install nosuchpkg');
    expect(e.err).toContain("npm error 404  'nosuchpkg@*' is not in this registry.");
    expect(e.err).toContain('npm error 404 Not Found - GET https://registry.npm.example/nosuchpkg - Not found');
    expect(e.code).toBe(1);
  });

  it('without network npm cannot reach its (stand-in) registry', async () => {
    const r = await sh('node:22-alpine', 'mkdir /app && cd /app && npm install express', { network: 'none' });
    expect(r.err).toContain('npm error request to https://registry.npm.example/express failed, reason: getaddrinfo EAI_AGAIN registry.npm.example');
    expect(r.code).toBe(1);
  });

  it('nested versions are installed where npm would put them', async () => {
    const r = await sh('node:22-alpine', `mkdir /app && cd /app && npm install express nodemon >/dev/null`);
    expect(fileText(r.root, '/app/node_modules/debug/package.json')).toContain('"version": "2.6.9"');
    expect(fileText(r.root, '/app/node_modules/nodemon/node_modules/debug/package.json')).toContain('"version": "4.4.0"');
  });
});

describe('pip', () => {
  it('pip install -r requirements.txt installs packages with dist-info so scanners find them', async () => {
    const r = await sh('python:3.12-slim', 'cd /tmp && printf "flask==3.1.0\\n# web\\nrequests\\n" > requirements.txt && pip install --no-cache-dir -r requirements.txt');
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toBe('Collecting flask==3.1.0 (from -r requirements.txt (line 1))');
    expect(r.out).toContain('Successfully installed blinker-1.9.0 certifi-2024.12.14 charset-normalizer-3.4.1 click-8.1.8 flask-3.1.0 idna-3.10 itsdangerous-2.2.0 jinja2-3.1.5 markupsafe-3.0.2 requests-2.32.3 urllib3-2.3.0 werkzeug-3.1.3\n');
    expect(r.err).toContain("WARNING: Running pip as the 'root' user");
    const found = scanPackages(r.root).filter((p) => p.manager === 'pip').map((p) => `${p.name}==${p.version}`);
    expect(found).toEqual(expect.arrayContaining(['flask==3.1.0', 'requests==2.32.3', 'werkzeug==3.1.3', 'pip==24.3.1']));
    expect(getNode(r.root, '/root/.cache/pip')).toBeUndefined();
  });

  it('keeps a cache without --no-cache-dir', async () => {
    const r = await sh('python:3.12-slim', 'pip install gunicorn');
    expect(sizeUnder(r.root, '/root/.cache/pip')).toBe(PACKAGES.pip.filter((p) => ['gunicorn', 'packaging'].includes(p.name)).reduce((a, p) => a + p.downloadSize, 0));
  });

  it('an unknown package or version fails with pip\'s wording', async () => {
    const r = await sh('python:3.12-slim', 'pip install nosuchpkg');
    expect(r.err).toBe('ERROR: Could not find a version that satisfies the requirement nosuchpkg (from versions: none)\nERROR: No matching distribution found for nosuchpkg\n');
    expect(r.code).toBe(1);
    const v = await sh('python:3.12-slim', 'pip install flask==2.0.0');
    expect(v.err).toBe('ERROR: Could not find a version that satisfies the requirement flask==2.0.0 (from versions: 3.1.0)\nERROR: No matching distribution found for flask==2.0.0\n');
  });

  it('python -m venv creates a virtual environment whose pip installs into it', async () => {
    const r = await sh('python:3.12-slim', 'python -m venv /venv && /venv/bin/pip install --no-cache-dir gunicorn && PATH=/venv/bin:$PATH && pip --version');
    expect(r.code).toBe(0);
    expect(fileText(r.root, '/venv/pyvenv.cfg')).toBe('home = /usr/local/bin\ninclude-system-site-packages = false\nversion = 3.12.8\nexecutable = /usr/local/bin/python3.12\ncommand = /usr/local/bin/python3.12 -m venv /venv\n');
    expect(getNode(r.root, '/venv/bin/python')).toMatchObject({ type: 'symlink', target: '/usr/local/bin/python3.12' });
    expect(getNode(r.root, '/venv/lib/python3.12/site-packages/gunicorn-23.0.0.dist-info/METADATA')?.type).toBe('file');
    expect(getNode(r.root, '/usr/local/lib/python3.12/site-packages/gunicorn-23.0.0.dist-info')).toBeUndefined();
    expect(r.out).toContain('pip 24.3.1 from /venv/lib/python3.12/site-packages/pip (python 3.12)\n');
    // pip does not warn about root inside a virtual environment.
    expect(r.err).toBe('');
  });

  it('system Python on debian is externally managed', async () => {
    const r = await sh('debian:bookworm-slim', 'apt-get update >/dev/null && apt-get install -y python3-pip >/dev/null 2>&1 && pip install flask');
    expect(r.err.split('\n')[0]).toBe('error: externally-managed-environment');
    expect(r.code).toBe(1);
  });

  it('pip is not on bare debian', async () => {
    const r = await sh('debian:bookworm-slim', 'pip install flask');
    expect(r.err).toBe('/bin/sh: 1: pip: not found\n');
  });
});

describe('scanning after installs', () => {
  it('lists what each manager installed, from the image alone', async () => {
    const r = await sh('alpine', 'apk add --no-cache curl >/dev/null');
    const names = scanPackages(r.root).map((p) => p.name);
    expect(names).toHaveLength(24);
    expect(names).toContain('libcurl');
    const files = [...walk(r.root)].length;
    expect(files).toBeGreaterThan(400);
  });
});
