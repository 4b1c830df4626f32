// EngineEvent covers every event the engine's stream carries: build, store, pull/push and container
// events, so listeners narrow on `type` without casts (this file is type-checked by `tsc --noEmit`).
import { describe, expect, expectTypeOf, it } from 'vitest';
import { createLabEngine, type EngineEvent } from '../../../src/engine/index.ts';
import type { PullEvent, PushEvent } from '../../../src/engine/registry/events.ts';
import type { ContainerEvent } from '../../../src/engine/container/index.ts';
import { labContainers } from '../../../src/engine/container/index.ts';
import { createMemoryWorkspace } from '../../../src/workspace/memory.ts';

describe('EngineEvent', () => {
  it('includes pull, push and container events', () => {
    expectTypeOf<PullEvent>().toMatchTypeOf<EngineEvent>();
    expectTypeOf<PushEvent>().toMatchTypeOf<EngineEvent>();
    expectTypeOf<ContainerEvent>().toMatchTypeOf<EngineEvent>();
  });

  it('a listener reads pull and container events by narrowing on type', async () => {
    const engine = createLabEngine();
    const pulled: string[] = [];
    const created: string[] = [];
    engine.subscribe((e) => {
      if (e.type === 'pull-start') pulled.push(`${e.repository}:${e.tagOrDigest}`);
      if (e.type === 'container-created') created.push(e.name);
    });
    const ws = await createMemoryWorkspace({ Dockerfile: 'FROM alpine:3.21\nCMD ["true"]\n' });
    const out = await engine.build({ workspace: ws, contextDir: '/', tags: ['t'] });
    expect(out.ok).toBe(true);
    expect(pulled).toEqual(['library/alpine:3.21']);
    await labContainers(engine).create({ image: engine.images.resolve('t')!, imageRef: 't', name: 'c1' });
    expect(created).toEqual(['c1']);
  });
});
