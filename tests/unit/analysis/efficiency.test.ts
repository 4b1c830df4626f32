import { describe, expect, it } from 'vitest';
import { efficiency } from '../../../src/engine/analysis/index.ts';
import { emptyDir } from '../../../src/engine/fs/index.ts';
import { all, file, layersFrom, put, rm } from './helpers.ts';

// Expected values are worked out by hand from dive's rule (filetree/efficiency.go): per path, the sum of
// the sizes of every layer's leaf entry (a file whiteout counts 0, a directory whiteout the bytes under it),
// the smallest of those sizes, score = sum(min) / sum(total), wasted = total of paths seen in 2+ layers.
describe('efficiency (dive rule)', () => {
  it('counts a modified file in both layers and a deleted file at its old size', () => {
    const layers = layersFrom(
      all(put('/a', file(100, 'a1')), put('/d/x', file(50, 'x')), put('/k', file(10, 'k'))),
      put('/a', file(120, 'a2')),
      rm('/k'),
    );
    const r = efficiency(layers);
    // /a: 100 + 120, min 100. /d/x: 50/50. /k: 10 + 0 (whiteout of a file), min 0.
    expect(r.score).toBeCloseTo((100 + 50 + 0) / (220 + 50 + 10), 12);
    expect(r.wastedBytes).toBe(230);
    expect(r.inefficiencies.map((i) => [i.path, i.cumulativeSize, i.layers])).toEqual([
      ['/a', 220, [0, 1]],
      ['/k', 10, [0, 2]],
    ]);
    expect(r.inefficiencies[1]!.removedAtEnd).toBe(true);
  });

  it('apt lists removed in a separate RUN are wasted bytes', () => {
    const layers = layersFrom(
      put('/var/lib/apt/lists', emptyDir()),
      all(put('/usr/bin/curl', file(200, 'c')), put('/var/lib/apt/lists/main_Packages', file(3000, 'p')), put('/var/lib/apt/lists/main_Release', file(5000, 'r'))),
      rm('/var/lib/apt/lists/main_Packages', '/var/lib/apt/lists/main_Release'),
    );
    const r = efficiency(layers);
    expect(r.wastedBytes).toBe(8000);
    expect(r.score).toBeCloseTo(200 / 8200, 12);
  });

  it('a directory whiteout adds the bytes below it to the directory path only (dive counts no waste for it)', () => {
    const layers = layersFrom(all(put('/d/x', file(50, 'x')), put('/d/y', file(70, 'y'))), rm('/d'));
    const r = efficiency(layers);
    // /d/x 50/50, /d/y 70/70, /d (whiteout leaf) 120/120: every path seen once.
    expect(r.wastedBytes).toBe(0);
    expect(r.score).toBe(1);
  });

  it('an image with no bytes scores 1', () => {
    expect(efficiency([]).score).toBe(1);
    expect(efficiency(layersFrom(put('/empty', emptyDir()))).score).toBe(1);
  });

  it('reports total and user bytes (all layers, and without the first)', () => {
    const layers = layersFrom(put('/a', file(100)), put('/b', file(30)), put('/c', file(5)));
    const r = efficiency(layers);
    expect(r.totalBytes).toBe(135);
    expect(r.userBytes).toBe(35);
  });
});
