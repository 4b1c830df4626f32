// A lab saved by the previous version of the engine still loads. fixtures/saved-lab-v1.json is a real
// engine state exported by the code of commit 9803817 (saved-state version 1: one envelope, the parts
// without schemas of their own), after a login, a pull, a build with a cache mount, a push, a tag and two
// containers (see capture-v1.ts). fixtures/saved-lab-v1-shown.json is what that code's shell printed
// after loading it. The current code must print the same, so images, containers, the build cache and the
// lab registry all came back, and a rebuild is all CACHED.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createLabEngine, fixedClock, type LabEngine } from '../../../src/engine/index.ts';
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
    engine.importState(savedV1());
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
