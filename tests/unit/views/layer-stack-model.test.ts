import { beforeAll, describe, expect, it } from 'vitest';
import { createLabEngine, type EngineEvent, type LabEngine } from '../../../src/engine/index.ts';
import { createMemoryWorkspace } from '../../../src/workspace/memory.ts';
import { LayerStackModel, countStates, isBuildEvent, type StackItem } from '../../../src/components/views/layer-stack-model.ts';
import { stackLookups } from '../../../src/components/views/lookups.ts';
import { stageNames as stagesOf } from '../../../src/engine/dockerfile/stages.ts';
import { EngineMirror, SnapshotTaker, isEmptySnapshot, type EngineView } from '../../../src/lab/core/snapshot.ts';
import type { BuildEvent } from '../../../src/engine/builder/events.ts';
import { diffSize } from '../../../src/engine/store/sizes.ts';

const DOCKERFILE = 'FROM alpine:3.21\nWORKDIR /app\nCOPY a.txt .\nENV X=1\nCOPY b.txt .\nCMD ["sh"]\n';

function feed(engine: LabEngine, model: LayerStackModel, onEach?: (e: BuildEvent) => void): () => void {
  return engine.subscribe((e: EngineEvent) => {
    if (!('buildId' in e)) return; // build events only (store, pull, push and container events carry no build ID)
    model.apply(e);
    onEach?.(e);
  });
}

/**
 * The page's mirror of `engine`, kept up to date as the lab core keeps it: a snapshot (cloned, as
 * postMessage clones it) before every event. Subscribe it before the model, so the model reads it current.
 */
function mirrorOf(engine: LabEngine): EngineView {
  const taker = new SnapshotTaker(engine);
  const mirror = new EngineMirror();
  const sync = (): void => {
    const s = taker.take();
    if (!isEmptySnapshot(s)) mirror.apply(structuredClone(s));
  };
  sync();
  engine.subscribe(sync);
  return mirror;
}

const names = (items: StackItem[]) => items.map((i) => `${i.instruction}|${i.state}`);

describe('layer stack model, driven by real builds', () => {
  let engine: LabEngine;
  let model: LayerStackModel;
  let ws: Awaited<ReturnType<typeof createMemoryWorkspace>>;
  beforeAll(async () => {
    engine = createLabEngine();
    model = new LayerStackModel(stackLookups(mirrorOf(engine)));
    feed(engine, model);
    ws = await createMemoryWorkspace({ Dockerfile: DOCKERFILE, 'a.txt': 'hello\n', 'b.txt': 'bbb\n' });
  });

  it('a first build shows one built item per layer-making step, above the base image layers', async () => {
    const out = await engine.build({ workspace: ws, contextDir: '/', tags: ['app'] });
    expect(out.ok).toBe(true);
    const pic = model.current!;
    expect(pic.status).toBe('done');
    const stage = pic.stages[0]!;
    // WORKDIR, COPY and COPY make layers; ENV and CMD do not (they only change the config).
    expect(names(stage.items)).toEqual(['WORKDIR /app|built', 'COPY a.txt .|built', 'COPY b.txt .|built']);
    const image = engine.images.get(out.imageId!)!;
    // The base layers are alpine's (one layer), and each item carries its layer's DiffSize, the figure
    // `docker history` prints (WORKDIR adds only a directory: 0 bytes, though its tar is not empty).
    expect(stage.baseItems.map((i) => i.layer!.digest)).toEqual(image.layers.slice(0, 1).map((l) => l.digest));
    expect(stage.baseItems.map((i) => i.layer!.diffSize)).toEqual(image.layers.slice(0, 1).map((l) => diffSize(l.changes)));
    expect(stage.items.map((i) => i.layer!.diffSize)).toEqual(image.layers.slice(1).map((l) => diffSize(l.changes)));
    expect(stage.items[0]!.layer!.diffSize).toBe(0);
    expect(image.layers[1]!.size).toBeGreaterThan(0);
    expect(pic.finalLayers).toEqual(image.layers.map((l) => l.digest));
    expect(stage.final).toBe(true);
  });

  it('a rebuild after editing a.txt: cached below, first miss with its reason, invalidated then rebuilt above', async () => {
    await ws.writeFile('a.txt', 'changed\n');
    const snapshots: string[][] = [];
    const unsub = engine.subscribe((e) => {
      if (e.type === 'cache-miss') snapshots.push(names(model.current!.stages[0]!.items));
    });
    const out = await engine.build({ workspace: ws, contextDir: '/', tags: ['app'] });
    unsub();
    // Right after the first miss is applied, the step above it shows as invalidated (old layer still drawn).
    expect(snapshots[0]).toEqual(['WORKDIR /app|cached', 'COPY a.txt .|building', 'COPY b.txt .|invalidated']);
    const stage = model.current!.stages[0]!;
    const engineSaid = out.explanations.filter((x) => !x.name.includes('FROM')).map((x) => x.status);
    expect(stage.items.map((i) => i.state)).toEqual(engineSaid);
    expect(engineSaid).toEqual(['cached', 'built', 'built']);
    const first = stage.items.find((i) => i.firstMiss)!;
    expect(first.instruction).toBe('COPY a.txt .');
    expect(first.reason).toBe(out.explanations.find((x) => x.name.endsWith('COPY a.txt .'))!.reason);
    expect(first.reason).toContain('a.txt');
    // The cached WORKDIR layer's size comes from the cache record, the same layer the image holds.
    const image = engine.images.get(out.imageId!)!;
    expect(stage.items[0]!.layer).toEqual({ digest: image.layers[1]!.digest, diffSize: diffSize(image.layers[1]!.changes) });
    // Rebuilt items remember the layer they replaced when it differs.
    expect(stage.items[1]!.replaced?.digest).not.toBe(stage.items[1]!.layer!.digest);
    expect(countStates(model.current)).toMatchObject({ cached: 1, built: 2, invalidated: 0 });
  });

  it('multi-stage: one stack per stage, COPY --from arrows, unbuilt stages skipped, final stage marked', async () => {
    const text = 'FROM alpine:3.21 AS build\nWORKDIR /src\nCOPY a.txt .\nFROM alpine:3.21 AS unused\nCOPY b.txt .\nFROM scratch\nCOPY --from=build /src/a.txt /a.txt\nCOPY b.txt /b\n';
    await ws.writeFile('Dockerfile', text);
    const m = new LayerStackModel(stackLookups(mirrorOf(engine)));
    const unsub = engine.subscribe((e) => {
      if (e.type === 'build-start') m.setStages(e.buildId, stagesOf(text));
      if ('buildId' in e) m.apply(e);
    });
    const out = await engine.build({ workspace: ws, contextDir: '/', tags: ['multi'] });
    unsub();
    expect(out.ok).toBe(true);
    const pic = m.current!;
    expect(pic.stages.map((s) => [s.name, s.skipped, s.final])).toEqual([
      ['build', false, false],
      ['unused', true, false],
      ['stage-2', false, true],
    ]);
    const final = pic.stages[2]!;
    expect(final.baseItems).toEqual([]); // FROM scratch
    expect(final.items[0]!.copiesFrom).toBe('build');
    expect(pic.finalLayers).toHaveLength(2);
  });
  it('two stages FROM the same image both stand on its layers (BuildKit runs that FROM once)', async () => {
    const text = 'FROM alpine:3.21 AS a\nCOPY a.txt /a\nFROM alpine:3.21\nCOPY --from=a /a /b\n';
    await ws.writeFile('Dockerfile', text);
    const m = new LayerStackModel(stackLookups(mirrorOf(engine)));
    let fromSteps = 0;
    const unsub = engine.subscribe((e) => {
      if (e.type === 'build-start') m.setStages(e.buildId, stagesOf(text));
      if (e.type === 'step-start' && / FROM /.test(e.name)) fromSteps++;
      if (isBuildEvent(e)) m.apply(e);
    });
    const out = await engine.build({ workspace: ws, contextDir: '/', tags: ['two'] });
    unsub();
    expect(out.ok).toBe(true);
    const alpine = engine.images.resolve('alpine:3.21')!;
    const pic = m.current!;
    expect(pic.stages.map((s) => s.name)).toEqual(['a', 'stage-1']);
    for (const s of pic.stages) expect(s.baseItems.map((i) => i.layer!.digest)).toEqual(alpine.layers.map((l) => l.digest));
    // The final image is alpine's layer plus the one COPY --from.
    expect(pic.finalLayers).toEqual([...alpine.layers.map((l) => l.digest), pic.stages[1]!.items[0]!.layer!.digest]);
    expect(fromSteps).toBeGreaterThan(0);
  });
});
