// Share links and .zip export: round trips, limits, and refusal of unsafe data.
import { describe, expect, it } from 'vitest';
import { inflateRawSync, deflateRawSync } from 'node:zlib';
import { encodeShare, decodeShare, isSafeSharedPath, SHARE_MAX_FRAGMENT_CHARS } from '../../../src/lab/share.ts';
import { zipFiles, unzipFiles } from '../../../src/lab/zip.ts';

const enc = (s: string) => new TextEncoder().encode(s);

describe('share links', () => {
  it('round-trips the Dockerfile and small text files through the fragment', async () => {
    const files = new Map([
      ['Dockerfile', enc('FROM alpine:3.21\nRUN echo hi\n')],
      ['src/index.js', enc('console.log("héllo")\n')],
    ]);
    const { fragment, omitted } = encodeShare(files, 'node-app');
    expect(fragment.startsWith('lab=')).toBe(true);
    expect(omitted).toEqual([]);
    // The fragment is URL-safe base64 (no +, / or =), so it survives being pasted anywhere.
    expect(/^lab=[A-Za-z0-9_-]+$/.test(fragment)).toBe(true);
    const back = await decodeShare('#' + fragment);
    expect(back).toEqual({ files: { Dockerfile: 'FROM alpine:3.21\nRUN echo hi\n', 'src/index.js': 'console.log("héllo")\n' }, preset: 'node-app' });
  });

  it('the payload is raw-deflated JSON (readable by any zlib)', async () => {
    const { fragment } = encodeShare(new Map([['Dockerfile', enc('FROM scratch\n')]]));
    const b64 = fragment.slice(4).replace(/-/g, '+').replace(/_/g, '/');
    const json = JSON.parse(zlibInflate(Buffer.from(b64, 'base64')));
    expect(json.f).toEqual({ Dockerfile: 'FROM scratch\n' });
  });

  it('leaves out binary and large files and stays within the length budget', async () => {
    const big = enc('x'.repeat(20000));
    const random = new Uint8Array(12000);
    for (let i = 0; i < random.length; i++) random[i] = (i * 2654435761) >>> 24;
    const files = new Map<string, Uint8Array>([
      ['Dockerfile', enc('FROM alpine\n')],
      ['bin/tool', new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2])],
      ['big.txt', big],
      ...Array.from({ length: 12 }, (_, i) => [`noise${i}.txt`, enc(Array.from(random.subarray(0, 9000), (b) => String.fromCharCode(97 + (b % 26))).join('') + i)] as [string, Uint8Array]),
    ]);
    const { fragment, omitted } = encodeShare(files);
    expect(fragment.length).toBeLessThanOrEqual(SHARE_MAX_FRAGMENT_CHARS);
    expect(omitted).toContain('bin/tool');
    expect(omitted).toContain('big.txt');
    const back = (await decodeShare(fragment))!;
    expect(back.files.Dockerfile).toBe('FROM alpine\n');
    expect(Object.keys(back.files).length + omitted.length).toBe(files.size);
  });

  it('returns null without a lab fragment and refuses damaged or hostile ones', async () => {
    expect(await decodeShare('#section-2')).toBeNull();
    await expect(decodeShare('#lab=not-base64-deflate')).rejects.toThrow(/damaged/);
    const hostile = (files: Record<string, unknown>) => {
      const raw = zlibDeflateRaw(JSON.stringify({ v: 1, f: files }));
      return '#lab=' + raw.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    };
    await expect(decodeShare(hostile({ '../../etc/passwd': 'x' }))).rejects.toThrow(/unacceptable/);
    await expect(decodeShare(hostile({ '/abs': 'x' }))).rejects.toThrow(/unacceptable/);
    await expect(decodeShare(hostile({ Dockerfile: 42 }))).rejects.toThrow(/unacceptable/);
    // Markup in content is kept as text (the UI renders it with textContent / the editor).
    expect((await decodeShare(hostile({ 'a<img src=x onerror=alert(1)>.txt': '<script>alert(1)</script>' })))!.files).toEqual({
      'a<img src=x onerror=alert(1)>.txt': '<script>alert(1)</script>',
    });
  });

  it('accepts only relative paths without empty, . or .. parts', async () => {
    expect(isSafeSharedPath('src/index.js')).toBe(true);
    for (const bad of ['', '/x', 'a//b', './a', 'a/../b', '..', 'a\\b', 'a\nb']) expect(isSafeSharedPath(bad)).toBe(false);
  });
});

function zlibInflate(buf: Buffer): string {
  return inflateRawSync(buf).toString('utf8');
}

function zlibDeflateRaw(s: string): Buffer {
  // Raw deflate (no zlib header), the format fflate's deflateSync produces.
  return deflateRawSync(Buffer.from(s, 'utf8'));
}

describe('zip export and import', () => {
  it('round-trips files under a top folder and restores executable modes from shebangs', async () => {
    const files = new Map([
      ['Dockerfile', { data: enc('FROM alpine\n'), mode: 0o644 }],
      ['scripts/run.sh', { data: enc('#!/bin/sh\necho run\n'), mode: 0o755 }],
    ]);
    const zip = zipFiles(files, 'node-app');
    // A zip file starts with a local file header signature PK\x03\x04.
    expect([...zip.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    const back = unzipFiles(zip);
    expect(back.map((f) => [f.path, new TextDecoder().decode(f.data), f.mode.toString(8)])).toEqual([
      ['Dockerfile', 'FROM alpine\n', '644'],
      ['scripts/run.sh', '#!/bin/sh\necho run\n', '755'],
    ]);
  });

  it('refuses paths that would escape the workspace and non-zip data', async () => {
    const evil = zipFiles(new Map([['ok.txt', { data: enc('x'), mode: 0o644 }]]), 'a/..');
    expect(() => unzipFiles(evil)).toThrow(/refuses/);
    expect(() => unzipFiles(enc('not a zip'))).toThrow(/not a .zip/);
  });
});
