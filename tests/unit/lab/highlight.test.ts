// The editor's tokenizers (src/components/lab/highlight): what each piece of text is coloured as,
// agreement with the engine's Dockerfile parser, and that no input can hang or break them.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { tokenizeDockerfile } from '../../../src/components/lab/highlight/dockerfile.ts';
import { GO, JAVASCRIPT, JSON_LANGUAGE, PYTHON, TYPESCRIPT, tokenizeCode } from '../../../src/components/lab/highlight/code.ts';
import { tokenizeHtml } from '../../../src/components/lab/highlight/html.ts';
import { languageOf } from '../../../src/components/lab/highlight/languages.ts';
import type { Token, Tokenizer } from '../../../src/components/lab/highlight/token.ts';
import { parseAst } from '../../../src/engine/dockerfile/parser.ts';

/** The tokens as [kind, text] pairs, in order. */
const pieces = (tokenize: Tokenizer, text: string): [string, string][] => tokenize(text).map((t) => [t.kind, text.slice(t.from, t.to)]);
/** The kind of the token that covers exactly the first occurrence of `part` (or undefined). */
function kindOf(tokenize: Tokenizer, text: string, part: string, occurrence = 0): string | undefined {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = text.indexOf(part, at + 1);
  expect(at, `"${part}" in the sample`).toBeGreaterThanOrEqual(0);
  return tokenize(text).find((t) => t.from === at && t.to === at + part.length)?.kind;
}
const docker = tokenizeDockerfile;
const js = (s: string) => tokenizeCode(s, JAVASCRIPT);
const ts = (s: string) => tokenizeCode(s, TYPESCRIPT);
const py = (s: string) => tokenizeCode(s, PYTHON);
const go = (s: string) => tokenizeCode(s, GO);
const json = (s: string) => tokenizeCode(s, JSON_LANGUAGE);

function wellFormed(tokens: Token[], length: number): void {
  let last = 0;
  for (const t of tokens) {
    expect(t.from).toBeGreaterThanOrEqual(last);
    expect(t.to).toBeGreaterThan(t.from);
    expect(t.to).toBeLessThanOrEqual(length);
    last = t.to;
  }
}

describe('Dockerfile tokens', () => {
  it('colours instructions at the start of a line, case-insensitively, and not mid-line', () => {
    const text = 'FROM alpine\nrun echo RUN\n  COPY a b\n';
    expect(kindOf(docker, text, 'FROM')).toBe('keyword');
    expect(kindOf(docker, text, 'run')).toBe('keyword');
    expect(kindOf(docker, text, 'RUN')).toBeUndefined();
    expect(kindOf(docker, text, 'COPY')).toBe('keyword');
  });

  it('marks an unknown instruction as invalid', () => {
    expect(pieces(docker, 'RUNN echo hi')).toEqual([['invalid', 'RUNN']]);
  });

  it('colours comments, and parser directives only at the top of the file', () => {
    const text = '# syntax=docker/dockerfile:1\n# escape=\\\n# a comment\nFROM a\n# syntax=late\n';
    expect(pieces(docker, text)).toEqual([
      ['meta', '# syntax='],
      ['string', 'docker/dockerfile:1'],
      ['meta', '# escape='],
      ['string', '\\'],
      ['comment', '# a comment'],
      ['keyword', 'FROM'],
      ['comment', '# syntax=late'],
    ]);
  });

  it('keeps a # inside an argument out of comments', () => {
    expect(pieces(docker, 'RUN echo a#b "#c"')).toEqual([
      ['keyword', 'RUN'],
      ['string', '"#c"'],
    ]);
  });

  it('colours flags, variables and strings; single quotes keep $ literal', () => {
    const text = 'COPY --from=build --chown=$UID /app "/out/$NAME" \'$HOME\' ${DIR:-x}\n';
    expect(kindOf(docker, text, '--from')).toBe('type');
    expect(kindOf(docker, text, '--chown')).toBe('type');
    expect(kindOf(docker, text, '$UID')).toBe('name');
    expect(kindOf(docker, text, '"/out/')).toBe('string');
    expect(kindOf(docker, text, '$NAME')).toBe('name');
    expect(kindOf(docker, text, `'$HOME'`)).toBe('string');
    expect(kindOf(docker, text, '${DIR:-x}')).toBe('name');
  });

  it('knows FROM … AS name, ARG/ENV keys, ports and the exec form', () => {
    const text = 'FROM node:22 AS build\nARG VERSION=1\nENV A=1 B="two"\nEXPOSE 8080/tcp\nCMD ["node", "server.js"]\n';
    expect(kindOf(docker, text, 'AS')).toBe('keyword');
    expect(kindOf(docker, text, 'build')).toBe('name');
    expect(kindOf(docker, text, 'node:22')).toBeUndefined();
    expect(kindOf(docker, text, 'VERSION')).toBe('name');
    expect(kindOf(docker, text, 'B')).toBe('name');
    expect(kindOf(docker, text, '"two"')).toBe('string');
    expect(kindOf(docker, text, '8080/tcp')).toBe('number');
    expect(kindOf(docker, text, '"node"')).toBe('string');
    expect(kindOf(docker, text, '"server.js"')).toBe('string');
  });

  it('follows continuation lines, skipping comment lines inside them', () => {
    const text = 'RUN apt-get update \\\n# between\n  && echo "$X" \\\n  RUN\n';
    expect(kindOf(docker, text, '# between')).toBe('comment');
    expect(kindOf(docker, text, '$X')).toBe('name');
    // RUN on a continuation line is an argument, not an instruction.
    expect(kindOf(docker, text, 'RUN', 1)).toBeUndefined();
  });

  it('uses the escape token from the directive', () => {
    const text = '# escape=`\nRUN dir C:\\ `\n  FROM\n';
    // The backslash is no longer an escape, the backtick continues the line: FROM is an argument.
    expect(kindOf(docker, text, 'FROM')).toBeUndefined();
  });

  it('colours heredoc bodies as strings, with variables only when the delimiter is unquoted', () => {
    const text = 'RUN <<EOF\necho $HOME # not a comment\nFROM x\nEOF\nCOPY <<-"END" /f\n\t$LIT\n\tEND\nRUN true\n';
    expect(kindOf(docker, text, '<<EOF')).toBe('type');
    expect(kindOf(docker, text, '$HOME')).toBe('name');
    expect(kindOf(docker, text, ' # not a comment')).toBe('string');
    expect(kindOf(docker, text, 'FROM x')).toBe('string');
    expect(kindOf(docker, text, 'EOF', 1)).toBe('type');
    expect(kindOf(docker, text, '\t$LIT')).toBe('string');
    expect(kindOf(docker, text, 'END', 1)).toBe('type');
    expect(kindOf(docker, text, 'RUN', 1)).toBe('keyword');
  });

  it('treats an unterminated heredoc (while it is being typed) as body to the end', () => {
    expect(pieces(docker, 'RUN <<EOF\nFROM x\n')).toEqual([
      ['keyword', 'RUN'],
      ['type', '<<EOF'],
      ['string', 'FROM x'],
    ]);
  });

  it('handles CRLF line ends and a byte order mark', () => {
    expect(pieces(docker, '\ufeffFROM a\r\n# c\r\nRUN b\r\n')).toEqual([
      ['keyword', 'FROM'],
      ['comment', '# c'],
      ['keyword', 'RUN'],
    ]);
  });

  it('agrees with the engine parser on instructions, flags and heredocs', () => {
    const dir = new URL('../../../src/engine/world/dockerfiles/', import.meta.url).pathname;
    const samples = readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('Dockerfile'))
      .map((f) => readFileSync(join(dir, f), 'utf8'));
    samples.push(
      '# syntax=docker/dockerfile:1\nFROM golang:1.23 AS build\nWORKDIR /src\nCOPY --link go.mod ./\nRUN --mount=type=cache,target=/root/.cache \\\n    go build -o /app .\n' +
        'FROM scratch\nCOPY --from=build /app /app\nRUN <<EOF cat >/x\nhello $USER\nEOF\nONBUILD RUN echo\nCOPY <<A <<B /dst/\na\nA\nb\nB\nENTRYPOINT ["/app"]\n',
    );
    expect(samples.length).toBeGreaterThan(3);
    for (const text of samples) {
      const ast = parseAst(text);
      const lineStarts = [0];
      for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
      const off = (p: { line: number; column: number }) => lineStarts[p.line - 1]! + p.column;
      const tokens = tokenizeDockerfile(text);
      const at = (from: number) => tokens.find((t) => t.from === from);
      for (const node of [...ast.children, ...ast.children.flatMap((c) => (c.nested ? [c.nested] : []))]) {
        const k = at(off(node.keywordRange.start));
        expect(k?.kind, node.original).toBe('keyword');
        expect(text.slice(k!.from, k!.to)).toBe(node.keyword);
        for (const f of node.flags) expect(at(off(f.range.start))?.kind, f.text).toBe('type');
        for (const h of node.heredocs) {
          // The body is the lines just above the terminator (several heredocs follow one another).
          const bodyLines = h.content.split('\n').length - 1;
          for (let line = h.range.end.line - bodyLines; line < h.range.end.line; line++) {
            const from = lineStarts[line - 1]!;
            if (text[from] !== '\n') expect(at(from)?.kind, `heredoc line ${line}`).toBe('string');
          }
          const term = tokens.find((t) => t.from >= lineStarts[h.range.end.line - 1]!);
          expect(term?.kind).toBe('type');
        }
      }
      // Nothing else is taken for an instruction.
      const keywords = tokens.filter((t) => t.kind === 'keyword' && !/^as$/i.test(text.slice(t.from, t.to)));
      expect(keywords.length).toBe(ast.children.length + ast.children.filter((c) => c.nested).length);
    }
  });
});

describe('code tokens', () => {
  it('JavaScript: comments, strings containing //, template literals, keywords, numbers', () => {
    const text = 'const url = "http://x"; // note\nfunction go(n) { return `a\n${n}` + 0x1f; /* b */ }\n';
    expect(pieces(js, text)).toEqual([
      ['keyword', 'const'],
      ['name', 'url'],
      ['string', '"http://x"'],
      ['comment', '// note'],
      ['keyword', 'function'],
      ['name', 'go'],
      ['keyword', 'return'],
      ['string', '`a\n${n}`'],
      ['number', '0x1f'],
      ['comment', '/* b */'],
    ]);
  });

  it('JavaScript: a regex literal is a string, a division is not', () => {
    expect(kindOf(js, 'x = s.replace(/"/g, "");', '/"/g')).toBe('string');
    expect(pieces(js, 'a = b / c / d;')).toEqual([]);
  });

  it('TypeScript adds its keywords and types', () => {
    const text = 'interface A { n: number }\ntype B = string;';
    expect(kindOf(ts, text, 'interface')).toBe('keyword');
    expect(kindOf(ts, text, 'A')).toBe('name');
    expect(kindOf(ts, text, 'number')).toBe('type');
    expect(kindOf(js, text, 'interface')).toBeUndefined();
  });

  it('JSON: keys are names, values strings, numbers and atoms', () => {
    expect(pieces(json, '{"name": "app", "n": 1.5, "ok": true, "x": null}')).toEqual([
      ['name', '"name"'],
      ['string', '"app"'],
      ['name', '"n"'],
      ['number', '1.5'],
      ['name', '"ok"'],
      ['number', 'true'],
      ['name', '"x"'],
      ['number', 'null'],
    ]);
  });

  it('Python: # comments, triple-quoted and prefixed strings, decorators, definitions', () => {
    const text = '@app.route("/")\ndef hello():\n    """Doc # not a comment\n    more"""\n    return f"hi {x}"  # done\n';
    expect(pieces(py, text)).toEqual([
      ['meta', '@app.route'],
      ['string', '"/"'],
      ['keyword', 'def'],
      ['name', 'hello'],
      ['string', '"""Doc # not a comment\n    more"""'],
      ['keyword', 'return'],
      ['string', 'f"hi {x}"'],
      ['comment', '# done'],
    ]);
  });

  it('Go: raw strings span lines, types and atoms', () => {
    const text = 'func main() {\n\tvar s string = `a\n// b`\n\tok := true\n}\n';
    expect(kindOf(go, text, 'func')).toBe('keyword');
    expect(kindOf(go, text, 'main')).toBe('name');
    expect(kindOf(go, text, 'string')).toBe('type');
    expect(kindOf(go, text, '`a\n// b`')).toBe('string');
    expect(kindOf(go, text, 'true')).toBe('number');
  });

  it('a string that is never closed ends at the line end; a block comment at the end of the text', () => {
    expect(pieces(js, '"open\nlet x')).toEqual([
      ['string', '"open'],
      ['keyword', 'let'],
      ['name', 'x'],
    ]);
    expect(pieces(js, 'a /* open\nlet x')).toEqual([['comment', '/* open\nlet x']]);
  });
});

describe('HTML tokens', () => {
  it('colours comments, the doctype, tags, attributes, references and embedded scripts', () => {
    const text = '<!DOCTYPE html>\n<!-- hi -->\n<a href="/x" hidden>Tom &amp; Jerry</a>\n<script>let n = 1; // c\n</script>\n';
    expect(pieces(tokenizeHtml, text)).toEqual([
      ['meta', '<!DOCTYPE html>'],
      ['comment', '<!-- hi -->'],
      ['type', 'a'],
      ['name', 'href'],
      ['string', '"/x"'],
      ['name', 'hidden'],
      ['number', '&amp;'],
      ['type', 'a'],
      ['type', 'script'],
      ['keyword', 'let'],
      ['name', 'n'],
      ['number', '1'],
      ['comment', '// c'],
      ['type', 'script'],
    ]);
  });
});

describe('languages by file name', () => {
  it('picks the tokenizer and comment syntax', () => {
    expect(languageOf('Dockerfile')?.comments).toEqual({ line: '#' });
    expect(languageOf('app/Dockerfile.dev')?.tokenize).toBe(tokenizeDockerfile);
    expect(languageOf('src/index.js')?.comments).toEqual({ line: '//', block: { open: '/*', close: '*/' } });
    expect(languageOf('package.json')?.comments).toEqual({});
    expect(languageOf('index.html')?.comments).toEqual({ block: { open: '<!--', close: '-->' } });
    expect(languageOf('.dockerignore')?.tokenize('# x\nnode_modules')).toEqual([{ from: 0, to: 3, kind: 'comment' }]);
    expect(languageOf('notes.txt')).toBeNull();
  });
});

describe('never hangs or throws', () => {
  const all: [string, Tokenizer][] = [
    ['dockerfile', docker],
    ['javascript', js],
    ['typescript', ts],
    ['python', py],
    ['go', go],
    ['json', json],
    ['html', tokenizeHtml],
  ];
  // Text made of the characters the tokenizers care about, so the fuzzing reaches their branches.
  const alphabet = fc.constantFrom(...'\n\r\t \\`\'"#/*<>!-=&;:$%{}[]()@.0123456789abcEOFRUNrfx'.split(''), 'RUN ', 'FROM ', '<<EOF', '<<-"E"', '# escape=`\n', '<script>', '</script>', '<!--', '-->', '"""', '\ud83d\ude00');
  const text = fc.array(alphabet, { maxLength: 300 }).map((a) => a.join(''));
  for (const [name, tokenize] of all) {
    it(`${name}: tokens are sorted, non-empty and inside the text`, () => {
      fc.assert(
        fc.property(fc.oneof(text, fc.string({ unit: 'binary', maxLength: 200 })), (s) => wellFormed(tokenize(s), s.length)),
        { numRuns: 400 },
      );
    });
  }

  it('stays fast on large pathological inputs', () => {
    const inputs = ['<'.repeat(100_000) + '&', '(/'.repeat(50_000), '--a '.repeat(40_000), 'RUN ' + '${'.repeat(50_000), '"'.repeat(100_000)];
    for (const s of inputs) {
      for (const [, tokenize] of all) {
        const start = performance.now();
        tokenize(s);
        expect(performance.now() - start).toBeLessThan(1000);
      }
    }
  });
});
