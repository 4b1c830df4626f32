import { describe, expect, it } from 'vitest';
import { TransferModel, isTransferEvent, movingCount, statusText, summarize } from '../../../src/components/views/transfer-model.ts';
import { schedulePull, NETWORK_PRESETS, pullImage } from '../../../src/engine/registry/index.ts';
import { createLabEngine } from '../../../src/engine/index.ts';

const d = (n: number) => `sha256:${String(n).repeat(64).slice(0, 64)}`;
const layers = [
  { digest: d(1), compressedSize: 3_600_000, size: 7_800_000, present: true },
  { digest: d(2), compressedSize: 40_000_000, size: 120_000_000, present: false },
  { digest: d(3), compressedSize: 1_250_000, size: 5_000_000, present: false },
  { digest: d(4), compressedSize: 450, size: 2048, present: false },
  { digest: d(5), compressedSize: 2_000_000, size: 4_000_000, present: false },
];

function model() {
  const sizes = new Map(layers.map((l) => [l.digest, l.compressedSize]));
  return new TransferModel({ blobSize: (x) => sizes.get(x), imagesWith: (x) => (x === d(1) ? ['alpine:3.21'] : []) });
}

describe('pull view model, driven by the registry scheduler', () => {
  const events = schedulePull({ tagOrDigest: '22-alpine', repository: 'library/node', layers, digest: d(9), network: NETWORK_PRESETS.home });

  it('shows exactly the present layer as "Already exists", linked to the image that holds it', () => {
    const m = model();
    let maxMoving = 0;
    for (const e of events) {
      m.apply(e);
      if (m.current) maxMoving = Math.max(maxMoving, movingCount(m.current));
    }
    const pic = m.current!;
    expect(pic.done).toBe(true);
    const already = pic.layers.filter((l) => statusText(l.state) === 'Already exists');
    expect(already.map((l) => l.digest)).toEqual([d(1)]);
    expect(already[0]!.usedBy).toEqual(['alpine:3.21']);
    expect(pic.layers.filter((l) => l.index > 0).map((l) => statusText(l.state))).toEqual(Array(4).fill('Pull complete'));
    // docker downloads at most 3 layers at once.
    expect(maxMoving).toBeLessThanOrEqual(3);
    expect(maxMoving).toBe(3);
    // Short IDs are the first 12 hex digits of the blob digest.
    expect(pic.layers.map((l) => l.id)).toEqual(layers.map((l) => l.digest.slice(7, 19)));
  });

  it('sums what moved, what was already here, and the total', () => {
    const m = model();
    for (const e of events) m.apply(e);
    const s = summarize(m.current!);
    expect(s.total).toBe(3_600_000 + 40_000_000 + 1_250_000 + 450 + 2_000_000);
    expect(s.present).toBe(3_600_000);
    expect(s.moved).toBe(40_000_000 + 1_250_000 + 450 + 2_000_000);
  });

  it('mid-pull, waiting layers say "Waiting" and bytes moved only grow', () => {
    const m = model();
    let last = -1;
    let sawWaiting = false;
    for (const e of events) {
      m.apply(e);
      const pic = m.current!;
      if (pic.layers.some((l) => statusText(l.state) === 'Waiting')) sawWaiting = true;
      expect(pic.moved).toBeGreaterThanOrEqual(last);
      last = pic.moved;
    }
    expect(sawWaiting).toBe(true);
  });

  it('the adapter keeps pull/push events and drops build events', () => {
    expect(isTransferEvent(events[0])).toBe(true);
    expect(isTransferEvent({ type: 'build-start' })).toBe(false);
    expect(isTransferEvent(null)).toBe(false);
  });

  it('a real pull through the engine: every layer pulled, sizes from the store', async () => {
    const engine = createLabEngine();
    const seen: unknown[] = [];
    engine.subscribe((e) => seen.push(e));
    const out = await pullImage(engine, 'alpine:3.21');
    expect(out.ok).toBe(true);
    const image = engine.images.resolve('alpine:3.21')!;
    const m = new TransferModel({
      blobSize: (x) => image.layers.find((l) => l.digest === x)?.compressedSize,
      imagesWith: () => [],
    });
    for (const e of seen) if (isTransferEvent(e)) m.apply(e);
    const pic = m.current!;
    expect(pic.title).toBe('library/alpine:3.21');
    expect(pic.layers.map((l) => [l.digest, statusText(l.state)])).toEqual(image.layers.map((l) => [l.digest, 'Pull complete']));
    expect(summarize(pic).moved).toBe(image.layers.reduce((s, l) => s + l.compressedSize, 0));
  }, 60_000);
});

describe('push view model', () => {
  it('shows "Layer already exists", "Mounted from <repo>" and "Pushed" as the registry answered', async () => {
    const { schedulePush } = await import('../../../src/engine/registry/index.ts');
    const events = schedulePush({
      repository: 'docker.io/learner/app',
      tag: 'latest',
      layers: [
        { digest: d(1), diffId: d(6), compressedSize: 3_600_000, remote: 'mountable', mountFrom: 'library/alpine' },
        { digest: d(2), diffId: d(7), compressedSize: 2000, remote: 'exists' },
        { digest: d(3), diffId: d(8), compressedSize: 5_000_000, remote: 'missing' },
      ],
      manifestDigest: d(9),
      manifestSize: 900,
      network: NETWORK_PRESETS.home,
    });
    const m = new TransferModel({ blobSize: () => undefined, imagesWith: () => [] });
    for (const e of events) m.apply(e);
    const pic = m.current!;
    expect(pic.kind).toBe('push');
    const byDigest = Object.fromEntries(pic.layers.map((l) => [l.digest, statusText(l.state, l.from)]));
    expect(byDigest).toEqual({ [d(1)]: 'Mounted from library/alpine', [d(2)]: 'Layer already exists', [d(3)]: 'Pushed' });
    // Only the missing blob's bytes travel.
    expect(pic.moved).toBe(5_000_000);
  });
});
