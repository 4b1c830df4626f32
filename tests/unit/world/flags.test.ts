// Issue 14 item 8: the toy programs answer --version and --help, and never call a real option
// unknown. Versions come from the image's own package database (dpkg status, apk installed).
import { describe, expect, it } from 'vitest';
import { sh } from './helpers.ts';

describe('--version and --help', () => {
  // GNU programs print "<name> (GNU <package>) <version>" first (coreutils src/system.h
  // version_etc); bookworm ships coreutils 9.1, grep 3.8, sed 4.9, tar 1.34, findutils 4.9.0.
  it('GNU tools on Debian print their package\'s version', async () => {
    const r = await sh('debian:bookworm-slim', 'ls --version; grep --version; sed --version; tar --version; find --version; cp --version | head -1');
    expect(r.out).toBe('ls (GNU coreutils) 9.1\ngrep (GNU grep) 3.8\nsed (GNU sed) 4.9\ntar (GNU tar) 1.34\nfind (GNU findutils) 4.9.0\ncp (GNU coreutils) 9.1\n');
    expect(r.code).toBe(0);
  });

  it('the version follows the image: Ubuntu 24.04 has coreutils 9.4', async () => {
    const r = await sh('ubuntu:24.04', 'ls --version');
    expect(r.out).toBe('ls (GNU coreutils) 9.4\n');
  });

  it('GNU --help ends with status 0 and says the text is not reproduced', async () => {
    const r = await sh('debian:bookworm-slim', 'grep --help; echo $?');
    expect(r.out).toBe('In this lab, the help text of grep is not reproduced; `man grep` on a real system has it.\n0\n');
  });

  // busybox libbb/appletlib.c: "applet --help" shows the usage on stderr and exits 0; applets have
  // no --version, so it is an unrecognized option there.
  it('busybox: --help exits 0, --version is unrecognized', async () => {
    const h = await sh('alpine:3.21', 'ls --help; echo $?');
    expect(h.err).toBe('BusyBox v1.37.0 (2024-12-13 18:16:23 UTC) multi-call binary.\n\nIn this lab, the usage text of ls is not reproduced.\n');
    expect(h.out).toBe('0\n');
    const v = await sh('alpine:3.21', 'ls --version');
    expect(v.err).toBe('ls: unrecognized option: version\nBusyBox v1.37.0 (2024-12-13 18:16:23 UTC) multi-call binary.\n');
    expect(v.code).toBe(1);
  });
});

describe('real options are never called unknown', () => {
  it('a real GNU option the lab lacks says "not simulated"', async () => {
    const r = await sh('debian:bookworm-slim', 'ls -Q /');
    expect(r.err).toBe("In this lab, ls's -Q option is not simulated.\n");
    expect(r.code).toBe(2);
    const long = await sh('debian:bookworm-slim', 'grep --perl-regexp x /etc/passwd');
    expect(long.err).toBe("In this lab, grep's --perl-regexp option is not simulated.\n");
  });

  // glibc getopt_long: "unrecognized option '--name'" for a long option, "invalid option -- 'x'" for a letter.
  it('an option the real program lacks gets getopt\'s words', async () => {
    const r = await sh('debian:bookworm-slim', 'ls --nope; ls -j');
    expect(r.err).toBe("ls: unrecognized option '--nope'\nTry 'ls --help' for more information.\nls: invalid option -- 'j'\nTry 'ls --help' for more information.\n");
  });

  it('busybox grep has no -P, and says so as busybox does', async () => {
    const r = await sh('alpine:3.21', 'grep -P x /etc/passwd');
    expect(r.err).toBe('grep: unrecognized option: P\nBusyBox v1.37.0 (2024-12-13 18:16:23 UTC) multi-call binary.\n');
  });
});

describe('grep context and counts', () => {
  // GNU grep: context lines end their prefix with "-", matches with ":", and "--" separates groups.
  it('-A, -B, -C and -NUM print context with "--" between groups', async () => {
    const r = await sh('debian:bookworm-slim', 'seq 1 10 > /n; grep -A1 -B1 -e 3 -e 8 /n; echo ==; grep -n -C1 5 /n; echo ==; grep -1 10 /n');
    expect(r.out).toBe('2\n3\n4\n--\n7\n8\n9\n==\n4-4\n5:5\n6-6\n==\n9\n10\n');
  });

  it('-m stops after N matches, -L lists files without one', async () => {
    const r = await sh('debian:bookworm-slim', 'seq 1 12 > /n; grep -m2 1 /n; grep -L root /etc/passwd /n');
    expect(r.out).toBe('1\n10\n/n\n');
  });

  it('busybox grep has -A too (FEATURE_GREP_CONTEXT)', async () => {
    const r = await sh('alpine:3.21', 'printf "P:curl\\nV:1\\nA:x\\n" | grep -A1 "^P:curl$"');
    expect(r.out).toBe('P:curl\nV:1\n');
  });
});
