// Tar headers byte-for-byte as Go's archive/tar Writer produces them, since BuildKit (through
// containerd's archive.ChangeWriter) and Docker's save both write layers with it.
//
// - Go writes USTAR whenever the header fits it, splitting a long name into the prefix and name
//   fields when it can; otherwise PAX. containerd asks for FormatPAX on layer entries, but Go
//   treats PAX as "USTAR allowed too" unless sub-second or access/change times need PAX, and
//   containerd truncates mtime and zeroes those times, so layer entries, whiteouts and the entries
//   of `docker save` all follow the same rule (writer.go WriteHeader, header.go allowedFormats).
// - The USTAR block has magic "ustar\0" and version "00". A PAX entry is an extended header ('x'
//   block named path.Join(dir, "PaxHeaders.0", base) cut to 100 bytes, records sorted by key) and
//   then a main block with the ASCII-only name cut to 100 bytes. Records are added only for what
//   USTAR cannot hold: names over 100 bytes that cannot be split, non-ASCII names, link targets
//   over 100 bytes, user/group names over 32 bytes, ids over 0o7777777, sizes over 0o77777777777.
// - Numbers are zero-padded octal with a trailing NUL; the checksum is 6 octal digits, NUL, space;
//   devmajor/devminor are written as zeros ("0000000\0") in the main header.
// - The archive ends with two zero blocks and no padding to a record size.

import { concat } from './gzip.ts';

const BLOCK = 512;
const encoder = new TextEncoder();
const decoder = new TextDecoder();


export interface TarHeader {
  /** Name as stored (relative, directories end with `/`). */
  readonly name: string;
  /** '0' regular file, '5' directory, '2' symlink, '1' hard link. */
  readonly type: '0' | '1' | '2' | '5';
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly uname: string;
  readonly gname: string;
  readonly size: number;
  /** Seconds since the epoch (already clamped/truncated by the caller). */
  readonly mtime: number;
  readonly linkname: string;
}

function isASCII(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) return false;
  return true;
}

/** Go's toASCII: drops every non-ASCII character. */
function toASCII(s: string): string {
  return isASCII(s) ? s : [...s].filter((ch) => ch.charCodeAt(0) < 0x80).join('');
}

function byteLength(s: string): number {
  return isASCII(s) ? s.length : encoder.encode(s).length;
}

/** Go formatter.formatString: copy (truncating), NUL-terminate when shorter than the field. */
function putString(block: Uint8Array, off: number, size: number, s: string): void {
  const bytes = encoder.encode(s);
  const n = Math.min(bytes.length, size);
  block.set(bytes.subarray(0, n), off);
  if (bytes.length < size) block[off + bytes.length] = 0;
  // Go replaces a trailing slash cut at the field end with NUL (see formatString).
  if (bytes.length > size && block[off + size - 1] === 0x2f) {
    let end = size - 1;
    while (end > 0 && block[off + end - 1] === 0x2f) end--;
    block[off + end] = 0;
  }
}

function fitsInOctal(size: number, x: number): boolean {
  const octBits = (size - 1) * 3;
  return x >= 0 && (octBits >= 53 || x < 2 ** octBits);
}

/** Go formatter.formatOctal: zero-padded, leaving room for a NUL; 0 when it does not fit. */
function putOctal(block: Uint8Array, off: number, size: number, x: number): void {
  let s = (fitsInOctal(size, x) ? x : 0).toString(8);
  const pad = size - s.length - 1;
  if (pad > 0) s = '0'.repeat(pad) + s;
  putString(block, off, size, s);
}

function setFormatAndChecksum(block: Uint8Array): void {
  block.set(encoder.encode('ustar\0'), 257);
  block.set(encoder.encode('00'), 263);
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += block[i]!;
  putOctal(block, 148, 7, sum);
  block[155] = 0x20;
}

/** templateV7Plus: the common fields of a USTAR/PAX main header. */
function templateBlock(h: TarHeader, name: string, linkname: string, uname: string, gname: string): Uint8Array {
  const b = new Uint8Array(BLOCK);
  b[156] = h.type.charCodeAt(0);
  putString(b, 0, 100, name);
  putString(b, 157, 100, linkname);
  putOctal(b, 100, 8, h.mode);
  putOctal(b, 108, 8, h.uid);
  putOctal(b, 116, 8, h.gid);
  putOctal(b, 124, 12, h.size);
  putOctal(b, 136, 12, Math.max(0, h.mtime));
  putString(b, 265, 32, uname);
  putString(b, 297, 32, gname);
  putOctal(b, 329, 8, 0);
  putOctal(b, 337, 8, 0);
  return b;
}

/** Go splitUSTARPath. */
function splitUSTARPath(name: string): [string, string] | undefined {
  let length = name.length;
  if (length <= 100 || !isASCII(name)) return undefined;
  if (length > 156) length = 156;
  else if (name[length - 1] === '/') length--;
  const i = name.lastIndexOf('/', length - 1);
  const nlen = name.length - i - 1;
  if (i <= 0 || nlen > 100 || nlen === 0 || i > 155) return undefined;
  return [name.slice(0, i), name.slice(i + 1)];
}

/** The PAX records a header needs (Go's allowedFormats for the PAX case). Empty: plain block suffices. */
function paxRecords(h: TarHeader): Map<string, string> {
  const recs = new Map<string, string>();
  const str = (s: string, size: number, key: string) => {
    if (!isASCII(s) || byteLength(s) > size) recs.set(key, s);
  };
  str(h.name, 100, 'path');
  str(h.linkname, 100, 'linkpath');
  str(h.uname, 32, 'uname');
  str(h.gname, 32, 'gname');
  if (!fitsInOctal(8, h.uid)) recs.set('uid', String(h.uid));
  if (!fitsInOctal(8, h.gid)) recs.set('gid', String(h.gid));
  if (!fitsInOctal(12, h.size)) recs.set('size', String(h.size));
  if (!fitsInOctal(12, h.mtime)) recs.set('mtime', String(h.mtime));
  return recs;
}

/** Can USTAR hold this header (with prefix splitting for the name)? */
function ustarFits(h: TarHeader): boolean {
  const strOk = (s: string, size: number, canSplit: boolean) =>
    (isASCII(s) && byteLength(s) <= size) || (canSplit && splitUSTARPath(s) !== undefined);
  return (
    strOk(h.name, 100, true) &&
    strOk(h.linkname, 100, false) &&
    strOk(h.uname, 32, false) &&
    strOk(h.gname, 32, false) &&
    fitsInOctal(8, h.uid) &&
    fitsInOctal(8, h.gid) &&
    fitsInOctal(12, h.size) &&
    fitsInOctal(12, h.mtime)
  );
}

/** Go formatPAXRecord: "<len> <key>=<value>\n" where len counts the whole record. */
function paxRecord(key: string, value: string): string {
  const base = byteLength(key) + byteLength(value) + 3;
  let size = base + String(base).length;
  let rec = `${size} ${key}=${value}\n`;
  if (byteLength(rec) !== size) {
    size = byteLength(rec);
    rec = `${size} ${key}=${value}\n`;
  }
  return rec;
}

/** Go path.Join of (dir, "PaxHeaders.0", file), which also cleans the result. */
function paxHeaderName(name: string): string {
  const slash = name.lastIndexOf('/', name.length - 1);
  const dir = name.slice(0, slash + 1);
  const file = name.slice(slash + 1);
  const parts = [...dir.split('/'), 'PaxHeaders.0', ...file.split('/')].filter((p) => p !== '' && p !== '.');
  return parts.join('/');
}

/** The header blocks for one entry (PAX extended header + data + main header, or the main header alone). */
export function encodeHeader(h: TarHeader): Uint8Array {
  if (ustarFits(h)) {
    let name = h.name;
    let prefix = '';
    const split = splitUSTARPath(h.name);
    if (split) [prefix, name] = split;
    const b = templateBlock(h, name, h.linkname, h.uname, h.gname);
    putString(b, 345, 155, prefix);
    setFormatAndChecksum(b);
    return b;
  }
  const recs = paxRecords(h);
  const main = templateBlock(h, toASCII(h.name), toASCII(h.linkname), toASCII(h.uname), toASCII(h.gname));
  if (recs.has('size')) putOctal(main, 124, 12, 0);
  setFormatAndChecksum(main);
  if (recs.size === 0) return main;
  const data = encoder.encode([...recs.keys()].sort().map((k) => paxRecord(k, recs.get(k)!)).join(''));
  // writeRawFile: only name, mode/uid/gid/mtime zero, size, typeflag; names cut to 100 bytes.
  const x = new Uint8Array(BLOCK);
  let xname = toASCII(paxHeaderName(h.name));
  if (xname.length > 100) xname = xname.slice(0, 100);
  xname = xname.replace(/\/+$/, '');
  putString(x, 0, 100, xname);
  putOctal(x, 100, 8, 0);
  putOctal(x, 108, 8, 0);
  putOctal(x, 116, 8, 0);
  putOctal(x, 124, 12, data.length);
  putOctal(x, 136, 12, 0);
  x[156] = 'x'.charCodeAt(0);
  setFormatAndChecksum(x);
  const padded = Math.ceil(data.length / BLOCK) * BLOCK;
  const out = new Uint8Array(BLOCK + padded + BLOCK);
  out.set(x, 0);
  out.set(data, BLOCK);
  out.set(main, BLOCK + padded);
  return out;
}

/** Bytes the entry's data occupies, padded to whole blocks. */
export function paddedSize(size: number): number {
  return Math.ceil(size / BLOCK) * BLOCK;
}

export const TAR_TRAILER_SIZE = 2 * BLOCK;

// ---------------------------------------------------------------------------------------------
// Reader: USTAR, PAX (path, linkpath, size, uid, gid, uname, gname, mtime) and GNU long names.

export interface TarEntry {
  readonly name: string;
  readonly type: string;
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly uname: string;
  readonly gname: string;
  readonly size: number;
  readonly mtime: number;
  readonly linkname: string;
  readonly data: Uint8Array;
}

export class TarFormatError extends Error {}

function readString(b: Uint8Array, off: number, size: number): string {
  let end = off;
  while (end < off + size && b[end] !== 0) end++;
  return decoder.decode(b.subarray(off, end));
}

function readNumber(b: Uint8Array, off: number, size: number): number {
  if (b[off]! & 0x80) {
    // GNU base-256.
    let v = b[off]! & 0x7f;
    for (let i = 1; i < size; i++) v = v * 256 + b[off + i]!;
    return v;
  }
  const s = readString(b, off, size).trim();
  return s === '' ? 0 : parseInt(s, 8);
}

function parsePax(data: Uint8Array): Map<string, string> {
  const out = new Map<string, string>();
  let pos = 0;
  while (pos < data.length) {
    let sp = pos;
    while (sp < data.length && data[sp] !== 0x20) sp++;
    const len = parseInt(decoder.decode(data.subarray(pos, sp)), 10);
    if (!(len > 0)) throw new TarFormatError('invalid PAX record');
    const rec = decoder.decode(data.subarray(sp + 1, pos + len - 1));
    const eq = rec.indexOf('=');
    if (eq > 0) out.set(rec.slice(0, eq), rec.slice(eq + 1));
    pos += len;
  }
  return out;
}

function zeroBlock(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) if (b[i] !== 0) return false;
  return true;
}

/** Parses an uncompressed tar. Data slices are views into `bytes`. */
export function readTar(bytes: Uint8Array): TarEntry[] {
  const out: TarEntry[] = [];
  let pos = 0;
  let pax = new Map<string, string>();
  let longName: string | undefined;
  let longLink: string | undefined;
  while (pos + BLOCK <= bytes.length) {
    const b = bytes.subarray(pos, pos + BLOCK);
    if (zeroBlock(b)) break;
    let sum = 0;
    let signed = 0; // some old writers summed signed bytes
    for (let i = 0; i < BLOCK; i++) {
      const v = i >= 148 && i < 156 ? 0x20 : b[i]!;
      sum += v;
      signed += v > 127 ? v - 256 : v;
    }
    const stored = readNumber(b, 148, 8);
    if (stored !== sum && stored !== signed) throw new TarFormatError(`tar header checksum mismatch at offset ${pos}`);
    const type = String.fromCharCode(b[156]!);
    let size = readNumber(b, 124, 12);
    if (pax.has('size') && type !== 'x' && type !== 'g') size = Number(pax.get('size'));
    const dataStart = pos + BLOCK;
    if (dataStart + size > bytes.length) throw new TarFormatError('tar entry runs past the end of the archive');
    const data = bytes.subarray(dataStart, dataStart + size);
    pos = dataStart + paddedSize(size);
    if (type === 'x') {
      pax = parsePax(data);
      continue;
    }
    if (type === 'g') continue;
    if (type === 'L') {
      longName = readString(data, 0, data.length);
      continue;
    }
    if (type === 'K') {
      longLink = readString(data, 0, data.length);
      continue;
    }
    const magic = readString(b, 257, 6);
    const prefix = magic === 'ustar' ? readString(b, 345, 155) : '';
    let name = readString(b, 0, 100);
    if (prefix) name = `${prefix}/${name}`;
    name = pax.get('path') ?? longName ?? name;
    const linkname = pax.get('linkpath') ?? longLink ?? readString(b, 157, 100);
    out.push({
      name,
      type: type === '\0' ? '0' : type,
      mode: readNumber(b, 100, 8),
      uid: pax.has('uid') ? Number(pax.get('uid')) : readNumber(b, 108, 8),
      gid: pax.has('gid') ? Number(pax.get('gid')) : readNumber(b, 116, 8),
      uname: pax.get('uname') ?? readString(b, 265, 32),
      gname: pax.get('gname') ?? readString(b, 297, 32),
      size,
      mtime: pax.has('mtime') ? Math.floor(Number(pax.get('mtime'))) : readNumber(b, 136, 12),
      linkname,
      data,
    });
    pax = new Map();
    longName = undefined;
    longLink = undefined;
  }
  return out;
}

/** A tar of plain records (used for `docker save`): Go's writer with the format left unset. */
export function writeSimpleTar(
  records: ReadonlyArray<{ name: string; type: '0' | '5'; mode: number; data?: Uint8Array }>,
): Uint8Array {
  const parts: Uint8Array[] = [];
  let total = TAR_TRAILER_SIZE;
  for (const r of records) {
    const size = r.data?.length ?? 0;
    const header = encodeHeader({
      name: r.name,
      type: r.type,
      mode: r.mode,
      uid: 0,
      gid: 0,
      uname: '',
      gname: '',
      size,
      mtime: 0,
      linkname: '',
    });
    parts.push(header);
    total += header.length + paddedSize(size);
    if (r.data) parts.push(r.data, new Uint8Array(paddedSize(size) - size));
  }
  return concat(parts, total);
}
