// The lab's bundle measure follows static and dynamic imports from the boot chunk and sums gzip sizes.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { findLabEntry, measureFrom, measureLab, VIEWS_ENTRY } from '../../../src/lab/tools/bundle-size.ts';

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

  it('measures the lab without the views panel, and with it (chunks shared with the lab counted once)', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'labdist-'));
    try {
      const assets = join(dist, '_astro');
      mkdirSync(assets);
      const files: Record<string, string> = {
        'boot.abc.js': 'export async function go() { const m = await import("./lab-app.q1.js"); return m; }',
        'lab-app.q1.js': 'import "./shared.q2.js"; export const v = () => import("./views.q3.js"); ' + 'lab '.repeat(200),
        'shared.q2.js': 'export const s = "' + 'shared engine code '.repeat(50) + '";',
        'views.q3.js': 'import "./shared.q2.js"; import "./panel.q4.js"; export const p = 1;',
        'panel.q4.js': 'export const panel = "' + 'pictures '.repeat(120) + '";',
      };
      for (const [name, code] of Object.entries(files)) writeFileSync(join(assets, name), code);
      const gz = (names: string[]) => names.reduce((s, n) => s + gzipSync(Buffer.from(files[n]!)).byteLength, 0);
      const { lab, withViews } = await measureLab(dist);
      expect(lab.chunks.map((c) => c.file).sort()).toEqual(['boot.abc.js', 'lab-app.q1.js', 'shared.q2.js']);
      expect(lab.totalGzipBytes).toBe(gz(['boot.abc.js', 'lab-app.q1.js', 'shared.q2.js']));
      expect(withViews.chunks).toHaveLength(5);
      expect(withViews.totalGzipBytes).toBe(gz(Object.keys(files)));
      // The same cut is available directly.
      const direct = await measureFrom(findLabEntry(dist), { stopAt: VIEWS_ENTRY });
      expect(direct.totalBytes).toBe(lab.totalBytes);
    } finally {
      rmSync(dist, { recursive: true, force: true });
    }
  });

  it('leaves the shell\'s lazily loaded help (shell-help.*.js) out of the lab\'s figure and counts it in the total', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'labdist-'));
    try {
      const assets = join(dist, '_astro');
      mkdirSync(assets);
      const files: Record<string, string> = {
        'boot.abc.js': 'export const go = () => import("./shell-help.h1.js");',
        'shell-help.h1.js': 'import "./texts.h2.js"; export const help = 1;',
        'texts.h2.js': 'export const t = "' + 'usage '.repeat(200) + '";',
      };
      for (const [name, code] of Object.entries(files)) writeFileSync(join(assets, name), code);
      const { lab, withViews } = await measureLab(dist);
      expect(lab.chunks.map((c) => c.file)).toEqual(['boot.abc.js']);
      expect(withViews.chunks.map((c) => c.file).sort()).toEqual(Object.keys(files).sort());
    } finally {
      rmSync(dist, { recursive: true, force: true });
    }
  });

  it('says clearly when there is no build to measure', () => {
    expect(() => findLabEntry(join(tmpdir(), 'no-such-dist-' + process.pid))).toThrow(/build the site first/);
  });
});
