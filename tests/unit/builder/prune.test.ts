// What `docker builder prune` keeps without --all. BuildKit cache/manager.go pruneOnce skips records that
// the reference checker calls shared; with the containerd image store that checker
// (snapshot/imagerefchecker/checker.go) matches a record's whole layer chain against each image's layer
// list, and the records below a kept one stay because it holds them (markShared marks them too).
import { describe, expect, it } from 'vitest';
import { createLabEngine, fixedClock } from '../../../src/engine/index.ts';
import { createMemoryWorkspace } from '../../../src/workspace/memory.ts';
import { imageChains } from '../../../src/shell/commands/prune.ts';

const DOCKERFILE = 'FROM alpine:3.21 AS build\nRUN echo a > /a\nFROM alpine:3.21\nWORKDIR /app\nCOPY --from=build /a /app/a\n';

describe('builder prune without --all', () => {
  it('keeps the final image\'s chain, removes the build stage\'s records, and -a removes the rest', async () => {
    const engine = createLabEngine({ clock: fixedClock(Date.UTC(2026, 3, 1)) });
    const ws = await createMemoryWorkspace({ Dockerfile: DOCKERFILE });
    const out = await engine.build({ workspace: ws, contextDir: '/', tags: ['app:1'] });
    expect(out.ok).toBe(true);
    const byName = (part: string) => engine.buildCache.entries().find((r) => r.description.includes(part))!;
    const run = byName('RUN echo a');
    const workdir = byName('WORKDIR /app');
    const copy = byName('COPY --from=build');
    expect(engine.buildCache.entries()).toHaveLength(3);
    expect([...engine.buildCache.sharedKeys(imageChains(engine))].sort()).toEqual([workdir.key, copy.key].sort());

    const removed = engine.buildCache.prune({ all: false, imageChains: imageChains(engine) });
    expect(removed.map((r) => r.key)).toEqual([run.key]);
    expect(engine.buildCache.entries().map((r) => r.key).sort()).toEqual([workdir.key, copy.key].sort());

    // The next build takes the kept steps from the cache; the build stage's RUN runs again.
    const again = await engine.build({ workspace: ws, contextDir: '/', tags: ['app:1'] });
    expect(again.explanations.filter((x) => !x.name.includes('FROM')).map((x) => [x.name.replace(/^\[[^\]]+\] /, ''), x.status])).toEqual([
      ['RUN echo a > /a', 'built'],
      ['WORKDIR /app', 'cached'],
      ['COPY --from=build /a /app/a', 'cached'],
    ]);

    // With --all, children go before their parents.
    const all = engine.buildCache.prune({ all: true, imageChains: imageChains(engine) });
    const names = all.map((r) => r.description.replace(/^\[[^\]]+\] /, ''));
    expect([...names].sort()).toEqual(['COPY --from=build /a /app/a', 'RUN echo a > /a', 'WORKDIR /app']);
    expect(names.indexOf('WORKDIR /app')).toBeGreaterThan(names.indexOf('COPY --from=build /a /app/a'));
    expect(engine.buildCache.entries()).toEqual([]);
  });
});
