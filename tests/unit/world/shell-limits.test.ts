// Malformed and runaway scripts end in bounded time with the shell's own message or a plain lab
// limit, never with JavaScript's words (issue 13 items 1 and 11).
import { describe, expect, it } from 'vitest';
import { sh } from './helpers.ts';

const JS_TEXT = /TypeError|RangeError|SyntaxError:|ReferenceError|Maximum call stack|Invalid (string|regular|array)|undefined|\bat .*\.ts:\d+/;

describe('a typo in a for list is a syntax error, not a hang', () => {
  // busybox shell/ash.c list()/parse_command(): after `in`, only words until ; or newline, else
  // raise_error_unexpected_syntax(-1) -> "syntax error: unexpected <tokname>"; tokname() quotes
  // operators and leaves "redirection" bare. ash_vmsg() adds no "line N:" for `sh -c` without $0.
  it.each([
    ['for i in (1 2 3); do echo $i; done', '/bin/sh: syntax error: unexpected "("\n'],
    ['for f in *.txt); do echo $f; done', '/bin/sh: syntax error: unexpected ")"\n'],
    ['for i in a | b; do :; done', '/bin/sh: syntax error: unexpected "|"\n'],
    ['for i in a > b; do :; done', '/bin/sh: syntax error: unexpected redirection\n'],
    ['for i in a && b; do :; done', '/bin/sh: syntax error: unexpected "&&"\n'],
  ])('ash: %j', async (script, message) => {
    const r = await sh('alpine:3.21', script);
    expect(r.err).toBe(message);
    expect(r.out).toBe('');
    expect(r.code).toBe(2);
  });

  // dash src/parser.c synexpect(): `Syntax error: "(" unexpected`, with the line number.
  it('dash words it its own way', async () => {
    const r = await sh('debian:bookworm-slim', 'for i in (1 2 3); do echo $i; done');
    expect(r.err).toBe('/bin/sh: 1: Syntax error: "(" unexpected\n');
    expect(r.code).toBe(2);
    const redir = await sh('debian:bookworm-slim', 'echo ok\nfor i in a > b; do :; done');
    expect(redir.err).toBe('/bin/sh: 2: Syntax error: redirection unexpected\n');
  });

  it('bash names the token it met', async () => {
    const r = await sh('debian:bookworm-slim', '', { argv: ['bash', '-c', 'for i in (1 2 3); do echo $i; done'] });
    expect(r.err).toBe("bash: -c: line 1: syntax error near unexpected token `('\n");
    expect(r.code).toBe(2);
  });

  it('a script file or a named -c keeps ash\'s "line N:"', async () => {
    const r = await sh('alpine:3.21', 'printf "echo a\\nfor i in (1); do :; done\\n" > /s.sh; sh /s.sh; sh -c "for x in ("  named');
    expect(r.err).toBe('/s.sh: line 2: syntax error: unexpected "("\nnamed: line 1: syntax error: unexpected "("\n');
  });
});

describe('nesting and growth stop at a lab limit in plain words', () => {
  it('deeply nested parentheses stop the parser', async () => {
    const r = await sh('alpine:3.21', `${'('.repeat(5000)}echo hi${')'.repeat(5000)}`);
    expect(r.err).toBe('/bin/sh: In this lab, shell constructs may nest at most 100 levels deep; this script nests deeper.\n');
    expect(r.code).toBe(2);
  });

  it('nested $( and ${ stop the parser the same way', async () => {
    const r = await sh('alpine:3.21', `echo ${'$('.repeat(3000)}x${')'.repeat(3000)} ${'${a:-'.repeat(3000)}${'}'.repeat(3000)}`);
    expect(r.err).toContain('In this lab, shell constructs may nest at most 100 levels deep');
    expect(r.all).not.toMatch(JS_TEXT);
  });

  it('a function that calls itself without end stops at the nesting limit', async () => {
    const r = await sh('alpine:3.21', 'f() { f; }; f');
    expect(r.err).toBe('In this lab, functions, subshells and nested shells may go at most 200 levels deep; this RUN was stopped there (a function that calls itself without end never finishes).\n');
    expect(r.code).toBe(137);
    expect(r.result.limitExceeded).toBe('nesting');
  });

  it('a script that runs itself stops the same way', async () => {
    const r = await sh('alpine:3.21', 'echo "sh /again.sh" > /again.sh; sh /again.sh');
    expect(r.result.limitExceeded).toBe('nesting');
    expect(r.all).not.toMatch(JS_TEXT);
  });

  it('recursion through $( … ) and eval stops the same way', async () => {
    const a = await sh('alpine:3.21', 'f() { echo $(f); }; f');
    expect(a.result.limitExceeded).toBe('nesting');
    const b = await sh('alpine:3.21', 'g() { eval g; }; g');
    expect(b.result.limitExceeded).toBe('nesting');
  });

  it('a doubling variable stops at the value size limit', async () => {
    const r = await sh('alpine:3.21', 'x=a; while :; do x=$x$x; done');
    expect(r.err).toBe("In this lab, one shell value (a variable, a word or a command's captured output) may hold at most 16 MiB; this RUN was stopped there.\n");
    expect(r.code).toBe(137);
    expect(r.result.limitExceeded).toBe('string');
  });

  it('a doubling file stops at the file size limit', async () => {
    const r = await sh('alpine:3.21', 'echo 0123456789abcdef > /f; while :; do cat /f /f > /g; mv /g /f; done');
    expect(r.all).not.toMatch(JS_TEXT);
    expect(r.code).toBe(137);
    expect(r.result.limitExceeded).toBeDefined();
  });

  it('a pipe fed without end stops at a limit', async () => {
    const r = await sh('alpine:3.21', 'yes | wc -l');
    expect(r.all).not.toMatch(JS_TEXT);
    expect(r.code).toBe(137);
  });
});

describe('command names are looked up in the shell\'s own tables only', () => {
  // Issue 13 item 11: `valueOf`, `toString` or `__proto__` as a command must be "not found".
  it.each(['valueOf', 'toString', '__proto__', 'constructor', 'hasOwnProperty'])('%s is not found', async (name) => {
    const a = await sh('alpine:3.21', `${name}; command -v ${name}; echo $?`);
    expect(a.err).toBe(`/bin/sh: ${name}: not found\n`);
    expect(a.out).toBe('1\n');
    const d = await sh('debian:bookworm-slim', name);
    expect(d.err).toBe(`/bin/sh: 1: ${name}: not found\n`);
    expect(d.code).toBe(127);
  });

  it('a character class named like an object property matches nothing', async () => {
    const r = await sh('alpine:3.21', 'touch /tmp/c; cd /tmp; echo [[:constructor:]]');
    expect(r.out).toBe('[[:constructor:]]\n');
  });
});

describe('patterns the C library would refuse get its words', () => {
  // dash src/expand.c pmatch() (shared by busybox ash): a range whose end sorts before its start
  // matches nothing, so the word stays as typed; no error.
  it('[z-a] in a glob matches nothing and stays literal', async () => {
    const r = await sh('alpine:3.21', 'touch /tmp/b.txt; cd /tmp; echo [z-a]*; echo [!z-a].txt; v=abc; echo ${v#[z-a]} ${v#[[:alpha:]]}');
    expect(r.out).toBe('[z-a]*\nb.txt\nabc bc\n');
    expect(r.err).toBe('');
  });

  // glibc posix/regcomp.c: REG_ERANGE is "Invalid range end"; GNU grep prints it after "grep: ",
  // busybox libbb/xregcomp.c prints "bad regex '<pattern>': <regerror>". Both exit 2.
  it('grep with a reversed range says "Invalid range end"', async () => {
    const b = await sh('alpine:3.21', 'echo a | grep "[z-a]"');
    expect(b.err).toBe("grep: bad regex '[z-a]': Invalid range end\n");
    expect(b.code).toBe(2);
    const g = await sh('debian:bookworm-slim', 'echo a | grep "[z-a]"');
    expect(g.err).toBe('grep: Invalid range end\n');
    expect(g.code).toBe(2);
  });

  it('grep -E with an open group says "Unmatched ( or \\("', async () => {
    const g = await sh('debian:bookworm-slim', 'echo a | grep -E "(a"');
    expect(g.err).toBe('grep: Unmatched ( or \\(\n');
  });

  it('sed with a reversed range names the regerror text, not JavaScript', async () => {
    const r = await sh('debian:bookworm-slim', 'echo a | sed "s/[z-a]/x/"');
    expect(r.err).toMatch(/^sed: -e expression #1, char \d+: Invalid range end\n$/);
    expect(r.all).not.toMatch(JS_TEXT);
  });
});

describe('pattern matching cannot backtrack without end', () => {
  // The matcher walks text and pattern once per `*` restart (no regular expression), so a pattern
  // with many stars against a long value ends quickly or at the step limit, never freezing the tab.
  it('many stars against a long value end at a result or a lab limit', async () => {
    const r = await sh('alpine:3.21', 'x=$(seq 1 3000); y=${x#*1*1*1*1*1*1*1*1*9999}; echo ${#y}; case_ok=1');
    expect(r.all).not.toMatch(JS_TEXT);
    expect([0, 137]).toContain(r.code);
    const short = await sh('alpine:3.21', 'x=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa; echo ${x#*a*a*a*a*a*a*b}');
    expect(short.out).toBe('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n');
  });

  it('${v//pat/rep}: quoted and escaped characters are literal, `/` inside brackets does not end the pattern', async () => {
    const r = await sh('alpine:3.21', 'x=a/b/c.tar.gz; echo ${x//[.\\/]/_} ${x//\\*/s} ${x//"."/-} ${x/\\//:} ${x#*"/"}');
    expect(r.out).toBe('a_b_c_tar_gz a/b/c.tar.gz a/b/c-tar-gz a:b/c.tar.gz b/c.tar.gz\n');
  });
});

describe('found by the fuzz', () => {
  // `ln .` (one operand) links into the working directory; the name it reports must be there.
  it('ln with one operand names the link it could not make', async () => {
    const g = await sh('debian:bookworm-slim', 'cd /tmp && touch f && ln -s f');
    expect(g.err).toBe("ln: failed to create symbolic link './f': File exists\n");
    const b = await sh('alpine:3.21', 'cd / && ln .');
    expect(b.err).toBe('ln: .: File exists\n');
    expect(b.all).not.toMatch(JS_TEXT);
  });
});
