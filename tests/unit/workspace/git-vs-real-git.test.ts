// The lab's git output is checked against the real git CLI: the same steps run in a temporary folder with
// /usr/bin/git and in the lab's workspace, and the texts (and commit ids) must match.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync, mkdirSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { MemFs } from '../../../src/workspace/memfs.ts';
import { GitWorkspace } from '../../../src/workspace/git-workspace.ts';
import { runGit, repoFor } from '../../../src/shell/commands/git-cli.ts';

const T = 1767225600; // 2026-01-01T00:00:00Z
const NAME = 'Lab Learner';
const EMAIL = 'learner@layerlab.invalid';

type Step =
  | { write: string; content: string; mode?: number }
  | { rm: string }
  | { git: string[] };

interface Result {
  out: string;
  err: string;
  code: number;
}

function realGit(steps: Step[]): Result[] {
  const dir = mkdtempSync(join(tmpdir(), 'labgit-'));
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: dir,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: NAME,
    GIT_AUTHOR_EMAIL: EMAIL,
    GIT_COMMITTER_NAME: NAME,
    GIT_COMMITTER_EMAIL: EMAIL,
    GIT_AUTHOR_DATE: `@${T} +0000`,
    GIT_COMMITTER_DATE: `@${T} +0000`,
    TZ: 'UTC',
    LANG: 'C',
    LC_ALL: 'C',
  };
  const results: Result[] = [];
  try {
    for (const s of steps) {
      if ('write' in s) {
        mkdirSync(dirname(join(dir, s.write)), { recursive: true });
        writeFileSync(join(dir, s.write), s.content);
        if (s.mode) chmodSync(join(dir, s.write), s.mode);
      } else if ('rm' in s) {
        rmSync(join(dir, s.rm));
      } else {
        const args = ['-c', 'init.defaultBranch=main', '-c', 'color.ui=never', '-c', 'core.pager=cat', '-c', 'advice.detachedHead=false', ...s.git];
        const r = spawnSync('git', args, { cwd: dir, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
        // The lab's working tree is the shell's `/`; the real one is a temporary folder.
        results.push({ out: r.stdout, err: r.stderr.replaceAll(dir, '/'), code: r.status ?? -1 });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

async function labGit(steps: Step[]): Promise<Result[]> {
  const ws = new GitWorkspace({ fs: new MemFs() });
  await ws.ensureRoot();
  const repo = repoFor(ws);
  repo.now = () => T * 1000;
  repo.timezoneOffset = () => 0;
  const results: Result[] = [];
  for (const s of steps) {
    if ('write' in s) {
      const d = s.write.includes('/') ? s.write.slice(0, s.write.lastIndexOf('/')) : '';
      if (d) await ws.mkdir(d, { recursive: true });
      await ws.writeFile(s.write, s.content, s.mode ? { mode: s.mode } : undefined);
    } else if ('rm' in s) {
      await ws.remove(s.rm);
    } else {
      let out = '';
      let err = '';
      const code = await runGit(ws, s.git, { stdout: (x) => (out += x), stderr: (x) => (err += x), tty: false });
      results.push({ out, err, code });
    }
  }
  return results;
}

const dockerfile = 'FROM alpine:3.21\nWORKDIR /app\nCOPY . .\nRUN echo one\nRUN echo two\nRUN echo three\nRUN echo four\nRUN echo five\nCMD ["sh"]\n';

describe('git output matches the real git CLI', () => {
  it('status, add, commit, diff, log and show', async () => {
    const steps: Step[] = [
      { git: ['init', '-q'] },
      { write: 'Dockerfile', content: dockerfile },
      { write: 'src/index.js', content: 'console.log("hi");\n' },
      { write: 'run.sh', content: '#!/bin/sh\necho run\n', mode: 0o755 },
      { git: ['status'] },
      { git: ['status', '--short'] },
      { git: ['add', 'Dockerfile'] },
      { git: ['status'] },
      { git: ['add', '.'] },
      { git: ['commit', '-m', 'First checkpoint'] },
      { git: ['status'] },
      { write: 'Dockerfile', content: dockerfile.replace('RUN echo five', 'RUN echo 5').replace('FROM alpine:3.21', 'FROM alpine:3.20') },
      { write: 'README.md', content: 'notes\n' },
      { rm: 'run.sh' },
      { git: ['status'] },
      { git: ['diff'] },
      { git: ['add', 'Dockerfile'] },
      { git: ['diff', '--staged'] },
      { git: ['status'] },
      { git: ['commit', '-a', '-m', 'Second'] },
      { git: ['log', '--oneline'] },
      { git: ['log'] },
      { git: ['show', 'HEAD~1', '--', ] },
      { git: ['show', 'HEAD:Dockerfile'] },
      { git: ['diff', 'HEAD~1', 'HEAD'] },
    ];
    const real = realGit(steps);
    const lab = await labGit(steps);
    expect(lab.length).toBe(real.length);
    for (let i = 1; i < real.length; i++) {
      expect({ i, ...lab[i] }).toEqual({ i, ...real[i] });
    }
  });

  it('branches, switch, checkout of a commit, reset and restore', async () => {
    const steps: Step[] = [
      { git: ['init', '-q'] },
      { write: 'Dockerfile', content: dockerfile },
      { write: 'app.py', content: 'print("v1")\n' },
      { git: ['add', '-A'] },
      { git: ['commit', '-q', '-m', 'one'] },
      { git: ['branch', 'feature'] },
      { git: ['branch'] },
      { git: ['switch', 'feature'] },
      { write: 'app.py', content: 'print("v2")\n' },
      { git: ['commit', '-am', 'two'] },
      { git: ['switch', 'main'] },
      { git: ['log', '--oneline', 'feature'] },
      { write: 'app.py', content: 'print("local edit")\n' },
      { git: ['switch', 'feature'] },
      { git: ['restore', 'app.py'] },
      { git: ['status', '--short'] },
      { git: ['checkout', 'feature'] },
      { git: ['reset', '--hard', 'HEAD~1'] },
      { git: ['log', '--oneline'] },
      { write: 'app.py', content: 'print("v3")\n' },
      { git: ['add', 'app.py'] },
      { git: ['reset'] },
      { git: ['status', '--short'] },
      { git: ['add', 'app.py'] },
      { git: ['restore', '--staged', 'app.py'] },
      { git: ['status', '--short'] },
      { git: ['checkout', '--', 'app.py'] },
      { git: ['status'] },
      { git: ['branch', '-d', 'feature'] },
      { git: ['switch', 'nope'] },
      { git: ['frobnicate'] },
    ];
    const real = realGit(steps);
    const lab = await labGit(steps);
    expect(lab.length).toBe(real.length);
    for (let i = 1; i < real.length; i++) {
      expect({ i, ...lab[i] }).toEqual({ i, ...real[i] });
    }
  });
});

describe('sample histories match what git itself records', () => {
  it('the checkpoints of every lab sample have the commit ids git computes for the same content', async () => {
    const { SAMPLES } = await import('../../../src/samples/index.ts');
    const { seedSample, checkpointsOf, SAMPLE_AUTHOR, SAMPLE_EPOCH } = await import('../../../src/workspace/samples.ts');
    for (const [name, sample] of Object.entries(SAMPLES)) {
      const ws = new GitWorkspace({ fs: new MemFs() });
      await seedSample(ws, sample);
      // The lab's `git log` has no --format: read the ids from the full log.
      let labLog = '';
      await runGit(ws, ['log'], { stdout: (x) => (labLog += x), stderr: () => undefined, tty: false });
      const labIds = [...labLog.matchAll(/^commit ([0-9a-f]{40})/gm)].map((m) => m[1]);

      const dir = mkdtempSync(join(tmpdir(), 'labsample-'));
      try {
        const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, GIT_CONFIG_NOSYSTEM: '1', TZ: 'UTC', LANG: 'C', LC_ALL: 'C' };
        const git = (args: string[], extra: Record<string, string> = {}) => {
          const r = spawnSync('git', ['-c', 'init.defaultBranch=main', ...args], { cwd: dir, env: { ...env, ...extra }, encoding: 'utf8' });
          if (r.status !== 0) throw new Error(r.stderr);
          return r.stdout;
        };
        git(['init', '-q']);
        let previous: string[] = [];
        for (const [i, cp] of checkpointsOf(sample).entries()) {
          for (const gone of previous.filter((p) => !(p in cp.files))) rmSync(join(dir, gone));
          for (const [path, content] of Object.entries(cp.files)) {
            mkdirSync(dirname(join(dir, path)), { recursive: true });
            writeFileSync(join(dir, path), content);
            chmodSync(join(dir, path), content.startsWith('#!') || path.endsWith('.sh') ? 0o755 : 0o644);
          }
          previous = Object.keys(cp.files);
          git(['add', '-A']);
          const when = `@${SAMPLE_EPOCH + i * 60} +0000`;
          git(['commit', '-q', '-m', cp.message], {
            GIT_AUTHOR_NAME: SAMPLE_AUTHOR.name, GIT_AUTHOR_EMAIL: SAMPLE_AUTHOR.email, GIT_AUTHOR_DATE: when,
            GIT_COMMITTER_NAME: SAMPLE_AUTHOR.name, GIT_COMMITTER_EMAIL: SAMPLE_AUTHOR.email, GIT_COMMITTER_DATE: when,
          });
        }
        const realIds = git(['log', '--format=%H']).trim().split('\n');
        expect({ name, ids: labIds }).toEqual({ name, ids: realIds });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });
});
