// Stands in for `sha.js/sha1.js` in the browser build (aliased in src/lab/tools/vite-shims.ts).
// isomorphic-git hashes with WebCrypto when it can and falls back to sha.js's synchronous SHA-1; sha.js
// pulls a chain of Node-compatibility packages into the bundle. This is a small SHA-1 (FIPS 180-4,
// section 6.1) with the part of sha.js's interface isomorphic-git uses: update(bytes | string) and
// digest('hex') / digest(). Node keeps the real sha.js.

import { toHex } from '../../engine/image/hash.ts';

const rotl = (x: number, n: number): number => (x << n) | (x >>> (32 - n));

export default class Sha1 {
  private readonly h = new Uint32Array([0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0]);
  private readonly block = new Uint8Array(64);
  private readonly view = new DataView(this.block.buffer);
  private readonly w = new Uint32Array(80);
  private used = 0;
  private bytes = 0;

  update(data: Uint8Array | string): this {
    const input = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    let i = 0;
    while (i < input.length) {
      const n = Math.min(64 - this.used, input.length - i);
      this.block.set(input.subarray(i, i + n), this.used);
      this.used += n;
      i += n;
      if (this.used === 64) this.compress();
    }
    this.bytes += input.length;
    return this;
  }

  digest(): Uint8Array;
  digest(encoding: 'hex'): string;
  digest(encoding?: 'hex'): Uint8Array | string {
    const bits = this.bytes * 8;
    this.block[this.used++] = 0x80;
    if (this.used > 56) {
      this.block.fill(0, this.used);
      this.compress();
    }
    this.block.fill(0, this.used, 56);
    this.view.setUint32(56, Math.floor(bits / 0x100000000));
    this.view.setUint32(60, bits >>> 0);
    this.compress();
    const out = new Uint8Array(20);
    const ov = new DataView(out.buffer);
    for (let k = 0; k < 5; k++) ov.setUint32(k * 4, this.h[k]!);
    if (encoding === 'hex') return toHex(out);
    const B = (globalThis as { Buffer?: { from(a: Uint8Array): Uint8Array } }).Buffer;
    return B ? B.from(out) : out;
  }

  private compress(): void {
    const w = this.w;
    for (let t = 0; t < 16; t++) w[t] = this.view.getUint32(t * 4);
    for (let t = 16; t < 80; t++) w[t] = rotl(w[t - 3]! ^ w[t - 8]! ^ w[t - 14]! ^ w[t - 16]!, 1);
    let [a, b, c, d, e] = this.h as unknown as [number, number, number, number, number];
    for (let t = 0; t < 80; t++) {
      let f: number;
      let k: number;
      if (t < 20) {
        f = (b & c) | (~b & d);
        k = 0x5a827999;
      } else if (t < 40) {
        f = b ^ c ^ d;
        k = 0x6ed9eba1;
      } else if (t < 60) {
        f = (b & c) | (b & d) | (c & d);
        k = 0x8f1bbcdc;
      } else {
        f = b ^ c ^ d;
        k = 0xca62c1d6;
      }
      const temp = (rotl(a, 5) + f + e + k + w[t]!) | 0;
      e = d;
      d = c;
      c = rotl(b, 30);
      b = a;
      a = temp;
    }
    this.h[0] = this.h[0]! + a;
    this.h[1] = this.h[1]! + b;
    this.h[2] = this.h[2]! + c;
    this.h[3] = this.h[3]! + d;
    this.h[4] = this.h[4]! + e;
    this.used = 0;
  }
}
