// A minimal zip writer for tests and benchmarks of the lab's .zip import (src/lab/zip.ts).

const enc = (s: string) => new TextEncoder().encode(s);

export interface RawEntry {
  name: string;
  /** The stored bytes (deflated when method is 8). */
  body: Uint8Array;
  /** The uncompressed size the headers declare. */
  size: number;
  method?: number;
}

/**
 * A minimal zip writer (APPNOTE.TXT 4.3: local headers, central directory, end record) that writes
 * whatever sizes it is told, so a test can build bombs and lying headers without inflating gigabytes.
 * The same compressed body may be shared by many entries, as real overlapping-entry bombs do.
 */
export function rawZip(entries: RawEntry[], shareBody = false): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  let sharedAt = -1;
  for (const e of entries) {
    const name = enc(e.name);
    const method = e.method ?? 8;
    let headerAt = offset;
    if (!shareBody || sharedAt < 0) {
      const local = new Uint8Array(30 + name.length);
      const v = new DataView(local.buffer);
      v.setUint32(0, 0x04034b50, true);
      v.setUint16(4, 20, true);
      v.setUint16(8, method, true);
      v.setUint32(18, e.body.length, true);
      v.setUint32(22, e.size, true);
      v.setUint16(26, name.length, true);
      local.set(name, 30);
      parts.push(local, e.body);
      offset += local.length + e.body.length;
      if (shareBody) sharedAt = headerAt;
    } else headerAt = sharedAt;
    const c = new Uint8Array(46 + name.length);
    const v = new DataView(c.buffer);
    v.setUint32(0, 0x02014b50, true);
    v.setUint16(4, 20, true);
    v.setUint16(6, 20, true);
    v.setUint16(10, method, true);
    v.setUint32(20, e.body.length, true);
    v.setUint32(24, e.size, true);
    v.setUint16(28, name.length, true);
    v.setUint32(42, headerAt, true);
    c.set(name, 46);
    central.push(c);
  }
  const cdSize = central.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const v = new DataView(end.buffer);
  v.setUint32(0, 0x06054b50, true);
  v.setUint16(8, Math.min(entries.length, 0xffff), true);
  v.setUint16(10, Math.min(entries.length, 0xffff), true);
  v.setUint32(12, cdSize, true);
  v.setUint32(16, offset, true);
  const out = new Uint8Array(offset + cdSize + 22);
  let at = 0;
  for (const p of [...parts, ...central, end]) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
