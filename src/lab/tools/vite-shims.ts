// Build-time aliases that keep the lab's browser bundle lean without changing what it does
// (used from astro.config.mjs; Node, the CLI and unit tests are not affected):
//  - pako → fflate (src/workspace/shims/pako.ts): isomorphic-git's zlib, done by the fflate the lab
//    already ships, so the bundle carries one zlib implementation instead of two;
//  - sha.js/sha1.js → src/workspace/shims/sha1.ts: isomorphic-git's synchronous SHA-1 fallback
//    (it prefers WebCrypto) without sha.js's chain of Node-compatibility packages;
//  - diff3 → src/workspace/shims/diff3.ts: the three-way merge of isomorphic-git's merge commands,
//    which the lab does not import; as CommonJS it stayed in the bundle all the same;
//  - crc-32 → src/workspace/shims/crc-32.ts: the same checksum in a few lines (only packfiles use it);
//  - async-lock → src/workspace/shims/async-lock.ts: the one-queue-per-key lock isomorphic-git uses,
//    without the options it never sets.

import { fileURLToPath } from 'node:url';

const shim = (name: string): string => fileURLToPath(new URL(`../../workspace/shims/${name}`, import.meta.url));

export function labAliases(): Array<{ find: RegExp; replacement: string }> {
  return [
    { find: /^pako$/, replacement: shim('pako.ts') },
    { find: /^sha\.js\/sha1(\.js)?$/, replacement: shim('sha1.ts') },
    { find: /^diff3$/, replacement: shim('diff3.ts') },
    { find: /^crc-32$/, replacement: shim('crc-32.ts') },
    { find: /^async-lock$/, replacement: shim('async-lock.ts') },
  ];
}
