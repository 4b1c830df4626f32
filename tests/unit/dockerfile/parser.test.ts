import { describe, expect, it } from 'vitest';
import { dumpAst, parseAst, parseDockerfile, DockerfileSyntaxError } from '../../../src/engine/dockerfile/index.ts';

/** Dump helper: BuildKit's AST dump of our own Dockerfiles (expected values written from BuildKit's rules). */
const dump = (s: string) => dumpAst(s);

describe('lines, comments and continuations', () => {
  it('joins continuation lines without adding a space and keeps continuation indentation', () => {
    expect(dump('FROM a\nRUN echo one\\\ntwo\n')).toBe('(from "a")\n(run "echo onetwo")\n');
    expect(dump('FROM a\nRUN echo one \\\n   two\n')).toBe('(from "a")\n(run "echo one    two")\n');
  });

  it('trims leading whitespace of the first line only', () => {
    expect(dump('   FROM a\n\t RUN x\n')).toBe('(from "a")\n(run "x")\n');
  });

  it('drops comment lines and skips empty lines inside a continuation, warning about the empty ones', () => {
    const text = 'FROM a\nRUN apk add \\\n# a comment\n\n    curl\n';
    expect(dump(text)).toBe('(from "a")\n(run "apk add     curl")\n');
    const ast = parseAst(text);
    expect(ast.warnings).toHaveLength(1);
    expect(ast.warnings[0]!.rule).toBe('NoEmptyContinuation');
    expect(ast.warnings[0]!.range.start.line).toBe(5);
  });

  it('continues after an escape followed by trailing blanks, and accepts a continuation at end of file', () => {
    expect(dump('FROM a\nRUN x \\  \n y\n')).toBe('(from "a")\n(run "x  y")\n');
    // The joined line is "RUN x " and the arguments are trimmed.
    expect(dump('FROM a\nRUN x \\')).toBe('(from "a")\n(run "x")\n');
  });

  it('treats # inside a line as an ordinary character', () => {
    expect(dump('FROM a\nRUN echo #not a comment\n')).toBe('(from "a")\n(run "echo #not a comment")\n');
  });

  it('strips a UTF-8 byte order mark and handles CRLF line endings', () => {
    expect(dump('\uFEFFFROM a\r\nRUN b\r\n')).toBe('(from "a")\n(run "b")\n');
  });

  it('reads instruction names case-insensitively and dumps them in lower case', () => {
    expect(dump('from a\nRuN b\nCoPy x y\n')).toBe('(from "a")\n(run "b")\n(copy "x" "y")\n');
  });
});

describe('parser directives', () => {
  it('honours escape=` for continuations', () => {
    const text = '# escape=`\nFROM a\nRUN dir c:\\ `\n  d\n';
    expect(dump(text)).toBe('(from "a")\n(run "dir c:\\\\   d")\n');
    expect(parseAst(text).escape).toBe('`');
  });

  it('stops looking for directives after the first other line', () => {
    const ast = parseAst('# hello\n# escape=`\nFROM a\n');
    expect(ast.escape).toBe('\\');
    const ast2 = parseAst('FROM a\n# escape=`\n');
    expect(ast2.escape).toBe('\\');
  });

  it('reads syntax and check, case-insensitive keys', () => {
    const ast = parseAst('# SYNTAX = docker/dockerfile:1\n#check=skip=JSONArgsRecommended\nFROM a\n');
    expect(ast.syntax).toBe('docker/dockerfile:1');
    expect(ast.check).toBe('skip=JSONArgsRecommended');
  });

  it('rejects a repeated directive and an invalid escape token', () => {
    expect(() => parseAst('# escape=`\n# escape=\\\nFROM a\n')).toThrow('only one escape parser directive can be used');
    expect(() => parseAst('# escape=x\nFROM a\n')).toThrow("invalid escape token 'x' does not match ` or \\");
  });
});

describe('flags and argument forms', () => {
  it('collects --flags until the first other word, processing quotes; -- ends the flags', () => {
    expect(dump('FROM a\nCOPY --from=b --chown="1 2" x y\n')).toBe('(from "a")\n(copy ["--from=b" "--chown=1 2"] "x" "y")\n');
    expect(dump('FROM a\nCOPY -- --x y\n')).toBe('(from "a")\n(copy "--x" "y")\n');
  });

  it('parses JSON form and falls back silently to shell form on invalid JSON', () => {
    expect(dump('FROM a\nCMD ["a", "b c"]\n')).toBe('(from "a")\n(cmd "a" "b c")\n');
    expect(dump("FROM a\nCMD ['a']\n")).toBe('(from "a")\n(cmd "[\'a\']")\n');
    expect(dump('FROM a\nCMD []\n')).toBe('(from "a")\n(cmd)\n');
    expect(dump('FROM a\nCOPY ["a b", "c"]\n')).toBe('(from "a")\n(copy "a b" "c")\n');
  });

  it('rejects JSON arrays that hold non-strings', () => {
    expect(() => parseAst('FROM a\nCMD ["a", 1]\n')).toThrow(
      'when using JSON array syntax, arrays must be comprised of strings only',
    );
  });

  it('reads ENV and LABEL in both forms', () => {
    expect(dump('FROM a\nENV A b c\n')).toBe('(from "a")\n(env "A" "b c" "")\n');
    expect(dump('FROM a\nENV A=1 B="x y"\n')).toBe('(from "a")\n(env "A" "1" "=" "B" "\\"x y\\"" "=")\n');
    expect(dump('FROM a\nLABEL k=v\n')).toBe('(from "a")\n(label "k" "v" "=")\n');
    expect(() => parseAst('FROM a\nENV PATH\n')).toThrow('ENV must have two arguments');
    expect(() => parseAst('FROM a\nLABEL x\n')).toThrow('LABEL must have two arguments');
    expect(() => parseAst('FROM a\nENV a=b c\n')).toThrow(
      'Syntax error - can\'t find = in "c". Must be of the form: name=value',
    );
  });

  it('splits ARG into words, nests ONBUILD, and keeps HEALTHCHECK type and command', () => {
    expect(dump('FROM a\nARG x y=1\n')).toBe('(from "a")\n(arg "x" "y=1")\n');
    expect(dump('FROM a\nONBUILD RUN echo hi\n')).toBe('(from "a")\n(onbuild (run "echo hi"))\n');
    expect(dump('FROM a\nonbuild COPY --from=x a b\n')).toBe('(from "a")\n(onbuild (copy ["--from=x"] "a" "b"))\n');
    expect(dump('FROM a\nONBUILD\n')).toBe('(from "a")\n(onbuild)\n');
    expect(dump('FROM a\nHEALTHCHECK --interval=5s CMD curl -f x\n')).toBe(
      '(from "a")\n(healthcheck ["--interval=5s"] "CMD" "curl -f x")\n',
    );
    expect(dump('FROM a\nHEALTHCHECK NONE\n')).toBe('(from "a")\n(healthcheck "NONE")\n');
  });

  it('splits ARG words keeping quotes and escapes, dropping only a final unpaired escape', () => {
    expect(dump('FROM a\nARG foo\\ bar\n')).toBe('(from "a")\n(arg "foo\\\\ bar")\n');
    expect(dump('FROM a\nARG a \'b c\' "d e" f=""\n')).toBe('(from "a")\n(arg "a" "\'b c\'" "\\"d e\\"" "f=\\"\\"")\n');
    expect(dump('FROM a\nARG föo bàr="âbc xÿz"\n')).toBe('(from "a")\n(arg "föo" "bàr=\\"âbc xÿz\\"")\n');
    // Three backslashes: no continuation (the continuation regex needs a non-escape before the last one);
    // the first escapes the second and the unpaired last one is dropped.
    expect(dump('FROM a\nARG a\\\\\\\n')).toBe('(from "a")\n(arg "a\\\\\\\\")\n');
  });

  it('dumps an unknown instruction with an empty argument, as BuildKit does', () => {
    expect(dump('FROM a\nFOO bar\n')).toBe('(from "a")\n(foo "")\n');
  });

  it('quotes non-printable characters like Go %q', () => {
    expect(dump('FROM a\nRUN a\tb\u0001\u00a0é\n')).toBe('(from "a")\n(run "a\\tb\\x01\\u00a0é")\n');
  });
});

describe('heredocs', () => {
  it('reads several heredocs in order, verbatim, with quoted and chomped delimiters', () => {
    const text = 'FROM a\nCOPY <<one <<-"two" /dest/\nline $X\n  # not a comment \\\none\n\tx\n\ttwo\n';
    const ast = parseAst(text);
    const node = ast.children[1]!;
    expect(node.heredocs.map((h) => [h.name, h.content, h.expand, h.chomp])).toEqual([
      ['one', 'line $X\n  # not a comment \\\n', true, false],
      ['two', '\tx\n', false, true],
    ]);
    // "\ttwo" does not end heredoc "two" without <<-, so parsing fails:
    expect(() => parseAst('FROM a\nRUN <<EOF\nx\n\tEOF\n')).toThrow('unterminated heredoc');
    const chomp = parseAst('FROM a\nRUN <<-EOF\n\tx\n\tEOF\n').children[1]!;
    expect(chomp.heredocs[0]!.chomp).toBe(true);
    expect(chomp.heredocs[0]!.content).toBe('\tx\n');
  });

  it('allows a file descriptor and space after <<', () => {
    const node = parseAst('FROM a\nRUN 3<<  EOF cat /dev/fd/3\nhi\nEOF\n').children[1]!;
    expect(node.heredocs[0]!.name).toBe('EOF');
    expect(node.heredocs[0]!.fileDescriptor).toBe(3);
  });

  it('ignores << in JSON form and in instructions that take no heredocs', () => {
    expect(parseAst('FROM a\nRUN ["cat", "<<EOF"]\n').children[1]!.heredocs).toEqual([]);
    expect(dump('FROM a\nENV A=<<EOF\nRUN x\n')).toBe('(from "a")\n(env "A" "<<EOF" "=")\n(run "x")\n');
  });

  it('gives each heredoc a range from the marker to the terminator', () => {
    const node = parseAst('FROM a\nRUN cat <<EOF\nhi\nEOF\n').children[1]!;
    expect(node.heredocs[0]!.range).toEqual({ start: { line: 2, column: 8 }, end: { line: 4, column: 3 } });
    expect(node.range.end.line).toBe(4);
  });
});

describe('source ranges', () => {
  it('maps flags and arguments back to their lines and columns, across continuations', () => {
    const ast = parseAst('FROM a\n  COPY --chown=1 \\\n    src dest\n');
    const node = ast.children[1]!;
    expect(node.range.start).toEqual({ line: 2, column: 2 });
    expect(node.range.end.line).toBe(3);
    expect(node.flags[0]!.range).toEqual({ start: { line: 2, column: 7 }, end: { line: 2, column: 16 } });
    expect(node.tokens.map((t) => [t.value, t.range.start])).toEqual([
      ['src', { line: 3, column: 4 }],
      ['dest', { line: 3, column: 8 }],
    ]);
  });
});

describe('whole-file errors and limits', () => {
  it('refuses empty files and files without instructions', () => {
    const empty = parseDockerfile('');
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.error.message).toBe('the Dockerfile cannot be empty');
    const comments = parseDockerfile('# only\n\n# comments\n');
    expect(comments.ok).toBe(false);
    if (!comments.ok) expect(comments.error.message).toBe('file with no instructions');
  });

  it('fails on a line of 65,536 bytes or more, and accepts 65,535', () => {
    const ok = parseDockerfile('FROM a\nRUN ' + 'x'.repeat(65535 - 4) + '\n');
    expect(ok.ok).toBe(true);
    const bad = parseDockerfile('FROM a\nRUN ' + 'x'.repeat(65536 - 4) + '\n');
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.message).toBe('dockerfile line greater than max allowed size of 65535');
      expect(bad.error.line).toBe(2);
    }
    // Multi-byte characters count as bytes: 21,846 × "é" (2 bytes) = 43,692 bytes is fine; 3-byte "€" × 21,846 is not.
    expect(parseDockerfile('FROM a\nRUN ' + 'é'.repeat(21846) + '\n').ok).toBe(true);
    expect(parseDockerfile('FROM a\nRUN ' + '€'.repeat(21846) + '\n').ok).toBe(false);
  });

  it('parses a 1 MB Dockerfile and refuses one over 1 MiB with a clear limit message', () => {
    const line = 'RUN echo ' + 'a'.repeat(90) + '\n'; // 100 bytes
    const oneMB = 'FROM a\n' + line.repeat(Math.floor((1_000_000 - 7) / 100));
    expect(oneMB.length).toBeLessThanOrEqual(1_000_000);
    const r = parseDockerfile(oneMB);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.dockerfile.stages[0]!.instructions.length).toBe(Math.floor((1_000_000 - 7) / 100));
    const big = 'FROM a\n' + line.repeat(10_500);
    const rb = parseDockerfile(big);
    expect(rb.ok).toBe(false);
    if (!rb.ok) expect(rb.error.message).toMatch(/^Dockerfile too large: 1050007 bytes\. In this lab a Dockerfile can be at most 1048576 bytes/);
  });

  it('throws DockerfileSyntaxError with a range from parseAst', () => {
    try {
      parseAst('FROM a\nRUN <<EOF\nx\n');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DockerfileSyntaxError);
      expect((e as DockerfileSyntaxError).range?.start.line).toBe(2);
    }
  });
});
