import { describe, expect, it } from 'vitest';
import { findEntry, layerTree, markCounts, onlyChanges } from '../../../src/engine/analysis/index.ts';
import { all, file, layersFrom, put, rm } from './helpers.ts';

const layers = layersFrom(
  all(put('/a', file(100, 'a1')), put('/d/x', file(50, 'x')), put('/d/y', file(7, 'y')), put('/etc/conf', file(3, 'c'))),
  all(put('/a', file(120, 'a2')), put('/b', file(9, 'b')), rm('/d')),
  put('/etc/more', file(4, 'm')),
);

describe('layer trees with marks', () => {
  it('first layer: everything added', () => {
    const t = layerTree(layers, 0);
    expect(findEntry(t, '/a')!.mark).toBe('added');
    expect(findEntry(t, '/d/x')!.mark).toBe('added');
    expect(t.size).toBe(160);
  });

  it('a layer shows what it added, modified and removed, with sizes', () => {
    const t = layerTree(layers, 1);
    expect(findEntry(t, '/a')).toMatchObject({ mark: 'modified', size: 120, kind: 'file' });
    expect(findEntry(t, '/b')).toMatchObject({ mark: 'added', size: 9 });
    expect(findEntry(t, '/d')).toMatchObject({ mark: 'removed', kind: 'dir', size: 57 });
    expect(findEntry(t, '/d/x')).toMatchObject({ mark: 'removed', size: 50 });
    expect(findEntry(t, '/etc/conf')!.mark).toBe('unchanged');
    // Removed entries are shown but not counted in the filesystem's size: 120 + 9 + 3.
    expect(t.size).toBe(132);
    expect(markCounts(t)).toEqual({ added: 1, modified: 1, removed: 3, unchanged: 2 });
  });

  it('only-changes filter keeps marked entries and their parents', () => {
    const t = onlyChanges(layerTree(layers, 2))!;
    expect(t.children!.map((c) => c.name)).toEqual(['etc']);
    expect(findEntry(t, '/etc')!.children!.map((c) => c.name)).toEqual(['more']);
  });

  it('combined mode marks everything changed since the first layer', () => {
    const t = layerTree(layers, 2, { mode: 'combined' });
    expect(findEntry(t, '/a')!.mark).toBe('modified');
    expect(findEntry(t, '/b')!.mark).toBe('added');
    expect(findEntry(t, '/etc/more')!.mark).toBe('added');
    expect(findEntry(t, '/d')!.mark).toBe('removed');
    expect(findEntry(t, '/etc/conf')!.mark).toBe('unchanged');
  });

  it('rejects a layer index out of range', () => {
    expect(() => layerTree(layers, 3)).toThrow(RangeError);
  });
});
