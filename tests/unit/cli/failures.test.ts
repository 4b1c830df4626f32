// Failures are docker-style messages with a non-zero exit, never stack traces (end to end).
import { describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { layerlab, project } from './helpers.ts';

const SLOW = 300_000;

describe.concurrent('build failures through npx layerlab', () => {
  it('a failing RUN prints the vertex error, its log block, the Dockerfile snippet and the buildx ERROR line', async () => {
    const dir = await project({ Dockerfile: 'FROM alpine:3.21\nCOPY a.txt /\nRUN echo about to fail && exit 3\nCMD ["sh"]\n', 'a.txt': 'a\n' });
    const r = await layerlab(['--context', dir, '-c', 'docker build --progress=plain -t bad .']);
    expect(r.status).toBe(1);
    const err = r.stderr;
    expect(err).toMatch(/^#7 \[3\/3\] RUN echo about to fail && exit 3\n#7 \d\.\d{3} about to fail\n#7 ERROR: process "\/bin\/sh -c echo about to fail && exit 3" did not complete successfully: exit code: 3\n/m);
    const tail = err.slice(err.indexOf('------'));
    expect(tail).toMatch(
      /^------\n > \[3\/3\] RUN echo about to fail && exit 3:\n\d\.\d{3} about to fail\n------\nDockerfile:3\n--------------------\n   1 \|     FROM alpine:3\.21\n   2 \|     COPY a\.txt \/\n   3 \| >>> RUN echo about to fail && exit 3\n   4 \|     CMD \["sh"\]\n   5 \|     \n--------------------\nERROR: failed to build: failed to solve: process "\/bin\/sh -c echo about to fail && exit 3" did not complete successfully: exit code: 3\n$/,
    );
    expect(err).not.toMatch(/at .*\.ts:\d+/);
  }, SLOW);

  it('a command not found in the image exits 127 inside RUN, as busybox sh reports it', async () => {
    const dir = await project({ Dockerfile: 'FROM alpine:3.21\nRUN curl https://example.com\n' });
    const r = await layerlab(['--context', dir, '-c', 'docker build --progress=plain .']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('curl: not found');
    expect(r.stderr).toContain('ERROR: failed to build: failed to solve: process "/bin/sh -c curl https://example.com" did not complete successfully: exit code: 127');
  }, SLOW);

  it('a missing base image and a missing COPY source', async () => {
    const dir = await project({ 'a/Dockerfile': 'FROM nosuchimage:1.0\n', 'b/Dockerfile': 'FROM alpine:3.21\nCOPY nothere.txt /\n' });
    const r = await layerlab(['--context', dir, '-c', 'cd a && docker build --progress=plain .\ncd /b && docker build --progress=plain .']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('#2 [internal] load metadata for docker.io/library/nosuchimage:1.0\n#2 ERROR: pull access denied');
    expect(r.stderr).toContain('Dockerfile:1\n--------------------\n   1 | >>> FROM nosuchimage:1.0\n');
    expect(r.stderr).toMatch(/ERROR: failed to build: failed to solve: failed to compute cache key: failed to calculate checksum of ref \S+: "\/nothere.txt": not found\n$/);
  }, SLOW);

  it('a context over the size limit is refused with a clear message', async () => {
    const dir = await project({ Dockerfile: 'FROM alpine:3.21\nCOPY . /data\n' });
    await writeFile(join(dir, 'big.bin'), Buffer.alloc(51_000_000, 1));
    const r = await layerlab(['--context', dir, '-c', 'docker build --progress=plain .']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("ERROR: failed to build: failed to solve: build context is larger than 50MB, this lab's limit; add large files to .dockerignore\n");
    const ok = await layerlab(['--context', dir, '-c', "echo big.bin > .dockerignore\ndocker build -q ."]);
    expect(ok.status).toBe(0);
  }, SLOW);

  it('file names with spaces, globs and non-ASCII letters are copied as they are', async () => {
    const dir = await project({ Dockerfile: 'FROM alpine:3.21\nCOPY . /data/\nRUN ls /data\n', 'we ird n*me.txt': 'x', 'ünï.txt': 'y' });
    const r = await layerlab(['--context', dir, '-c', 'docker build --progress=plain .']);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/#\d+ \d\.\d{3} we ird n\*me\.txt\n/);
    expect(r.stderr).toMatch(/#\d+ \d\.\d{3} ünï\.txt\n/);
  }, SLOW);

  it('docker commands on unknown images print the daemon error', async () => {
    const r = await layerlab(['-c', 'docker history nosuch\ndocker rmi nosuch']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('Error response from daemon: No such image: nosuch:latest\nError response from daemon: No such image: nosuch:latest\n');
  }, SLOW);
});
