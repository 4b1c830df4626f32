// What cp, mv and rm decide before touching files, and the shared option parser. Expected values
// come from POSIX and the two implementations: coreutils cp.c/mv.c (target_directory_operand, the
// DEST/NAME target built by file_name_concat from the source's last component), copy.c ("are the
// same file", "cannot copy a directory, %s, into itself, %s"), remove.c (". or .." refused);
// busybox cp.c/mv.c (concat_path_file(dest, bb_get_last_path_component_strip(src))), rm.c
// (DOT_OR_DOTDOT of the last component, trailing slashes stripped).
import { describe, expect, it } from 'vitest';
import { isDotOrDotDot, lastComponent, overlap, parseOpts, splitSpecArgs, transferTarget } from '../../../src/engine/fs/index.ts';

describe('cp and mv targets', () => {
  it('a directory DEST receives the source under its last component; otherwise DEST is the target', () => {
    expect(transferTarget('src/a.txt', 'out', '/w/out', true)).toEqual({ path: '/w/out/a.txt', shown: 'out/a.txt' });
    expect(transferTarget('src/', 'out/', '/w/out', true)).toEqual({ path: '/w/out/src', shown: 'out/src' });
    expect(transferTarget('a.txt', 'b.txt', '/w/b.txt', false)).toEqual({ path: '/w/b.txt', shown: 'b.txt' });
    // `cp -r . dir` copies into dir/. — dir itself, where the contents merge.
    expect(transferTarget('.', 'dir', '/w/dir', true).path).toBe('/w/dir');
  });

  it('a source that is its own target, or a directory whose target lies inside it', () => {
    expect(overlap('/w/a', '/w/a')).toBe('same');
    expect(overlap('/w/a', '/w/a/b/a')).toBe('inside');
    expect(overlap('/w/a', '/w/ab')).toBeUndefined();
    expect(overlap('/w/a/b', '/w/a')).toBeUndefined();
  });

  it('the last component ignores trailing slashes', () => {
    expect(lastComponent('a/b/')).toBe('b');
    expect(lastComponent('b')).toBe('b');
    expect(lastComponent('/')).toBe('/');
  });
});

describe('rm refuses . and ..', () => {
  it('by the operand\'s last component', () => {
    for (const op of ['.', '..', './', 'a/.', 'a/..', '../..']) expect(isDotOrDotDot(op)).toBe(true);
    for (const op of ['a', '.a', '..a', 'a./', '/']) expect(isDotOrDotDot(op)).toBe(false);
  });
});

describe('option parsing', () => {
  it('bundled letters, values, long names and --, as getopt_long reads them', () => {
    const o = parseOpts(['-rf', '-m', '755', '--parents', 'a', '--', '-b'], { flags: 'rfp', values: 'm', long: { parents: 'p' } });
    expect([...o.flags].sort()).toEqual(['f', 'p', 'r']);
    expect(o.values.get('m')).toEqual(['755']);
    expect(o.rest).toEqual(['a', '-b']);
    expect(o.bad).toBeUndefined();
    expect(parseOpts(['-x'], { flags: 'r' }).bad).toBe('-x');
    expect(parseOpts(['--nope'], { flags: 'r' }).bad).toBe('--nope');
  });

  it('-5 is an operand for programs that take numbers, an unknown option for the others', () => {
    expect(parseOpts(['-5'], { flags: 'n' }).rest).toEqual(['-5']);
    expect(parseOpts(['-5'], { flags: 'n', numbersAreOperands: false }).bad).toBe('-5');
  });

  it('chmod and chown: a spec may start with -; option words may stand anywhere before --', () => {
    expect(splitSpecArgs(['-x', 'f'], 'Rcfv')).toEqual({ flags: new Set(), spec: '-x', files: ['f'] });
    expect(splitSpecArgs(['-R', 'u+x', 'd'], 'Rcfv')).toEqual({ flags: new Set(['R']), spec: 'u+x', files: ['d'] });
    expect(splitSpecArgs(['755', 'd', '-Rv'], 'Rcfv')).toEqual({ flags: new Set(['R', 'v']), spec: '755', files: ['d'] });
    expect(splitSpecArgs(['-R', '--', '-w', '-R'], 'Rcfv')).toEqual({ flags: new Set(['R']), spec: '-w', files: ['-R'] });
  });
});
