// Stands in for `crc-32` in the browser build (aliased in src/lab/tools/vite-shims.ts). isomorphic-git
// uses its buf() for the CRC-32 of packfile entries, which only fetched packs have and the lab never
// does; as CommonJS the package stayed in the bundle whole. This is the same CRC (IEEE 802.3, the
// reflected polynomial 0xEDB88320) with the same signed 32-bit result. Node keeps the real package.

let table: Int32Array | undefined;

function buf(data: Uint8Array, seed = 0): number {
  if (!table) {
    table = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c;
    }
  }
  let c = ~seed;
  for (let i = 0; i < data.length; i++) c = table[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return ~c;
}

export default { buf };
