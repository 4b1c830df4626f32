// The browser build's stand-ins for isomorphic-git's pako and sha.js (src/workspace/shims/), checked
// against independent implementations: Node's crypto for SHA-1, the real pako for zlib.
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import Sha1 from '../../../src/workspace/shims/sha1.ts';
import shimPako, { inflate, deflate, Inflate } from '../../../src/workspace/shims/pako.ts';
import { labAliases } from '../../../src/lab/tools/vite-shims.ts';

const require = createRequire(import.meta.url);
const pako = require('pako') as { inflate(d: Uint8Array): Uint8Array; deflate(d: Uint8Array): Uint8Array };

const nodeSha1 = (parts: (Uint8Array | string)[]): string => {
  const h = createHash('sha1');
  for (const p of parts) h.update(p);
  return h.digest('hex');
};

describe('SHA-1 stand-in for sha.js/sha1.js', () => {
  it('gives the FIPS 180 test vectors', () => {
    expect(new Sha1().update('').digest('hex')).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
    expect(new Sha1().update('abc').digest('hex')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(new Sha1().update('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq').digest('hex')).toBe('84983e441c3bd26ebaae4aa1f95129e5e54670f1');
  });

  it('hashes a git blob as git does (blob <size>\\0<content>)', () => {
    // `printf 'hello\n' | git hash-object --stdin` prints ce013625030ba8dba906f756967f9e9ca394464a.
    expect(new Sha1().update('blob 6\0hello\n').digest('hex')).toBe('ce013625030ba8dba906f756967f9e9ca394464a');
  });

  it('agrees with Node crypto at every padding boundary and across split updates', () => {
    for (const n of [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000, 4096 + 3]) {
      const data = Uint8Array.from({ length: n }, (_, i) => (i * 31 + n) & 0xff);
      expect(new Sha1().update(data).digest('hex'), `length ${n}`).toBe(nodeSha1([data]));
    }
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 150 }), { maxLength: 6 }), (parts) => {
        const h = new Sha1();
        for (const p of parts) h.update(p);
        expect(h.digest('hex')).toBe(nodeSha1(parts));
      }),
      { numRuns: 200 },
    );
  });

  it('digest() without an encoding gives the 20 raw bytes', () => {
    const raw = new Sha1().update('abc').digest();
    expect(Buffer.from(raw).toString('hex')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(raw.length).toBe(20);
  });
});

describe('pako stand-in (fflate)', () => {
  it('inflates what pako deflates and the other way round (zlib-wrapped, as git stores objects)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), (data) => {
        expect(Buffer.from(inflate(pako.deflate(data))).equals(Buffer.from(data))).toBe(true);
        expect(Buffer.from(pako.inflate(deflate(data))).equals(Buffer.from(data))).toBe(true);
      }),
      { numRuns: 100 },
    );
    // A zlib stream starts with CMF 0x78 (deflate, 32 KiB window), as in a loose git object.
    expect(deflate(new TextEncoder().encode('blob 0\0'))[0]).toBe(0x78);
    expect(shimPako.inflate).toBe(inflate);
  });

  it('throws a string for corrupt data, as pako does (isomorphic-git wraps strings in DecompressionError)', () => {
    const bad = pako.deflate(new TextEncoder().encode('some text to compress, some text to compress'));
    bad[5] ^= 0xff;
    let thrown: unknown;
    try {
      inflate(bad.subarray(0, 8));
    } catch (err) {
      thrown = err;
    }
    expect(typeof thrown).toBe('string');
  });

  it('refuses streaming inflate (packfiles) with a plain explanation', () => {
    expect(() => new Inflate()).toThrow(/packfiles/);
  });
});

describe('build aliases', () => {
  it('point pako, sha.js/sha1.js, diff3, crc-32 and async-lock at the stand-ins, and nothing else', () => {
    const aliases = labAliases();
    const target = (spec: string) => aliases.find((a) => a.find.test(spec))?.replacement;
    expect(target('pako')).toMatch(/src\/workspace\/shims\/pako\.ts$/);
    expect(target('sha.js/sha1.js')).toMatch(/src\/workspace\/shims\/sha1\.ts$/);
    expect(target('diff3')).toMatch(/src\/workspace\/shims\/diff3\.ts$/);
    expect(target('diff3/onp')).toBeUndefined();
    expect(target('crc-32')).toMatch(/src\/workspace\/shims\/crc-32\.ts$/);
    expect(target('async-lock')).toMatch(/src\/workspace\/shims\/async-lock\.ts$/);
    expect(target('async-lock/lib')).toBeUndefined();
    expect(target('pako/lib/inflate')).toBeUndefined();
    expect(target('sha.js')).toBeUndefined();
    expect(target('fflate')).toBeUndefined();
  });
});

describe('diff3 stand-in', () => {
  it('refuses a three-way merge with a plain explanation (the lab imports no merge command)', async () => {
    const { default: diff3Merge } = await import('../../../src/workspace/shims/diff3.ts');
    expect(() => diff3Merge()).toThrow('three-way merges are not part of the lab');
  });

  it('stands in for nothing the lab uses: git-api.ts exports no command that merges file contents', async () => {
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(new URL('../../../src/workspace/git-api.ts', import.meta.url), 'utf8');
    const exported = /export\s*\{([^}]*)\}\s*from 'isomorphic-git'/.exec(text)?.[1]?.split(',').map((n) => n.trim()).filter(Boolean) ?? [];
    expect(exported).toContain('commit');
    for (const merging of ['merge', 'cherryPick', 'stash', 'pull', 'abortMerge']) expect(exported).not.toContain(merging);
  });
});

describe('crc-32 stand-in', () => {
  it('gives the real package\'s results, signed as it returns them, with and without a seed', async () => {
    const { default: shim } = await import('../../../src/workspace/shims/crc-32.ts');
    const { createRequire } = await import('node:module');
    const real = createRequire(import.meta.url)('crc-32') as { buf(data: Uint8Array, seed?: number): number };
    // The check value of CRC-32/ISO-HDLC: "123456789" → 0xCBF43926.
    expect(shim.buf(new TextEncoder().encode('123456789')) >>> 0).toBe(0xcbf43926);
    const bytes = Uint8Array.from({ length: 1000 }, (_, i) => (i * 131 + 7) & 0xff);
    for (const n of [0, 1, 3, 64, 255, 1000]) {
      expect(shim.buf(bytes.subarray(0, n))).toBe(real.buf(bytes.subarray(0, n)));
      expect(shim.buf(bytes.subarray(0, n), 0x1234567)).toBe(real.buf(bytes.subarray(0, n), 0x1234567));
    }
  });
});

describe('async-lock stand-in', () => {
  /** Runs the same schedule through a lock and returns the order things happened in. */
  async function schedule(lock: { acquire<T>(key: string | string[], fn: () => T | Promise<T>): Promise<T> }): Promise<string[]> {
    const log: string[] = [];
    const tick = () => new Promise<void>((r) => setTimeout(r, 1));
    const work = (name: string, ms: number, fail = false) => async () => {
      log.push(`${name} start`);
      for (let i = 0; i < ms; i++) await tick();
      log.push(`${name} end`);
      if (fail) throw new Error(name);
      return name;
    };
    const results = await Promise.allSettled([
      lock.acquire('index', work('a', 3)),
      lock.acquire('index', work('b', 1, true)),
      lock.acquire('HEAD', work('c', 1)),
      lock.acquire(['index', 'HEAD'], work('d', 1)),
      lock.acquire('index', work('e', 1)),
    ]);
    log.push(...results.map((r) => (r.status === 'fulfilled' ? `ok ${r.value}` : `failed ${(r.reason as Error).message}`)));
    return log;
  }

  it('orders holders of a key, runs other keys alongside, and goes on after a failure, as the real package does', async () => {
    const { default: Shim } = await import('../../../src/workspace/shims/async-lock.ts');
    const { createRequire } = await import('node:module');
    const Real = createRequire(import.meta.url)('async-lock') as new (o: object) => { acquire<T>(key: string | string[], fn: () => T | Promise<T>): Promise<T> };
    const expected = await schedule(new Real({ maxPending: Infinity }));
    // The oracle's order, spelled out: a holds the index while c runs on HEAD; b fails and e still runs.
    expect(expected.slice(0, 4)).toEqual(['a start', 'c start', 'c end', 'a end']);
    expect(expected.slice(-5)).toEqual(['ok a', 'failed b', 'ok c', 'ok d', 'ok e']);
    expect(await schedule(new Shim())).toEqual(expected);
  });
});
