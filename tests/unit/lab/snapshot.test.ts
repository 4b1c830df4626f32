// The page's mirror of the engine (src/lab/core/snapshot.ts): a real engine is driven through the lab
// shell; after each step the worker side takes a snapshot, the snapshot goes through structuredClone (as
// postMessage sends it), the page side applies it, and the mirror must answer every question the
// pictures ask exactly as the engine does. Deltas must hold only what changed.
import { describe, expect, it } from 'vitest';
import { createLabShell, type ShellIO } from '../../../src/shell/index.ts';
import { createLabEngine, type CacheRecord, type LabEngine, type StoredImage } from '../../../src/engine/index.ts';
import { createMemoryWorkspace } from '../../../src/workspace/memory.ts';
import { NETWORK_PRESETS } from '../../../src/engine/registry/index.ts';
import { EngineMirror, SnapshotOrderError, SnapshotTaker, isEmptySnapshot, type EngineSnapshot, type EngineView } from '../../../src/lab/core/snapshot.ts';

const DOCKERFILE = 'FROM alpine:3.21\nCOPY app.txt /app/\nRUN cat /app/app.txt > /app/copy.txt\nCMD ["cat", "/app/copy.txt"]\n';

async function setup() {
  const engine = createLabEngine();
  const ws = await createMemoryWorkspace({ Dockerfile: DOCKERFILE, 'app.txt': 'one\n' });
  const shell = createLabShell({ workspace: ws, engine });
  const run = async (line: string) => {
    let out = '';
    const io: ShellIO = { stdout: (s) => void (out += s), stderr: (s) => void (out += s), tty: false, columns: 100 };
    const status = await shell.run(line, io);
    expect(status, `${line}\n${out}`).toBe(0);
    return out;
  };
  const taker = new SnapshotTaker(engine);
  const mirror = new EngineMirror();
  /** Every cache key the engine ever held, to check that removed records are gone from the mirror too. */
  const seenKeys = new Set<string>();
  const sync = (): EngineSnapshot => {
    const snapshot = structuredClone(taker.take());
    // As the lab core does: an empty take is not posted (and so uses no number).
    if (!isEmptySnapshot(snapshot)) mirror.apply(snapshot);
    for (const r of engine.buildCache.entries()) seenKeys.add(r.key);
    expectSame(engine, mirror, seenKeys);
    return snapshot;
  };
  return { engine, ws, run, taker, mirror, sync, seenKeys };
}

/** References of every form `ImageStore.resolve` reads, for the images the engine holds, plus some that match nothing. */
function refsToTry(engine: LabEngine): string[] {
  const refs = ['alpine', 'alpine:3.21', 'app', 'app:latest', 'app:v2', 'docker.io/library/app', 'library/app:latest', 'learner/app:1', 'nope', 'App', 'sha256:', '', 'a', '0', 'sha256:0'];
  for (const img of engine.images.list()) {
    const hex = img.id.slice(7);
    refs.push(img.id, hex, hex.slice(0, 12), `sha256:${hex.slice(0, 12)}`, hex.slice(0, 1), hex.slice(0, 2));
    for (const tag of engine.images.tagsOf(img.id)) refs.push(tag);
    for (const d of engine.images.repoDigestsOf(img.id)) refs.push(d, d.replace('docker.io/library/', ''), `nope@${d.slice(d.indexOf('@') + 1)}`);
    refs.push(`alpine@${img.manifestDigest}`);
  }
  return refs;
}

const SEARCH_TERMS = ['', 'alp', 'ALPINE', 'node', 'learner', 'web', 'server', 'zzz'];
const TAG_PATHS = ['library/alpine', 'library/node', 'library/nginx', 'learner/app', 'alpine', 'library/nope', 'learner/other'];

/** What the page holds of an engine's image or cache record: all but the trees, which stay in the core. */
const withoutRootfs = ({ rootfs: _tree, ...rest }: StoredImage) => rest;
const withoutRoot = ({ root: _tree, ...rest }: CacheRecord) => rest;

function expectSame(engine: LabEngine, mirror: EngineView, seenKeys: ReadonlySet<string>): void {
  expect(mirror.images.list().map((i) => i.id)).toEqual(engine.images.list().map((i) => i.id));
  expect(mirror.images.list()).toEqual(engine.images.list().map(withoutRootfs));
  for (const img of engine.images.list()) {
    expect(mirror.images.get(img.id)).toEqual(withoutRootfs(img));
    expect(mirror.images.get(img.id)).not.toHaveProperty('rootfs');
    expect(mirror.images.tagsOf(img.id)).toEqual(engine.images.tagsOf(img.id));
  }
  for (const ref of refsToTry(engine)) expect(mirror.images.resolve(ref)?.id, `resolve(${JSON.stringify(ref)})`).toBe(engine.images.resolve(ref)?.id);
  for (const key of seenKeys) {
    const own = engine.buildCache.get(key);
    expect(mirror.buildCache.get(key), `cache ${key}`).toEqual(own ? withoutRoot(own) : undefined);
  }
  expect(mirror.buildCache.get('sha256:none')).toBeUndefined();
  expect(mirror.containerIds()).toEqual(engine.containers.list(true).map((c) => c.id));
  for (const term of SEARCH_TERMS) expect(mirror.registry.search(term), `search ${term}`).toEqual(engine.registry.registry.search(term));
  for (const path of TAG_PATHS) expect(mirror.registry.tags(path), `tags ${path}`).toEqual(engine.registry.registry.tags(path));
  expect(mirror.networkId).toBe(engine.registry.network.id);
}

describe('EngineMirror follows the engine through snapshots', () => {
  it('an empty engine: the first take is whole, with the catalogue; a second take is empty', async () => {
    const { sync, mirror, run } = await setup();
    const first = sync();
    expect(first.whole).toBe(true);
    expect(first.seq).toBe(1);
    expect(mirror.images.list()).toEqual([]);
    // The catalogue's official images are searchable on the page.
    expect(mirror.registry.search('alpine').map((r) => r.name)).toContain('alpine');
    expect(mirror.registry.tags('library/alpine')).toContain('3.21');
    expect(mirror.networkId).toBe('home');
    const second = sync();
    expect(isEmptySnapshot(second)).toBe(true);
    expect(Object.keys(second).sort()).toEqual(['seq', 'whole']);
    // The next change is numbered right after the first take, as the mirror expects.
    await run('docker pull alpine:3.21');
    expect(sync().seq).toBe(2);
  });

  it('pull, build, rebuild, tag, run, rm, rmi, push, prune: the mirror answers as the engine after each', async () => {
    const { engine, ws, run, sync, mirror } = await setup();
    sync();

    await run('docker pull alpine:3.21');
    const pulled = sync();
    expect(pulled.images?.added).toHaveLength(1);
    const alpine = mirror.images.resolve('alpine:3.21');
    expect(alpine?.id).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(mirror.images.tagsOf(alpine!.id)).toEqual(['docker.io/library/alpine:3.21']);
    expect(pulled.cache).toBeUndefined();

    await run('docker build -t app .');
    const built = sync();
    // One new image (app); alpine was sent before and is not sent again.
    expect(built.images?.added.map((i) => i.id)).toEqual([mirror.images.resolve('app')!.id]);
    expect(built.images?.ids).toHaveLength(2);
    // COPY and RUN each make a cache record.
    expect(built.cache?.added).toHaveLength(2);
    expect(mirror.images.tagsOf(mirror.images.resolve('app')!.id)).toEqual(['docker.io/library/app:latest']);
    expect(isEmptySnapshot(sync())).toBe(true);

    // A rebuild with every step cached: no new image or record, only the records' use changes.
    const before = engine.buildCache.entries().map((r) => r.usageCount);
    await run('docker build -t app .');
    const cached = sync();
    expect(cached.images).toBeUndefined();
    expect(cached.cache?.added).toEqual([]);
    expect(cached.cache?.used).toHaveLength(2);
    expect(engine.buildCache.entries().map((r) => r.usageCount)).not.toEqual(before);

    // A changed file: COPY and RUN miss, so the delta holds exactly the new image and the two new records.
    const firstApp = mirror.images.resolve('app')!.id;
    await ws.writeFile('app.txt', new TextEncoder().encode('two\n'));
    await run('docker build -t app .');
    const rebuilt = sync();
    expect(rebuilt.images?.added).toHaveLength(1);
    expect(rebuilt.images?.ids).toHaveLength(3);
    expect(rebuilt.cache?.added).toHaveLength(2);
    expect(rebuilt.cache?.keys).toHaveLength(4);
    expect(mirror.images.resolve('app')!.id).not.toBe(firstApp);
    // The first app image is left dangling, as docker keeps it.
    expect(mirror.images.tagsOf(firstApp)).toEqual([]);

    await run('docker tag app app:v2');
    const tagged = sync();
    expect(tagged.images?.added).toEqual([]);
    expect(mirror.images.tagsOf(mirror.images.resolve('app')!.id)).toEqual(['docker.io/library/app:latest', 'docker.io/library/app:v2']);

    await run('docker run --name first app');
    await run('docker run -d --name second app');
    const ran = sync();
    expect(ran.containerIds).toHaveLength(2);
    expect(mirror.containerIds()).toHaveLength(2);
    await run('docker rm first');
    sync();
    expect(mirror.containerIds()).toHaveLength(1);
    await run('docker rm -f second');
    sync();
    expect(mirror.containerIds()).toEqual([]);

    await run('docker rmi app:v2');
    sync();
    expect(mirror.images.resolve('app:v2')).toBeUndefined();
    await run(`docker rmi ${firstApp.slice(7, 19)}`);
    const removed = sync();
    expect(removed.images?.added).toEqual([]);
    expect(removed.images?.ids).toHaveLength(2);
    expect(mirror.images.get(firstApp)).toBeUndefined();
    expect(mirror.images.resolve(firstApp.slice(7, 19))).toBeUndefined();

    await run('docker login -u learner -p secret');
    await run('docker tag app learner/app:1');
    await run('docker push learner/app:1');
    const pushed = sync();
    expect(pushed.registry?.pushed).toEqual([['learner/app', ['1']]]);
    // The catalogue is sent once, with the first take only.
    expect(pushed.registry?.catalog).toBeUndefined();
    expect(mirror.registry.search('learner')).toEqual([{ name: 'learner/app', description: '', stars: 0, official: false }]);
    expect(mirror.registry.tags('learner/app')).toEqual(['1']);
    await run('docker pull learner/app:1');
    sync();

    await run('docker builder prune -a -f');
    const pruned = sync();
    expect(pruned.cache?.keys).toEqual([]);
    expect(engine.buildCache.entries()).toEqual([]);

    engine.registry.network = NETWORK_PRESETS['conference-wifi'];
    const network = sync();
    expect(network.networkId).toBe('conference-wifi');
    expect(Object.keys(network).sort()).toEqual(['networkId', 'seq', 'whole']);
    expect(isEmptySnapshot(sync())).toBe(true);
  });

  it('a loaded saved state replaces everything; a new page gets a whole snapshot after reset', async () => {
    const a = await setup();
    a.sync();
    await a.run('docker build -t app .');
    a.sync();

    const b = await setup();
    b.sync();
    await b.run('docker pull alpine:3.21');
    b.sync();
    await b.engine.importState(structuredClone(a.engine.exportState()));
    const loaded = b.sync();
    // The loaded state's objects are other objects than the ones sent before, so all of them are sent.
    expect(loaded.images?.added).toHaveLength(2);
    expect(loaded.cache?.added).toHaveLength(2);
    expect(b.mirror.images.resolve('app')?.id).toBe(a.engine.images.resolve('app')!.id);

    b.taker.reset();
    const fresh = new EngineMirror();
    const whole = structuredClone(b.taker.take());
    expect(whole.whole).toBe(true);
    fresh.apply(whole);
    expectSame(b.engine, fresh, b.seenKeys);
  });

  it('refuses a delta out of order, and changes nothing', async () => {
    const { run, taker, mirror, sync, engine, seenKeys } = await setup();
    sync();
    await run('docker build -t app .');
    const lost = taker.take();
    await run('docker tag app app:v2');
    const next = structuredClone(taker.take());
    expect(() => mirror.apply(next)).toThrow(SnapshotOrderError);
    expect(mirror.images.list()).toEqual([]);
    // A delta that names an image the mirror never received is refused too, even in sequence.
    expect(() => new EngineMirror().apply(structuredClone({ seq: 1, whole: false, images: { added: [], ids: [engine.images.list()[0]!.id], tags: [], repoDigests: [], arrivedAt: [] } }))).toThrow(SnapshotOrderError);
    // Applied in order, the mirror catches up.
    mirror.apply(structuredClone(lost));
    mirror.apply(next);
    expectSame(engine, mirror, seenKeys);
  });
});
