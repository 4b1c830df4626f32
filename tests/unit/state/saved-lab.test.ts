// A lab saved by the previous version of the engine still loads. fixtures/saved-lab-v1.json is a real
// engine state exported by the code of commit 9803817 (saved-state version 1: one envelope, the parts
// without schemas of their own), after a login, a pull, a build with a cache mount, a push, a tag and two
// containers (see capture-v1.ts). fixtures/saved-lab-v1-shown.json is what that code's shell printed
// after loading it. The current code must print the same, so images, containers, the build cache and the
// lab registry all came back, and a rebuild is all CACHED.
import { openSession } from '../lab/open-session.ts';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createLabEngine, fixedClock, SavedStateError, ENGINE_STATE_VERSION, type LabEngine } from '../../../src/engine/index.ts';
import { LabSession, type SessionEvent } from '../../../src/lab/session.ts';
import { memoryStorage } from '../../../src/lab/storage.ts';
import { flaskApp } from '../../../src/samples/flask-app.ts';
import { createLabShell } from '../../../src/shell/index.ts';
import { createMemoryWorkspace } from '../../../src/workspace/memory.ts';
import { decodeTagged } from './tagged-json.ts';
import { FIXTURE_FILES, FIXTURE_CLOCK, AFTER_LOAD } from './fixture-script.ts';

const savedV1 = (): unknown => decodeTagged(JSON.parse(readFileSync(new URL('./fixtures/saved-lab-v1.json', import.meta.url), 'utf8')));
const shownV1 = JSON.parse(readFileSync(new URL('./fixtures/saved-lab-v1-shown.json', import.meta.url), 'utf8')) as { line: string; status: number; out: string; err: string }[];

async function shellFor(engine: LabEngine) {
  const ws = await createMemoryWorkspace(FIXTURE_FILES);
  const shell = createLabShell({ workspace: ws, engine });
  return async (line: string) => {
    let out = '';
    let err = '';
    const status = await shell.run(line, { stdout: (s) => (out += s), stderr: (s) => (err += s), tty: false, columns: 120 });
    return { line, status, out, err };
  };
}

describe('a lab saved by the previous version', () => {
  it('loads: docker images, ps -a, diff, system df, history and search print what they printed then, and a rebuild is all CACHED', async () => {
    const engine = createLabEngine({ clock: fixedClock(FIXTURE_CLOCK) });
    await engine.importState(savedV1());
    const run = await shellFor(engine);
    expect(AFTER_LOAD).toEqual(shownV1.map((s) => s.line));
    for (const expected of shownV1) expect(await run(expected.line)).toEqual(expected);
    // The fixture is not trivially empty: two images tagged, two containers, two cache records.
    const images = shownV1.find((s) => s.line === 'docker images')!.out;
    expect(images).toMatch(/^learner\/app:1\napp:latest\s+5ad51af6eb2f/m);
    expect(images).toMatch(/^busybox:1\.36\s+abcdbf8a0528/m);
    expect(shownV1.find((s) => s.line === 'docker ps -a')!.out).toMatch(/keeper\n/);
    const rebuild = shownV1.find((s) => s.line === 'docker build -t learner/app:1 .')!.err;
    expect(rebuild.match(/^#\d+ CACHED$/gm)).toHaveLength(3);
  });
});

describe('the saved state of this version', () => {
  it('is one envelope with a format of its own and each part under its own format, and loads back the same', async () => {
    const engine = createLabEngine({ clock: fixedClock(FIXTURE_CLOCK) });
    await engine.importState(savedV1());
    const saved = structuredClone(engine.exportState());
    expect(saved.version).toBe(2);
    expect(ENGINE_STATE_VERSION).toBe(2);
    expect(Object.keys(saved.parts).sort()).toEqual(['cache', 'containers', 'registry', 'store']);
    for (const part of Object.values(saved.parts)) expect(part.version).toBe(1);
    const fresh = createLabEngine({ clock: fixedClock(FIXTURE_CLOCK) });
    await fresh.importState(saved);
    const run = await shellFor(fresh);
    for (const expected of shownV1) expect(await run(expected.line)).toEqual(expected);
  });
});

describe('a saved state that cannot be read', () => {
  // Each damage gives an error in words naming what is wrong, and the engine keeps what it had.
  const cases: [string, (s: any) => unknown, RegExp][] = [
    ['not a record', () => 'hello', /^The saved engine state cannot be read: it is not a record\.$/],
    ['a newer format', (s) => ({ ...s, version: 7 }), /the state was saved by a newer version of the lab \(format 7; this one reads up to 2\)/],
    ['a part of a newer format', (s) => ({ ...s, parts: { ...s.parts, containers: { ...s.parts.containers, version: 3 } } }), /parts\.containers was saved by a newer version of the lab/],
    ['no format at all', (s) => ({ ...s, version: undefined }), /the state\.version is not a whole number/],
    ['a damaged image digest', (s) => { s.parts.store.images[0].id = 'sha256:nope'; return s; }, /parts\.store\.images\[0\]\.id is not a sha256 digest/],
    ['a file without content', (s) => { const r = s.parts.containers.containers[0].root; const [name, node] = [...r.entries][0]; const entries = new Map(r.entries); entries.set(name, { ...node, type: 'file', content: { kind: 'bytes', data: 'text' } }); s.parts.containers.containers[0].root = { ...r, entries }; return s; }, /parts\.containers\.containers\[0\]\.root\/\w+\.content\.data is not bytes/],
    ['a cache record without its layer', (s) => { delete s.parts.cache.records[0].layer; return s; }, /parts\.cache\.records\[0\]\.layer is not a record/],
    ['a tag list that is not pairs', (s) => { s.parts.store.tags = [['only-one']]; return s; }, /parts\.store\.tags\[0\] is not a pair/],
  ];
  it.each(cases)('%s: SavedStateError in words, nothing applied', async (_name, damage, message) => {
    const good = createLabEngine({ clock: fixedClock(FIXTURE_CLOCK) });
    await good.importState(savedV1());
    const damaged = damage(structuredClone(good.exportState()));
    const engine = createLabEngine({ clock: fixedClock(FIXTURE_CLOCK) });
    const run = await shellFor(engine);
    await run('docker pull busybox:1.36');
    const before = (await run('docker images')).out;
    let error: unknown;
    try {
      await engine.importState(damaged);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SavedStateError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toMatch(/TypeError|undefined|Cannot read/);
    expect((await run('docker images')).out).toBe(before);
    expect((await run('docker ps -a')).out).toBe('CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES\n');
  });
});

describe('the lab session restores the engine from storage', () => {
  const samples = { 'flask-app': flaskApp };
  async function runIn(session: LabSession, line: string) {
    let out = '';
    const code = await session.execute(line, { stdout: (s) => (out += s), stderr: (s) => (out += s), tty: false, columns: 120 });
    return { code, out };
  }

  it('a lab saved by the previous version opens with its images and containers', async () => {
    const storage = memoryStorage();
    await storage.kv.set('engine', savedV1());
    const session = await openSession({ preset: 'flask-app', storage, samples, role: 'owner' });
    const notices: SessionEvent[] = [];
    session.subscribe((e) => e.type === 'notice' && notices.push(e));
    expect(session.restoreProblem).toBeUndefined();
    expect((await runIn(session, 'docker images -q')).out).toBe('abcdbf8a0528\n9e1ccff2f59a\n5ad51af6eb2f\n');
    expect((await runIn(session, 'docker ps -aq')).out).toBe('84ffab3e6412\n44f4987e78d2\n');
    expect(notices).toEqual([]);
    session.dispose();
  });

  it('a damaged one: the lab starts without it, and the first listener is told in words', async () => {
    const storage = memoryStorage();
    const damaged = savedV1() as { images: { images: { id: string }[] } };
    damaged.images.images[1]!.id = 'not-a-digest';
    await storage.kv.set('engine', damaged);
    const session = await openSession({ preset: 'flask-app', storage, samples, role: 'owner' });
    const notices: SessionEvent[] = [];
    session.subscribe((e) => e.type === 'notice' && notices.push(e));
    session.subscribe((e) => e.type === 'notice' && notices.push(e));
    expect(notices).toEqual([
      {
        type: 'notice',
        level: 'warning',
        message:
          'Your saved images, containers and build cache could not be loaded, so the lab starts without them. The saved engine state cannot be read: images.images[1].id is not a sha256 digest. Your files are kept.',
      },
    ]);
    expect((await runIn(session, 'docker images -q')).out).toBe('');
    expect((await runIn(session, 'docker ps -aq')).out).toBe('');
    expect((await runIn(session, 'ls')).out).toMatch(/Dockerfile/);
    session.dispose();
  });
});
