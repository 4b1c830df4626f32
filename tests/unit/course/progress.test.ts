// Course progress kept in localStorage, exported as a file and imported on another machine.
import { describe, expect, it } from 'vitest';
import { exportProgress, importProgress, markDone, readProgress, PROGRESS_KEY } from '../../../src/components/course/progress.ts';

class MemoryStorage implements Storage {
  private map = new Map<string, string>();
  get length() {
    return this.map.size;
  }
  clear() {
    this.map.clear();
  }
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null;
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
  setItem(k: string, v: string) {
    this.map.set(k, v);
  }
}

describe('course progress', () => {
  it('marks a challenge done once, keeping the first time', () => {
    const s = new MemoryStorage();
    expect(readProgress(s).done).toEqual({});
    const first = markDone('build-cache/reorder', s).done['build-cache/reorder'];
    expect(first).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(markDone('build-cache/reorder', s).done['build-cache/reorder']).toBe(first);
  });

  it('exports a file that another browser imports, merging with what it has', () => {
    const a = new MemoryStorage();
    markDone('build-cache/reorder', a);
    markDone('capstone/fix-the-dockerfile', a);
    const file = exportProgress(readProgress(a));
    expect(JSON.parse(file)).toMatchObject({ format: 'layerlab-progress', version: 1 });
    const b = new MemoryStorage();
    markDone('build-cache/reorder', b);
    const { progress, added } = importProgress(file, b);
    expect(added).toBe(1);
    expect(Object.keys(progress.done).sort()).toEqual(['build-cache/reorder', 'capstone/fix-the-dockerfile']);
    expect(readProgress(b)).toEqual(progress);
  });

  it('rejects a file that is not a progress file, and ignores malformed entries', () => {
    const s = new MemoryStorage();
    expect(() => importProgress('not json', s)).toThrow('not a Layerlab progress file (it is not JSON)');
    expect(() => importProgress('{"done":{}}', s)).toThrow('not a Layerlab progress file.');
    const { added } = importProgress(JSON.stringify({ format: 'layerlab-progress', version: 1, done: { '<img src=x>/a': '2026-01-01T00:00:00Z', 'a/b': 'yesterday', 'multi-stage/build-stage-only': '2026-01-02T00:00:00Z' } }), s);
    expect(added).toBe(1);
    expect(Object.keys(readProgress(s).done)).toEqual(['multi-stage/build-stage-only']);
  });

  it('reads damaged storage as no progress', () => {
    const s = new MemoryStorage();
    s.setItem(PROGRESS_KEY, '{oops');
    expect(readProgress(s).done).toEqual({});
  });
});
