// The lab session in Node over in-memory storage: seeding at a checkpoint, running commands, saving
// and restoring state, reset, shared projects in a new workspace, and read-only tabs.
import { openSession } from './open-session.ts';
import { describe, expect, it } from 'vitest';
import { LabSession } from '../../../src/lab/session.ts';
import { createLabEngine } from '../../../src/engine/index.ts';
import { encodeShare } from '../../../src/lab/share.ts';
import { memoryStorage } from '../../../src/lab/storage.ts';
import { flaskApp } from '../../../src/samples/flask-app.ts';
import { goApp } from '../../../src/samples/go-app.ts';

const samples = { 'flask-app': flaskApp, 'go-app': goApp };

async function run(session: LabSession, line: string): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await session.execute(line, { stdout: (s) => (out += s), stderr: (s) => (out += s), tty: false, columns: 80 });
  return { code, out };
}

const text = async (session: LabSession, path: string) => new TextDecoder().decode(await session.workspace.readFile(path));

describe('lab session', () => {
  it('opens a sample at the preset checkpoint, with the later checkpoint still tagged', async () => {
    const session = await openSession({ preset: 'flask-app@step-1', storage: memoryStorage(), samples, role: 'owner' });
    expect(await text(session, 'Dockerfile')).toBe(flaskApp.checkpoints[0]!.files.Dockerfile);
    expect(await session.workspace.stat('.dockerignore')).toBeNull();
    const log = await run(session, 'git log --oneline');
    expect(log.out.trim().split('\n')).toHaveLength(1);
    expect(log.out).toContain('Flask app with a first Dockerfile');
    expect((await run(session, 'git tag')).out).toBe('step-1\nstep-2\n');
    expect(await session.hasUnsavedWork()).toBe(false);
  });

  it('runs commands, records history, and saves engine state and history to storage', async () => {
    const storage = memoryStorage();
    const session = await openSession({ preset: 'flask-app', storage, samples, role: 'owner' });
    expect((await run(session, 'echo hello > notes.txt')).code).toBe(0);
    session.recordHistory('echo hello > notes.txt');
    expect((await run(session, 'git status --short')).out).toBe('?? notes.txt\n');
    session.recordHistory('git status --short');
    const hist = await run(session, 'history');
    expect(hist.out).toBe('    1  echo hello > notes.txt\n    2  git status --short\n');
    expect(await storage.kv.get('history')).toEqual(['echo hello > notes.txt', 'git status --short']);
    // Nothing has touched the engine yet, so there is no engine state to store.
    expect(await storage.kv.get('engine')).toBeUndefined();
    await session.saveFile('Dockerfile.tiny', 'FROM scratch\nCOPY notes.txt /\n');
    const build = await run(session, 'docker build -f Dockerfile.tiny -t tiny .');
    expect(build.code).toBe(0);
    // What was stored is the engine's state: a new engine loaded from it holds the same image.
    const stored = createLabEngine();
    await stored.importState(await storage.kv.get('engine'));
    expect(stored.images.list().map((i) => i.id)).toEqual(session.engine.images.list().map((i) => i.id));
    expect(session.engine.images.resolve('tiny')).toBeDefined();

    // A new session over the same storage (a reload) sees the same files, history and repository.
    session.dispose();
    const again = await openSession({ preset: 'flask-app', storage, samples, role: 'owner' });
    expect(await text(again, 'notes.txt')).toBe('hello\n');
    expect(again.history.list()).toEqual(['echo hello > notes.txt', 'git status --short']);
    expect((await run(again, 'git status --short')).out).toBe('?? Dockerfile.tiny\n?? notes.txt\n');
    expect((await run(again, 'docker images --format "{{.Repository}}:{{.Tag}}"')).out).toBe('tiny:latest\n');
  });

  it('editor saves reach the workspace, so git sees them; reset restores the checkpoint', async () => {
    const session = await openSession({ preset: 'go-app@step-1', storage: memoryStorage(), samples, role: 'owner' });
    const saves: string[] = [];
    session.subscribe((e) => {
      if (e.type === 'save') saves.push(e.state);
    });
    await session.saveFile('main.go', 'package main\n');
    expect((await run(session, 'git status --short')).out).toBe(' M main.go\n');
    expect(await session.hasUnsavedWork()).toBe(true);
    await session.resetLab();
    expect(await text(session, 'main.go')).toBe(goApp.checkpoints[0]!.files['main.go']);
    expect((await run(session, 'git status --short')).out).toBe('');
    expect(await session.hasUnsavedWork()).toBe(false);
    // Memory storage never claims to have saved anything.
    expect(saves).toEqual([]);
    expect(session.saveState).toBe('memory');
  });

  it('says "Saving…", never "Saved", while an edit typed in the editor is not yet written', async () => {
    // Storage that reports saves (the browser's IndexedDB kind), kept in memory for the test.
    const storage = { ...memoryStorage(), kind: 'indexeddb' as const };
    const session = await openSession({ preset: 'go-app', storage, samples, role: 'owner' });
    expect(session.saveState).toBe('saved');
    session.noteEditPending(true);
    expect(session.saveState).toBe('saving');
    // Another save finishing (a command's) does not make the pending edit look saved.
    await session.persist();
    expect(session.saveState).toBe('saving');
    // The editor hands the edit to a save: "Saving…" until that save is written, then "Saved".
    const release = session.holdSave();
    session.noteEditPending(false);
    expect(session.saveState).toBe('saving');
    await session.saveFile('main.go', 'package main\n');
    expect(session.saveState).toBe('saving');
    release();
    expect(session.saveState).toBe('saved');
    // An edit that was undone before its save leaves nothing pending.
    session.noteEditPending(true);
    session.noteEditPending(false);
    expect(session.saveState).toBe('saved');
  });

  it('a commit of their own counts as work that a reset would lose', async () => {
    const session = await openSession({ preset: 'go-app', storage: memoryStorage(), samples, role: 'owner' });
    await run(session, 'echo x > x.txt');
    await run(session, 'git add x.txt');
    expect((await run(session, 'git commit -m "mine"')).code).toBe(0);
    expect((await run(session, 'git status --short')).out).toBe('');
    expect(await session.hasUnsavedWork()).toBe(true);
  });

  it('opens a shared project in a new workspace and leaves the existing one alone', async () => {
    const storage = memoryStorage();
    const mine = await openSession({ preset: 'flask-app', storage, samples, role: 'owner' });
    await mine.saveFile('app.py', 'print("my work")\n');
    mine.dispose();
    const shared = await openSession({
      preset: 'flask-app',
      storage,
      samples,
      role: 'owner',
      sharedLink: (await encodeShare(new Map([['Dockerfile', new TextEncoder().encode('FROM alpine:3.21\n')], ['src/<b>x</b>.txt', new TextEncoder().encode('<script>alert(1)</script>')]]), 'flask-app')).fragment,
    });
    expect(shared.workspaceId).not.toBe('flask-app');
    expect(await shared.workspace.listFiles()).toEqual(['Dockerfile', 'src/<b>x</b>.txt']);
    expect(await text(shared, 'src/<b>x</b>.txt')).toBe('<script>alert(1)</script>');
    expect((await run(shared, 'git log --oneline')).out).toContain('Opened from a shared link');
    shared.dispose();
    const back = await openSession({ preset: 'flask-app', storage, samples, role: 'owner' });
    expect(await text(back, 'app.py')).toBe('print("my work")\n');
  });

  it('background work waits for a quiet moment: never while a command runs, right after it ends', async () => {
    const session = await openSession({ preset: 'flask-app', storage: memoryStorage(), samples, role: 'owner' });
    const order: string[] = [];
    // A command that is running when the idle moment comes holds the work back until it ends.
    session.subscribe((e) => {
      if (e.type === 'command-start') order.push('command runs');
      if (e.type === 'command-end') order.push('command ends');
    });
    const job = session.execute('docker build -t app .', { stdout: () => undefined, stderr: () => undefined, tty: false, columns: 80 });
    while (!session.busy) await new Promise((r) => setTimeout(r, 0));
    const done = new Promise<void>((resolve) => session.whenQuiet(() => { order.push('background'); resolve(); }));
    expect(order).toEqual(['command runs']);
    expect(await job).toBe(0);
    await done;
    expect(order).toEqual(['command runs', 'command ends', 'background']);
    expect(session.busy).toBe(false);
    // Cancelled work never runs.
    let ran = false;
    const cancel = session.whenQuiet(() => (ran = true));
    cancel();
    await new Promise((r) => setTimeout(r, 20));
    expect(ran).toBe(false);
  });

  it('a sample history cut short by a closed tab is written again on the next load', async () => {
    const storage = memoryStorage();
    const first = await openSession({ preset: 'flask-app', storage, samples, role: 'owner' });
    // Until the background history is complete, the storage says so.
    expect(await storage.kv.get('history-pending:flask-app')).toBe(true);
    const complete = (await run(first, 'git log --oneline')).out;
    expect(complete.trim().split('\n')).toHaveLength(flaskApp.checkpoints.length);
    await first.persist();
    await new Promise((r) => setTimeout(r, 0));
    expect(await storage.kv.get('history-pending:flask-app')).toBeUndefined();
    first.dispose();

    // A tab closed half-way: HEAD and objects written, the branch not yet, and the marker still set.
    await storage.kv.set('history-pending:flask-app', true);
    const fs = await storage.openFs('flask-app');
    await fs.unlink('/git/refs/heads/main');
    const again = await openSession({ preset: 'flask-app', storage, samples, role: 'owner' });
    expect((await run(again, 'git log --oneline')).out).toBe(complete);
    expect((await run(again, 'git status --short')).out).toBe('');
  });

  it('a command waits for edits that are still being saved (the editor registers its flush)', async () => {
    const session = await openSession({ preset: 'flask-app', storage: memoryStorage(), samples, role: 'owner' });
    let pending: string | null = 'FROM scratch\n';
    const off = session.beforeCommand(async () => {
      if (pending === null) return;
      const text = pending;
      pending = null;
      await new Promise((r) => setTimeout(r, 30));
      await session.saveFile('Dockerfile.late', text);
    });
    expect((await run(session, 'cat Dockerfile.late')).out).toBe('FROM scratch\n');
    expect((await run(session, 'git status --short')).out).toBe('?? Dockerfile.late\n');
    off();
    pending = 'never written\n';
    await run(session, 'true');
    expect(await text(session, 'Dockerfile.late')).toBe('FROM scratch\n');
  });

  it('a read-only tab runs nothing and says why', async () => {
    const session = await openSession({ preset: 'flask-app', storage: memoryStorage(), samples, role: 'readonly' });
    const r = await run(session, 'echo hi > x.txt');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/read-only/);
    expect(await session.workspace.stat('x.txt')).toBeNull();
    await expect(session.saveFile('app.py', 'x')).rejects.toThrow(/read-only/);
  });

  it('runCommand goes through the registered terminal runner', async () => {
    const session = await openSession({ preset: 'flask-app', storage: memoryStorage(), samples, role: 'owner' });
    const seen: string[] = [];
    session.setRunner(async (t) => {
      seen.push(t);
      return 7;
    });
    expect(await session.runCommand('docker build -t app .')).toBe(7);
    expect(seen).toEqual(['docker build -t app .']);
  });

  it('zip export and import replace the working tree but keep the repository', async () => {
    const session = await openSession({ preset: 'flask-app', storage: memoryStorage(), samples, role: 'owner' });
    await session.saveFile('app.py', 'print("v2")\n');
    const zip = await session.exportZip();
    await session.resetLab();
    expect(await text(session, 'app.py')).not.toBe('print("v2")\n');
    expect(await session.importZip(zip)).toBe(Object.keys(flaskApp.files).length);
    expect(await text(session, 'app.py')).toBe('print("v2")\n');
    expect((await run(session, 'git status --short')).out).toBe(' M app.py\n');
  });
});
