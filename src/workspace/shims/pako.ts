// Stands in for `pako` (1.x) in the browser build: isomorphic-git imports pako for zlib, and the lab
// already ships fflate for the same job (image layers, share links, zip), so the build aliases pako
// to this module (see src/lab/tools/vite-shims.ts) and ships one zlib implementation instead of two.
// Node (the CLI and unit tests) keeps the real pako.
//
// isomorphic-git calls pako.inflate/pako.deflate on whole git objects (zlib-wrapped, RFC 1950), which
// is exactly what fflate's unzlibSync/zlibSync do. Its streaming `pako.Inflate` is used only to parse
// packfiles received by fetch/clone or indexPack, which the lab never imports (its repositories hold
// loose objects only), so here it fails loudly instead of pretending.

import { unzlibSync, zlibSync } from 'fflate';

export function inflate(data: Uint8Array): Uint8Array {
  try {
    return unzlibSync(data);
  } catch (err) {
    // pako throws strings for corrupt data, and isomorphic-git turns strings into its DecompressionError.
    throw err instanceof Error ? err.message : String(err);
  }
}

export function deflate(data: Uint8Array): Uint8Array {
  return zlibSync(data);
}

export class Inflate {
  constructor() {
    throw new Error('In this lab, git reads no packfiles (there is no fetch or clone), so streaming inflate is not included.');
  }
}

export default { inflate, deflate, Inflate };
