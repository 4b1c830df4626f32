// The lab's bundle measure follows static and dynamic imports from the boot chunk and sums gzip sizes.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { findLabEntry, measureFrom } from '../../../src/lab/tools/bundle-size.ts';

describe('lab bundle size', () => {
  it('sums every chunk reachable from boot.*.js, and nothing else', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'labdist-'));
    try {
      const assets = join(dist, '_astro');
      mkdirSync(assets);
      const files: Record<string, string> = {
        'boot.abc.js': 'import { a } from "./a.x1.js"; export async function go() { return import("./b.x2.js").then(() => a); }',
        'a.x1.js': 'export const a = 1; ' + 'x'.repeat(500),
        'b.x2.js': 'import "./c.x3.js"; export const b = 2;',
        'c.x3.js': 'export const c = "' + 'data '.repeat(300) + '";',
        'unrelated.x4.js': 'export const u = "' + 'not part of the lab '.repeat(100) + '";',
        'LabSlot.x5.js': 'import("./boot.abc.js");',
      };
      for (const [name, code] of Object.entries(files)) writeFileSync(join(assets, name), code);
      const entry = findLabEntry(dist);
      expect(entry.endsWith('boot.abc.js')).toBe(true);
      const report = await measureFrom(entry);
      const reachable = ['boot.abc.js', 'a.x1.js', 'b.x2.js', 'c.x3.js'];
      expect(report.chunks.map((c) => c.file).sort()).toEqual([...reachable].sort());
      const expected = reachable.reduce((s, n) => s + gzipSync(Buffer.from(files[n]!)).byteLength, 0);
      expect(report.totalGzipBytes).toBe(expected);
      expect(report.totalBytes).toBe(reachable.reduce((s, n) => s + Buffer.byteLength(files[n]!), 0));
    } finally {
      rmSync(dist, { recursive: true, force: true });
    }
  });

  it('says clearly when there is no build to measure', () => {
    expect(() => findLabEntry(join(tmpdir(), 'no-such-dist-' + process.pid))).toThrow(/build the site first/);
  });
});
