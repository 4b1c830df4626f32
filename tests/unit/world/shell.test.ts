import { describe, expect, it } from 'vitest';
import { getNode } from '../../../src/engine/fs/index.ts';
import { baseImageRoot, resolveBaseImage, runShell } from '../../../src/engine/world/index.ts';
import { fileSize, fileText, sh } from './helpers.ts';

describe('argv[0] and PATH resolution', () => {
  it('a missing /bin/sh fails the way runc reports it (FROM scratch)', async () => {
    const r = await sh('scratch', 'echo hi');
    expect(r.err).toBe('exec: "/bin/sh": stat /bin/sh: no such file or directory\n');
    expect(r.code).toBe(127);
    expect(r.out).toBe('');
  });

  it('exec form looks argv[0] up in PATH inside the image', async () => {
    const r = await sh('alpine', '', { argv: ['curl', '-V'] });
    expect(r.err).toBe('exec: "curl": executable file not found in $PATH\n');
    expect(r.code).toBe(127);
    const ok = await sh('alpine', '', { argv: ['echo', 'hello', 'world'] });
    expect(ok.out).toBe('hello world\n');
    expect(ok.code).toBe(0);
  });

  it('busybox ash says "/bin/sh: curl: not found" with 127; dash adds the line number; bash says "command not found"', async () => {
    const a = await sh('alpine:3.21', 'curl https://example.com');
    expect(a.err).toBe('/bin/sh: curl: not found\n');
    expect(a.code).toBe(127);
    const d = await sh('debian:bookworm-slim', 'curl https://example.com');
    expect(d.err).toBe('/bin/sh: 1: curl: not found\n');
    expect(d.code).toBe(127);
    const u = await sh('ubuntu:24.04', 'echo ok\ncurl https://example.com');
    expect(u.err).toBe('/bin/sh: 2: curl: not found\n');
    const b = await sh('debian:bookworm-slim', '', { argv: ['bash', '-c', 'nope'] });
    expect(b.err).toBe('bash: line 1: nope: command not found\n');
    expect(b.code).toBe(127);
  });

  it('bash does not exist on alpine until it is installed', async () => {
    const before = await sh('alpine', 'bash -c "echo hi"');
    expect(before.err).toBe('/bin/sh: bash: not found\n');
    const after = await sh('alpine', 'apk add --no-cache bash >/dev/null && bash -c "echo hi from \\$0"');
    expect(after.out).toBe('hi from bash\n');
    expect(after.code).toBe(0);
  });

  it('starts in the working directory, creating it when missing', async () => {
    const r = await sh('alpine', 'pwd && touch here', { cwd: '/srv/app' });
    expect(r.out).toBe('/srv/app\n');
    expect(getNode(r.root, '/srv/app/here')?.type).toBe('file');
  });

  it('a command removed from the image is no longer found', async () => {
    const r = await sh('alpine', 'rm /bin/ls; ls /');
    expect(r.err).toBe('/bin/sh: ls: not found\n');
    expect(r.code).toBe(127);
  });

  it('PATH set in the environment changes what is found', async () => {
    const r = await sh('alpine', 'PATH=/nowhere; ls');
    expect(r.err).toBe('/bin/sh: ls: not found\n');
    const abs = await sh('alpine', 'PATH=/nowhere; /bin/ls -d /etc');
    expect(abs.out).toBe('/etc\n');
  });

  it('a file without the execute bit is not a command', async () => {
    const r = await sh('alpine', 'printf "echo hi\\n" > /usr/local/bin/tool; tool; echo $?; chmod +x /usr/local/bin/tool; ./usr/local/bin/tool 2>&1; cd / && ./usr/local/bin/tool');
    expect(r.all).toContain('/bin/sh: tool: not found\n127\n');
  });

  it('scripts with a #! line run through their interpreter', async () => {
    const r = await sh('alpine', 'printf "#!/bin/sh\\necho script \\$1\\n" > /run.sh && chmod 755 /run.sh && /run.sh arg');
    expect(r.out).toBe('script arg\n');
  });
});

describe('shell syntax', () => {
  it('words, quotes and escapes', async () => {
    const r = await sh('alpine', `echo 'single $HOME' "double $HOME" esc\\ aped "a\\"b" ''empty`);
    expect(r.out).toBe('single $HOME double /root esc aped a"b empty\n');
  });

  it('$VAR, ${VAR} and the common modifiers', async () => {
    const r = await sh('alpine', 'A=abc.tar.gz; E=; echo ${A%.gz} ${A%%.*} ${A#*.} ${A##*.} ${#A} ${U:-dflt} ${E:-empty} ${E-set} ${A:+alt} ${N:=new} $N ${A/tar/zip}');
    expect(r.out).toBe('abc.tar abc tar.gz gz 10 dflt empty alt new new abc.zip.gz\n');
  });

  it('${VAR:?} stops the script with the message', async () => {
    const r = await sh('alpine', 'echo ${MISSING:?must be set}; echo never');
    expect(r.err).toBe('/bin/sh: MISSING: must be set\n');
    expect(r.out).toBe('');
    expect(r.code).toBe(2);
  });

  it('&&, ||, ; and exit codes', async () => {
    const r = await sh('alpine', 'false && echo no; true && echo yes; false || echo fallback; (exit 3); echo $?; ! false; echo $?');
    expect(r.out).toBe('yes\nfallback\n3\n0\n');
    expect((await sh('alpine', 'exit 42')).code).toBe(42);
    expect((await sh('alpine', 'false')).code).toBe(1);
  });

  it('pipes connect stdout to stdin', async () => {
    const r = await sh('alpine', 'printf "b\\na\\nc\\na\\n" | sort | uniq | wc -l');
    expect(r.out.trim()).toBe('3');
    const g = await sh('alpine', 'cat /etc/passwd | grep -c nologin');
    expect(g.out).toBe('13\n');
  });

  it('redirections > >> < 2>&1 and /dev/null', async () => {
    const r = await sh('alpine', 'echo one > /f; echo two >> /f; cat < /f; ls /nope 2>/dev/null; echo $?; ls /nope > /g 2>&1; cat /g');
    expect(r.out).toBe('one\ntwo\n1\nls: /nope: No such file or directory\n');
    expect(fileText(r.root, '/f')).toBe('one\ntwo\n');
    const d = await sh('alpine', 'echo x > /no/such/dir/f');
    expect(d.err).toBe("/bin/sh: can't create /no/such/dir/f: nonexistent directory\n");
    expect(d.code).toBe(1);
    const dd = await sh('debian:bookworm-slim', 'echo x > /no/such/dir/f');
    expect(dd.err).toBe('/bin/sh: 1: cannot create /no/such/dir/f: Directory nonexistent\n');
    expect(dd.code).toBe(2);
  });

  it('cd, export and the working directory', async () => {
    const r = await sh('alpine', 'mkdir -p /app/src && cd /app/src && pwd && export GREETING=hi && sh -c \'echo $GREETING from $PWD\'; cd ..; pwd');
    expect(r.out).toBe('/app/src\nhi from /app/src\n/app\n');
    const bad = await sh('alpine', 'cd /missing');
    expect(bad.err).toBe("/bin/sh: cd: line 1: can't cd to /missing: No such file or directory\n");
    expect(bad.code).toBe(2);
  });

  it('set -e stops at the first failure but not inside conditions', async () => {
    const r = await sh('alpine', 'set -e; if false; then :; fi; false || true; echo reached; false; echo never');
    expect(r.out).toBe('reached\n');
    expect(r.code).toBe(1);
  });

  it('pipefail works in bash (SHELL ["/bin/bash", "-o", "pipefail", "-c"]) and ash, and dash rejects it', async () => {
    const plain = await sh('alpine', 'false | true');
    expect(plain.code).toBe(0);
    const ash = await sh('alpine', 'set -o pipefail; false | true');
    expect(ash.code).toBe(1);
    const bash = await sh('debian:bookworm-slim', '', { argv: ['/bin/bash', '-o', 'pipefail', '-c', 'ls /nope | wc -l'] });
    expect(bash.out).toBe('0\n');
    expect(bash.code).toBe(2);
    const dash = await sh('debian:bookworm-slim', 'set -o pipefail');
    expect(dash.err).toBe('/bin/sh: 1: set: Illegal option -o pipefail\n');
    expect(dash.code).toBe(2);
  });

  it('set -x traces commands on stderr', async () => {
    const r = await sh('alpine', 'set -x; echo "a b" c');
    expect(r.err).toBe("+ echo 'a b' c\n");
    expect(r.out).toBe('a b c\n');
  });

  it('if / elif / else, for and while loops, break and continue', async () => {
    const r = await sh('alpine', 'for i in 1 2 3 4 5; do if [ $i -eq 2 ]; then continue; elif [ $i = 4 ]; then break; else echo $i; fi; done; n=0; while [ $n -lt 3 ]; do n=$((n+1)); done; echo n=$n; until true; do echo no; done');
    expect(r.out).toBe('1\n3\nn=3\n');
  });

  it('backslash continuation, comments, command substitution and arithmetic', async () => {
    const r = await sh('alpine', 'echo one \\\ntwo # a comment\nX=$(echo sub | tr a-z A-Z); echo "$X `echo back`" $((3 * (4 + 1)))');
    expect(r.out).toBe('one two\nSUB back 15\n');
  });

  it('globbing matches files in the image and keeps unmatched patterns', async () => {
    const r = await sh('alpine', 'mkdir /g && touch /g/a.txt /g/b.txt /g/c.log /g/.hidden && echo /g/*.txt && echo /g/*.none && cd /g && echo *');
    expect(r.out).toBe('/g/a.txt /g/b.txt\n/g/*.none\na.txt b.txt c.log\n');
  });

  it('while read consumes its input line by line', async () => {
    const r = await sh('alpine', 'printf "a\\nb c\\n" | while read x y; do echo "<$x|$y>"; done');
    expect(r.out).toBe('<a|>\n<b|c>\n');
    expect(r.code).toBe(0);
  });

  it('functions with arguments, local and return', async () => {
    const r = await sh('alpine', 'X=outer; greet() { local X="$1"; echo "hi $X ($#)"; return 3; }; greet you two; echo "$? $X"');
    expect(r.out).toBe('hi you (2)\n3 outer\n');
    const top = await sh('alpine', 'return 1');
    expect(top.code).toBe(1);
  });

  it('"$@" keeps arguments apart', async () => {
    const r = await sh('alpine', '', { argv: ['/bin/sh', '-c', 'for a in "$@"; do echo "[$a]"; done', 'sh', 'one two', 'three'] });
    expect(r.out).toBe('[one two]\n[three]\n');
  });

  it('syntax errors end the step with exit 2 in each shell\'s wording', async () => {
    // busybox shell/ash.c ash_vmsg(): `sh -c` without a $0 has no command name, so no "line N:".
    const a = await sh('alpine', 'if true; then echo x');
    expect(a.err).toBe('/bin/sh: syntax error: unexpected end of file (expecting "fi")\n');
    expect(a.code).toBe(2);
    const d = await sh('debian:bookworm-slim', 'if true; then echo x');
    expect(d.err).toBe('/bin/sh: 1: Syntax error: end of file unexpected (expecting "fi")\n');
    expect(d.code).toBe(2);
  });

  it.each([
    ['case $x in a) echo a;; esac', 'case statements'],
    ['select x in a b; do echo $x; done', 'select loops'],
    ['cat <<EOF\nhi\nEOF', 'here-documents'],
    ['sleep 1 &', 'background jobs'],
    ['echo ${X:1:2}', 'substring expansion'],
  ])('unsupported construct %j is named, never pretended', async (script, construct) => {
    const r = await sh('alpine', script);
    expect(r.err).toContain('this lab does not support');
    expect(r.err).toContain(construct);
    expect(r.code).toBe(2);
  });
});

describe('commands', () => {
  it('file commands change the tree: mkdir, touch, cp, mv, rm, ln, chmod, chown', async () => {
    const r = await sh('alpine', 'mkdir -p /a/b && echo hi > /a/b/f && cp -r /a /c && mv /c/b/f /c/g && ln -s /c/g /l && chmod 600 /c/g && adduser -D app && chown app:app /c/g && rm -r /a && cat /l');
    expect(r.out).toBe('hi\n');
    expect(r.code).toBe(0);
    expect(getNode(r.root, '/a')).toBeUndefined();
    expect(getNode(r.root, '/c/g')).toMatchObject({ type: 'file', mode: 0o600, uid: 1000, gid: 1000 });
    expect(getNode(r.root, '/l')).toMatchObject({ type: 'symlink', target: '/c/g' });
  });

  it('busybox and GNU tools word their errors differently', async () => {
    const a = await sh('alpine', 'cat /missing; rm /missing; mkdir /etc');
    expect(a.err).toBe("cat: can't open '/missing': No such file or directory\nrm: can't remove '/missing': No such file or directory\nmkdir: can't create directory '/etc': File exists\n");
    const d = await sh('debian:bookworm-slim', 'cat /missing; rm /missing; mkdir /etc; ls /missing');
    expect(d.err).toBe("cat: /missing: No such file or directory\nrm: cannot remove '/missing': No such file or directory\nmkdir: cannot create directory '/etc': File exists\nls: cannot access '/missing': No such file or directory\n");
    expect(d.code).toBe(2);
  });

  it('sed -i s///, grep, head, tail, wc', async () => {
    const r = await sh('alpine', 'printf "port=80\\nhost=a\\nport=81\\n" > /c && sed -i "s/port=\\([0-9]*\\)/PORT=\\1/g" /c && cat /c && grep -n host /c && head -n 1 /c && tail -1 /c && wc -l < /c');
    expect(r.out).toBe('PORT=80\nhost=a\nPORT=81\n2:host=a\nPORT=80\nPORT=81\n3\n');
    const miss = await sh('alpine', 'grep nothing /etc/passwd');
    expect(miss.code).toBe(1);
  });

  it('test and [ with files, strings and numbers', async () => {
    const r = await sh('alpine', '[ -d /etc ] && echo dir; [ -f /etc/passwd ] && echo file; [ -z "" ] && echo empty; [ 3 -gt 2 ] && echo gt; test -e /nope || echo missing; [ a = b ]; echo $?');
    expect(r.out).toBe('dir\nfile\nempty\ngt\nmissing\n1\n');
    const bad = await sh('alpine', '[ 1 -eq 1');
    expect(bad.err).toBe('/bin/sh: missing ]\n');
    expect(bad.code).toBe(2);
  });

  it('env, which, id, whoami, printf, echo -n, sleep adds simulated time', async () => {
    const r = await sh('alpine', 'FOO=bar env | grep FOO; which apk; id; whoami; printf "%s-%03d\\n" x 7; echo -n no-newline; echo');
    expect(r.out).toBe('FOO=bar\n/sbin/apk\nuid=0(root) gid=0(root) groups=0(root),1(bin),2(daemon),3(sys),4(adm),6(disk),10(wheel),11(floppy),20(dialout),26(tape),27(video)\nroot\nx-007\nno-newline\n');
    const s = await sh('alpine', 'sleep 2');
    expect(s.result.durationMs).toBeGreaterThanOrEqual(2000);
    expect(s.result.durationMs).toBeLessThan(2100);
  });

  it('adduser without -D fails on the password prompt, as in a real build', async () => {
    const r = await sh('alpine', 'adduser app');
    expect(r.out).toBe('Changing password for app\nNew password: \nRetype password: \n');
    expect(r.err).toBe('passwd: password for app is unchanged\n');
    expect(r.code).toBe(1);
    expect(fileText(r.root, '/etc/passwd')).toContain('app:x:1000:1000:Linux User,,,:/home/app:/bin/sh');
  });

  it('useradd and groupadd on debian', async () => {
    const r = await sh('debian:bookworm-slim', 'groupadd -g 1500 web && useradd -m -u 1500 -g web -s /bin/bash app && id app >/dev/null; useradd app');
    expect(r.err).toBe("useradd: user 'app' already exists\n");
    expect(r.code).toBe(9);
    expect(fileText(r.root, '/etc/passwd')).toContain('app:x:1500:1500::/home/app:/bin/bash\n');
    expect(fileText(r.root, '/etc/group')).toContain('web:x:1500:\n');
    expect(getNode(r.root, '/home/app')).toMatchObject({ type: 'dir', uid: 1500, gid: 1500 });
  });

  it('runs as the requested user and enforces permissions', async () => {
    const r = await sh('node:22-alpine', 'whoami; touch /etc/x; echo $?; touch ~/ok && ls ~', { user: 'node' });
    expect(r.out).toBe('node\n1\nok\n');
    expect(r.err).toBe("touch: /etc/x: Permission denied\n");
    const unknown = await sh('alpine', 'true', { user: 'nobody2' });
    expect(unknown.err).toBe('unable to find user nobody2: no matching entries in passwd file\n');
  });

  it('id and whoami for other users', async () => {
    const r = await sh('ubuntu:24.04', 'id ubuntu; id nobody2');
    expect(r.out).toBe('uid=1000(ubuntu) gid=1000(ubuntu) groups=1000(ubuntu)\n');
    expect(r.err).toBe("id: 'nobody2': no such user\n");
  });

  it('programs the lab does not simulate say so instead of pretending', async () => {
    const r = await sh('python:3.12-slim', 'python3 -c "print(1)"');
    expect(r.err).toBe('In this lab, python3 programs are not simulated; only `python3 --version` is.\n');
    expect(r.code).toBe(2);
    const g = await sh('alpine', 'apk add --no-cache git >/dev/null && git --version && git clone https://example.com/repo.git');
    expect(g.out).toBe('git version 2.47.1\n');
    expect(g.err).toContain('In this lab, git clone is not simulated');
    expect(g.code).toBe(2);
  });

  it('tar creates and extracts real archives', async () => {
    const r = await sh('alpine', 'mkdir -p /src/d && echo hello > /src/d/f && cd /src && tar -czf /a.tgz d && mkdir /out && tar -xzf /a.tgz -C /out && cat /out/d/f && tar -tzf /a.tgz');
    expect(r.out).toBe('hello\nd/\nd/f\n');
    const gz = getNode(r.root, '/a.tgz');
    expect(gz?.type === 'file' && gz.content.kind === 'bytes' && [...gz.content.data.slice(0, 2)]).toEqual([0x1f, 0x8b]);
  });

  it('curl and wget fetch only from the toy web', async () => {
    const r = await sh('alpine', 'apk add --no-cache curl >/dev/null && curl -fsSL https://example.com | grep -c "Example Domain"; curl -fsS https://nowhere.invalid/x; echo $?; wget -q -O /tini https://github.com/krallin/tini/releases/download/v0.19.0/tini; echo $?');
    expect(r.out).toBe('2\n6\n0\n');
    expect(r.err).toContain('curl: (6) Could not resolve host: nowhere.invalid');
    expect(fileSize(r.root, '/tini')).toBe(24_064);
    const off = await sh('alpine', 'wget -q https://example.com', { network: 'none' });
    expect(off.err).toBe("wget: bad address 'example.com'\n");
    expect(off.code).toBe(1);
  });

  it('go build turns main.go into a binary of plausible size', async () => {
    const src = 'package main\\n\\nimport \\"net/http\\"\\n\\nfunc main() { http.ListenAndServe(\\":8080\\", nil) }\\n';
    const r = await sh('golang:1.23-alpine', `mkdir /src && cd /src && printf "${src}" > main.go && go build .; echo $?; printf "module example.com/hello\\n\\ngo 1.23\\n" > go.mod && go build -o /app . && ls -l /app`);
    expect(r.err).toBe("go: go.mod file not found in current directory or any parent directory; see 'go help modules'\n");
    expect(r.out.startsWith('1\n-rwxr-xr-x')).toBe(true);
    const size = fileSize(r.root, '/app')!;
    // A net/http server built with Go 1.23 is roughly 7-8 MB.
    expect(size).toBeGreaterThan(7_000_000);
    expect(size).toBeLessThan(9_000_000);
    const v = await sh('golang:1.23-alpine', 'go version');
    expect(v.out).toBe('go version go1.23.4 linux/amd64\n');
  });
});

describe('limits', () => {
  it('while true; do :; done ends quickly with a clear step-limit error', async () => {
    const t0 = performance.now();
    const r = await sh('alpine', 'while true; do :; done');
    expect(performance.now() - t0).toBeLessThan(10_000);
    expect(r.result.limitExceeded).toBe('steps');
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('at most 100000 shell steps');
  });

  it('output is capped', async () => {
    const r = await sh('alpine', 'yes', { limits: { maxOutputBytes: 1000 } });
    expect(r.result.limitExceeded).toBe('output');
    expect(r.out.length).toBeLessThanOrEqual(1000);
    expect(r.err).toContain('at most 1000 bytes of output');
  });

  it('written bytes are capped', async () => {
    const r = await sh('debian:bookworm-slim', 'apt-get update', { limits: { maxWrittenBytes: 10_000_000 } });
    expect(r.result.limitExceeded).toBe('written');
    expect(r.err).toContain('at most 10000000 bytes');
  });

  it('an aborted signal stops the run', async () => {
    const ctl = new AbortController();
    ctl.abort();
    const r = await runShell({ root: baseImageRoot(resolveBaseImage('alpine')!), argv: ['/bin/sh', '-c', 'echo hi'], env: {}, cwd: '/', user: 'root', signal: ctl.signal });
    expect(r.limitExceeded).toBe('aborted');
  });

  it('durations are deterministic and grow with the work done', async () => {
    const a = await sh('alpine', 'apk add --no-cache curl');
    const b = await sh('alpine', 'apk add --no-cache curl');
    const c = await sh('alpine', 'apk add --no-cache git');
    expect(a.result.durationMs).toBe(b.result.durationMs);
    expect(c.result.durationMs).toBeGreaterThan(a.result.durationMs);
  });
});
