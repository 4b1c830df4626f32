// What the pictures ask of the lab session instead of reaching into the engine: a pull without the
// terminal (the images view when the shell has no `docker pull`) and the network preset (the pull view).
import { openSession } from './open-session.ts';
import { describe, expect, it } from 'vitest';
import { LabSession } from '../../../src/lab/session.ts';
import { memoryStorage } from '../../../src/lab/storage.ts';
import { flaskApp } from '../../../src/samples/flask-app.ts';

const samples = { 'flask-app': flaskApp };
const quiet = { stdout: () => undefined, stderr: () => undefined, tty: false, columns: 80 };

describe('lab session, for the islands', () => {
  it('pull waits for the command before it, like a command, and saves what it pulled', async () => {
    const storage = memoryStorage();
    const session = await openSession({ preset: 'flask-app', storage, samples, role: 'owner' });
    const order: string[] = [];
    session.subscribe((e) => {
      if (e.type === 'command-end') order.push(`end ${e.line}`);
    });
    session.subscribe((e) => {
      if (e.type === 'engine' && e.event.type === 'pull-start') order.push(`pull ${e.event.repository}`);
    });
    await session.saveFile('Dockerfile.tiny', 'FROM scratch\nCOPY app.py /\n');
    const build = session.execute('docker build -f Dockerfile.tiny -t tiny .', quiet);
    const pulled = session.pull('alpine:3.21');
    expect(await build).toBe(0);
    const out = await pulled;
    expect(out.ok).toBe(true);
    // The pull's events are shown at the pace of the pictures: once they all have been,
    await session.player.whenIdle();
    expect(order).toEqual(['end docker build -f Dockerfile.tiny -t tiny .', expect.stringMatching(/^pull .*alpine$/)]);
    // Saved before the next command runs, so a reload has the image.
    expect((await session.execute('true', quiet))).toBe(0);
    session.dispose();
    const again = await openSession({ preset: 'flask-app', storage, samples, role: 'owner' });
    expect(again.engine.images.resolve('alpine:3.21')).toBeDefined();
  });

  it('pull of an image the registry lacks reports docker-style, and changes nothing', async () => {
    const session = await openSession({ preset: 'flask-app', storage: memoryStorage(), samples, role: 'owner' });
    const out = await session.pull('nosuchimage:1');
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.error).toMatch(/nosuchimage/);
    expect(session.engine.images.list()).toEqual([]);
  });

  it('the network preset is the session’s to read and to set', async () => {
    const session = await openSession({ preset: 'flask-app', storage: memoryStorage(), samples, role: 'owner' });
    expect(session.networkId).toBe('home');
    session.setNetwork('conference-wifi');
    expect(session.networkId).toBe('conference-wifi');
  });
});
