import { describe, expect, it } from 'vitest';
import { schedulePull, schedulePush, type PullLayerInput } from '../../../src/engine/registry/schedule.ts';
import { NETWORK_PRESETS, EXTRACT_BYTES_PER_SECOND } from '../../../src/engine/registry/network.ts';
import type { PullEvent, PullLayerStateEvent } from '../../../src/engine/registry/events.ts';

const hex = (n: number): string => `sha256:${n.toString(16).padStart(2, '0').repeat(32)}`;
const layer = (n: number, compressedSize: number, present = false): PullLayerInput => ({
  digest: hex(n),
  compressedSize,
  size: compressedSize * 2,
  present,
});
const wifi = NETWORK_PRESETS['conference-wifi'];

function states(events: PullEvent[], state: string): PullLayerStateEvent[] {
  return events.filter((e): e is PullLayerStateEvent => e.type === 'pull-layer-state' && e.state === state);
}

describe('pull scheduler', () => {
  it('times a single layer from bandwidth and round trips', () => {
    const events = schedulePull({ tagOrDigest: 'latest', repository: 'library/x', digest: hex(99), layers: [layer(1, 1_000_000)], network: wifi });
    // token + manifest (2 x 100 ms), one request (100 ms), 1 MB at 1 MB/s (1000 ms).
    expect(states(events, 'download-complete')[0]!.at).toBeCloseTo(1300, 6);
    // 2 MB uncompressed at the lab's extraction rate.
    const extractMs = (2_000_000 / EXTRACT_BYTES_PER_SECOND) * 1000;
    expect(states(events, 'pull-complete')[0]!.at).toBeCloseTo(1300 + extractMs, 6);
  });

  it('shares bandwidth between concurrent downloads', () => {
    const events = schedulePull({
      tagOrDigest: 'latest', repository: 'library/x', digest: hex(99),
      layers: [layer(1, 1_000_000), layer(2, 1_000_000)], network: wifi,
    });
    const done = states(events, 'download-complete').map((e) => e.at);
    expect(done[0]).toBeCloseTo(2300, 6);
    expect(done[1]).toBeCloseTo(2300, 6);
  });

  it('runs at most 3 downloads at once and makes the rest wait', () => {
    const layers = [1, 2, 3, 4, 5, 6].map((n) => layer(n, 300_000 * n));
    const events = schedulePull({ tagOrDigest: 'latest', repository: 'library/x', digest: hex(99), layers, network: wifi });
    expect(states(events, 'waiting').map((e) => e.index)).toEqual([3, 4, 5]);
    const start = new Map(states(events, 'downloading').map((e) => [e.index, e.at]));
    const end = new Map(states(events, 'download-complete').map((e) => [e.index, e.at]));
    const moments = [...start.values(), ...end.values()];
    for (const t of moments) {
      const running = layers.filter((_, i) => start.get(i)! <= t && end.get(i)! > t).length;
      expect(running).toBeLessThanOrEqual(3);
    }
    // Every download starts right when an earlier one completes (or at the beginning).
    expect([...start.values()].filter((t) => t === start.get(0)).length).toBe(3);
  });

  it('moves no bytes for layers that already exist and extracts the rest in order', () => {
    const layers = [layer(1, 2_000_000, true), layer(2, 900_000), layer(3, 100_000), layer(4, 50_000)];
    const events = schedulePull({ tagOrDigest: '22-alpine', repository: 'library/node', digest: hex(99), layers, network: NETWORK_PRESETS.home });
    expect(states(events, 'already-exists').map((e) => e.index)).toEqual([0]);
    expect(events.filter((e) => e.type === 'pull-layer-progress' && e.index === 0)).toEqual([]);
    const done = events.find((e) => e.type === 'pull-done');
    expect(done && done.type === 'pull-done' && done.bytesDownloaded).toBe(900_000 + 100_000 + 50_000);
    // Smaller layers finish downloading first but still unpack after the layers below them.
    const dl = new Map(states(events, 'download-complete').map((e) => [e.index, e.at]));
    expect(dl.get(3)!).toBeLessThan(dl.get(1)!);
    const ex = states(events, 'extracting');
    const pc = states(events, 'pull-complete');
    expect(ex.map((e) => e.index)).toEqual([1, 2, 3]);
    for (let i = 0; i < ex.length; i++) {
      expect(ex[i]!.at).toBeGreaterThanOrEqual(dl.get(ex[i]!.index)!);
      if (i > 0) expect(ex[i]!.at).toBeGreaterThanOrEqual(pc[i - 1]!.at);
    }
    // Time never runs backwards and progress ends at the full size.
    for (let i = 1; i < events.length; i++) expect(events[i]!.at).toBeGreaterThanOrEqual(events[i - 1]!.at);
    const last = events.filter((e) => e.type === 'pull-layer-progress' && e.index === 1 && e.phase === 'downloading').at(-1);
    expect(last && last.type === 'pull-layer-progress' && last.current).toBe(900_000);
  });

  it('reports progress no more often than every 100 ms per layer', () => {
    const events = schedulePull({ tagOrDigest: 'latest', repository: 'library/x', digest: hex(99), layers: [layer(1, 5_000_000)], network: NETWORK_PRESETS.home });
    const times = events.filter((e) => e.type === 'pull-layer-progress' && e.phase === 'downloading').map((e) => e.at);
    for (let i = 1; i < times.length - 1; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(100 - 1e-9);
    expect(times.length).toBeGreaterThan(3);
  });
});

describe('push scheduler', () => {
  it('lists layers top first, mounts, skips existing blobs and uploads the rest', () => {
    const events = schedulePush({
      repository: 'docker.io/learner/app', tag: 'latest', manifestDigest: hex(50), manifestSize: 1234, network: wifi,
      layers: [
        { digest: hex(1), diffId: hex(11), compressedSize: 3_000_000, remote: 'mountable', mountFrom: 'library/alpine' },
        { digest: hex(2), diffId: hex(12), compressedSize: 500, remote: 'exists' },
        { digest: hex(3), diffId: hex(13), compressedSize: 200_000, remote: 'missing' },
      ],
    });
    const prep = events.filter((e) => e.type === 'push-layer-state' && e.state === 'preparing').map((e) => e.type === 'push-layer-state' && e.index);
    expect(prep).toEqual([2, 1, 0]);
    const final = events.filter((e) => e.type === 'push-layer-state' && ['pushed', 'mounted', 'layer-already-exists'].includes(e.state));
    expect(final.map((e) => e.type === 'push-layer-state' && [e.index, e.state, e.from ?? null])).toEqual(
      expect.arrayContaining([[0, 'mounted', 'library/alpine'], [1, 'layer-already-exists', null], [2, 'pushed', null]]),
    );
    const done = events.at(-1)!;
    expect(done.type === 'push-done' && done.bytesUploaded).toBe(200_000);
    expect(events.some((e) => e.type === 'push-layer-progress' && e.index !== 2)).toBe(false);
  });
});
