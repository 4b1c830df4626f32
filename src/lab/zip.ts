// Export the working tree as a .zip, and read one back. Only files: the repository's history stays in
// the browser (in this lab an exported .zip holds the files, not the .git folder).

import { zipSync, unzipSync } from 'fflate';
import { isSafeSharedPath } from './share.ts';

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

/** Reads a .zip; strips a single common top folder; refuses unsafe paths. Modes come from shebangs (fflate does not expose the zip's Unix attributes). */
export function unzipFiles(zip: Uint8Array): UnzippedFile[] {
  let raw: Record<string, Uint8Array>;
  try {
    raw = unzipSync(zip, {
      filter(file) {
        if (file.originalSize > 8 * 1024 * 1024) throw new Error(`${file.name} is larger than 8 MB`);
        return !file.name.endsWith('/');
      },
    });
  } catch (err) {
    throw new Error(`This file is not a .zip the lab can read (${err instanceof Error ? err.message : String(err)}).`);
  }
  const names = Object.keys(raw).filter((n) => !n.startsWith('__MACOSX/'));
  const tops = new Set(names.map((n) => (n.includes('/') ? n.slice(0, n.indexOf('/')) : '')));
  const strip = tops.size === 1 && !tops.has('') ? [...tops][0]! + '/' : '';
  const out: UnzippedFile[] = [];
  for (const name of names) {
    const path = name.slice(strip.length);
    if (path.startsWith('.git/')) continue;
    if (!isSafeSharedPath(path)) throw new Error(`The .zip holds a path the lab refuses: ${JSON.stringify(name).slice(0, 80)}`);
    const data = raw[name]!;
    out.push({ path, data, mode: /\.sh$/.test(path) || (data[0] === 0x23 && data[1] === 0x21) ? 0o755 : 0o644 });
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : 1));
}
