// The headless CLI contract: -c and script files, --context/--write-back, exit status, no ANSI off a TTY.
import { describe, expect, it } from 'vitest';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { layerlab, project } from './helpers.ts';

// Each test spawns `npx layerlab` (a Node process); allow for a busy machine.
const SLOW = 180_000;

describe('npx layerlab', () => {
  it('starts in the default sample project and runs -c commands', async () => {
    const r = await layerlab(['-c', 'ls\ncat Dockerfile']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('package.json\n');
    expect(r.stdout).toContain('package-lock.json\n');
    expect(r.stdout).toContain('FROM node:22-alpine\n');
    // The sample's first Dockerfile copies everything before installing dependencies.
    expect(r.stdout.indexOf('COPY . .')).toBeLessThan(r.stdout.indexOf('RUN npm ci'));
  }, SLOW);

  it('exits with the status of the last command', async () => {
    expect((await layerlab(['-c', 'cat nope\ntrue'])).status).toBe(0);
    const r = await layerlab(['-c', 'true\ncat nope']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('cat: nope: No such file or directory');
    expect((await layerlab(['-c', 'nosuchcommand'])).status).toBe(127);
  }, SLOW);

  it('reads a script file with one command per line and supports && and ; within a line', async () => {
    const dir = await project({ 'script.txt': 'echo a > x.txt && echo b >> x.txt; cat x.txt\n# a comment\necho done\n' });
    const r = await layerlab([join(dir, 'script.txt')]);
    expect(r.stdout).toBe('a\nb\ndone\n');
  }, SLOW);

  it('copies --context into memory and leaves the folder alone without --write-back', async () => {
    const dir = await project({ 'hello.txt': 'hi\n' });
    const r = await layerlab(['--context', dir, '-c', 'cat hello.txt\necho new > created.txt\nrm hello.txt']);
    expect(r.stdout).toBe('hi\n');
    await expect(stat(join(dir, 'created.txt'))).rejects.toThrow();
    expect(await readFile(join(dir, 'hello.txt'), 'utf8')).toBe('hi\n');
  }, SLOW);

  it('--write-back copies created, changed and removed files back into the folder', async () => {
    const dir = await project({ 'hello.txt': 'hi\n', 'gone.txt': 'x\n' });
    const r = await layerlab(['--context', dir, '--write-back', '-c', 'echo new > sub.txt\necho more >> hello.txt\nchmod +x hello.txt\nrm gone.txt\nmkdir -p d/e && echo deep > d/e/f.txt']);
    expect(r.status).toBe(0);
    expect(await readFile(join(dir, 'sub.txt'), 'utf8')).toBe('new\n');
    expect(await readFile(join(dir, 'hello.txt'), 'utf8')).toBe('hi\nmore\n');
    expect((await stat(join(dir, 'hello.txt'))).mode & 0o111).toBe(0o111);
    expect(await readFile(join(dir, 'd/e/f.txt'), 'utf8')).toBe('deep\n');
    await expect(stat(join(dir, 'gone.txt'))).rejects.toThrow();
  }, SLOW);

  it('prints no ANSI escape codes when stdout is not a TTY, even for builds with --progress=auto', async () => {
    const dir = await project({ Dockerfile: 'FROM alpine:3.21\nCOPY a.txt /a.txt\n', 'a.txt': 'a\n' });
    const r = await layerlab(['--context', dir, '-c', 'docker build -t t .\ndocker images\nls -l\nhelp']);
    expect(r.status).toBe(0);
    expect(r.stdout + r.stderr).not.toMatch(/\x1b\[/);
    expect(r.stderr).toContain('#0 building with "default" instance using docker driver');
  }, SLOW);

  it('rejects unknown options with usage and a non-zero status', async () => {
    const r = await layerlab(['--bogus']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('unknown option --bogus');
  }, SLOW);

  it('a failing docker flag is a docker-style error, not a stack trace', async () => {
    const r = await layerlab(['-c', 'docker build --frobnicate .']);
    expect(r.status).toBe(125);
    expect(r.stderr).toBe("unknown flag: --frobnicate\nSee 'docker build --help'.\n");
  }, SLOW);

  it('a script file that does not exist is reported', async () => {
    const dir = await project({});
    await writeFile(join(dir, 'x'), '');
    const r = await layerlab([join(dir, 'missing.txt')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('No such file or directory');
  }, SLOW);
});
