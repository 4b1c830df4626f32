// Export the working tree as a .zip, and read one back. Only files: the repository's history stays in
// the browser (in this lab an exported .zip holds the files, not the .git folder).
//
// Reading is defensive: a .zip is checked whole (entry count, declared sizes, names, file/folder clashes)
// from its central directory before a single byte is inflated, and inflating stops as soon as an entry
// grows past the size it declared, so a zip bomb is refused in bounded time and memory.

import { zipSync, Inflate } from 'fflate';
import { isSafeSharedPath, isGitPath } from './share.ts';
import { printableName } from '../workspace/names.ts';
import { LIMITS } from '../engine/builder/context.ts';

/** Zips files under one top folder (`layerlab/…`), the way a downloaded project usually looks. */
export function zipFiles(files: ReadonlyMap<string, { data: Uint8Array; mode: number }>, folder = 'layerlab'): Uint8Array {
  const entries: Record<string, [Uint8Array, { os: number; attrs: number; mtime: Date }]> = {};
  const mtime = new Date(Date.UTC(2026, 0, 1));
  for (const [path, f] of files) {
    // Unix mode in the upper 16 bits of the external attributes, as zip tools on Unix write it.
    entries[`${folder}/${path}`] = [f.data, { os: 3, attrs: ((0o100000 | f.mode) << 16) >>> 0, mtime }];
  }
  return zipSync(entries, { level: 6 });
}

export interface UnzippedFile {
  readonly path: string;
  readonly data: Uint8Array;
  readonly mode: number;
}

// What an import may hold: the build context's own limits (a bigger project could not be built
// anyway), and at most 8 MB a file (the import's limit before these).
const MAX_FILE_BYTES = 8 * 1024 * 1024;

interface Entry {
  readonly name: string;
  readonly method: number;
  readonly compressed: number;
  readonly size: number;
  readonly header: number;
}

const u16 = (b: Uint8Array, i: number): number => b[i]! | (b[i + 1]! << 8);
const u32 = (b: Uint8Array, i: number): number => (u16(b, i) | (u16(b, i + 2) << 16)) >>> 0;
const shown = (name: string): string => JSON.stringify(printableName(name)).slice(0, 80);
const MB = (n: number): string => `${Math.round(n / 1e6)} MB`;

/** Refuses the .zip: every refusal happens before the workspace changes. */
function refuse(why: string): never {
  throw new Error(`${why} Nothing was changed.`);
}

/** The central directory: every file entry's name, method and declared sizes (at most 65,535). */
function readDirectory(zip: Uint8Array): Entry[] {
  let end = zip.length - 22;
  while (end >= 0 && u32(zip, end) !== 0x06054b50) end--;
  const unreadable = 'This file is not a .zip the lab can read.';
  if (end < 0) refuse(unreadable);
  const count = u16(zip, end + 10);
  let at = u32(zip, end + 16);
  const entries: Entry[] = [];
  for (let n = 0; n < count; n++) {
    if (u32(zip, at) !== 0x02014b50) refuse(unreadable);
    const nameLen = u16(zip, at + 28);
    // (A zip64 archive, or a name in an old DOS code page, reads as damaged or as U+FFFD: still refused or kept as text.)
    const name = new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLen));
    const e: Entry = { name, method: u16(zip, at + 10), compressed: u32(zip, at + 20), size: u32(zip, at + 24), header: u32(zip, at + 42) };
    at += 46 + nameLen + u16(zip, at + 30) + u16(zip, at + 32);
    if (!name.endsWith('/')) entries.push(e);
  }
  return entries;
}

/** One entry's bytes; never more than it declared (inflating stops at the first slice past it). */
function readEntry(zip: Uint8Array, e: Entry): Uint8Array {
  const h = e.header;
  const start = h + 30 + u16(zip, h + 26) + u16(zip, h + 28);
  const data = zip.subarray(start, start + e.compressed);
  const out = new Uint8Array(e.size);
  let filled = 0;
  if (u32(zip, h) !== 0x04034b50 || data.length < e.compressed) filled = -1;
  else if (e.method === 0) {
    out.set(data.subarray(0, e.size));
    filled = data.length;
  } else {
    const inflater = new Inflate((chunk) => {
      if (filled + chunk.length <= e.size) out.set(chunk, filled);
      filled += chunk.length;
    });
    try {
      // Small slices: one slice inflates to at most about 1,000 times its size (1 MB) before the check.
      for (let i = 0; i < data.length && filled <= e.size; i += 1024) inflater.push(data.subarray(i, i + 1024), i + 1024 >= data.length);
    } catch {
      filled = -1;
    }
  }
  if (filled !== e.size) refuse(`This .zip is damaged at ${shown(e.name)}: it does not unpack to the size it declares.`);
  return out;
}

/**
 * Reads a .zip; strips a single common top folder; skips `.git` folders (the lab keeps its own
 * repository) and reports them in `skipped`. Throws, with the reason in words, before anything is inflated when it
 * can, for: too many files or bytes, unsafe or unprintable names, and a path that is both a file
 * and a folder. Modes come from shebangs (the zip's Unix attributes are not read).
 */
export function unzipFiles(zip: Uint8Array): UnzippedFile[] & { skipped: string[] } {
  const entries = readDirectory(zip).filter((e) => !e.name.startsWith('__MACOSX/'));
  const tops = new Set(entries.map((e) => (e.name.includes('/') ? e.name.slice(0, e.name.indexOf('/')) : '')));
  const strip = tops.size === 1 && !tops.has('') ? [...tops][0]! + '/' : '';
  const chosen: { path: string; entry: Entry }[] = [];
  const skipped = new Set<string>();
  const seen = new Set<string>();
  let total = 0;
  for (const entry of entries) {
    const path = entry.name.slice(strip.length);
    if (isSafeSharedPath(path) && isGitPath(path)) {
      // Only the .git folder is named, however many files it holds; its files count for no limit.
      const parts = path.split('/');
      skipped.add(parts.slice(0, parts.findIndex((p) => p.toLowerCase() === '.git') + 1).join('/'));
      continue;
    }
    if (!isSafeSharedPath(path)) refuse(`The .zip holds a path the lab refuses: ${shown(entry.name)}.`);
    total += entry.size;
    if (chosen.push({ path, entry }) > LIMITS.contextFiles) refuse(`This .zip holds more than ${LIMITS.contextFiles} files, the most a build context can hold in this lab.`);
    if (entry.size > MAX_FILE_BYTES) refuse(`This .zip holds ${shown(path)}, larger than ${MB(MAX_FILE_BYTES)}, the lab's limit for one file.`);
    if (total > LIMITS.contextBytes) refuse(`This .zip unpacks to more than ${MB(LIMITS.contextBytes)}, the most a build context can hold in this lab.`);
    if (entry.method !== 0 && entry.method !== 8) refuse(`This .zip stores ${shown(path)} compressed in a way the lab cannot read.`);
    seen.add(path);
  }
  // A path cannot be a file and a folder at once (`a` and `a/b`): refuse before touching anything.
  for (const { path } of chosen) {
    for (let i = path.indexOf('/'); i > 0; i = path.indexOf('/', i + 1)) {
      const dir = path.slice(0, i);
      if (seen.has(dir)) refuse(`The .zip holds ${shown(dir)} both as a file and as a folder (${shown(path)}).`);
    }
  }
  const out = chosen.map(({ path, entry }) => {
    const data = readEntry(zip, entry);
    return { path, data, mode: /\.sh$/.test(path) || (data[0] === 0x23 && data[1] === 0x21) ? 0o755 : 0o644 };
  });
  out.sort((a, b) => (a.path < b.path ? -1 : 1));
  return Object.assign(out, { skipped: [...skipped].sort() });
}
