// Issue 13 item 13: is `$(( 1 << 2 ))` in a RUN a heredoc? In current BuildKit, yes.
// frontend/dockerfile/shell/lex.go processPossibleHeredoc() keeps the blanks after `<<` in the same
// word ("dockerfile: allow whitespace in heredocs", Dockerfile frontend 1.16.0), and
// frontend/dockerfile/parser/parser.go reHeredoc `^(\d*)<<(-?)\s*([^<]*)$` then reads `<< 2` as a
// heredoc whose terminator is "2". A shift written without blanks stays inside the word `$((1<<2))`,
// which does not start with `<<`, so it is not a heredoc.
import { describe, expect, it } from 'vitest';
import { parseAst } from '../../../src/engine/dockerfile/parser.ts';

describe('the heredoc rule and arithmetic shifts', () => {
  it('`$(( 1 << 2 ))` opens a heredoc ending at a line "2", as in BuildKit', () => {
    const ast = parseAst('FROM alpine\nRUN echo $(( 1 << 2 ))\necho inside\n2\nRUN true\n');
    const run = ast.children[1]!;
    expect(run.heredocs.map((h) => [h.name, h.content])).toEqual([['2', 'echo inside\n']]);
    expect(ast.children).toHaveLength(3);
  });

  it('with no line "2" it is BuildKit\'s "unterminated heredoc"', () => {
    expect(() => parseAst('FROM alpine\nRUN echo $(( 1 << 2 ))\n')).toThrow('unterminated heredoc');
  });

  it('`$((1<<2))` and `$(( x<<2 ))` stay ordinary shell words', () => {
    const ast = parseAst('FROM alpine\nRUN echo $((1<<2))\nRUN x=1; echo $(( x<<2 ))\n');
    expect(ast.children.map((c) => c.heredocs.length)).toEqual([0, 0, 0]);
  });

  // reHeredoc's (\d*) is a file descriptor: the word `1<<2` is a heredoc named "2" on fd 1.
  it('`$(( 1<<2 ))` is a heredoc on file descriptor 1', () => {
    const ast = parseAst('FROM alpine\nRUN echo $(( 1<<2 ))\n2\n');
    expect(ast.children[1]!.heredocs.map((h) => [h.name, h.fileDescriptor])).toEqual([['2', 1]]);
  });

  it('`x <<4` inside $(( )) is a heredoc named 4 (a word that starts with <<)', () => {
    expect(() => parseAst('FROM alpine\nRUN x=1; echo $(( x <<4 ))\n')).toThrow('unterminated heredoc');
  });
});
