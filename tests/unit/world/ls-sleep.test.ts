// ls -l, ls -R and sleep as GNU coreutils and busybox do them (issue 13 item 13, issue 14 item 8).
import { describe, expect, it } from 'vitest';
import { sh } from './helpers.ts';

// 5000 bytes take two 4 KiB blocks; a directory one block; a symlink none (st_blocks on ext4/overlay).
const TREE = 'mkdir -p /d/sub/deep && printf "%05000d" 0 > /d/big && echo hi > /d/sub/f && ln -s big /d/link && touch /d/.hidden && cd /d';

describe('ls -l', () => {
  // coreutils src/ls.c: columns padded to the widest link count, owner, group and size in the
  // listing; "total" is the listed entries' st_blocks in 1 KiB units (hidden files only with -a).
  it('GNU aligns each column to its widest entry and counts total in 1 KiB blocks', async () => {
    const r = await sh('debian:bookworm-slim', `${TREE} && ls -l`);
    expect(r.out).toBe([
      'total 12',
      '-rw-r--r-- 1 root root 5000 Jan  1 00:00 big',
      'lrwxrwxrwx 1 root root    3 Jan  1 00:00 link -> big',
      'drwxr-xr-x 3 root root 4096 Jan  1 00:00 sub',
      '',
    ].join('\n'));
  });

  it('GNU -la counts . and .. and the hidden file', async () => {
    const r = await sh('debian:bookworm-slim', `${TREE} && ls -la sub`);
    expect(r.out).toBe([
      'total 16',
      'drwxr-xr-x 3 root root 4096 Jan  1 00:00 .',
      'drwxr-xr-x 3 root root 4096 Jan  1 00:00 ..',
      'drwxr-xr-x 2 root root 4096 Jan  1 00:00 deep',
      '-rw-r--r-- 1 root root    3 Jan  1 00:00 f',
      '',
    ].join('\n'));
  });

  // busybox coreutils/ls.c display_single(): "%-10s " "%4lu " "%-8.8s %-8.8s " "%9llu ";
  // calculate_blocks() returns (1 + sum of 512-byte blocks) >> 1.
  it('busybox uses its fixed widths and the same total', async () => {
    const r = await sh('alpine:3.21', `${TREE} && ls -l`);
    expect(r.out).toBe([
      'total 12',
      '-rw-r--r--    1 root     root          5000 Jan  1 00:00 big',
      'lrwxrwxrwx    1 root     root             3 Jan  1 00:00 link -> big',
      'drwxr-xr-x    3 root     root          4096 Jan  1 00:00 sub',
      '',
    ].join('\n'));
  });
});

describe('ls -R', () => {
  // Both print "<dir>:" before each directory, a blank line between them, and descend in order.
  it('descends into every directory, naming each', async () => {
    const r = await sh('alpine:3.21', `${TREE} && ls -R`);
    expect(r.out).toBe('.:\nbig\nlink\nsub\n\n./sub:\ndeep\nf\n\n./sub/deep:\n');
    const abs = await sh('debian:bookworm-slim', `${TREE} && ls -R /d/sub`);
    expect(abs.out).toBe('/d/sub:\ndeep\nf\n\n/d/sub/deep:\n');
  });

  it('-R with -d lists only the directory itself', async () => {
    const r = await sh('debian:bookworm-slim', `${TREE} && ls -Rd sub`);
    expect(r.out).toBe('sub\n');
  });
});

describe('sleep', () => {
  it('adds up its operands, with units and fractions', async () => {
    const a = await sh('alpine:3.21', 'sleep 1');
    const b = await sh('alpine:3.21', 'sleep 1.5 1m');
    expect(b.code).toBe(0);
    expect(b.result.durationMs - a.result.durationMs).toBeGreaterThanOrEqual(60_000);
  });

  // A real `sleep infinity` never returns: the build would wait until cancelled. The lab stops the
  // step with a time limit and says so, instead of returning at once as if it had slept.
  it('sleep infinity stops the step with a lab limit', async () => {
    const r = await sh('alpine:3.21', 'echo before; sleep infinity; echo after');
    expect(r.out).toBe('before\n');
    expect(r.err).toBe('In this lab, `sleep infinity` would never end, so the step was stopped here. A real build would wait at this point until you cancel it (Ctrl-C).\n');
    expect(r.code).toBe(137);
    expect(r.result.limitExceeded).toBe('time');
  });

  // coreutils src/sleep.c: "invalid time interval %s"; busybox: "invalid number".
  it('a bad operand is refused in each flavour\'s words', async () => {
    const g = await sh('debian:bookworm-slim', 'sleep soon');
    expect(g.err).toBe("sleep: invalid time interval 'soon'\nTry 'sleep --help' for more information.\n");
    expect(g.code).toBe(1);
    const b = await sh('alpine:3.21', 'sleep soon');
    expect(b.err).toBe("sleep: invalid number 'soon'\n");
  });
});
