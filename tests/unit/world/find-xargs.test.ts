// find -exec and xargs as findutils documents them (find.1 "-exec command ;" and "-exec command {} +",
// xargs.1 "EXIT STATUS"), and programs the lab lacks saying so.
import { describe, expect, it } from 'vitest';
import { sh } from './helpers.ts';

const TREE = 'mkdir -p /d/s; touch /d/a.pyc /d/s/b.pyc /d/c.txt';

describe('find -exec', () => {
  it('-exec … {} + runs once with every match; -exec … ; once per match', async () => {
    const r = await sh('debian:bookworm-slim', `${TREE}; find /d -name "*.pyc" -exec rm -f {} +; find /d -type f -exec echo file: {} \\;`);
    expect(r.out).toBe('file: /d/c.txt\n');
    expect(r.code).toBe(0);
  });

  it('a missing command is find\'s own error; a missing ; is "missing argument"', async () => {
    const r = await sh('debian:bookworm-slim', `${TREE}; find /d/c.txt -exec nope {} \\; ; echo $?; find /d -exec echo`);
    expect(r.err).toBe("find: 'nope': No such file or directory\nfind: missing argument to `-exec'\n");
    expect(r.out).toBe('1\n');
  });

  it('a real predicate the lab lacks is not simulated; a made-up one is unknown', async () => {
    const r = await sh('debian:bookworm-slim', 'find / -size +1k; find / -frob');
    expect(r.err).toBe("In this lab, find's -size is not simulated; -name, -iname, -type, -maxdepth, -mindepth, -print, -delete and -exec are.\nfind: unknown predicate `-frob'\n");
  });
});

describe('xargs', () => {
  it('runs echo by default, -n per run, -I per line, -r on empty input', async () => {
    const r = await sh('alpine:3.21', 'mkdir -p /d; touch /d/a /d/b; ls /d | xargs; ls /d | xargs -n1 echo x; echo "a b" | xargs -I{} echo [{}]; printf "" | xargs -r echo no');
    expect(r.out).toBe('a b\nx a\nx b\n[a b]\n');
  });

  it('feeds file names to rm, quotes respected', async () => {
    const r = await sh('debian:bookworm-slim', 'mkdir -p /d; touch "/d/x y" /d/z; printf "\'/d/x y\' /d/z" | xargs rm; ls /d | wc -l');
    expect(r.out).toBe('0\n');
  });

  it('exits 123 when a run fails and 127 when the command is missing', async () => {
    const r = await sh('debian:bookworm-slim', 'echo /nope | xargs ls 2>/dev/null; echo $?; echo q | xargs nope; echo $?');
    expect(r.out).toBe('123\n127\n');
    expect(r.err).toBe('xargs: nope: No such file or directory\n');
  });
});

describe('programs the lab lacks', () => {
  it('a busybox applet the lab lacks is not simulated (never "applet not found")', async () => {
    const r = await sh('alpine:3.21', 'md5sum /etc/hostname');
    expect(r.err).toBe("In this lab, busybox's md5sum applet is not simulated.\n");
    expect(r.code).toBe(126);
  });
});
