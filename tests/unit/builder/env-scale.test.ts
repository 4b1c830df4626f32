// ENV at scale: each ENV instruction sets one entry of the image's Env (replacing the first entry of
// that name, in place, else appending), as BuildKit's dispatchEnv does with its own addEnv helper
// (moby/buildkit frontend/dockerfile/dockerfile2llb/convert.go: `d.image.Config.Env = addEnv(...)`).
// 20,000 ENV lines build (they used to take close to a minute), and stages and base images that share
// an ancestry never see each other's ENV.
import { describe, expect, it } from 'vitest';
import { createLabEngine } from '../../../src/engine/index.ts';
import { createMemoryWorkspace } from '../../../src/workspace/memory.ts';

async function envOf(dockerfile: string, target?: string, engine = createLabEngine()): Promise<string[]> {
  const ws = await createMemoryWorkspace({ Dockerfile: dockerfile });
  const outcome = await engine.build({ workspace: ws, contextDir: '/', tags: ['env:test'], ...(target ? { target } : {}) });
  expect(outcome.error).toBeUndefined();
  const image = engine.images.get(outcome.imageId!);
  return (JSON.parse(image!.configJson) as { config: { Env: string[] } }).config.Env;
}

describe('ENV', () => {
  it('replaces the first entry of a name where it stands and appends new names', async () => {
    const env = await envOf('FROM alpine:3.21\nENV A=1\nENV B=2 C=3\nENV A=4\nENV PATH=/opt/bin:$PATH\n');
    expect(env).toEqual(['PATH=/opt/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'A=4', 'B=2', 'C=3']);
  });

  it('keeps a stage, the stage built on it and the base image apart', async () => {
    const engine = createLabEngine();
    const df = 'FROM alpine:3.21 AS one\nENV A=1\nFROM one AS two\nENV A=2\nENV B=3\nFROM one AS three\nENV C=4\n';
    expect(await envOf(df, 'two', engine)).toEqual(['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'A=2', 'B=3']);
    expect(await envOf(df, 'three', engine)).toEqual(['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'A=1', 'C=4']);
    expect(await envOf(df, 'one', engine)).toEqual(['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'A=1']);
    expect(await envOf('FROM alpine:3.21\n', undefined, engine)).toEqual(['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin']);
  });

  it('builds 20,000 ENV lines, each name once, in order', async () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `ENV V${i}=${i}`);
    lines.push('ENV V5=five');
    const env = await envOf(`FROM alpine:3.21\n${lines.join('\n')}\n`);
    expect(env).toHaveLength(20_001);
    expect(env[1]).toBe('V0=0');
    expect(env[6]).toBe('V5=five');
    expect(env[20_000]).toBe('V19999=19999');
  }, 60_000);
});
