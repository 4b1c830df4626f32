// Export the working tree as a .zip, and read one back. Only files: the repository's history stays in
// the browser (in this lab an exported .zip holds the files, not the .git folder).
//
// Reading is defensive: a .zip is checked whole (entry count, declared sizes, names, file/folder clashes)
// from its central directory before a single byte is inflated, and inflating stops as soon as an entry
// grows past the size it declared, so a zip bomb is refused in bounded time and memory.

import { zipSync, Inflate } from 'fflate';
import { isSafeSharedPath, isGitPath } from './share.ts';
import { LIMITS } from '../engine/build/context.ts';

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

/** What an import may hold: the build context's own limits (a bigger project could not be built anyway). */
export const ZIP_LIMITS = {
  files: LIMITS.contextFiles,
  totalBytes: LIMITS.contextBytes,
  fileBytes: 8 * 1024 * 1024,
} as const;

/** A .zip the lab refuses; the message is for the learner. */
export class ZipError extends Error {}

interface Entry {
  readonly name: string;
  readonly method: number;
  readonly compressed: number;
  readonly size: number;
  readonly header: number;
}

const u16 = (b: Uint8Array, i: number): number => b[i]! | (b[i + 1]! << 8);
const u32 = (b: Uint8Array, i: number): number => (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0;

function decodeName(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Old zip tools write names in a DOS code page; latin-1 keeps them readable enough to refuse or keep.
    return String.fromCharCode(...bytes);
  }
}

const MB = (n: number): string => `${Math.round(n / 1e6)} MB`;
const shown = (name: string): string => JSON.stringify(name.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?')).slice(0, 80);

/** The central directory: every entry's name, method and declared sizes, with the limits checked. */
function readDirectory(zip: Uint8Array): Entry[] {
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (u32(zip, i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new ZipError('This file is not a .zip the lab can read.');
  const count = u16(zip, end + 10);
  let at = u32(zip, end + 16);
  if (count === 0xffff || at === 0xffffffff) throw new ZipError(`This .zip is too large for the lab: it holds more than ${ZIP_LIMITS.files} files or ${MB(ZIP_LIMITS.totalBytes)}.`);
  const entries: Entry[] = [];
  let files = 0;
  let total = 0;
  for (let n = 0; n < count; n++) {
    if (at + 46 > zip.length || u32(zip, at) !== 0x02014b50) throw new ZipError('This .zip is damaged: its list of files could not be read.');
    const nameLen = u16(zip, at + 28);
    const entry: Entry = {
      method: u16(zip, at + 10),
      compressed: u32(zip, at + 20),
      size: u32(zip, at + 24),
      name: decodeName(zip.subarray(at + 46, at + 46 + nameLen)),
      header: u32(zip, at + 42),
    };
    at += 46 + nameLen + u16(zip, at + 30) + u16(zip, at + 32);
    if (entry.name.endsWith('/')) continue;
    if (++files > ZIP_LIMITS.files) throw new ZipError(`This .zip holds more than ${ZIP_LIMITS.files} files, the most a build context can hold in this lab. Nothing was changed.`);
    if (entry.size > ZIP_LIMITS.fileBytes) throw new ZipError(`This .zip holds ${shown(entry.name)}, which is larger than ${MB(ZIP_LIMITS.fileBytes)}, the lab's limit for one file. Nothing was changed.`);
    total += entry.size;
    if (total > ZIP_LIMITS.totalBytes) throw new ZipError(`This .zip unpacks to more than ${MB(ZIP_LIMITS.totalBytes)}, the most a build context can hold in this lab. Nothing was changed.`);
    if (entry.method !== 0 && entry.method !== 8) throw new ZipError(`This .zip stores ${shown(entry.name)} in a way the lab cannot read (method ${entry.method}).`);
    entries.push(entry);
  }
  return entries;
}

/** One entry's bytes; never more than it declared (the inflater stops at the first chunk past it). */
function readEntry(zip: Uint8Array, e: Entry): Uint8Array {
  const h = e.header;
  if (h + 30 > zip.length || u32(zip, h) !== 0x04034b50) throw new ZipError(`This .zip is damaged at ${shown(e.name)}.`);
  const start = h + 30 + u16(zip, h + 26) + u16(zip, h + 28);
  const data = zip.subarray(start, start + e.compressed);
  if (data.length < e.compressed) throw new ZipError(`This .zip is damaged at ${shown(e.name)}.`);
  if (e.method === 0) {
    if (e.compressed !== e.size) throw new ZipError(`This .zip is damaged at ${shown(e.name)}.`);
    return data.slice();
  }
  const out = new Uint8Array(e.size);
  let filled = 0;
  let over = false;
  const inflater = new Inflate((chunk) => {
    if (filled + chunk.length > e.size) over = true;
    else out.set(chunk, filled);
    filled += chunk.length;
  });
  try {
    // Small slices: one slice can only inflate to about 1,000 times its size before the check below.
    for (let i = 0; i < data.length && !over; i += 4096) inflater.push(data.subarray(i, i + 4096), i + 4096 >= data.length);
  } catch {
    throw new ZipError(`This .zip is damaged at ${shown(e.name)}: its data could not be inflated.`);
  }
  if (over || filled !== e.size) throw new ZipError(`This .zip is damaged at ${shown(e.name)}: it unpacks to a different size than it declares. Nothing was changed.`);
  return out;
}

/**
 * Reads a .zip; strips a single common top folder; skips `.git` folders (the lab keeps its own
 * repository) and reports them in `skipped`. Throws a ZipError, before anything is inflated when it
 * can, for: too many files or bytes, unsafe or unprintable names, and a path that is both a file
 * and a folder. Modes come from shebangs (the zip's Unix attributes are not read).
 */
export function unzipFiles(zip: Uint8Array): UnzippedFile[] & { skipped: string[] } {
  const entries = readDirectory(zip).filter((e) => !e.name.startsWith('__MACOSX/'));
  const tops = new Set(entries.map((e) => (e.name.includes('/') ? e.name.slice(0, e.name.indexOf('/')) : '')));
  const strip = tops.size === 1 && !tops.has('') ? [...tops][0]! + '/' : '';
  const chosen: { path: string; entry: Entry }[] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    const path = entry.name.slice(strip.length);
    if (isSafeSharedPath(path) && isGitPath(path)) {
      skipped.push(path);
      continue;
    }
    if (!isSafeSharedPath(path)) throw new ZipError(`The .zip holds a path the lab refuses: ${shown(entry.name)}. Nothing was changed.`);
    if (seen.has(path)) throw new ZipError(`The .zip holds ${shown(path)} twice. Nothing was changed.`);
    seen.add(path);
    chosen.push({ path, entry });
  }
  // A path cannot be a file and a folder at once (`a` and `a/b`): refuse before touching anything.
  for (const { path } of chosen) {
    for (let i = path.indexOf('/'); i > 0; i = path.indexOf('/', i + 1)) {
      const dir = path.slice(0, i);
      if (seen.has(dir)) throw new ZipError(`The .zip holds ${shown(dir)} both as a file and as a folder (${shown(path)}). Nothing was changed.`);
    }
  }
  const out = chosen.map(({ path, entry }) => {
    const data = readEntry(zip, entry);
    return { path, data, mode: /\.sh$/.test(path) || (data[0] === 0x23 && data[1] === 0x21) ? 0o755 : 0o644 };
  });
  out.sort((a, b) => (a.path < b.path ? -1 : 1));
  return Object.assign(out, { skipped: skipped.sort() });
}
