// The headless CLI runs over the browser lab's git workspace: the sample's history, --context without
// the folder's .git, symlinks, and --write-back as before.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtemp, mkdir, readFile, readlink, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { layerlab, project } from './helpers.ts';
import { createInMemoryGitWorkspace } from '../../../src/workspace/git-workspace.ts';
import { loadContext } from '../../../src/engine/builder/context.ts';
import { IgnoreMatcher } from '../../../src/engine/dockerfile/patterns.ts';
import { getNode } from '../../../src/engine/fs/index.ts';
import { SAMPLES, DEFAULT_SAMPLE } from '../../../src/samples/index.ts';
import { SAMPLE_AUTHOR, SAMPLE_EPOCH } from '../../../src/workspace/samples.ts';

const SLOW = 180_000;

describe('GitWorkspace additions for the CLI', () => {
  it('symlink() makes a link that stat(), readlink(), list() and the build context see', async () => {
    const ws = await createInMemoryGitWorkspace();
    await ws.mkdir('d/e', { recursive: true });
    await ws.writeFile('d/e/f.txt', 'f');
    await ws.symlink('link', 'd/e/f.txt');
    expect((await ws.stat('link'))?.type).toBe('symlink');
    expect(ws.readlink('/link')).toBe('d/e/f.txt');
    expect(ws.readlink('d/e/f.txt')).toBeUndefined();
    expect(await ws.list()).toEqual([
      { path: '/d', type: 'dir' },
      { path: '/d/e', type: 'dir' },
      { path: '/d/e/f.txt', type: 'file' },
      { path: '/link', type: 'symlink' },
    ]);
    const ctx = await loadContext(ws, '/', new IgnoreMatcher([]));
    const node = getNode(ctx.root, '/link');
    expect(node?.type === 'symlink' ? node.target : node?.type).toBe('d/e/f.txt');
    await expect(ws.symlink('link', 'x')).rejects.toMatchObject({ code: 'EEXIST' });
  });
});

/** The sample's step-1 commit made by the real git CLI with the same author, date, modes and message. */
function realGitLog(): string {
  const sample = SAMPLES[DEFAULT_SAMPLE]!;
  const cp = sample.checkpoints!.find((c) => c.files === sample.files)!;
  const dir = execFileSync('mktemp', ['-d']).toString().trim();
  for (const [path, content] of Object.entries(cp.files)) {
    execFileSync('mkdir', ['-p', dirname(join(dir, path))]);
    execFileSync('sh', ['-c', 'cat > "$1"', 'sh', join(dir, path)], { input: content });
    if (content.startsWith('#!') || path.endsWith('.sh')) execFileSync('chmod', ['755', join(dir, path)]);
  }
  const env = {
    ...process.env,
    GIT_CONFIG_NOSYSTEM: '1',
    HOME: dir,
    GIT_AUTHOR_NAME: SAMPLE_AUTHOR.name,
    GIT_AUTHOR_EMAIL: SAMPLE_AUTHOR.email,
    GIT_COMMITTER_NAME: SAMPLE_AUTHOR.name,
    GIT_COMMITTER_EMAIL: SAMPLE_AUTHOR.email,
    GIT_AUTHOR_DATE: `@${SAMPLE_EPOCH} +0000`,
    GIT_COMMITTER_DATE: `@${SAMPLE_EPOCH} +0000`,
  };
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env }).toString();
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', cp.message);
  return git('log', '--oneline');
}

describe('npx layerlab: git', () => {
  it('without --context, the default sample is a repository: git log shows the commit real git makes of it', async () => {
    const r = await layerlab(['-c', 'git log --oneline\ngit status --short\ngit tag']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`${realGitLog()}step-1\nstep-2\n`);
    expect(r.status).toBe(0);
  }, SLOW);

  it('git commit and checkout work on the sample; the later checkpoint is a tag', async () => {
    const r = await layerlab(['-c', 'echo x > new.txt\ngit add new.txt\ngit commit -q -m "mine"\ngit log --oneline -n 1\ngit checkout step-2 > /dev/null 2>&1\ncat Dockerfile']);
    expect(r.stdout).toMatch(/^[0-9a-f]{7} mine\n/);
    expect(r.stdout.slice(r.stdout.indexOf('\n') + 1)).toBe(SAMPLES[DEFAULT_SAMPLE]!.checkpoints!.find((c) => c.name === 'step-2')!.files['Dockerfile']);
    expect(r.status).toBe(0);
  }, SLOW);

  it('--context: the folder\'s .git is not copied (and said so); --write-back leaves it alone and keeps symlinks', async () => {
    const dir = await project({ 'a.txt': 'a\n', '.git/HEAD': 'ref: refs/heads/trunk\n', 'sub/b.txt': 'b\n' });
    await symlink('sub/b.txt', join(dir, 'lnk'));
    const r = await layerlab(['--context', dir, '--write-back', '-c', 'ls -a\ngit status\nls -l lnk\necho c > c.txt\ngit init -q\nrm a.txt']);
    expect(r.stdout.split('\n').slice(0, 5)).toEqual(['.', '..', 'a.txt', 'lnk', 'sub']);
    expect(r.stderr).toContain(`${join(dir, '.git')} was not copied`);
    expect(r.stderr).toContain('fatal: not a git repository');
    expect(r.stdout).toMatch(/lnk -> sub\/b\.txt\n/);
    expect(r.status).toBe(0);
    expect(await readFile(join(dir, '.git/HEAD'), 'utf8')).toBe('ref: refs/heads/trunk\n');
    expect(await readFile(join(dir, 'c.txt'), 'utf8')).toBe('c\n');
    await expect(stat(join(dir, 'a.txt'))).rejects.toThrow();
    expect(await readlink(join(dir, 'lnk'))).toBe('sub/b.txt');
    // The lab's `git init` made a repository in the lab, never in the folder.
    const fresh = await mkdtemp(join(tmpdir(), 'layerlab-git-'));
    await mkdir(join(fresh, 'x'));
    await writeFile(join(fresh, 'x/y.txt'), 'y\n');
    const g = await layerlab(['--context', fresh, '--write-back', '-c', 'git init -q\ngit add .\ngit commit -q -m one\ngit log --oneline']);
    expect(g.stdout).toMatch(/^[0-9a-f]{7} one\n$/);
    expect(g.stderr).toBe('');
    await expect(stat(join(fresh, '.git'))).rejects.toThrow();
  }, SLOW);
});
