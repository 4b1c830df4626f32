// Importing a .zip: limits are checked from the zip's central directory before anything is inflated,
// inflating stops when an entry grows past its declared size (a zip whose headers lie), and a zip that
// cannot be imported whole is refused whole (issue 13, items 2, 6, 7 and 9).
import { describe, expect, it } from 'vitest';
import { deflateRawSync } from 'node:zlib';
import { unzipFiles, zipFiles } from '../../../src/lab/zip.ts';
import { LIMITS } from '../../../src/engine/builder/context.ts';
import { rawZip } from '../../tools/raw-zip.ts';

const enc = (s: string) => new TextEncoder().encode(s);

describe('zip import limits', () => {
  it('refuses 600 entries of 8 MB each (4.8 GB) from the directory, before inflating', () => {
    const eightMb = 8 * 1024 * 1024;
    const body = deflateRawSync(Buffer.alloc(eightMb));
    const bomb = rawZip(Array.from({ length: 600 }, (_, i) => ({ name: `f${i}.bin`, body, size: eightMb })), true);
    // The whole bomb is a few kilobytes here (one shared body), the way overlapping bombs are built.
    expect(bomb.length).toBeLessThan(100_000);
    expect(() => unzipFiles(bomb)).toThrow(/unpacks to more than 50 MB, the most a build context can hold in this lab\. Nothing was changed\./);
  });

  it('refuses more files than a build context may hold, and the 65,535-entry marker of a zip64 archive', () => {
    const body = deflateRawSync(Buffer.from('x'));
    const many = rawZip(Array.from({ length: LIMITS.contextFiles + 1 }, (_, i) => ({ name: `d/f${i}`, body, size: 1 })), true);
    expect(() => unzipFiles(many)).toThrow(/holds more than 50000 files/);
    const huge = rawZip(Array.from({ length: 0xffff }, (_, i) => ({ name: `f${i}`, body, size: 1 })), true);
    expect(() => unzipFiles(huge)).toThrow(/holds more than 50000 files/);
  });

  it('stops inflating an entry that grows past the size its headers declare', () => {
    // 40 MB of zeros deflate to about 40 KB; the headers claim 1 KB.
    const body = deflateRawSync(Buffer.alloc(40 * 1024 * 1024));
    const liar = rawZip([{ name: 'small.txt', body, size: 1024 }]);
    expect(() => unzipFiles(liar)).toThrow('This .zip is damaged at "small.txt": it does not unpack to the size it declares. Nothing was changed.');
  });

  it('accepts a project within the limits, with the exact bytes', () => {
    const files = new Map(Array.from({ length: 50 }, (_, i) => [`src/m${i}.js`, { data: enc(`export const n = ${i};\n`.repeat(100)), mode: 0o644 }] as const));
    const back = unzipFiles(zipFiles(files, 'proj'));
    expect(back.length).toBe(50);
    expect(new TextDecoder().decode(back.find((f) => f.path === 'src/m7.js')!.data)).toBe('export const n = 7;\n'.repeat(100));
  });
});

describe('zip import validates everything first', () => {
  it('refuses a zip holding both a file `a` and `a/b`', () => {
    const zip = zipFiles(new Map([['a', { data: enc('file'), mode: 0o644 }], ['a/b', { data: enc('nested'), mode: 0o644 }]]), 'x');
    expect(() => unzipFiles(zip)).toThrow('The .zip holds "a" both as a file and as a folder ("a/b"). Nothing was changed.');
  });

  it('refuses names with C0 or C1 control characters, printing them as ?', () => {
    for (const bad of ['a\u0085b.txt', 'x\u009b2J', 'esc\u001b[2J']) {
      const zip = zipFiles(new Map([['ok.txt', { data: enc('x'), mode: 0o644 }], [bad, { data: enc('x'), mode: 0o644 }]]), 'p');
      let message = '';
      try {
        unzipFiles(zip);
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).toMatch(/^The \.zip holds a path the lab refuses: "p\/.*\?.*"\. Nothing was changed\.$/);
      expect(message).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    }
  });

  it('skips .git folders anywhere (any case) and lists what it skipped', () => {
    const zip = zipFiles(
      new Map([
        ['Dockerfile', { data: enc('FROM alpine\n'), mode: 0o644 }],
        ['.git/config', { data: enc('[core]\n'), mode: 0o644 }],
        ['vendor/lib/.GIT/HEAD', { data: enc('ref: x\n'), mode: 0o644 }],
      ]),
      'p',
    );
    const back = unzipFiles(zip);
    expect(back.map((f) => f.path)).toEqual(['Dockerfile']);
    expect(back.skipped).toEqual(['.git', 'vendor/lib/.GIT']);
  });

  it('files in a .git folder count for no limit: a project exported with its repository still imports', () => {
    const body = deflateRawSync(Buffer.from('x'));
    const entries = [
      ...Array.from({ length: 20_000 }, (_, i) => ({ name: `proj/.git/objects/${i}`, body, size: 1 })),
      { name: 'proj/Dockerfile', body: deflateRawSync(Buffer.from('FROM alpine\n')), size: 12 },
    ];
    const back = unzipFiles(rawZip(entries, false));
    expect(back.map((f) => f.path)).toEqual(['Dockerfile']);
    expect(back.skipped).toEqual(['.git']);
  });
});
