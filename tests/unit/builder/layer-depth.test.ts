// Issue 13 item 13: an image deeper than Docker allows fails as Docker's classic image store does.
// moby daemon/graphdriver/overlay2/overlay.go: a mount with more than maxDepth = 128 lower
// directories fails with "max depth exceeded" (BuildKit: "failed to prepare <id>: max depth
// exceeded" on the step); moby daemon/internal/layer/layer_store.go: maxLayerDepth = 125 layers
// per chain when the image's layers are registered, ErrMaxDepthExceeded "max depth exceeded".
import { describe, expect, it } from 'vitest';
import { createLabEngine, type EngineEvent } from '../../../src/engine/index.ts';
import { createMemoryWorkspace } from '../../../src/workspace/memory.ts';

/** alpine:3.21 has one layer; each RUN that writes a file adds one. */
function dockerfile(runs: number): string {
  return ['FROM alpine:3.21', ...Array.from({ length: runs }, (_, i) => `RUN echo ${i} > /f${i}`), ''].join('\n');
}

async function build(runs: number) {
  const engine = createLabEngine();
  const ws = await createMemoryWorkspace({ Dockerfile: dockerfile(runs) });
  const events: EngineEvent[] = [];
  const off = engine.subscribe((e) => events.push(e));
  const outcome = await engine.build({ workspace: ws, contextDir: '/', tags: ['deep:1'] });
  off();
  return { outcome, events };
}

describe('layer depth', () => {
  it('124 RUN steps on a one-layer base (125 layers) build', async () => {
    const { outcome } = await build(124);
    expect(outcome.ok).toBe(true);
  }, 60_000);

  it('125 RUN steps (126 layers) run, then exporting the image fails with "max depth exceeded"', async () => {
    const { outcome, events } = await build(125);
    expect(outcome.ok).toBe(false);
    expect(outcome.error).toBe('failed to build: failed to solve: max depth exceeded');
    const err = events.find((e) => e.type === 'error');
    expect(err && 'vertexMessage' in err ? err.vertexMessage : undefined).toBe('max depth exceeded');
  }, 60_000);

  it('the RUN that would mount 129 lower layers fails to prepare', async () => {
    const { outcome } = await build(130);
    expect(outcome.ok).toBe(false);
    expect(outcome.error).toMatch(/^failed to build: failed to solve: failed to prepare [0-9a-z]{25}: max depth exceeded$/);
  }, 60_000);
});
