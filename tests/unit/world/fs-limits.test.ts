// Limits a RUN reaches in bounded time and memory, counted in sizes and levels, never in time.
// - Paths: Linux refuses a path longer than PATH_MAX (4096 bytes with its NUL) or a name longer than
//   NAME_MAX (255) with ENAMETOOLONG, "File name too long" (include/uapi/linux/limits.h; strerror).
//   busybox's mkdir -p creates each parent in turn and reports the one that fails as
//   "mkdir: can't create directory '…': …" (libbb/make_directory.c). The lab's mkdir -p walks the path
//   once (600 levels took 13 s when each level looked every prefix up again), and PATH_MAX bounds it.
// - Written text: the lab keeps text a RUN writes as real bytes, so one file may hold at most
//   FILE_LIMITS.fileBytes and one RUN may write FILE_LIMITS.runBytes in all (the lab's own limits;
//   a `cat /f /f > /g` doubling loop used to take 2.6 GB before any limit stopped it).
import { describe, expect, it } from 'vitest';
import { FILE_LIMITS, getNode, NAME_MAX_BYTES, PATH_MAX_BYTES } from '../../../src/engine/fs/index.ts';
import { fileSize, sh } from './helpers.ts';

describe('path length', () => {
  it('mkdir -p makes 1,000 levels (2,000 bytes of path)', async () => {
    const deep = '/' + Array(1000).fill('a').join('/');
    const r = await sh('alpine:3.21', `mkdir -p ${deep} && echo made`);
    expect(r.err).toBe('');
    expect(r.out).toBe('made\n');
    expect(getNode(r.root, deep)?.type).toBe('dir');
  });

  it('mkdir -p of a path past PATH_MAX stops with "File name too long" after making the parents that fit', async () => {
    const deep = '/' + Array(3000).fill('d').join('/'); // 6,000 bytes
    const r = await sh('alpine:3.21', `mkdir -p ${deep}; echo "status $?"`);
    expect(r.out).toBe('status 1\n');
    expect(r.err).toBe(`mkdir: can't create directory '${deep}': File name too long\n`);
    // The longest prefix within 4,095 bytes exists ("/d" is 2 bytes a level), the next one does not.
    const levels = Math.floor(PATH_MAX_BYTES / 2);
    expect(getNode(r.root, '/' + Array(levels).fill('d').join('/'))?.type).toBe('dir');
    expect(getNode(r.root, '/' + Array(levels + 1).fill('d').join('/'))).toBeUndefined();
  });

  it('mkdir -p follows symlinked parents, keeps what exists and stops at a file in the way', async () => {
    const r = await sh('alpine:3.21', 'mkdir /real && ln -s /real /link && mkdir -p /link/a/b && mkdir -p /link/a/b/c; echo "s=$?"; touch /f; mkdir -p /f/x; echo "s=$?"');
    expect(r.out).toBe('s=0\ns=1\n');
    expect(r.err).toBe("mkdir: can't create directory '/f/x': File exists\n");
    expect(getNode(r.root, '/real/a/b/c')?.type).toBe('dir');
    expect(getNode(r.root, '/link')?.type).toBe('symlink');
  });

  it('a name longer than NAME_MAX is refused, one of NAME_MAX bytes is not', async () => {
    const long = 'n'.repeat(NAME_MAX_BYTES + 1);
    const fits = 'n'.repeat(NAME_MAX_BYTES);
    const r = await sh('alpine:3.21', `echo x > /tmp/${fits} && echo ok; echo x > /tmp/${long} || echo refused`);
    expect(r.out).toBe('ok\nrefused\n');
    expect(r.err).toContain(`/tmp/${long}: File name too long`);
    expect(getNode(r.root, `/tmp/${fits}`)?.type).toBe('file');
  });
});

describe('written text', () => {
  it('a cat doubling loop stops at the file size limit, naming it, with no file past the limit', async () => {
    const r = await sh('alpine:3.21', 'echo hello > /f && while true; do cat /f /f > /g && cat /g /g > /f; done');
    expect(r.code).toBe(137);
    expect(r.result.limitExceeded).toBe('file size');
    expect(r.err).toMatch(new RegExp(`In this lab, one file may hold at most ${FILE_LIMITS.fileBytes} bytes of written text \\(32 MiB\\); /[fg] would be larger, so this RUN was stopped there\\.\\n$`));
    expect(fileSize(r.root, '/f')!).toBeLessThanOrEqual(FILE_LIMITS.fileBytes);
    expect(fileSize(r.root, '/g')!).toBeLessThanOrEqual(FILE_LIMITS.fileBytes);
  }, 60_000);

  it('many files under the per-file limit stop at the limit for one RUN', async () => {
    // 16 bytes doubled 19 times is 8 MiB of text; then copies of it by cat (each new bytes) until the RUN's total is reached.
    const r = await sh('alpine:3.21', 'echo 0123456789abcde > /s; i=0; while [ $i -lt 19 ]; do cat /s /s > /t; mv /t /s; i=$((i+1)); done; wc -c < /s; while true; do i=$((i+1)); cat /s > /copy$i; done');
    expect(r.out).toBe('8388608\n');
    expect(r.code).toBe(137);
    expect(r.result.limitExceeded).toBe('text written');
    expect(r.err).toContain(`In this lab, one RUN may write at most ${FILE_LIMITS.runBytes} bytes of text (128 MiB) in all; this one was stopped there.`);
  }, 60_000);
});
