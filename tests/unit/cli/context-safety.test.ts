// The CLI's --context and --write-back on hostile folders (issue 13, item 10): a file name that is not
// UTF-8 used to crash the CLI with a stack trace, and --write-back followed a symlink in the folder to
// write outside it. Now such a name is skipped with a warning, and write-back never leaves the folder:
// a symlink the workspace replaced is replaced on disk too, never written through.
import { describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, readFile, readdir, symlink, writeFile, lstat, readlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { layerlab, project } from './helpers.ts';

describe('--context with a name that is not UTF-8', () => {
  it('skips it with a warning, copies the rest, and never prints a stack trace', async () => {
    const dir = await project({ Dockerfile: 'FROM alpine:3.21\n', 'ok.txt': 'fine\n' });
    // "caf\xe9.txt": latin-1 bytes, not valid UTF-8.
    await writeFile(Buffer.concat([Buffer.from(join(dir, 'caf')), Buffer.from([0xe9]), Buffer.from('.txt')]), 'latin-1 name\n');
    const r = await layerlab(['--context', dir, '-c', 'ls']);
    expect(r.stderr).toBe('layerlab: caf?.txt: skipped, its name is not valid UTF-8 (the lab\'s file names are text)\n');
    expect(r.stdout).toBe('Dockerfile\nok.txt\n');
    expect(r.status).toBe(0);
  });
});

describe('--write-back stays inside the context folder', () => {
  it('does not follow a symlinked folder the workspace replaced with a real one', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'layerlab-outside-'));
    const dir = await project({ Dockerfile: 'FROM alpine:3.21\n' });
    await symlink(outside, join(dir, 'out'));
    const r = await layerlab(['--context', dir, '--write-back', '-c', 'rm out\nmkdir out\necho pwned > out/evil.txt']);
    expect(r.status).toBe(0);
    expect(await readdir(outside)).toEqual([]);
    // In the folder, `out` is now the real folder the workspace held, with the file in it.
    expect((await lstat(join(dir, 'out'))).isDirectory()).toBe(true);
    expect(await readFile(join(dir, 'out', 'evil.txt'), 'utf8')).toBe('pwned\n');
  });

  it('does not write through a file symlink the workspace replaced with a file', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'layerlab-outside-'));
    await writeFile(join(outside, 'secret.txt'), 'original\n');
    const dir = await project({ Dockerfile: 'FROM alpine:3.21\n' });
    await symlink(join(outside, 'secret.txt'), join(dir, 'link'));
    const r = await layerlab(['--context', dir, '--write-back', '-c', 'rm link\necho pwned > link']);
    expect(r.status).toBe(0);
    expect(await readFile(join(outside, 'secret.txt'), 'utf8')).toBe('original\n');
    expect((await lstat(join(dir, 'link'))).isSymbolicLink()).toBe(false);
    expect(await readFile(join(dir, 'link'), 'utf8')).toBe('pwned\n');
  });

  it('keeps symlinks the workspace kept, and leaves their targets alone', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'layerlab-outside-'));
    await writeFile(join(outside, 'secret.txt'), 'original\n');
    const dir = await project({ Dockerfile: 'FROM alpine:3.21\n' });
    await mkdir(join(dir, 'sub'));
    await symlink(join(outside, 'secret.txt'), join(dir, 'sub', 'link'));
    const r = await layerlab(['--context', dir, '--write-back', '-c', 'echo new > sub/new.txt']);
    expect(r.status).toBe(0);
    expect(await readlink(join(dir, 'sub', 'link'))).toBe(join(outside, 'secret.txt'));
    expect(await readFile(join(outside, 'secret.txt'), 'utf8')).toBe('original\n');
    expect(await readFile(join(dir, 'sub', 'new.txt'), 'utf8')).toBe('new\n');
  });
});
