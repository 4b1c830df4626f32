// Stands in for Node's Buffer in the browser build: isomorphic-git calls the global `Buffer`, which a
// browser lacks, and git-loader.ts installs this class as that global before git first runs (Node keeps
// its own Buffer). It is a Uint8Array with the part of Buffer's interface that isomorphic-git's lab
// functions use, each behaving as Node's does (tests/unit/workspace/buffer-shim.test.ts compares them):
//   Buffer.from(string, 'utf8' | 'hex' | 'base64'), Buffer.from(bytes | number[]) (a copy),
//   Buffer.from(arrayBuffer, byteOffset?, length?) (a view), Buffer.alloc, Buffer.concat, Buffer.isBuffer;
//   toString(encoding?, start?, end?), write(string, offset?, length?, encoding?), slice (a view that
//   shares memory, as Node's does, unlike Uint8Array's copy), indexOf(byte, offset?),
//   readUInt8/readUInt16BE/readUInt32BE, writeUInt16BE/writeUInt32BE.
// Anything else (other encodings, searching for strings) throws rather than quietly doing something
// different, since a quiet difference here would corrupt git objects. (isomorphic-git's BufferCursor also
// wraps copy() and writeUInt8(), but nothing calls those, so they are left out.)

import { toHex } from '../../engine/image/hash.ts';

type Encoding = 'utf8' | 'hex' | 'base64';

const encoder = new TextEncoder();
// ignoreBOM: Node keeps a leading byte-order mark in the string; TextDecoder would drop it.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
// Node decodes the standard and the URL-safe alphabet alike; -1 marks the characters it skips.
const B64_VALUE = new Int8Array(256).fill(-1);
for (let i = 0; i < 64; i++) B64_VALUE[B64.charCodeAt(i)] = i;
B64_VALUE[45] = 62; // '-'
B64_VALUE[95] = 63; // '_'

function encodingOf(encoding: unknown): Encoding {
  if (encoding === undefined) return 'utf8';
  switch (String(encoding).toLowerCase()) {
    case 'utf8':
    case 'utf-8':
      return 'utf8';
    case 'hex':
      return 'hex';
    case 'base64':
      return 'base64';
  }
  throw new TypeError(`Unknown encoding: ${String(encoding)}`);
}

// For hex and base64, Node reads each UTF-16 code unit by its low byte (as latin1), so do we.
function hexDigit(code: number): number {
  code &= 0xff;
  if (code >= 48 && code <= 57) return code - 48;
  code |= 0x20; // lower case
  return code >= 97 && code <= 102 ? code - 87 : -1;
}

/** Node's hex decoding: pairs of digits up to the first pair that is not one, at most `max` bytes. */
function decodeHex(s: string, max = Infinity): Uint8Array {
  const n = Math.min(s.length >>> 1, max);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const hi = hexDigit(s.charCodeAt(2 * i));
    const lo = hexDigit(s.charCodeAt(2 * i + 1));
    if (hi < 0 || lo < 0) return out.subarray(0, i);
    out[i] = (hi << 4) | lo;
  }
  return out;
}

/** Node's lenient base64 decoding: characters outside the alphabets are skipped, '=' ends the data. */
function decodeBase64(s: string): Uint8Array {
  const out = new Uint8Array((s.length * 3) >>> 2);
  let n = 0;
  let bits = 0;
  let acc = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) & 0xff;
    if (c === 61) break; // '='
    const v = B64_VALUE[c]!;
    if (v < 0) continue;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (acc >>> bits) & 0xff;
    }
  }
  return out.subarray(0, n);
}

function encodeBase64(b: Uint8Array): string {
  let s = '';
  let i = 0;
  for (; i + 2 < b.length; i += 3) {
    const v = (b[i]! << 16) | (b[i + 1]! << 8) | b[i + 2]!;
    s += B64[v >>> 18]! + B64[(v >>> 12) & 63]! + B64[(v >>> 6) & 63]! + B64[v & 63]!;
  }
  if (i + 1 === b.length) {
    const v = b[i]! << 16;
    s += B64[v >>> 18]! + B64[(v >>> 12) & 63]! + '==';
  } else if (i + 2 === b.length) {
    const v = (b[i]! << 16) | (b[i + 1]! << 8);
    s += B64[v >>> 18]! + B64[(v >>> 12) & 63]! + B64[(v >>> 6) & 63]! + '=';
  }
  return s;
}

function bytesOf(s: string, encoding: Encoding): Uint8Array {
  return encoding === 'utf8' ? encoder.encode(s) : encoding === 'hex' ? decodeHex(s) : decodeBase64(s);
}

/** Node's check of an offset or length argument: an integer within [0, max]. */
function checkIndex(value: unknown, name: string, max: number): number {
  if (typeof value !== 'number') throw new TypeError(`The "${name}" argument must be of type number`);
  if (!Number.isInteger(value) || value < 0 || value > max) throw new RangeError(`The value of "${name}" is out of range`);
  return value;
}

// @ts-expect-error -- Buffer.from is Node's, not TypedArray.from with its (arrayLike, mapfn) signature
export class Buffer extends Uint8Array {
  static isBuffer(value: unknown): value is Buffer {
    return value instanceof Buffer;
  }

  static alloc(size: number): Buffer {
    if (typeof size !== 'number') throw new TypeError('The "size" argument must be of type number');
    return new Buffer(size);
  }

  static override from(value: string | ArrayBufferLike | ArrayLike<number>, encodingOrOffset?: string | number, length?: number): Buffer {
    if (typeof value === 'string') {
      // Node: a missing or empty encoding means UTF-8; an unknown one throws.
      const bytes = bytesOf(value, typeof encodingOrOffset === 'string' && encodingOrOffset !== '' ? encodingOf(encodingOrOffset) : 'utf8');
      return new Buffer(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.length);
    }
    if (value instanceof ArrayBuffer || (typeof SharedArrayBuffer !== 'undefined' && value instanceof SharedArrayBuffer)) {
      // A view of the same memory, as Node gives.
      const offset = encodingOrOffset === undefined ? 0 : Number(encodingOrOffset) || 0;
      if (offset > value.byteLength) throw new RangeError('"offset" is outside of buffer bounds');
      const max = value.byteLength - offset;
      const n = length === undefined ? max : +length > 0 ? +length : 0;
      if (n > max) throw new RangeError('"length" is outside of buffer bounds');
      return new Buffer(value as ArrayBuffer, offset, n);
    }
    if (typeof value === 'object' && value !== null && typeof (value as ArrayLike<number>).length === 'number') {
      // Bytes and arrays are copied, each element taken modulo 256 as Node does.
      return new Buffer(value as ArrayLike<number>);
    }
    throw new TypeError('The first argument must be a string, Buffer, ArrayBuffer, Array, or Array-like Object');
  }

  static concat(list: readonly Uint8Array[], totalLength?: number): Buffer {
    if (!Array.isArray(list)) throw new TypeError('The "list" argument must be an instance of Array');
    if (list.length === 0) return new Buffer(0);
    for (const b of list) if (!(b instanceof Uint8Array)) throw new TypeError('The "list" elements must be Buffer or Uint8Array');
    const length = totalLength === undefined ? list.reduce((n, b) => n + b.length, 0) : checkIndex(totalLength, 'length', Number.MAX_SAFE_INTEGER);
    // Past totalLength the data is cut off; short of it the rest stays zero.
    const out = new Buffer(length);
    let pos = 0;
    for (const b of list) {
      if (pos >= length) break;
      out.set(b.length > length - pos ? b.subarray(0, length - pos) : b, pos);
      pos += b.length;
    }
    return out;
  }

  override toString(encoding?: string, start?: number, end?: number): string {
    // Node's clamping of start and end; an unknown encoding only throws for a non-empty range.
    const len = this.length;
    let s = start as number;
    if (s <= 0) s = 0;
    else if (s >= len) return '';
    else s = Math.trunc(s) || 0;
    const e = end === undefined || end > len ? len : Math.trunc(end) || 0;
    if (e <= s) return '';
    const bytes = this.subarray(s, e);
    switch (encodingOf(encoding)) {
      case 'utf8':
        return decoder.decode(bytes);
      case 'hex':
        return toHex(bytes);
      case 'base64':
        return encodeBase64(bytes);
    }
  }

  /** Node's Buffer#write(string[, offset[, length]][, encoding]); returns the number of bytes written. */
  write(string: string, offset?: number | string, length?: number | string, encoding?: string): number {
    if (typeof string !== 'string') throw new TypeError('The "string" argument must be of type string');
    // Node's argument shuffling, quirks included: with no offset the string is written as UTF-8.
    if (offset === undefined) return encoder.encodeInto(string, this).written;
    let at = 0;
    let max = this.length;
    if (length === undefined && typeof offset === 'string') {
      encoding = offset;
    } else {
      at = checkIndex(offset, 'offset', this.length);
      max = this.length - at;
      if (typeof length === 'string') encoding = length;
      else if (length !== undefined) max = Math.min(checkIndex(length, 'length', this.length), max);
    }
    const enc = encoding ? encodingOf(encoding) : 'utf8';
    const target = this.subarray(at, at + max);
    // UTF-8 writes whole characters only, like Node (and encodeInto).
    if (enc === 'utf8') return encoder.encodeInto(string, target).written;
    const bytes = enc === 'hex' ? decodeHex(string, max) : decodeBase64(string).subarray(0, max);
    target.set(bytes);
    return bytes.length;
  }

  /** A view of the same memory, like Node's Buffer#slice (Uint8Array#slice copies). */
  override slice(start?: number, end?: number): Buffer {
    return this.subarray(start, end) as Buffer;
  }

  /** Only a byte value is searched for (taken modulo 256, as Node does). */
  override indexOf(value: number, byteOffset?: number | string): number {
    if (typeof value !== 'number') throw new TypeError('This Buffer stand-in only searches for a byte value');
    // A string in the offset's place is Node's encoding argument: search from the start.
    return super.indexOf((value >>> 0) & 0xff, typeof byteOffset === 'string' ? 0 : byteOffset);
  }

  readUInt8(offset = 0): number {
    return this[this.range(offset, 1)]!;
  }

  readUInt16BE(offset = 0): number {
    const o = this.range(offset, 2);
    return (this[o]! << 8) | this[o + 1]!;
  }

  readUInt32BE(offset = 0): number {
    const o = this.range(offset, 4);
    return this[o]! * 0x1000000 + ((this[o + 1]! << 16) | (this[o + 2]! << 8) | this[o + 3]!);
  }

  writeUInt16BE(value: number, offset = 0): number {
    return this.put(value, offset, 2, 0xffff);
  }

  writeUInt32BE(value: number, offset = 0): number {
    return this.put(value, offset, 4, 0xffffffff);
  }

  /** Node's bounds check for reading or writing n bytes at offset: out of range throws. */
  private range(offset: unknown, n: number): number {
    if (typeof offset !== 'number') throw new TypeError('The "offset" argument must be of type number');
    if (!Number.isInteger(offset) || offset < 0 || offset + n > this.length) throw new RangeError('The value of "offset" is out of range');
    return offset;
  }

  private put(value: number, offset: unknown, n: number, max: number): number {
    // As Node: the value is checked first, then truncated to an integer (NaN writes 0).
    const v = +value;
    if (v > max || v < 0) throw new RangeError('The value of "value" is out of range');
    const o = this.range(offset, n);
    let u = v >>> 0;
    for (let i = n - 1; i >= 0; i--) {
      this[o + i] = u & 0xff;
      u >>>= 8;
    }
    return o + n;
  }
}
