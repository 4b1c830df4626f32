// A shared link whose files include a `.git/…` path used to stop the lab from starting (issue 13,
// item 7), and names with C1 control characters passed the safety check (item 9). Such entries are now
// refused one by one, listed in printable form, and the rest of the link opens.
import { openSession } from './open-session.ts';
import { describe, expect, it } from 'vitest';
import { deflateRawSync } from 'node:zlib';
import { decodeShare, isSafeSharedPath } from '../../../src/lab/share.ts';
import { LabSession } from '../../../src/lab/session.ts';
import { memoryStorage } from '../../../src/lab/storage.ts';
import { flaskApp } from '../../../src/samples/flask-app.ts';

function link(files: Record<string, unknown>): string {
  const raw = deflateRawSync(Buffer.from(JSON.stringify({ v: 1, f: files }), 'utf8'));
  return '#lab=' + raw.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

describe('shared links with paths the lab refuses', () => {
  it('leaves out .git paths (any depth, any case) and opens the rest', async () => {
    const project = (await decodeShare(link({ Dockerfile: 'FROM alpine\n', '.git/config': '[core]\n', 'sub/.Git/HEAD': 'x', 'app.py': 'print(1)\n' })))!;
    expect(project.files).toEqual({ Dockerfile: 'FROM alpine\n', 'app.py': 'print(1)\n' });
    expect(project.refused).toEqual(['.git/config', 'sub/.Git/HEAD']);
  });

  it('refuses C0, DEL and C1 control characters in names and shows them as ?', async () => {
    for (const name of ['a\u0085b', 'a\u009bc', 'a\u001bc', 'a\u007fc', 'a\u0080c', 'a\u009fc']) expect(isSafeSharedPath(name)).toBe(false);
    // The characters just outside the control ranges are ordinary text.
    expect(isSafeSharedPath('a\u00a0b\u00e9')).toBe(true);
    const project = (await decodeShare(link({ Dockerfile: 'FROM alpine\n', 'x\u009b2Jy': 'boom' })))!;
    expect(project.files).toEqual({ Dockerfile: 'FROM alpine\n' });
    expect(project.refused).toEqual(['x?2Jy']);
  });

  it('a link with nothing acceptable is an error, not an empty project', async () => {
    await expect(decodeShare(link({ '.git/HEAD': 'ref: x' }))).rejects.toThrow('The shared link holds an unacceptable file name or content: .git/HEAD');
  });

  it('the session opens the accepted files of such a link in a new workspace', async () => {
    const sharedLink = link({ Dockerfile: 'FROM alpine\n', '.git/config': '[core]\n' });
    const session = await openSession({ preset: 'flask-app', storage: memoryStorage(), samples: { 'flask-app': flaskApp }, role: 'owner', sharedLink });
    expect(session.sharedOpened).toEqual({ files: 1, refused: ['.git/config'] });
    expect(session.workspaceId).toMatch(/^shared-/);
    expect(await session.workspace.listFiles()).toEqual(['Dockerfile']);
  });
});
