// The browser build's Buffer stand-in (src/workspace/shims/buffer.ts), method by method against Node's
// own Buffer: same bytes, same strings, same return values, and an error where Node throws one.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Buffer as ShimBuffer } from '../../../src/workspace/shims/buffer.ts';

type Outcome = { value: unknown } | { error: string };

/** Runs f, giving its result as plain data (bytes become arrays) or the class of what it threw. */
function outcome(f: () => unknown): Outcome {
  try {
    const v = f();
    return { value: v instanceof Uint8Array ? Array.from(v) : v };
  } catch (e) {
    return { error: (e as Error).constructor.name };
  }
}

const bytes = (b: Uint8Array): number[] => Array.from(b);

/** Strings of any UTF-16 code units, lone surrogates included (UTF-8 encodes those as U+FFFD). */
const utf16 = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 40 }).map((units) => String.fromCharCode(...units));
const anyString = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), utf16);
// Node reads hex and base64 text by the low byte of each UTF-16 unit: 'š' (U+0161) counts as 'a'.
const hexish = fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEFgz \u0161\u0130\u4e00'), maxLength: 40 });
const base64ish = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_= \n$\u013d\u0161\u4e00'), maxLength: 40 });
/** Encodings Node knows that the stand-in deliberately does not: it throws a TypeError for them. */
const UNSUPPORTED = new Set(['latin1']);
/** Node's outcome, or the TypeError the stand-in gives for an encoding it leaves out. */
const expected = (enc: unknown, node: () => unknown): Outcome => (UNSUPPORTED.has(enc as string) ? { error: 'TypeError' } : outcome(node));
const encoding = fc.constantFrom(undefined, 'utf8', 'utf-8', 'UTF8', 'hex', 'base64', 'bogus', '');
/** An index argument: in range, past either end, fractional, or not a number at all. */
const index = (len: number) =>
  fc.oneof(
    fc.integer({ min: -2, max: len + 2 }),
    fc.double({ min: -2, max: len + 2, noNaN: true }),
    fc.constantFrom(undefined, NaN, Infinity, -Infinity, '1', null),
  ) as fc.Arbitrary<number>;
const withIndex = fc.uint8Array({ maxLength: 24 }).chain((b) => fc.tuple(fc.constant(b), index(b.length), index(b.length)));

describe('Buffer stand-in: strings', () => {
  it('UTF-8: the same bytes from any string and the same string from any bytes, leading BOM kept', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        expect(bytes(ShimBuffer.from(s))).toEqual(bytes(Buffer.from(s)));
        expect(bytes(ShimBuffer.from(s, 'utf8'))).toEqual(bytes(Buffer.from(s, 'utf8')));
        expect(ShimBuffer.from(s).toString('utf8')).toBe(Buffer.from(s).toString('utf8'));
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (b) => {
        // Invalid sequences become U+FFFD exactly where Node puts them.
        expect(new ShimBuffer(b).toString()).toBe(Buffer.from(b).toString());
        expect(new ShimBuffer(b).toString('utf8')).toBe(Buffer.from(b).toString('utf8'));
      }),
      { numRuns: 1000 },
    );
    const bom = [0xef, 0xbb, 0xbf, 0x41];
    expect(ShimBuffer.from(bom).toString()).toBe('\ufeffA');
    expect(`${ShimBuffer.from('héllo')}`).toBe('héllo');
  });

  it('hex: round trips, and partly invalid input decodes as far as Node decodes it', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (b) => {
        const hex = Buffer.from(b).toString('hex');
        expect(new ShimBuffer(b).toString('hex')).toBe(hex);
        expect(bytes(ShimBuffer.from(hex, 'hex'))).toEqual(bytes(b));
        expect(bytes(ShimBuffer.from(hex.toUpperCase(), 'hex'))).toEqual(bytes(b));
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(hexish, (s) => {
        expect(bytes(ShimBuffer.from(s, 'hex'))).toEqual(bytes(Buffer.from(s, 'hex')));
      }),
      { numRuns: 500 },
    );
  });

  it('base64: round trips, and lenient input (URL-safe letters, stray characters, missing or early =) as Node', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (b) => {
        const b64 = Buffer.from(b).toString('base64');
        expect(new ShimBuffer(b).toString('base64')).toBe(b64);
        expect(bytes(ShimBuffer.from(b64, 'base64'))).toEqual(bytes(b));
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(base64ish, (s) => {
        expect(bytes(ShimBuffer.from(s, 'base64'))).toEqual(bytes(Buffer.from(s, 'base64')));
      }),
      { numRuns: 1000 },
    );
  });

  it('toString(encoding, start, end) clamps the range as Node does; an unknown encoding throws', () => {
    fc.assert(
      fc.property(withIndex, fc.oneof(encoding, fc.constant('latin1')), ([b, start, end], enc) => {
        const shim = new ShimBuffer(b);
        const node = Buffer.from(b);
        const want = outcome(() => node.toString(enc as BufferEncoding, start, end));
        // Like Node, an empty range gives '' before the encoding is looked at.
        expect(outcome(() => shim.toString(enc, start, end))).toEqual('value' in want && want.value === '' ? want : expected(enc, () => node.toString(enc as BufferEncoding, start, end)));
      }),
      { numRuns: 2000 },
    );
    expect(() => ShimBuffer.from('ab', 'latin1')).toThrow(TypeError);
    expect(() => ShimBuffer.from([1]).toString('ucs2')).toThrow(TypeError);
  });

  it('from(string, encoding) treats a missing or empty encoding as UTF-8 and rejects unknown ones', () => {
    fc.assert(
      fc.property(fc.oneof(anyString, hexish, base64ish), fc.constantFrom(undefined, '', 'utf8', 'UTF-8', 'hex', 'base64', 'bogus', 'latin1'), (s, enc) => {
        expect(outcome(() => ShimBuffer.from(s, enc))).toEqual(expected(enc, () => Buffer.from(s, enc as BufferEncoding)));
      }),
      { numRuns: 500 },
    );
  });

  it('write(string, offset, length, encoding) writes the same bytes and returns the same count', () => {
    const args = fc.uint8Array({ maxLength: 16 }).chain((b) =>
      fc.tuple(
        fc.constant(b),
        fc.oneof(anyString, hexish, base64ish),
        fc.oneof(index(b.length), encoding),
        fc.oneof(index(b.length), encoding),
        encoding,
      ),
    );
    fc.assert(
      fc.property(args, ([b, s, offset, length, enc]) => {
        const shim = new ShimBuffer(b);
        const node = Buffer.from(b);
        const w = (x: { write(...a: unknown[]): number }) => () => x.write(s, offset, length, enc);
        expect(outcome(w(shim as never))).toEqual(outcome(w(node as never)));
        expect(bytes(shim)).toEqual(bytes(node));
      }),
      { numRuns: 3000 },
    );
    // The calls isomorphic-git makes: an oid as 20 bytes of hex, a path as UTF-8, a digest by encoding alone.
    const b = ShimBuffer.alloc(30);
    expect(b.write('ce013625030ba8dba906f756967f9e9ca394464a', 4, 20, 'hex')).toBe(20);
    expect(b.toString('hex', 4, 24)).toBe('ce013625030ba8dba906f756967f9e9ca394464a');
    expect(b.write('DIRC', 0, 4, 'utf8')).toBe(4);
    expect(b.write('ff', 'hex')).toBe(1);
    expect(b.toString('utf8', 1, 4)).toBe('IRC');
  });
});

describe('Buffer stand-in: integers', () => {
  it('readUInt8/readUInt16BE/readUInt32BE read what Node reads and throw where it throws', () => {
    fc.assert(
      fc.property(withIndex, ([b, offset]) => {
        const shim = new ShimBuffer(b);
        const node = Buffer.from(b);
        for (const m of ['readUInt8', 'readUInt16BE', 'readUInt32BE'] as const) {
          expect(outcome(() => shim[m](offset))).toEqual(outcome(() => node[m](offset)));
        }
        expect(outcome(() => shim.readUInt32BE())).toEqual(outcome(() => node.readUInt32BE()));
      }),
      { numRuns: 2000 },
    );
    expect(ShimBuffer.from([0xff, 0xff, 0xff, 0xff]).readUInt32BE(0)).toBe(0xffffffff);
  });

  it('writeUInt16BE/writeUInt32BE write the same bytes, return the next offset and reject values out of range', () => {
    const value = fc.oneof(
      fc.integer({ min: 0, max: 0xffff }),
      fc.integer({ min: 0, max: 0xffffffff }),
      fc.integer({ min: -5, max: 0x1ffffffff }),
      fc.double({ min: -2, max: 0x100000001, noNaN: true }),
      fc.constantFrom(NaN, '258', 0xffffffff, 0x10000),
    ) as fc.Arbitrary<number>;
    fc.assert(
      fc.property(withIndex, value, ([b, offset], v) => {
        for (const m of ['writeUInt16BE', 'writeUInt32BE'] as const) {
          const shim = new ShimBuffer(b);
          const node = Buffer.from(b);
          expect(outcome(() => shim[m](v, offset))).toEqual(outcome(() => node[m](v, offset)));
          expect(bytes(shim)).toEqual(bytes(node));
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('a write then a read gives the value back', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 12 }), (v, o) => {
        const b = ShimBuffer.alloc(16);
        expect(b.writeUInt32BE(v, o)).toBe(o + 4);
        expect(b.readUInt32BE(o)).toBe(v);
        expect(b.writeUInt16BE(v & 0xffff, o)).toBe(o + 2);
        expect(b.readUInt16BE(o)).toBe(v & 0xffff);
      }),
    );
  });
});

describe('Buffer stand-in: views, copies and searching', () => {
  it('slice is a view that shares memory with the original (as Node, unlike Uint8Array#slice)', () => {
    const b = ShimBuffer.from([1, 2, 3, 4, 5]);
    const s = b.slice(1, 3);
    expect(ShimBuffer.isBuffer(s)).toBe(true);
    s[0] = 99;
    expect(b[1]).toBe(99);
    b[2] = 42;
    expect(s[1]).toBe(42);
    expect(bytes(b.slice(-2))).toEqual([4, 5]);
    expect(ShimBuffer.isBuffer(b.subarray(1))).toBe(true);
    fc.assert(
      fc.property(withIndex, ([b, start, end]) => {
        const shim = new ShimBuffer(b);
        const node = Buffer.from(b);
        expect(outcome(() => shim.slice(start, end))).toEqual(outcome(() => node.slice(start, end)));
        const view = shim.slice(start, end);
        if (view.length > 0) {
          view[0] = view[0]! ^ 0xff;
          expect(shim[view.byteOffset - shim.byteOffset]).toBe(view[0]);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('indexOf finds a byte (value modulo 256) from an offset, as Node does', () => {
    const needle = fc.oneof(fc.integer({ min: 0, max: 255 }), fc.integer({ min: -300, max: 600 }), fc.double({ min: -2, max: 300 }), fc.constant(NaN));
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 24 }).map((b) => b.map((x) => x & 7)),
        needle,
        fc.oneof(fc.constant(undefined), fc.integer({ min: -30, max: 30 }), fc.double({ min: -30, max: 30 }), fc.constantFrom('utf8', Infinity, -Infinity)),
        (b, n, offset) => {
          const o = offset as number | undefined;
          expect(new ShimBuffer(b).indexOf(n, o)).toBe(Buffer.from(b).indexOf(n, o));
          expect(new ShimBuffer(b).indexOf(n & 7, o)).toBe(Buffer.from(b).indexOf(n & 7, o));
        },
      ),
      { numRuns: 2000 },
    );
    // Searching for a string is not supported here: it throws rather than quietly finding nothing.
    expect(() => ShimBuffer.from('abc').indexOf('b' as never)).toThrow(TypeError);
  });

  it('from(bytes) and from(array) copy (each element modulo 256); from(ArrayBuffer, offset, length) is a view', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: -300, max: 600 }), fc.double())), (a) => {
        expect(bytes(ShimBuffer.from(a))).toEqual(bytes(Buffer.from(a)));
      }),
    );
    const src = new Uint8Array([1, 2, 3]);
    const copy = ShimBuffer.from(src);
    src[0] = 9;
    expect(bytes(copy)).toEqual([1, 2, 3]);
    const again = ShimBuffer.from(copy);
    copy[1] = 7;
    expect(bytes(again)).toEqual([1, 2, 3]);

    fc.assert(
      fc.property(fc.integer({ min: 0, max: 12 }), fc.option(fc.integer({ min: -2, max: 14 })), fc.option(fc.integer({ min: -2, max: 14 })), (n, off, len) => {
        const ab = new ArrayBuffer(n);
        const o = off ?? undefined;
        const l = len ?? undefined;
        const shim = outcome(() => ShimBuffer.from(ab, o, l));
        expect(shim).toEqual(outcome(() => Buffer.from(ab, o, l)));
        if ('value' in shim) {
          const view = ShimBuffer.from(ab, o, l);
          expect(view.buffer).toBe(ab);
          expect(view.byteOffset).toBe(Buffer.from(ab, o, l).byteOffset);
        }
      }),
    );
    for (const bad of [5, null, undefined, true]) {
      expect(() => ShimBuffer.from(bad as never)).toThrow(TypeError);
      expect(() => Buffer.from(bad as never)).toThrow(TypeError);
    }
  });

  it('alloc gives zeroed buffers; isBuffer knows its own', () => {
    const a = ShimBuffer.alloc(7);
    expect(bytes(a)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(ShimBuffer.isBuffer(a)).toBe(true);
    expect(ShimBuffer.isBuffer(new Uint8Array(2))).toBe(false);
    expect(ShimBuffer.isBuffer('x')).toBe(false);
    expect(ShimBuffer.isBuffer(null)).toBe(false);
    expect(() => ShimBuffer.alloc(-1)).toThrow(RangeError);
  });

  it('concat joins, pads or cuts to totalLength as Node does', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 6 }), { maxLength: 5 }), fc.option(fc.integer({ min: 0, max: 40 })), (list, total) => {
        const t = total ?? undefined;
        const shim = ShimBuffer.concat(list, t);
        expect(ShimBuffer.isBuffer(shim)).toBe(true);
        expect(bytes(shim)).toEqual(bytes(Buffer.concat(list, t)));
      }),
      { numRuns: 500 },
    );
    expect(() => ShimBuffer.concat([[1]] as never)).toThrow(TypeError);
    // The result is new memory: later changes to a part do not show through.
    const part = ShimBuffer.from([1, 2]);
    const joined = ShimBuffer.concat([part]);
    part[0] = 5;
    expect(bytes(joined)).toEqual([1, 2]);
  });
});
