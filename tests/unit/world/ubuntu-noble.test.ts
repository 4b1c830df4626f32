// ubuntu:24.04 is not Debian inside: its package database and its apt index carry noble's own names
// and versions. The expected values are read from real noble systems, not from the lab:
// - `apt-get install -y curl` in ubuntu:latest (24.04, early 2025) installs these 21 NEW packages,
//   among them libcurl4t64 and curl 8.5.0-2ubuntu10.6, and openssl 3.0.13-0ubuntu3.4; libc-bin is
//   2.39-0ubuntu8.3 in that image (a published transcript of exactly that command);
// - `dpkg -l` of a 24.04.1 system: apt 2.7.14build2, base-files 13ubuntu10.1, base-passwd 3.6.3build1,
//   bash 5.2.21-2ubuntu4, bsdutils 1:2.39.3-9ubuntu6.1, coreutils 9.4-3ubuntu6, dash 0.5.12-6ubuntu5;
// - noble's 64-bit time_t transition renamed libraries (libssl3t64, libapt-pkg6.0t64, libgnutls30t64,
//   libdb5.3t64 …), and noble builds with gcc 14 (gcc-14-base 14-20240412-0ubuntu1), its archive keys are
//   in ubuntu-keyring, not debian-archive-keyring.
import { describe, expect, it } from 'vitest';
import { baseImageRoot, resolveBaseImage } from '../../../src/engine/world/index.ts';
import { fileText, sh } from './helpers.ts';

const dpkgStatus = (ref: string): Map<string, string> => dpkgAfter(baseImageRoot(resolveBaseImage(ref)!));

function dpkgAfter(root: Parameters<typeof fileText>[0]): Map<string, string> {
  const out = new Map<string, string>();
  for (const stanza of (fileText(root, '/var/lib/dpkg/status') ?? '').split('\n\n')) {
    const name = /^Package: (.+)$/m.exec(stanza)?.[1];
    const version = /^Version: (.+)$/m.exec(stanza)?.[1];
    if (name && version) out.set(name, version);
  }
  return out;
}

describe('ubuntu:24.04 package database', () => {
  const status = dpkgStatus('ubuntu:24.04');

  it("lists noble's versions of the base system", () => {
    expect(Object.fromEntries(['apt', 'base-files', 'base-passwd', 'bash', 'bsdutils', 'coreutils', 'dash', 'libc6', 'libc-bin'].map((n) => [n, status.get(n)]))).toEqual({
      apt: '2.7.14build2', 'base-files': '13ubuntu10.1', 'base-passwd': '3.6.3build1', bash: '5.2.21-2ubuntu4', bsdutils: '1:2.39.3-9ubuntu6.1',
      coreutils: '9.4-3ubuntu6', dash: '0.5.12-6ubuntu5', libc6: '2.39-0ubuntu8.3', 'libc-bin': '2.39-0ubuntu8.3',
    });
  });

  it("uses noble's package names, and nothing from Debian", () => {
    for (const n of ['libssl3t64', 'libapt-pkg6.0t64', 'libgnutls30t64', 'libdb5.3t64', 'gcc-14-base', 'ubuntu-keyring']) expect(status.has(n), n).toBe(true);
    for (const n of ['libssl3', 'libapt-pkg6.0', 'gcc-12-base', 'debian-archive-keyring']) expect(status.has(n), n).toBe(false);
    expect([...status.values()].filter((v) => /deb\d+u|\+b\d+$/.test(v))).toEqual([]);
    expect(status.get('gcc-14-base')).toBe('14-20240412-0ubuntu1');
  });

  it('debian:bookworm keeps its own database', () => {
    const bookworm = dpkgStatus('debian:bookworm');
    expect(bookworm.get('usr-is-merged')).toBe('37~deb12u1');
    expect(bookworm.has('libssl3t64')).toBe(false);
  });
});

describe('apt-get install curl on ubuntu:24.04', () => {
  it("installs noble's curl and the 21 packages a real ubuntu:24.04 installs with it", async () => {
    const r = await sh('ubuntu:24.04', 'apt-get update > /dev/null && apt-get install -y curl');
    expect(r.code).toBe(0);
    const block = /The following NEW packages will be installed:\n((?: {2}.*\n)+)/.exec(r.out)?.[1] ?? '';
    expect(block.trim().split(/\s+/)).toEqual([
      'ca-certificates', 'curl', 'krb5-locales', 'libbrotli1', 'libcurl4t64', 'libgssapi-krb5-2', 'libk5crypto3', 'libkeyutils1', 'libkrb5-3',
      'libkrb5support0', 'libldap-common', 'libldap2', 'libnghttp2-14', 'libpsl5t64', 'librtmp1', 'libsasl2-2', 'libsasl2-modules',
      'libsasl2-modules-db', 'libssh-4', 'openssl', 'publicsuffix',
    ]);
    expect(r.out).toContain('0 upgraded, 21 newly installed, 0 to remove and 0 not upgraded.');
    expect(r.out).toMatch(/ curl amd64 8\.5\.0-2ubuntu10\.6 /);
    expect(r.out).toMatch(/ openssl amd64 3\.0\.13-0ubuntu3\.4 /);
    expect(r.out).not.toMatch(/7\.88\.1|deb12/);
    expect(dpkgAfter(r.root).get('curl')).toBe('8.5.0-2ubuntu10.6');
  });

  it("installs noble's nginx, which the lesson's Dockerfile uses", async () => {
    // nginx-common and nginx 1.24.0-2ubuntu7.x from noble-updates, the only two NEW packages (noble install logs).
    const r = await sh('ubuntu:24.04', 'apt-get update > /dev/null && apt-get install -y nginx');
    expect(r.code).toBe(0);
    expect(r.out).toContain('The following NEW packages will be installed:\n  nginx nginx-common\n');
    expect(r.out).toMatch(/ nginx amd64 1\.24\.0-2ubuntu7\.1 /);
  });

  it('a package whose noble version the lab does not know is not located, rather than installed with a Debian version', async () => {
    const r = await sh('ubuntu:24.04', 'apt-get update > /dev/null && apt-get install -y jq');
    expect(r.code).toBe(100);
    expect(r.err).toContain('E: Unable to locate package jq');
  });
});

