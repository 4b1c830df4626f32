// The page's EngineMirror, fed only by the messages the lab core sends (each cloned, as postMessage
// clones it), must answer as the core's own engine does after a cold build, a cached rebuild and a
// `docker run`: the same images in the same order, tags, containers and cache records. The expected
// values are the engine's public queries, not the snapshot code's output. The trees (an image's rootfs,
// a record's root) stay in the core and are not sent.
import { describe, expect, it } from 'vitest';
import { LabCore } from '../../../src/lab/core/lab-core.ts';
import { EngineMirror } from '../../../src/lab/core/snapshot.ts';
import type { CoreToPage } from '../../../src/lab/core/protocol.ts';
import { memoryStorage } from '../../../src/lab/storage.ts';
import { SAMPLES, DEFAULT_SAMPLE } from '../../../src/samples/index.ts';
import type { LabEngine } from '../../../src/engine/index.ts';

function expectMirrorIsEngine(mirror: EngineMirror, engine: LabEngine): void {
  const images = engine.images.list();
  expect(images.length).toBeGreaterThan(0);
  expect(mirror.images.list().map((i) => i.id)).toEqual(images.map((i) => i.id));
  for (const img of images) {
    const { rootfs: _tree, ...sent } = img;
    expect(mirror.images.get(img.id)).toEqual(sent);
    expect(mirror.images.get(img.id)).not.toHaveProperty('rootfs');
    expect(mirror.images.tagsOf(img.id)).toEqual(engine.images.tagsOf(img.id));
    for (const tag of engine.images.tagsOf(img.id)) expect(mirror.images.resolve(tag)?.id).toBe(img.id);
  }
  expect(mirror.containerIds()).toEqual(engine.containers.list(true).map((c) => c.id));
  const records = engine.buildCache.entries();
  expect(records.length).toBeGreaterThan(0);
  for (const r of records) {
    const got = mirror.buildCache.get(r.key);
    expect(got).not.toHaveProperty('root');
    expect(got?.layer).toEqual(r.layer);
    expect([got?.usageCount, got?.lastUsedAt, got?.id, got?.description]).toEqual([r.usageCount, r.lastUsedAt, r.id, r.description]);
  }
  expect(mirror.networkId).toBe(engine.registry.network.id);
}

describe('the page mirror equals the core engine', () => {
  it(`after a cold build of ${DEFAULT_SAMPLE}, a cached rebuild and a run`, async () => {
    const mirror = new EngineMirror();
    const kinds: string[] = [];
    const core = new LabCore({
      storage: memoryStorage(),
      samples: SAMPLES,
      send: (m: CoreToPage) => {
        kinds.push(m.kind);
        const copy = structuredClone(m);
        if (copy.kind === 'snapshot') mirror.apply(copy.snapshot);
      },
    });
    const opened = await core.handlers.open({ preset: DEFAULT_SAMPLE, role: 'owner' });
    mirror.apply(structuredClone(opened.snapshot));
    const engine = core.engine!;
    const terminal = { tty: false, columns: 100 };
    expect(await core.handlers.execute(1, 'docker build -t app .', terminal)).toBe(0);
    expectMirrorIsEngine(mirror, engine);
    expect(mirror.images.resolve('app')?.id).toBe(engine.images.resolve('app')!.id);
    const usesBefore = engine.buildCache.entries().map((r) => r.usageCount);
    expect(await core.handlers.execute(2, 'docker build -t app .', terminal)).toBe(0);
    expect(engine.buildCache.entries().map((r) => r.usageCount)).not.toEqual(usesBefore);
    expectMirrorIsEngine(mirror, engine);
    expect(await core.handlers.execute(3, 'docker create --name web app', terminal)).toBe(0);
    expect(engine.containers.list(true)).toHaveLength(1);
    expectMirrorIsEngine(mirror, engine);
    // The core no longer sends a `settled` message (the page never used it).
    expect(kinds).not.toContain('settled');
  });
});
