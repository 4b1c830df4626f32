// The lab's budget figure leaves out the container shell's extras chunk, which a first build does
// not load (src/engine/world/shell/lazy.ts), as it leaves out the views panel; the figure with
// everything still counts it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { measureLab } from '../../../src/lab/tools/bundle-size.ts';

describe('bundle measure and the shell extras', () => {
  it('counts extras.*.js only in the figure with everything', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'labdist-'));
    try {
      const assets = join(dist, '_astro');
      mkdirSync(assets);
      const files: Record<string, string> = {
        'boot.abc.js': 'export const go = () => import("./run.r1.js");',
        'run.r1.js': 'export const x = () => import("./extras.e2.js"); ' + 'shell '.repeat(100),
        'extras.e2.js': 'export const curl = "' + 'toy web '.repeat(200) + '";',
      };
      for (const [name, code] of Object.entries(files)) writeFileSync(join(assets, name), code);
      const { lab, withViews } = await measureLab(dist);
      expect(lab.chunks.map((c) => c.file).sort()).toEqual(['boot.abc.js', 'run.r1.js']);
      expect(withViews.chunks.map((c) => c.file).sort()).toEqual(['boot.abc.js', 'extras.e2.js', 'run.r1.js']);
    } finally {
      rmSync(dist, { recursive: true, force: true });
    }
  });
});
