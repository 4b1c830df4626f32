import { beforeAll, describe, expect, it } from 'vitest';
import { createLabEngine, type LabEngine, type StoredImage } from '../../../src/engine/index.ts';
import { labRegistry, pullImage, pushImage, type PullLayerStateEvent, type PushLayerStateEvent } from '../../../src/engine/registry/index.ts';
import { labContainers } from '../../../src/engine/container/index.ts';
import { layersFreedBy, imageDiskUsage, totalLayerBytes } from '../../../src/engine/store/refcount.ts';

let engine: LabEngine;
let alpine: StoredImage;
let app: StoredImage;

beforeAll(async () => {
  engine = createLabEngine();
  const r = await pullImage(engine, 'alpine:3.21');
  if (!r.ok) throw new Error(r.error);
  alpine = r.image;
  const ce = labContainers(engine);
  const c = await ce.create({ image: alpine, imageRef: 'alpine:3.21', cmd: ['sh', '-c', 'echo hello > /greeting'] });
  await ce.start(c.id);
  app = await ce.commit(c.id, { tags: ['docker.io/learner/app:1'] });
}, 60_000);

const layerStates = (events: readonly { type: string }[]): PullLayerStateEvent[] =>
  events.filter((e): e is PullLayerStateEvent => e.type === 'pull-layer-state');

describe('pull', () => {
  it('an image already present is up to date and moves no bytes', async () => {
    const r = await pullImage(engine, 'alpine:3.21');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(layerStates(r.events)).toEqual([]);
    const done = r.events.at(-1)!;
    expect(done.type === 'pull-done' && done.upToDate).toBe(true);
    expect(done.type === 'pull-done' && done.bytesDownloaded).toBe(0);
  });

  it('fails with docker\'s wording for unknown repositories and tags', async () => {
    const a = await pullImage(engine, 'nosuchimage');
    expect(!a.ok && a.error).toBe(
      "Error response from daemon: pull access denied for nosuchimage, repository does not exist or may require 'docker login': denied: requested access to the resource is denied",
    );
    const b = await pullImage(engine, 'alpine:9.99');
    expect(!b.ok && b.error).toBe('Error response from daemon: manifest for alpine:9.99 not found: manifest unknown: manifest unknown');
  });
});

describe('push and pull back', () => {
  it('is denied without login, then mounts the base layer and uploads only the new one', async () => {
    const denied = await pushImage(engine, 'learner/app:1');
    expect(!denied.ok && denied.error).toBe('denied: requested access to the resource is denied');
    labRegistry(engine).registry.user = 'learner';
    const r = await pushImage(engine, 'learner/app:1');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const finals = r.events.filter((e): e is PushLayerStateEvent => e.type === 'push-layer-state' && ['pushed', 'mounted', 'layer-already-exists'].includes(e.state));
    const base = finals.find((e) => e.digest === alpine.layers[0]!.digest)!;
    const top = finals.find((e) => e.digest === app.layers.at(-1)!.digest)!;
    expect([base.state, base.from]).toEqual(['mounted', 'library/alpine']);
    expect(top.state).toBe('pushed');
    const done = r.events.at(-1)!;
    expect(done.type === 'push-done' && done.bytesUploaded).toBe(app.layers.at(-1)!.compressedSize);
    expect(done.type === 'push-done' && done.size).toBe(new TextEncoder().encode(app.manifestJson).byteLength);
    // Pushing again finds every blob there.
    const again = await pushImage(engine, 'learner/app:1');
    expect(again.ok && again.events.filter((e) => e.type === 'push-layer-state' && e.state === 'layer-already-exists').length).toBe(app.layers.length);
  });

  it('pulls the pushed image back after rmi: the shared base says Already exists, only the new layer travels', async () => {
    engine.images.remove('learner/app:1');
    expect(engine.images.resolve('learner/app:1')).toBeUndefined();
    const r = await pullImage(engine, 'learner/app:1');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const states = layerStates(r.events);
    expect(states.filter((e) => e.state === 'already-exists').map((e) => e.digest)).toEqual(alpine.layers.map((l) => l.digest));
    expect(states.filter((e) => e.state === 'pull-complete').map((e) => e.digest)).toEqual([app.layers.at(-1)!.digest]);
    expect(r.image.id).toBe(app.id);
    expect(engine.images.resolve('learner/app:1')?.id).toBe(app.id);
  });
});

describe('layer refcounts', () => {
  it('removing an image frees only the layers no other image holds', () => {
    const images = engine.images.list();
    const freed = layersFreedBy(images, app.id).map((l) => l.digest);
    expect(freed).toEqual([app.layers.at(-1)!.digest]);
    const usage = imageDiskUsage(images);
    const baseSize = alpine.layers.reduce((n, l) => n + l.size, 0);
    expect(usage.get(app.id)).toEqual({ size: baseSize + app.layers.at(-1)!.size, shared: baseSize, unique: app.layers.at(-1)!.size });
    expect(totalLayerBytes(images)).toBe(baseSize + app.layers.at(-1)!.size);
  });
});

describe('FROM through the registry', () => {
  it('installRegistry makes a missing base image a pull, with its events and blob sources', async () => {
    const { installRegistry } = await import('../../../src/engine/registry/index.ts');
    const e = createLabEngine();
    const seen: string[] = [];
    e.subscribe((ev) => seen.push((ev as { type: string }).type));
    installRegistry(e);
    const img = await e.resolveBaseImage('alpine:3.21');
    expect(img?.layers.map((l) => l.digest)).toEqual(alpine.layers.map((l) => l.digest));
    expect(seen).toContain('pull-start');
    expect(seen.filter((t) => t === 'pull-layer-state').length).toBeGreaterThan(0);
    expect(labRegistry(e).registry.blobSources.get(alpine.layers[0]!.digest)).toBe('library/alpine');
    // Already local: no second pull.
    const before = seen.length;
    expect((await e.resolveBaseImage('alpine:3.21'))?.id).toBe(img?.id);
    expect(seen.length).toBe(before);
  }, 60_000);
});
