// The lab's bundle measure follows static and dynamic imports from the boot chunk and sums gzip sizes.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describeLab, findLabEntry, measureFrom, measureLab, NOT_FOR_FIRST_BUILD } from '../../../src/lab/tools/bundle-size.ts';

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

  it('measures what a first build needs (without the editor, git and the other picture tabs) and everything; a Worker counts toward both', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'labdist-'));
    try {
      const assets = join(dist, '_astro');
      mkdirSync(assets);
      const files: Record<string, string> = {
        'boot.abc.js': 'export async function go() { const m = await import("./lab-app.q1.js"); return m; }',
        // The engine's Worker, referred to as Vite writes it (an absolute path under the base).
        'lab-app.q1.js': 'import "./shared.q2.js"; export const e = () => import("./editor.q5.js"); export const w = () => new Worker(new URL("/layerlab/_astro/engine-worker.q6.js", import.meta.url), { type: "module" }); ' + 'lab '.repeat(200),
        'shared.q2.js': 'export const s = "' + 'shared engine code '.repeat(50) + '";',
        'editor.q5.js': 'import "./shared.q2.js"; import "./cm.q7.js"; export const ed = 1;',
        'cm.q7.js': 'export const cm = "' + 'codemirror '.repeat(120) + '";',
        'engine-worker.q6.js': 'import "./shared.q2.js"; self.onmessage = () => {}; ' + 'worker '.repeat(80),
      };
      for (const [name, code] of Object.entries(files)) writeFileSync(join(assets, name), code);
      const gz = (names: string[]) => names.reduce((s, n) => s + gzipSync(Buffer.from(files[n]!)).byteLength, 0);
      const figures = await measureLab(dist);
      const firstBuild = ['boot.abc.js', 'lab-app.q1.js', 'shared.q2.js', 'engine-worker.q6.js'];
      expect(figures.firstBuild.chunks.map((c) => c.file).sort()).toEqual([...firstBuild].sort());
      expect(figures.firstBuild.totalGzipBytes).toBe(gz(firstBuild));
      // Everything: the editor's own chunk too, shared chunks counted once.
      expect(figures.all.chunks.map((c) => c.file).sort()).toEqual(Object.keys(files).sort());
      expect(figures.all.totalGzipBytes).toBe(gz(Object.keys(files)));
      const direct = await measureFrom(findLabEntry(dist), { stopAt: NOT_FOR_FIRST_BUILD });
      expect(direct.totalBytes).toBe(figures.firstBuild.totalBytes);
      // Both figures are printed against their budgets; these are far under them.
      const { lines, over } = describeLab(figures);
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/^The lab, what a first build needs: [\d.]+ KB gzipped .* budget 400\.0 KB$/);
      expect(lines[1]).toMatch(/^The lab, everything it can load: [\d.]+ KB gzipped .* budget 460\.0 KB$/);
      expect(over).toBe(false);
    } finally {
      rmSync(dist, { recursive: true, force: true });
    }
  });

  it('is over budget when everything the lab can load passes 460 KB, even if a first build fits', async () => {
    const report = (gzipBytes: number) => ({ entry: 'boot.js', chunks: [], totalBytes: gzipBytes, totalGzipBytes: gzipBytes });
    expect(describeLab({ firstBuild: report(399_000), all: report(459_000) }).over).toBe(false);
    const over = describeLab({ firstBuild: report(399_000), all: report(461_000) });
    expect(over.over).toBe(true);
    expect(over.lines[1]).toMatch(/OVER BUDGET$/);
    expect(describeLab({ firstBuild: report(401_000), all: report(401_000) }).over).toBe(true);
  });

  it('says clearly when there is no build to measure', () => {
    expect(() => findLabEntry(join(tmpdir(), 'no-such-dist-' + process.pid))).toThrow(/build the site first/);
  });
});
