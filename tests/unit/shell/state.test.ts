// exportState/importState carry everything a lab session made: images, cache, the lab registry's pushed
// repositories and login, and containers (with their writable layers).
import { describe, expect, it } from 'vitest';
import { createLabShell } from '../../../src/shell/index.ts';
import { createLabEngine, type LabEngine } from '../../../src/engine/index.ts';
import { createMemoryWorkspace } from '../../../src/workspace/memory.ts';

async function shellFor(engine: LabEngine, files: Record<string, string>) {
  const ws = await createMemoryWorkspace(files);
  const shell = createLabShell({ workspace: ws, engine });
  return async (line: string) => {
    let out = '';
    let err = '';
    const status = await shell.run(line, { stdout: (s) => (out += s), stderr: (s) => (err += s), tty: false, columns: 120 });
    return { status, out, err };
  };
}

describe('engine state round trip', () => {
  it('restores pushed repositories, the login and containers in a fresh engine', async () => {
    const files = { Dockerfile: 'FROM alpine:3.21\nRUN echo v1 > /version\nCMD ["cat", "/version"]\n' };
    const engine = createLabEngine();
    const run = await shellFor(engine, files);
    expect((await run('docker login -u learner')).status).toBe(0);
    expect((await run('docker build -q -t learner/app:1 .')).status).toBe(0);
    expect((await run('docker push learner/app:1')).status).toBe(0);
    expect((await run('docker run --name keeper alpine:3.21 touch /made-here')).status).toBe(0);
    const ps = (await run('docker ps -a')).out;
    expect(ps).toMatch(/keeper/);

    const saved = structuredClone(engine.exportState());
    const fresh = createLabEngine();
    await fresh.importState(saved);
    const again = await shellFor(fresh, files);

    // Containers: listed with the same name, and the writable layer kept.
    expect((await again('docker ps -a')).out).toBe(ps);
    expect((await again('docker diff keeper')).out).toBe('A /made-here\n');

    // The pushed repository is still in the lab registry: remove the local copy and pull it back.
    expect((await again('docker rmi learner/app:1')).status).toBe(0);
    const pull = await again('docker pull learner/app:1');
    expect(pull.err).toBe('');
    expect(pull.status).toBe(0);
    expect(pull.out).toMatch(/^Status: Downloaded newer image for learner\/app:1$/m);
    expect((await again('docker run --rm learner/app:1')).out).toBe('v1\n');

    // The login survives: pushing needs it, and a fresh engine without the state refuses the push.
    expect((await again('docker push learner/app:1')).status).toBe(0);
    const other = await shellFor(createLabEngine(), files);
    await other('docker build -q -t learner/app:1 .');
    expect((await other('docker push learner/app:1')).status).not.toBe(0);
  });
});
