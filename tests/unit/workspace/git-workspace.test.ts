// The git workspace as the build context (the Workspace interface): POSIX-like results and errno codes.
import { describe, expect, it } from 'vitest';
import { createInMemoryGitWorkspace } from '../../../src/workspace/git-workspace.ts';
import { WorkspaceError } from '../../../src/workspace/types.ts';
import { seedSample, parsePreset, type SampleLike } from '../../../src/workspace/samples.ts';
import { runGit } from '../../../src/shell/commands/git-cli.ts';

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    expect(e).toBeInstanceOf(WorkspaceError);
    return (e as WorkspaceError).code;
  }
}

describe('GitWorkspace as a Workspace', () => {
  it('reads, writes and stats files with modes; relative and absolute paths mean the same file', async () => {
    const ws = await createInMemoryGitWorkspace();
    await ws.writeFile('/run.sh', '#!/bin/sh\n', { mode: 0o755 });
    expect(new TextDecoder().decode(await ws.readFile('run.sh'))).toBe('#!/bin/sh\n');
    expect(await ws.stat('run.sh')).toMatchObject({ type: 'file', mode: 0o755, size: 10 });
    // Rewriting keeps the mode, as writing to an existing file does.
    await ws.writeFile('run.sh', '#!/bin/sh\necho\n');
    expect((await ws.stat('/run.sh'))!.mode).toBe(0o755);
    await ws.chmod('run.sh', 0o644);
    expect((await ws.stat('run.sh'))!.mode).toBe(0o644);
    expect(await ws.stat('missing')).toBeNull();
  });

  it('reports errno codes like a POSIX filesystem', async () => {
    const ws = await createInMemoryGitWorkspace();
    await ws.writeFile('f', 'x');
    expect(await code(ws.readFile('nope'))).toBe('ENOENT');
    expect(await code(ws.writeFile('a/b', 'x'))).toBe('ENOENT');
    expect(await code(ws.mkdir('f'))).toBe('EEXIST');
    expect(await code(ws.readdir('f'))).toBe('ENOTDIR');
    await ws.mkdir('d/e', { recursive: true });
    expect(await code(ws.readFile('d'))).toBe('EISDIR');
    await ws.writeFile('d/e/g', 'x');
    expect(await code(ws.remove('d'))).toBe('ENOTEMPTY');
    expect(await code(ws.remove('d', { recursive: true }))).toBe('ok');
    expect(await code(ws.readFile('../outside'))).toBe('EINVAL');
  });

  it('renames, touches and lists; the repository stays outside the context', async () => {
    const ws = await createInMemoryGitWorkspace();
    await ws.mkdir('src');
    await ws.writeFile('src/a.js', 'a');
    await ws.rename('src/a.js', 'b.js');
    expect(await ws.listFiles()).toEqual(['b.js']);
    expect(await ws.readdir('/')).toEqual(['b.js', 'src']);
    await ws.touch('b.js', 1_000_000);
    expect((await ws.stat('b.js'))!.mtimeMs).toBe(1_000_000);
    await ws.touch('new.txt', 2_000_000);
    expect(await ws.stat('new.txt')).toMatchObject({ type: 'file', size: 0, mtimeMs: 2_000_000 });
    let out = '';
    await runGit(ws, ['init'], { stdout: (s) => (out += s), stderr: (s) => (out += s), tty: false });
    expect(out).toBe('Initialized empty Git repository in /.git/\n');
    // .git is not in the build context.
    expect(await ws.readdir('/')).toEqual(['b.js', 'new.txt', 'src']);
  });

  it('seeds a sample at a checkpoint: tags for each, the branch at the chosen one', async () => {
    const ws = await createInMemoryGitWorkspace();
    const sample: SampleLike = {
      title: 'demo',
      files: { Dockerfile: 'FROM alpine:3.21\nCOPY . .\n', 'a.txt': 'two\n' },
      checkpoints: [
        { name: 'step-1', message: 'first', files: { Dockerfile: 'FROM alpine:3.21\n', 'a.txt': 'one\n', 'old.txt': 'gone later\n' } },
        { name: 'step-2', message: 'second', files: { Dockerfile: 'FROM alpine:3.21\nCOPY . .\n', 'a.txt': 'two\n' } },
      ],
    };
    expect(parsePreset('demo@step-1')).toEqual({ sample: 'demo', checkpoint: 'step-1' });
    expect(parsePreset('demo')).toEqual({ sample: 'demo', checkpoint: undefined });
    await seedSample(ws, sample, 'step-1');
    expect(await ws.listFiles()).toEqual(['Dockerfile', 'a.txt', 'old.txt']);
    let out = '';
    await runGit(ws, ['log', '--oneline', 'step-2'], { stdout: (s) => (out += s), stderr: (s) => (out += s), tty: false });
    expect(out.split('\n').filter(Boolean).map((l) => l.slice(8))).toEqual(['second', 'first']);
    await seedSample(ws, sample);
    expect(await ws.listFiles()).toEqual(['Dockerfile', 'a.txt']);
    await expect(seedSample(ws, sample, 'step-9')).rejects.toThrow(/no checkpoint "step-9"/);
  });
});
