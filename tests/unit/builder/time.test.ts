// Time in builds, as BuildKit sets it. Each test injects the engine's clock, so expected times are written
// out by hand. Sources (moby/buildkit):
// - frontend/dockerfile/dockerfile2llb/convert.go commitToHistory: history entries get no time, or
//   SOURCE_DATE_EPOCH when that build arg is set (getBuildArgValue: --build-arg, else a global ARG).
// - exporter/containerimage/writer.go normalizeLayersAndHistory: a layer's entry takes its cache record's
//   creation time (a cached step keeps the time it was first made); entries without a layer take the time
//   of the first new layer, or of the layer before them. patchImageConfig: with an epoch, entries after the
//   base image's later than the epoch become the epoch; the image's `created` is the last entry's time.
// - frontend/dockerfile/dockerfile2llb/epoch.go: a value that is not an integer is an error.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLabEngine, fixedClock, type LabClock, type LabEngine } from '../../../src/engine/index.ts';
import { createMemoryWorkspace } from '../../../src/workspace/memory.ts';
import type { Workspace } from '../../../src/workspace/types.ts';

const DOCKERFILE = 'FROM alpine:3.21\nWORKDIR /app\nENV MODE=prod\nCOPY hello.txt .\nRUN cat hello.txt > copy.txt\nCMD ["cat", "copy.txt"]\n';

/** A clock the test moves by hand. */
function handClock(ms: number): LabClock & { set(ms: number): void } {
  let t = ms;
  return { now: () => t, set: (v) => (t = v) };
}

interface History {
  created?: string;
  created_by?: string;
  comment?: string;
}

function configOf(engine: LabEngine, id: string): { created: string; history: History[] } {
  return JSON.parse(engine.images.get(id)!.configJson) as { created: string; history: History[] };
}

/** The Dockerfile's own entries as [instruction word, created]. */
function ownRows(engine: LabEngine, id: string): [string, string | undefined][] {
  return configOf(engine, id)
    .history.filter((h) => h.comment === 'buildkit.dockerfile.v0')
    .map((h) => [h.created_by!.split(' ')[0]!, h.created]);
}

async function build(engine: LabEngine, ws: Workspace, extra: Record<string, unknown> = {}) {
  const outcome = await engine.build({ workspace: ws, contextDir: '/', tags: ['app:1'], ...extra });
  expect(outcome.error).toBeUndefined();
  return outcome;
}

describe('image and history times', () => {
  it('a new layer has the time it was made; a cached one keeps its first time; metadata follows the layers', async () => {
    const clock = handClock(Date.UTC(2026, 4, 1, 10, 0, 0));
    const engine = createLabEngine({ clock });
    const ws = await createMemoryWorkspace({ Dockerfile: DOCKERFILE, 'hello.txt': 'hello\n' });
    const first = await build(engine, ws);
    expect(ownRows(engine, first.imageId!)).toEqual([
      ['WORKDIR', '2026-05-01T10:00:00Z'],
      ['ENV', '2026-05-01T10:00:00Z'],
      ['COPY', '2026-05-01T10:00:00Z'],
      ['RUN', '2026-05-01T10:00:00Z'],
      ['CMD', '2026-05-01T10:00:00Z'],
    ]);
    // The base image's own entries keep their times (the lab's catalogue date).
    expect(configOf(engine, first.imageId!).history[0]!.created).toBe('2024-01-01T00:00:00Z');

    clock.set(Date.UTC(2026, 4, 2, 9, 30, 0));
    await ws.writeFile('/hello.txt', 'hello again\n');
    const second = await build(engine, ws);
    expect(ownRows(engine, second.imageId!)).toEqual([
      ['WORKDIR', '2026-05-01T10:00:00Z'],
      // ENV has no layer. BuildKit gives such entries the first layer time that follows an entry without
      // one (the "first new layer"), here COPY's, then the time of the layer before them.
      ['ENV', '2026-05-02T09:30:00Z'],
      ['COPY', '2026-05-02T09:30:00Z'],
      ['RUN', '2026-05-02T09:30:00Z'],
      ['CMD', '2026-05-02T09:30:00Z'],
    ]);
    expect(configOf(engine, second.imageId!).created).toBe('2026-05-02T09:30:00Z');

    // A fully cached rebuild later is the same image: the same times, the same ID.
    clock.set(Date.UTC(2026, 5, 1));
    const third = await build(engine, ws);
    expect(third.explanations.every((x) => x.status === 'cached')).toBe(true);
    expect(third.imageId).toBe(second.imageId);
  });

  it('metadata before the first new layer takes that layer\'s time, not the base image\'s', async () => {
    const engine = createLabEngine({ clock: fixedClock(Date.UTC(2026, 6, 7, 8, 9, 10)) });
    const ws = await createMemoryWorkspace({ Dockerfile: 'FROM alpine:3.21\nENV A=1\nLABEL x=y\nRUN echo > /f\n', f: '' });
    const out = await build(engine, ws);
    expect(ownRows(engine, out.imageId!)).toEqual([
      ['ENV', '2026-07-07T08:09:10Z'],
      ['LABEL', '2026-07-07T08:09:10Z'],
      ['RUN', '2026-07-07T08:09:10Z'],
    ]);
  });

  it('--no-cache gives a new image ID: the re-run steps get the new time', async () => {
    const clock = handClock(Date.UTC(2026, 0, 10));
    const engine = createLabEngine({ clock });
    const ws = await createMemoryWorkspace({ Dockerfile: DOCKERFILE, 'hello.txt': 'hello\n' });
    const first = await build(engine, ws);
    clock.set(Date.UTC(2026, 0, 11));
    const again = await build(engine, ws, { noCache: true });
    expect(again.imageId).not.toBe(first.imageId);
    expect(ownRows(engine, again.imageId!).map((r) => r[1])).toEqual([
      // WORKDIR right after FROM is not re-run by --no-cache (see the --no-cache test below); ENV takes
      // the first new layer's time.
      '2026-01-10T00:00:00Z',
      '2026-01-11T00:00:00Z',
      '2026-01-11T00:00:00Z',
      '2026-01-11T00:00:00Z',
      '2026-01-11T00:00:00Z',
    ]);
  });

  it('SOURCE_DATE_EPOCH as a build arg stamps every own entry and the image; separate clocks give one ID', async () => {
    const files = { Dockerfile: DOCKERFILE, 'hello.txt': 'hello\n' };
    const ids: string[] = [];
    for (const at of [Date.UTC(2026, 1, 1), Date.UTC(2027, 3, 4, 5, 6, 7)]) {
      const engine = createLabEngine({ clock: fixedClock(at) });
      const out = await build(engine, await createMemoryWorkspace(files), { buildArgs: { SOURCE_DATE_EPOCH: '1700000000' } });
      ids.push(out.imageId!);
      // 1700000000 s is 2023-11-14T22:13:20Z.
      expect(ownRows(engine, out.imageId!).map((r) => r[1])).toEqual(Array(5).fill('2023-11-14T22:13:20Z'));
      expect(configOf(engine, out.imageId!).created).toBe('2023-11-14T22:13:20Z');
      // The base image's entries are the base image's own and keep their time, even when later.
      expect(configOf(engine, out.imageId!).history[0]!.created).toBe('2024-01-01T00:00:00Z');
    }
    expect(ids[1]).toBe(ids[0]);
  });

  it('a global ARG SOURCE_DATE_EPOCH with a value counts as the build arg; --build-arg overrides it', async () => {
    const df = 'ARG SOURCE_DATE_EPOCH=86400\nFROM alpine:3.21\nRUN echo > /f\n';
    const engine = createLabEngine({ clock: fixedClock(Date.UTC(2026, 1, 1)) });
    const ws = await createMemoryWorkspace({ Dockerfile: df });
    const a = await build(engine, ws);
    expect(ownRows(engine, a.imageId!)).toEqual([['RUN', '1970-01-02T00:00:00Z']]);
    const b = await build(engine, ws, { buildArgs: { SOURCE_DATE_EPOCH: '172800' } });
    expect(ownRows(engine, b.imageId!)).toEqual([['RUN', '1970-01-03T00:00:00Z']]);
  });

  it('a SOURCE_DATE_EPOCH that is not a number fails the build with BuildKit\'s message', async () => {
    const engine = createLabEngine({ clock: fixedClock(Date.UTC(2026, 1, 1)) });
    const ws = await createMemoryWorkspace({ Dockerfile: 'FROM alpine:3.21\nRUN true\n' });
    const out = await engine.build({ workspace: ws, contextDir: '/', buildArgs: { SOURCE_DATE_EPOCH: 'yesterday' } });
    expect(out.ok).toBe(false);
    expect(out.error).toMatch(/^failed to build: failed to solve: invalid SOURCE_DATE_EPOCH: yesterday/);
  });

  it('cache records keep their creation time and get a new last-used time on a hit', async () => {
    const clock = handClock(Date.UTC(2026, 2, 1));
    const engine = createLabEngine({ clock });
    const ws = await createMemoryWorkspace({ Dockerfile: 'FROM alpine:3.21\nRUN echo > /f\n' });
    await build(engine, ws);
    clock.set(Date.UTC(2026, 2, 5));
    await build(engine, ws);
    const [record] = engine.buildCache.entries();
    expect(record!.createdAt).toBe(Date.UTC(2026, 2, 1));
    expect(record!.lastUsedAt).toBe(Date.UTC(2026, 2, 5));
    expect(record!.usageCount).toBe(2);
  });
});

describe('the engine clock', () => {
  it('never runs backwards, and its last value survives export and import (a reload)', async () => {
    const clock = handClock(Date.UTC(2026, 8, 9));
    const engine = createLabEngine({ clock });
    expect(engine.now()).toBe(Date.UTC(2026, 8, 9));
    clock.set(Date.UTC(2026, 8, 1));
    expect(engine.now()).toBe(Date.UTC(2026, 8, 9));
    const saved = structuredClone(engine.exportState());
    const reloaded = createLabEngine({ clock: fixedClock(Date.UTC(2025, 0, 1)) });
    reloaded.importState(saved);
    expect(reloaded.now()).toBe(Date.UTC(2026, 8, 9));
  });

  it('defaults to real time', () => {
    const before = Date.now();
    const now = createLabEngine().now();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it('the builder and the store never read the time themselves (the clock is a dependency)', () => {
    const root = join(import.meta.dirname, '..', '..', '..', 'src', 'engine');
    for (const dir of ['builder', 'store']) {
      for (const name of readdirSync(join(root, dir))) {
        const text = readFileSync(join(root, dir, name), 'utf8');
        expect(text, `${dir}/${name}`).not.toMatch(/Date\.now\(|new Date\(\)/);
      }
    }
  });
});

describe('--no-cache', () => {
  // BuildKit marks RUN and COPY/ADD ignore-cache under --no-cache (dockerfile2llb/convert.go dispatchRun,
  // convert_copy.go), not WORKDIR's mkdir; and a step that was forced to run gives its consumers no cache
  // keys (solver/edge.go: "for ignore-cache so that consumers cannot match cache records through a
  // dependency that was itself forced to re-run").
  it('keeps a WORKDIR right after FROM cached and re-runs a WORKDIR after a re-run step', async () => {
    const engine = createLabEngine({ clock: fixedClock(Date.UTC(2026, 1, 1)) });
    const ws = await createMemoryWorkspace({ Dockerfile: 'FROM alpine:3.21\nWORKDIR /app\nRUN echo > f\nWORKDIR /srv\nCOPY Dockerfile .\n' });
    await build(engine, ws);
    const again = await build(engine, ws, { noCache: true });
    expect(again.explanations.filter((x) => !x.name.includes('FROM')).map((x) => [x.name.replace(/^\[\d\/\d\] /, ''), x.status])).toEqual([
      ['WORKDIR /app', 'cached'],
      ['RUN echo > f', 'built'],
      ['WORKDIR /srv', 'built'],
      ['COPY Dockerfile .', 'built'],
    ]);
  });
});

describe('time format', () => {
  // Go marshals time.Time as RFC 3339 with the fraction's trailing zeros cut (time.RFC3339Nano).
  it('writes milliseconds when there are some, and no fraction for a whole second', async () => {
    const engine = createLabEngine({ clock: fixedClock(Date.UTC(2026, 0, 2, 3, 4, 5, 120)) });
    const ws = await createMemoryWorkspace({ Dockerfile: 'FROM alpine:3.21\nRUN echo > /f\n' });
    const out = await build(engine, ws);
    expect(ownRows(engine, out.imageId!)).toEqual([['RUN', '2026-01-02T03:04:05.12Z']]);
    expect(configOf(engine, out.imageId!).created).toBe('2026-01-02T03:04:05.12Z');
  });
});
