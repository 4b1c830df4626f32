// The engine in process: events, history and layer sizes, reproducible digests, cancellation, state export.
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { createLabEngine, fixedClock, type EngineEvent } from '../../../src/engine/index.ts';
import { createMemoryWorkspace } from '../../../src/workspace/memory.ts';
import { layerTar } from '../../../src/engine/image/index.ts';

const DOCKERFILE = 'FROM alpine:3.21\nWORKDIR /app\nARG GREETING=hi\nENV MODE=prod\nCOPY . .\nRUN echo $GREETING > greeting.txt\nCMD ["cat", "greeting.txt"]\n';

async function build(files: Record<string, string>, extra: Partial<Parameters<ReturnType<typeof createLabEngine>['build']>[0]> = {}, engine = createLabEngine()) {
  const ws = await createMemoryWorkspace(files);
  const events: EngineEvent[] = [];
  const off = engine.subscribe((e) => events.push(e));
  const outcome = await engine.build({ workspace: ws, contextDir: '/', tags: ['app:1'], ...extra });
  off();
  return { engine, ws, events, outcome };
}

async function sha256OfTar(layer: Parameters<typeof layerTar>[0]): Promise<{ hex: string; bytes: number }> {
  const h = createHash('sha256');
  let bytes = 0;
  for await (const chunk of layerTar(layer)) {
    h.update(chunk);
    bytes += chunk.byteLength;
  }
  return { hex: h.digest('hex'), bytes };
}

describe('engine builds', () => {
  it('emits typed events in order: start, steps with hits/misses, layer commits, done', async () => {
    const { events, outcome } = await build({ Dockerfile: DOCKERFILE, 'hello.txt': 'hello\n' });
    expect(outcome.ok).toBe(true);
    // A base image that is not local is pulled first (registry pull events, which carry no build ID).
    expect(events.some((e) => e.type === 'pull-start')).toBe(true);
    const buildEvents = events.filter((e) => 'buildId' in e || e.type === 'store-changed');
    const types = buildEvents.map((e) => e.type);
    expect(types[0]).toBe('build-start');
    expect(types.at(-2)).toBe('build-done');
    expect(types.at(-1)).toBe('store-changed');
    const misses = events.filter((e) => e.type === 'cache-miss');
    const commits = events.filter((e) => e.type === 'layer-committed');
    // WORKDIR, COPY and RUN each ran and committed a layer.
    expect(misses).toHaveLength(3);
    expect(commits).toHaveLength(3);
    const copy = commits[1]!;
    expect(copy.type === 'layer-committed' && copy.changes.some((c) => c.path === '/app/hello.txt' && c.kind === 'added')).toBe(true);
    for (const e of buildEvents) if ('buildId' in e) expect(e.buildId).toBe(outcome.buildId);
  });

  it('records BuildKit history strings, with ARGs in RUN lines and empty_layer for metadata', async () => {
    const { engine, outcome } = await build({ Dockerfile: DOCKERFILE, 'hello.txt': 'hello\n' });
    const image = engine.images.get(outcome.imageId!)!;
    const cfg = JSON.parse(image.configJson) as { history: { created_by: string; empty_layer?: boolean; comment?: string }[]; config: { Env: string[]; Cmd: string[]; WorkingDir: string } };
    const mine = cfg.history.filter((h) => h.comment === 'buildkit.dockerfile.v0');
    expect(mine.map((h) => [h.created_by, h.empty_layer === true])).toEqual([
      ['WORKDIR /app', false],
      ['ARG GREETING=hi', true],
      ['ENV MODE=prod', true],
      ['COPY . . # buildkit', false],
      ['RUN |1 GREETING=hi /bin/sh -c echo $GREETING > greeting.txt # buildkit', false],
      ['CMD ["cat" "greeting.txt"]', true],
    ]);
    expect(cfg.config.Env).toContain('MODE=prod');
    expect(cfg.config.Env.some((e) => e.startsWith('GREETING='))).toBe(false);
    expect(cfg.config.WorkingDir).toBe('/app');
    expect(cfg.config.Cmd).toEqual(['cat', 'greeting.txt']);
  });

  it('each layer size is the byte length of its tar (one per non-empty history entry), and each diffID is the sha256 of that tar', async () => {
    const { engine, outcome } = await build({ Dockerfile: DOCKERFILE, 'hello.txt': 'hello\n' });
    const image = engine.images.get(outcome.imageId!)!;
    const cfg = JSON.parse(image.configJson) as { history: { empty_layer?: boolean }[]; rootfs: { diff_ids: string[] } };
    expect(cfg.history.filter((h) => !h.empty_layer)).toHaveLength(image.layers.length);
    expect(cfg.rootfs.diff_ids).toEqual(image.layers.map((l) => l.diffId));
    for (const layer of image.layers.slice(-3)) {
      const { hex, bytes } = await sha256OfTar(layer);
      expect(layer.size).toBe(bytes);
      expect(layer.diffId).toBe(`sha256:${hex}`);
    }
  });

  // Image and history times come from the engine's clock (BuildKit: the cache record's creation time,
  // exporter/containerimage/writer.go normalizeLayersAndHistory), so equal clocks give equal digests.
  it('the same Dockerfile and context give the same digests in separate engines with the same clock', async () => {
    const files = { Dockerfile: DOCKERFILE, 'hello.txt': 'hello\n' };
    const at = Date.UTC(2025, 2, 3, 4, 5, 6);
    const a = await build(files, {}, createLabEngine({ clock: fixedClock(at) }));
    const b = await build(files, {}, createLabEngine({ clock: fixedClock(at) }));
    expect(a.outcome.imageId).toBe(b.outcome.imageId);
    expect(a.engine.images.get(a.outcome.imageId!)!.configDigest).toBe(b.engine.images.get(b.outcome.imageId!)!.configDigest);
    const c = await build({ ...files, 'hello.txt': 'changed\n' }, {}, createLabEngine({ clock: fixedClock(at) }));
    expect(c.outcome.imageId).not.toBe(a.outcome.imageId);
    // A build one second later has the same layers but a new image ID.
    const d = await build(files, {}, createLabEngine({ clock: fixedClock(at + 1000) }));
    expect(d.engine.images.get(d.outcome.imageId!)!.layers.map((l) => l.diffId)).toEqual(a.engine.images.get(a.outcome.imageId!)!.layers.map((l) => l.diffId));
    expect(d.outcome.imageId).not.toBe(a.outcome.imageId);
  });

  it('explains misses in plain words: changed content, changed ARG, cascade', async () => {
    const engine = createLabEngine();
    const ws = await createMemoryWorkspace({ Dockerfile: DOCKERFILE, 'hello.txt': 'hello\n' });
    await engine.build({ workspace: ws, contextDir: '/', tags: ['app'] });
    await ws.writeFile('/hello.txt', 'hello again\n');
    const second = await engine.build({ workspace: ws, contextDir: '/', tags: ['app'] });
    const copy = second.explanations.find((x) => x.name.includes('COPY'))!;
    expect(copy.status).toBe('built');
    expect(copy.reason).toBe('hello.txt changed content');
    expect(second.explanations.find((x) => x.name.includes('RUN'))!.reason).toMatch(/step above it was rebuilt/);
    const third = await engine.build({ workspace: ws, contextDir: '/', tags: ['app'], buildArgs: { GREETING: 'hello' } });
    const run = third.explanations.find((x) => x.name.includes('RUN'))!;
    expect(run.reason).toBe('ARG GREETING changed from hi to hello');
    expect(third.explanations.find((x) => x.name.includes('COPY'))!.status).toBe('cached');
  });

  it('a canceled build prints CANCELED for the running step and stores no image and no cache record for it', async () => {
    const engine = createLabEngine();
    const ws = await createMemoryWorkspace({ Dockerfile: 'FROM alpine:3.21\nRUN echo one > /one\nRUN echo two > /two\n' });
    await engine.build({ workspace: ws, contextDir: '/', tags: ['base'] });
    const cacheBefore = engine.buildCache.entries().length;
    const imagesBefore = engine.images.list().length;
    await ws.writeFile('/Dockerfile', 'FROM alpine:3.21\nRUN echo one > /one\nRUN echo three > /three\n');
    const controller = new AbortController();
    const events: EngineEvent[] = [];
    engine.subscribe((e) => {
      events.push(e);
      if (e.type === 'cache-miss') controller.abort();
    });
    const outcome = await engine.build({ workspace: ws, contextDir: '/', tags: ['next'], signal: controller.signal });
    expect(outcome.ok).toBe(false);
    expect(outcome.canceled).toBe(true);
    expect(events.some((e) => e.type === 'step-done' && e.status === 'canceled')).toBe(true);
    expect(engine.buildCache.entries().length).toBe(cacheBefore);
    expect(engine.images.list().length).toBe(imagesBefore);
    expect(engine.images.resolve('next')).toBeUndefined();
  });

  it('exportState survives structuredClone and importState restores images, tags and cache', async () => {
    const { engine, ws, outcome } = await build({ Dockerfile: DOCKERFILE, 'hello.txt': 'hello\n' });
    const copy = structuredClone(engine.exportState());
    const fresh = createLabEngine();
    await fresh.importState(copy);
    expect(fresh.images.resolve('app:1')?.id).toBe(outcome.imageId);
    const again = await fresh.build({ workspace: ws, contextDir: '/', tags: ['app:1'] });
    expect(again.explanations.filter((x) => x.status !== 'cached')).toEqual([]);
    expect(again.imageId).toBe(outcome.imageId);
  });
});

describe('build failures', () => {
  it('a failing RUN reports BuildKit\'s process error with the exit code', async () => {
    const { outcome, events } = await build({ Dockerfile: 'FROM alpine:3.21\nRUN exit 3\n' });
    expect(outcome.ok).toBe(false);
    expect(outcome.error).toBe('failed to build: failed to solve: process "/bin/sh -c exit 3" did not complete successfully: exit code: 3');
    const err = events.find((e) => e.type === 'error');
    expect(err && err.type === 'error' && err.source).toEqual({ file: 'Dockerfile', startLine: 2, endLine: 2 });
  });

  it('a missing COPY source fails while computing the cache key', async () => {
    const { outcome } = await build({ Dockerfile: 'FROM alpine:3.21\nCOPY missing.txt /\n' });
    expect(outcome.error).toMatch(/^failed to build: failed to solve: failed to compute cache key: failed to calculate checksum of ref [0-9a-f-]+::[a-z0-9]+: "\/missing.txt": not found$/);
  });

  it('a file excluded by .dockerignore is not in the context', async () => {
    const { outcome } = await build({ Dockerfile: 'FROM alpine:3.21\nCOPY secret.txt /\n', 'secret.txt': 's', '.dockerignore': 'secret.txt\n' });
    expect(outcome.error).toMatch(/"\/secret.txt": not found$/);
    expect(outcome.explanations.at(-1)!.reason).toBe('secret.txt is excluded by .dockerignore, so it is not in the build context');
  });

  it('an unknown base image, an unknown tag, an unknown target', async () => {
    const a = await build({ Dockerfile: 'FROM nosuchimage\n' });
    expect(a.outcome.error).toBe(
      'failed to build: failed to solve: nosuchimage: failed to resolve source metadata for docker.io/library/nosuchimage:latest: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed',
    );
    const b = await build({ Dockerfile: 'FROM alpine:9.99\n' });
    expect(b.outcome.error).toBe('failed to build: failed to solve: alpine:9.99: failed to resolve source metadata for docker.io/library/alpine:9.99: docker.io/library/alpine:9.99: not found');
    const c = await build({ Dockerfile: 'FROM alpine:3.21 AS build\nRUN true\n' }, { target: 'bulid' });
    expect(c.outcome.error).toBe('failed to build: failed to solve: target stage "bulid" could not be found (did you mean build?)');
  });

  it('a parse error names the line', async () => {
    const { outcome } = await build({ Dockerfile: 'FROM alpine:3.21\nRUNN echo\n' });
    expect(outcome.error).toMatch(/^failed to build: failed to solve: dockerfile parse error on line 2: unknown instruction: RUNN/);
  });

  it('a missing Dockerfile', async () => {
    const { outcome } = await build({ 'a.txt': 'a' });
    expect(outcome.error).toBe('failed to build: failed to solve: failed to read dockerfile: open Dockerfile: no such file or directory');
  });
});

describe('instructions and inputs', () => {
  it('-f picks another Dockerfile and its own <Dockerfile>.dockerignore wins over .dockerignore', async () => {
    const files = {
      'build/dev.Dockerfile': 'FROM alpine:3.21\nCOPY . /ctx/\nRUN ls /ctx\n',
      'build/dev.Dockerfile.dockerignore': 'secret.txt\n',
      '.dockerignore': 'public.txt\n',
      'secret.txt': 's',
      'public.txt': 'p',
    };
    const { engine, outcome } = await build(files, { dockerfile: '/build/dev.Dockerfile' });
    expect(outcome.ok).toBe(true);
    const root = engine.images.get(outcome.imageId!)!.rootfs!;
    const ctx = root.entries.get('ctx');
    expect(ctx?.type === 'dir' && [...ctx.entries.keys()].sort()).toEqual(['.dockerignore', 'build', 'public.txt']);
  });

  it('COPY --chown resolves names from the image, COPY --chmod sets modes, a heredoc becomes a file', async () => {
    const df = 'FROM alpine:3.21\nCOPY --chown=nobody:nogroup --chmod=700 run.sh /usr/local/bin/\nCOPY <<EOF /etc/motd\nwelcome\nEOF\n';
    const { engine, outcome } = await build({ Dockerfile: df, 'run.sh': 'echo hi\n' });
    expect(outcome.ok).toBe(true);
    const image = engine.images.get(outcome.imageId!)!;
    const bin = (image.rootfs!.entries.get('usr') as unknown as { entries: Map<string, any> }).entries.get('local').entries.get('bin').entries.get('run.sh');
    expect(bin.mode).toBe(0o700);
    // alpine's /etc/passwd: nobody is 65534, /etc/group: nogroup is 65533.
    expect([bin.uid, bin.gid]).toEqual([65534, 65533]);
    const motd = (image.rootfs!.entries.get('etc') as unknown as { entries: Map<string, any> }).entries.get('motd');
    expect(new TextDecoder().decode(motd.content.data)).toBe('welcome\n');
    const cfg = JSON.parse(image.configJson) as { history: { created_by: string }[] };
    expect(cfg.history.map((h) => h.created_by)).toContain('COPY --chown=nobody:nogroup --chmod=700 run.sh /usr/local/bin/ # buildkit');
    expect(cfg.history.map((h) => h.created_by)).toContain('COPY <<EOF /etc/motd # buildkit');
  });
});

describe('limits', () => {
  it('a context with more files than the lab allows is refused, naming the limit', async () => {
    const files: Record<string, string> = { Dockerfile: 'FROM alpine:3.21\nCOPY . /data\n' };
    // The Dockerfile plus 50,000 files: one more than the lab's limit of 50,000.
    for (let i = 0; i < 50_000; i++) files[`many/f${i}.txt`] = 'x';
    const { outcome } = await build(files);
    expect(outcome.ok).toBe(false);
    expect(outcome.error).toBe("failed to build: failed to solve: build context has more than 50000 files, this lab's limit; add the extra files to .dockerignore");
    const ignored = await build({ ...files, '.dockerignore': 'many\n' });
    expect(ignored.outcome.ok).toBe(true);
  });
});
