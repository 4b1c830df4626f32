// An import that cannot be done whole changes nothing (issue 13, item 6): a .zip holding both a file
// `a` and `a/b` used to clear the workspace first and then fail with "ENOTDIR: a", losing both the
// old files and the new ones. Now it is refused before the workspace changes, and a failure during the
// swap itself puts the old files back.
import { openSession } from './open-session.ts';
import { describe, expect, it } from 'vitest';
import { LabSession } from '../../../src/lab/session.ts';
import { memoryStorage } from '../../../src/lab/storage.ts';
import { zipFiles } from '../../../src/lab/zip.ts';
import { flaskApp } from '../../../src/samples/flask-app.ts';
import { GitWorkspace } from '../../../src/workspace/git-workspace.ts';
import { MemFs } from '../../../src/workspace/memfs.ts';

const samples = { 'flask-app': flaskApp };
const enc = (s: string) => new TextEncoder().encode(s);

async function run(session: LabSession, line: string): Promise<string> {
  let out = '';
  await session.execute(line, { stdout: (s) => (out += s), stderr: (s) => (out += s), tty: false, columns: 80 });
  return out;
}

describe('zip import is all or nothing', () => {
  it('refuses a zip with both `a` and `a/b` and leaves the workspace as it was', async () => {
    const session = await openSession({ preset: 'flask-app', storage: memoryStorage(), samples, role: 'owner' });
    await run(session, 'echo mine > untracked.txt');
    const before = await session.workspace.listFiles();
    const statusBefore = await run(session, 'git status --short');
    expect(statusBefore).toBe('?? untracked.txt\n');
    const zip = zipFiles(new Map([['Dockerfile', { data: enc('FROM alpine\n'), mode: 0o644 }], ['a', { data: enc('file'), mode: 0o644 }], ['a/b', { data: enc('nested'), mode: 0o644 }]]), 'x');
    await expect(session.importZip(zip)).rejects.toThrow('The .zip holds "a" both as a file and as a folder ("a/b"). Nothing was changed.');
    expect(await session.workspace.listFiles()).toEqual(before);
    expect(await run(session, 'git status --short')).toBe(statusBefore);
    expect(new TextDecoder().decode(await session.workspace.readFile('untracked.txt'))).toBe('mine\n');
  });

  it('a failure in the middle of the swap puts the old files back', async () => {
    // A filesystem that fails the second write into the working tree after it was cleared, as a full
    // disk or a lost database would.
    class FailingFs extends MemFs {
      armed = false;
      writes = 0;
      override async writeFile(path: string, data: Uint8Array | string, options?: { mode?: number; encoding?: 'utf8' } | 'utf8'): Promise<void> {
        if (this.armed && ++this.writes === 2) throw Object.assign(new Error('disk full'), { code: 'ENOSPC' });
        return super.writeFile(path, data, options);
      }
    }
    const fs = new FailingFs();
    const ws = new GitWorkspace({ fs });
    await ws.ensureRoot();
    await ws.writeFile('keep.txt', 'old\n');
    await ws.mkdir('src', { recursive: true });
    await ws.writeFile('src/app.js', 'old app\n', { mode: 0o755 });
    fs.armed = true;
    await expect(ws.replaceFiles([
      { path: 'new1.txt', data: enc('1'), mode: 0o644 },
      { path: 'new2.txt', data: enc('2'), mode: 0o644 },
    ])).rejects.toMatchObject({ code: 'ENOSPC' });
    fs.armed = false;
    expect(await ws.listFiles()).toEqual(['keep.txt', 'src/app.js']);
    expect(new TextDecoder().decode(await ws.readFile('src/app.js'))).toBe('old app\n');
    expect((await ws.stat('src/app.js'))!.mode).toBe(0o755);
  });

  it('a .git folder in the zip is left out, and the learner is told', async () => {
    const session = await openSession({ preset: 'flask-app', storage: memoryStorage(), samples, role: 'owner' });
    const notices: string[] = [];
    session.subscribe((e) => {
      if (e.type === 'notice') notices.push(e.message);
    });
    const zip = zipFiles(new Map([['Dockerfile', { data: enc('FROM alpine\n'), mode: 0o644 }], ['.git/HEAD', { data: enc('ref: refs/heads/main\n'), mode: 0o644 }]]), 'x');
    expect(await session.importZip(zip)).toBe(1);
    expect(await session.workspace.listFiles()).toEqual(['Dockerfile']);
    expect(notices).toEqual(['Not imported (this workspace keeps its own repository): .git']);
    // The workspace's own repository is intact.
    expect(await run(session, 'git status --short')).toContain('D app.py');
  });
});
