import { describe, expect, it } from 'vitest';
import { shippedButHidden } from '../../../src/engine/analysis/index.ts';
import { emptyDir, symlinkNode } from '../../../src/engine/fs/index.ts';
import { all, file, layersFrom, put, rm } from './helpers.ts';

describe('deleted later but still shipped', () => {
  it('finds apt lists removed in a separate layer, with the layer that wrote and the one that hid them', () => {
    const layers = layersFrom(
      put('/var/lib/apt/lists', emptyDir()),
      all(put('/usr/bin/curl', file(200)), put('/var/lib/apt/lists/a', file(3000, 'a')), put('/var/lib/apt/lists/b', file(5000, 'b'))),
      rm('/var/lib/apt/lists/a', '/var/lib/apt/lists/b'),
    );
    const r = shippedButHidden(layers);
    expect(r.items).toEqual([
      { path: '/var/lib/apt/lists/b', size: 5000, writtenIn: 1, hiddenIn: 2, how: 'deleted' },
      { path: '/var/lib/apt/lists/a', size: 3000, writtenIn: 1, hiddenIn: 2, how: 'deleted' },
    ]);
    expect(r.deletedBytes).toBe(8000);
  });

  it('a deleted directory hides every file under it, from whichever layer wrote each', () => {
    const layers = layersFrom(put('/tmp/x/1', file(10, '1')), put('/tmp/x/2', file(20, '2')), rm('/tmp/x'));
    const r = shippedButHidden(layers);
    expect(r.items.map((i) => [i.path, i.writtenIn, i.hiddenIn])).toEqual([
      ['/tmp/x/2', 1, 2],
      ['/tmp/x/1', 0, 2],
    ]);
  });

  it('an overwritten file ships twice; a file written and deleted nowhere else is not reported', () => {
    const layers = layersFrom(all(put('/app/big', file(1000, 'v1')), put('/keep', file(5))), put('/app/big', file(900, 'v2')), put('/app/link', symlinkNode('big')));
    const r = shippedButHidden(layers);
    expect(r.items).toEqual([{ path: '/app/big', size: 1000, writtenIn: 0, hiddenIn: 1, how: 'overwritten' }]);
    expect(r.overwrittenBytes).toBe(1000);
    expect(r.deletedBytes).toBe(0);
  });
});
