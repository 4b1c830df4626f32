// A container's chmod, cp, mv and rm over the shared file semantics (src/engine/fs), in busybox
// (alpine) and GNU coreutils (debian) wording. Expected behaviour from the real sources:
// busybox libbb/parse_mode.c, coreutils/mv.c (rename(2)), coreutils/rm.c; GNU coreutils
// src/copy.c, src/mv.c, src/remove.c and gnulib lib/modechange.c.
import { describe, expect, it } from 'vitest';
import { sh } from './helpers.ts';

const ALPINE = 'alpine:3.21';
const DEBIAN = 'debian:bookworm-slim';

describe('chmod in a container', () => {
  it('without a who letter the umask (022) is kept: +w on a 444 file gives 644, in both chmods', async () => {
    for (const ref of [ALPINE, DEBIAN]) {
      const r = await sh(ref, 'touch /f && chmod 444 /f && chmod +w /f && ls -l /f');
      expect(r.out).toMatch(/^-rw-r--r-- /);
      expect(r.code).toBe(0);
    }
  });

  it('o+t sets the sticky bit in GNU chmod, not in busybox chmod', async () => {
    const a = await sh(ALPINE, 'mkdir /d && chmod 777 /d && chmod o+t /d && ls -ld /d');
    expect(a.out).toMatch(/^drwxrwxrwx /);
    const d = await sh(DEBIAN, 'mkdir /d && chmod 777 /d && chmod o+t /d && ls -ld /d');
    expect(d.out).toMatch(/^drwxrwxrwt /);
  });

  it('options may be bundled and follow the mode; a mode may start with -', async () => {
    const r = await sh(DEBIAN, 'mkdir -p /d/e && touch /d/e/f && chmod 755 /d/e/f && chmod -x /d/e/f && ls -l /d/e/f && chmod u+x /d -Rv && ls -l /d/e/f');
    expect(r.out).toMatch(/^-rw-r--r-- .*\n-rwxr--r-- /);
    expect(r.code).toBe(0);
  });
});

describe('cp and mv onto themselves', () => {
  it('busybox mv renames a file onto itself and leaves it; GNU mv refuses, and the file stays', async () => {
    const a = await sh(ALPINE, 'echo hi > /f && mv /f /f; echo $?; cat /f');
    expect(a.out).toBe('0\nhi\n');
    const d = await sh(DEBIAN, 'echo hi > /f && mv /f /f; echo $?; cat /f');
    expect(d.err).toBe("mv: '/f' and '/f' are the same file\n");
    expect(d.out).toBe('1\nhi\n');
  });

  it('cp names the target it built (DEST/NAME) when source and target are the same file', async () => {
    const a = await sh(ALPINE, 'cd /tmp && echo hi > f && cp f .; echo $?');
    expect(a.err).toBe("cp: 'f' and './f' are the same file\n");
    expect(a.out).toBe('1\n');
  });

  it('GNU cp and mv refuse to put a directory inside itself', async () => {
    const d = await sh(DEBIAN, 'mkdir -p /a/b && cp -r /a /a/b; echo $?; mv /a /a/b; echo $?; ls /a');
    expect(d.err).toBe("cp: cannot copy a directory, '/a', into itself, '/a/b/a'\nmv: cannot move '/a' to a subdirectory of itself, '/a/b/a'\n");
    expect(d.out).toBe('1\n1\nb\n');
  });

  it('busybox mv of a directory into itself fails as rename(2) does, and keeps it', async () => {
    const a = await sh(ALPINE, 'mkdir -p /a/b && mv /a /a/b; echo $?; ls /a');
    expect(a.err).toBe("mv: can't rename '/a': Invalid argument\n");
    expect(a.out).toBe('1\nb\n');
  });
});

describe('rm . and ..', () => {
  it('both refuse, each in its own words, and remove nothing', async () => {
    const a = await sh(ALPINE, 'mkdir -p /w/x && cd /w && rm -rf . ..; echo $?; ls /w');
    expect(a.err).toBe("rm: can't remove '.' or '..'\nrm: can't remove '.' or '..'\n");
    expect(a.out).toBe('1\nx\n');
    const d = await sh(DEBIAN, 'mkdir -p /w/x && cd /w && rm -rf . ..; echo $?; rm . ; ls /w');
    expect(d.err).toBe("rm: refusing to remove '.' or '..' directory: skipping '.'\nrm: refusing to remove '.' or '..' directory: skipping '..'\nrm: cannot remove '.': Is a directory\n");
    expect(d.out).toBe('1\nx\n');
  });
});
