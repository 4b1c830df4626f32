import { describe, expect, it } from 'vitest';
import { createLabEngine } from '../../../src/engine/index.ts';
import { createLabShell } from '../../../src/shell/index.ts';
import { MemoryWorkspace } from '../../../src/workspace/memory.ts';
import { getNode } from '../../../src/engine/fs/index.ts';
import { sha256 } from '../../../src/engine/image/index.ts';

function capture() {
  let out = '';
  let err = '';
  return {
    io: { stdout: (s: string) => { out += s; }, stderr: (s: string) => { err += s; }, tty: false, columns: 80 },
    take: () => {
      const r = { out, err };
      out = '';
      err = '';
      return r;
    },
  };
}

describe('docker save and docker load', () => {
  it('round-trips a committed image with a deletion: same image ID, whiteout applied', async () => {
    const engine = createLabEngine();
    const workspace = new MemoryWorkspace();
    const shell = createLabShell({ workspace, engine });
    const c = capture();
    expect(await shell.run('docker pull busybox:1.36', c.io)).toBe(0);
    expect(await shell.run('docker run --name m busybox:1.36 sh -c "rm /etc/group && echo kept > /kept"', c.io)).toBe(0);
    expect(await shell.run('docker commit m trimmed:1', c.io)).toBe(0);
    const id = c.take().out.trim().split('\n').at(-1)!;
    expect(id).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(await shell.run('docker save -o trimmed.tar trimmed:1', c.io)).toBe(0);
    const bytes = await workspace.readFile('/trimmed.tar');
    expect(await shell.run('docker rm m', c.io)).toBe(0);
    expect(await shell.run('docker rmi trimmed:1', c.io)).toBe(0);
    expect(engine.images.resolve('trimmed:1')).toBeUndefined();
    c.take();
    expect(await shell.run('docker load -i trimmed.tar', c.io)).toBe(0);
    expect(c.take().out).toBe('Loaded image: trimmed:1\n');
    const loaded = engine.images.resolve('trimmed:1')!;
    // The image ID is the manifest digest: recompute it from the stored manifest bytes.
    expect(await sha256(loaded.manifestJson)).toBe(id);
    expect(loaded.id).toBe(id);
    expect(getNode(loaded.rootfs!, '/etc/group')).toBeUndefined();
    expect(getNode(loaded.rootfs!, '/kept')?.type).toBe('file');
    expect(bytes.byteLength).toBeGreaterThan(0);
  }, 60_000);

  it('refuses to write an archive to a terminal, as the docker CLI does', async () => {
    const engine = createLabEngine();
    const shell = createLabShell({ workspace: new MemoryWorkspace(), engine });
    let err = '';
    const status = await shell.run('docker save busybox', { stdout: () => {}, stderr: (s) => { err += s; }, tty: true, columns: 80 });
    expect(status).toBe(1);
    expect(err).toBe('cowardly refusing to save to a terminal. Use the -o flag or redirect\n');
  });
});
