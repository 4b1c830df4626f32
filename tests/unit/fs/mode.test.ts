// chmod's MODE operand as GNU coreutils and busybox read it. The expected values are worked out by
// hand from the two implementations, not from ours:
//  - GNU: gnulib lib/modechange.c (mode_compile, mode_adjust), which coreutils chmod uses, and the
//    coreutils manual's "File permissions" chapter (umask applies when no who letter is given;
//    directories keep set-ID bits unless the mode names them);
//  - busybox: libbb/parse_mode.c (bb_parse_mode), which busybox chmod uses.
// The umask is 022 throughout (DEFAULT_UMASK, Docker's default for a container's processes).
import { describe, expect, it } from 'vitest';
import { applyChmod, DEFAULT_UMASK, modeString } from '../../../src/engine/fs/index.ts';

const gnu = (spec: string, mode: number, isDir = false) => applyChmod(spec, mode, isDir, { flavor: 'gnu' });
const bb = (spec: string, mode: number, isDir = false) => applyChmod(spec, mode, isDir, { flavor: 'busybox' });

describe('chmod modes both chmods agree on', () => {
  it('octal modes set the bits they give, up to 07777', () => {
    for (const f of [gnu, bb]) {
      expect(f('755', 0o644)).toBe(0o755);
      expect(f('0600', 0o644)).toBe(0o600);
      expect(f('4755', 0o755)).toBe(0o4755);
      // Larger than 07777, or a digit that is not octal: invalid (modechange.c "ALLM < octal_mode";
      // parse_mode.c "tmp > 07777U" and the trailing-character check).
      expect(f('17777', 0o644)).toBeUndefined();
      expect(f('789', 0o644)).toBeUndefined();
    }
  });

  it('symbolic clauses: who, operator, permissions; several clauses and several operators', () => {
    for (const f of [gnu, bb]) {
      expect(f('u+x', 0o644)).toBe(0o744);
      expect(f('go-rwx', 0o755)).toBe(0o700);
      expect(f('a=r', 0o755)).toBe(0o444);
      expect(f('u+x,g-r', 0o644)).toBe(0o704);
      expect(f('u+r-w', 0o644)).toBe(0o444);
      // Copying one class's bits to others.
      expect(f('g=u', 0o740)).toBe(0o770);
      // X: execute only for a directory or a file that some class can already execute.
      expect(f('a+X', 0o644)).toBe(0o644);
      expect(f('a+X', 0o744)).toBe(0o755);
      expect(f('a+X', 0o644, true)).toBe(0o755);
      // s and t.
      expect(f('u+s', 0o755)).toBe(0o4755);
      expect(f('g+s', 0o755, true)).toBe(0o2755);
      expect(f('+t', 0o777, true)).toBe(0o1777);
      // A who letter with no operator, or an unknown letter: invalid.
      expect(f('u', 0o644)).toBeUndefined();
      expect(f('u+q', 0o644)).toBeUndefined();
      expect(f('bogus', 0o644)).toBeUndefined();
    }
  });

  it('without a who letter the umask is honoured: +w under umask 022 is u+w, =rw is 0644', () => {
    expect(DEFAULT_UMASK).toBe(0o022);
    for (const f of [gnu, bb]) {
      expect(f('+w', 0o444)).toBe(0o644);
      expect(f('=rw', 0o777)).toBe(0o644);
      // x is not in the umask: +x reaches every class.
      expect(f('+x', 0o644)).toBe(0o755);
      expect(f('-w', 0o666)).toBe(0o466);
    }
  });
});

describe('where GNU chmod and busybox chmod differ', () => {
  it('o covers the sticky bit in GNU (S_ISVTX | S_IRWXO), not in busybox (S_IRWXO)', () => {
    expect(gnu('o+t', 0o777, true)).toBe(0o1777);
    expect(bb('o+t', 0o777, true)).toBe(0o777);
  });

  it('GNU keeps a directory\'s set-ID bits under a short octal mode; five digits or busybox clear them', () => {
    expect(gnu('755', 0o2755, true)).toBe(0o2755);
    expect(gnu('00755', 0o2755, true)).toBe(0o755);
    expect(gnu('755', 0o2755, false)).toBe(0o755);
    expect(bb('755', 0o2755, true)).toBe(0o755);
  });

  it('busybox clears what = names before it reads the mode to copy or to test for X; GNU reads it first', () => {
    // parse_mode.c: `new_mode &= permlist` comes before the permcopy and the X test;
    // modechange.c: mode_adjust takes `value &= newmode` before applying the operator.
    expect(gnu('a=u', 0o744)).toBe(0o777);
    expect(bb('a=u', 0o744)).toBe(0o000);
    expect(gnu('a=X', 0o755)).toBe(0o111);
    expect(bb('a=X', 0o755)).toBe(0o000);
  });

  it('empty clauses are invalid in GNU and skipped by busybox', () => {
    expect(gnu('u+x,', 0o644)).toBeUndefined();
    expect(gnu('', 0o644)).toBeUndefined();
    expect(bb('u+x,', 0o644)).toBe(0o744);
    expect(bb('', 0o644)).toBe(0o644);
  });

  it('in this lab neither reads an octal number after an operator (GNU does: `=640`)', () => {
    expect(gnu('=640', 0o777)).toBeUndefined();
    expect(bb('=640', 0o777)).toBeUndefined();
  });
});

describe('ls -l mode column', () => {
  // coreutils lib/filemode.c and busybox libbb/mode_string.c: s/S in the x places for set-ID bits,
  // t/T in other's x place for the sticky bit (capital when the x bit under it is clear).
  it('shows the type letter, the nine permission letters and the special bits', () => {
    expect(modeString('file', 0o644)).toBe('-rw-r--r--');
    expect(modeString('dir', 0o755)).toBe('drwxr-xr-x');
    expect(modeString('symlink', 0o777)).toBe('lrwxrwxrwx');
    expect(modeString('file', 0o4755)).toBe('-rwsr-xr-x');
    expect(modeString('file', 0o4644)).toBe('-rwSr--r--');
    expect(modeString('dir', 0o2755)).toBe('drwxr-sr-x');
    expect(modeString('dir', 0o2745)).toBe('drwxr-Sr-x');
    expect(modeString('dir', 0o1777)).toBe('drwxrwxrwt');
    expect(modeString('dir', 0o1776)).toBe('drwxrwxrwT');
  });
});
