// The builder honours the Dockerfile's `# escape=` directive, runs BuildKit's checks with the context's
// .dockerignore (CopyIgnoredFile), and refuses an empty RUN while parsing, as BuildKit does.
import { describe, expect, it } from 'vitest';
import { layerlab, project } from './helpers.ts';

const SLOW = 300_000;

describe('Dockerfile directives and checks in docker build', () => {
  it('# escape=` makes the backtick the escape token: a backslash stays literal, `$ is a literal dollar', async () => {
    const dir = await project({ Dockerfile: '# escape=`\nFROM alpine:3.21\nENV A=x\\y B=p`$q\nWORKDIR /data`$dir\n' });
    const r = await layerlab(['--context', dir, '-c', 'docker build -q -t esc .\ndocker image inspect esc']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const [img] = JSON.parse(r.stdout.slice(r.stdout.indexOf('['))) as { Config: { Env: string[]; WorkingDir: string } }[];
    // With the default escape (\) these would be "xy", "p`" and "/data`".
    expect(img!.Config.Env).toContain('A=x\\y');
    expect(img!.Config.Env).toContain('B=p$q');
    expect(img!.Config.WorkingDir).toBe('/data$dir');
  }, SLOW);

  it('warns with CopyIgnoredFile when COPY names a file that .dockerignore excludes (before the error)', async () => {
    const dir = await project({ Dockerfile: 'FROM alpine:3.21\nCOPY notes.txt /\n', 'notes.txt': 'hi\n', '.dockerignore': 'notes.txt\n' });
    const r = await layerlab(['--context', dir, '-c', 'docker build --progress=plain -t ign .']);
    expect(r.status).toBe(1);
    const warning = ' 1 warning found (use docker --debug to expand):\n - CopyIgnoredFile: Attempting to Copy file "notes.txt" that is excluded by .dockerignore (line 2)\n';
    expect(r.stderr).toContain(warning);
    expect(r.stderr.indexOf(warning)).toBeLessThan(r.stderr.indexOf('Dockerfile:2\n'));
    expect(r.stderr).toMatch(/ERROR: failed to build: failed to solve: failed to compute cache key: .*"\/notes\.txt": not found\n$/);
  }, SLOW);

  it('a COPY of a file that is not ignored gives no CopyIgnoredFile warning', async () => {
    const dir = await project({ Dockerfile: 'FROM alpine:3.21\nCOPY notes.txt /\n', 'notes.txt': 'hi\n', '.dockerignore': 'other.txt\n' });
    const r = await layerlab(['--context', dir, '-c', 'docker build -q -t ok .']);
    expect(r.status).toBe(0);
    expect(r.stderr).not.toContain('CopyIgnoredFile');
  }, SLOW);

  it('an empty RUN is a parse error: "RUN requires at least one argument"', async () => {
    const dir = await project({ Dockerfile: 'FROM alpine:3.21\nRUN\n' });
    const r = await layerlab(['--context', dir, '-c', 'docker build --progress=plain -t empty .']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Dockerfile:2\n--------------------\n   1 |     FROM alpine:3.21\n   2 | >>> RUN\n');
    expect(r.stderr).toMatch(/ERROR: failed to build: failed to solve: dockerfile parse error on line 2: RUN requires at least one argument\n$/);
    expect(r.stdout + r.stderr).not.toMatch(/\[2\/2\] RUN/);
  }, SLOW);
});
