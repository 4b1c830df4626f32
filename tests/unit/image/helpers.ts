// Test helpers: independent tools (node:crypto, node:zlib, GNU tar, Python's tarfile when present).
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function nodeSha256(data: Uint8Array | string): string {
  return 'sha256:' + createHash('sha256').update(data).digest('hex');
}

export function tempDir(prefix = 'layerlab-image-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function writeTemp(name: string, data: Uint8Array, dir = tempDir()): string {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
}

/** `tar -tv` listing by GNU tar with numeric owners, one line per entry. */
export function gnuTarList(path: string, extra: string[] = []): string[] {
  return execFileSync('tar', ['--numeric-owner', '--utc', '-tvf', path, ...extra], { encoding: 'utf8' }).trim().split('\n');
}

/** `tar -tv` listing with names (uname/gname as stored). */
export function gnuTarListNames(path: string): string[] {
  return execFileSync('tar', ['--utc', '-tvf', path], { encoding: 'utf8' }).trim().split('\n');
}

export function gnuTarCat(path: string, member: string): Buffer {
  return execFileSync('tar', ['-xOf', path, member]);
}

export function hasBinary(name: string): boolean {
  return spawnSync('which', [name]).status === 0;
}

/** Reads the fields of one 512-byte tar header block. */
export function headerFields(block: Uint8Array) {
  const str = (off: number, len: number) => {
    const b = Buffer.from(block.subarray(off, off + len));
    const nul = b.indexOf(0);
    return b.subarray(0, nul < 0 ? len : nul).toString('latin1');
  };
  const raw = (off: number, len: number) => Buffer.from(block.subarray(off, off + len)).toString('latin1');
  return {
    name: str(0, 100),
    modeRaw: raw(100, 8),
    uidRaw: raw(108, 8),
    gidRaw: raw(116, 8),
    sizeRaw: raw(124, 12),
    mtimeRaw: raw(136, 12),
    chksumRaw: raw(148, 8),
    typeflag: raw(156, 1),
    linkname: str(157, 100),
    magicRaw: raw(257, 6),
    versionRaw: raw(263, 2),
    uname: str(265, 32),
    gname: str(297, 32),
    devmajorRaw: raw(329, 8),
    devminorRaw: raw(337, 8),
    prefix: str(345, 155),
  };
}

/** The POSIX header checksum computed here, independently of the code under test. */
export function expectedChecksum(block: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : block[i]!;
  return sum;
}
