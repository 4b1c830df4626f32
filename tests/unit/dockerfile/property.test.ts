import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DockerfileSyntaxError,
  ExpansionError,
  dumpAst,
  expandInstruction,
  expandWord,
  expandWords,
  lintDockerfile,
  parseDockerfile,
  vertexName,
} from '../../../src/engine/dockerfile/index.ts';
import type { ParseResult, SourceRange } from '../../../src/engine/dockerfile/index.ts';

const RUNS = 300;

const SEED = [
  '# syntax=docker/dockerfile:1',
  'ARG NODE=22',
  'FROM node:${NODE}-alpine AS build',
  'WORKDIR /app',
  'COPY package.json package-lock.json ./',
  'RUN --mount=type=cache,target=/root/.npm npm ci',
  'COPY . .',
  'RUN <<EOF',
  'npm run build',
  'echo done',
  'EOF',
  'ENV NODE_ENV=production PORT=3000',
  'LABEL org.opencontainers.image.title="demo app"',
  'FROM nginx:alpine',
  'COPY --from=build /app/dist /usr/share/nginx/html',
  'EXPOSE 80/tcp',
  'HEALTHCHECK --interval=30s CMD wget -qO- http://localhost/ || exit 1',
  'ONBUILD RUN echo child',
  'USER nginx',
  'CMD ["nginx", "-g", "daemon off;"]',
  '',
].join('\n');

const TOKENS = [
  'FROM ', 'RUN ', 'COPY ', 'ADD ', 'ENV ', 'ARG ', 'LABEL ', 'CMD ', 'ENTRYPOINT ', 'ONBUILD ', 'HEALTHCHECK ', 'SHELL ',
  'WORKDIR ', 'USER ', 'VOLUME ', 'EXPOSE ', 'STOPSIGNAL ', 'MAINTAINER ', 'AS ', 'as ', '--from=', '--mount=', '--chown=',
  '--', '\\', '`', '\n', '\r\n', '\t', ' ', '#', '# escape=`\n', '# syntax=x\n', '<<', '<<-', '<<EOF', 'EOF', "'", '"', '[',
  ']', '{', '}', '$', '${', ':-', '=', ',', '["a", "b"]', '[1]', 'é', '\u00a0', '\uFEFF', '\u0000', '😀', 'x', '1',
];

const tokenText = fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }).map((a) => a.join(''));
const anyText = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }), tokenText);

type Mutation = { kind: 'delete' | 'insert' | 'dupLine' | 'swap' | 'dropLine'; at: number; text: string; other: number };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom<Mutation['kind']>('delete', 'insert', 'dupLine', 'swap', 'dropLine'),
  at: fc.nat(),
  text: fc.constantFrom(...TOKENS),
  other: fc.nat(),
});

function mutate(src: string, ms: Mutation[]): string {
  let s = src;
  for (const m of ms) {
    const lines = s.split('\n');
    switch (m.kind) {
      case 'delete': {
        if (s.length === 0) break;
        const i = m.at % s.length;
        s = s.slice(0, i) + s.slice(i + 1 + (m.other % 5));
        break;
      }
      case 'insert': {
        const i = s.length === 0 ? 0 : m.at % (s.length + 1);
        s = s.slice(0, i) + m.text + s.slice(i);
        break;
      }
      case 'dupLine': {
        const i = m.at % lines.length;
        lines.splice(i, 0, lines[i]!);
        s = lines.join('\n');
        break;
      }
      case 'swap': {
        const i = m.at % lines.length;
        const j = m.other % lines.length;
        [lines[i], lines[j]] = [lines[j]!, lines[i]!];
        s = lines.join('\n');
        break;
      }
      case 'dropLine':
        lines.splice(m.at % lines.length, 1);
        s = lines.join('\n');
        break;
    }
  }
  return s;
}

function validRange(r: SourceRange | undefined, lineCount: number): boolean {
  if (!r) return false;
  const ok = (p: { line: number; column: number }) =>
    Number.isInteger(p.line) &&
    Number.isInteger(p.column) &&
    p.line >= 1 &&
    p.line <= Math.max(1, lineCount + 1) &&
    p.column >= 0;
  return ok(r.start) && ok(r.end) && (r.end.line > r.start.line || (r.end.line === r.start.line && r.end.column >= r.start.column));
}

/** The whole front end on one input: never throws; failures are typed with a message and a range. */
function checkFrontEnd(text: string): void {
  let r: ParseResult | undefined;
  expect(() => {
    r = parseDockerfile(text);
  }).not.toThrow();
  if (!r) throw new Error('no result');
  const lineCount = text.split('\n').length;
  if (!r.ok) {
    expect(typeof r.error.message).toBe('string');
    expect(r.error.message.length).toBeGreaterThan(0);
    expect(r.error.message).not.toMatch(/^internal error/);
    expect(validRange(r.error.range, lineCount)).toBe(true);
    return;
  }
  const df = r.dockerfile;
  for (const d of lintDockerfile(df, { files: ['a', 'node_modules/x'], dockerignore: null })) {
    expect(d.message.length).toBeGreaterThan(0);
    expect(validRange(d.range, lineCount)).toBe(true);
  }
  for (const st of df.stages) {
    expect(validRange(st.range, lineCount)).toBe(true);
    for (const inst of [st.from, ...st.instructions]) {
      expect(validRange(inst.range, lineCount)).toBe(true);
      for (const f of inst.rawFlags) expect(validRange(f.range, lineCount)).toBe(true);
      for (const t of inst.tokens) expect(validRange(t.range, lineCount)).toBe(true);
      try {
        expandInstruction(inst, { A: 'x' }, df.directives.escape);
      } catch (e) {
        expect(e).toBeInstanceOf(ExpansionError);
        expect((e as Error).message.length).toBeGreaterThan(0);
      }
      expect(typeof vertexName(inst, { A: 'x' }, df.directives.escape)).toBe('string');
    }
  }
  // A file that parses also dumps.
  expect(typeof dumpAst(text)).toBe('string');
}

describe('property: no input crashes the front end', () => {
  it('random text', () => {
    fc.assert(
      fc.property(anyText, (t) => checkFrontEnd(t)),
      { numRuns: RUNS },
    );
  });

  it('random instruction bodies', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TOKENS.slice(0, 18)), tokenText, (kw, rest) => checkFrontEnd('FROM a\n' + kw + rest)),
      { numRuns: RUNS },
    );
  });

  it('mutated Dockerfiles', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 8 }), (ms) => checkFrontEnd(mutate(SEED, ms))),
      { numRuns: RUNS },
    );
  });

  it('dumpAst throws only DockerfileSyntaxError, with a range', () => {
    fc.assert(
      fc.property(anyText, (t) => {
        try {
          dumpAst(t);
        } catch (e) {
          expect(e).toBeInstanceOf(DockerfileSyntaxError);
          expect((e as DockerfileSyntaxError).range).toBeDefined();
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('the lexer throws only ExpansionError', () => {
    const chars = ['$', '{', '}', ':', '-', '+', '?', '#', '%', '/', "'", '"', '\\', '`', 'A', 'x', ' ', '*'];
    const word = fc.oneof(fc.string({ maxLength: 60 }), fc.array(fc.constantFrom(...chars), { maxLength: 30 }).map((a) => a.join('')));
    fc.assert(
      fc.property(word, fc.constantFrom<'\\' | '`'>('\\', '`'), (w, esc) => {
        for (const f of [() => expandWord(w, { A: 'abc', E: '' }, esc), () => expandWords(w, { A: 'a b', E: '' }, esc)]) {
          try {
            f();
          } catch (e) {
            expect(e).toBeInstanceOf(ExpansionError);
          }
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe('property: generated instructions read back as written', () => {
  const ident = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/);
  // Words starting with "--" would be flags (or end them), so generated words start with another character.
  const plain = fc.stringMatching(/^[a-z0-9./:][a-z0-9./:-]{0,11}$/);

  it('LABEL k=v pairs', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(ident, plain), { minLength: 1, maxLength: 5 }), (pairs) => {
        const r = parseDockerfile('FROM a\nLABEL ' + pairs.map(([k, v]) => `${k}=${v}`).join(' ') + '\n');
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        const l = r.dockerfile.stages[0]!.instructions[0]!;
        if (l.kind !== 'LABEL') throw new Error('kind');
        expect(l.pairs.map((p) => [p.key, p.value])).toEqual(pairs);
      }),
      { numRuns: RUNS },
    );
  });

  it('COPY sources and destination, split over continuation lines', () => {
    fc.assert(
      fc.property(fc.array(plain, { minLength: 2, maxLength: 6 }), fc.nat(), (words, cut) => {
        const k = 1 + (cut % (words.length - 1));
        const text = 'FROM a\nCOPY ' + words.slice(0, k).join(' ') + ' \\\n  ' + words.slice(k).join(' ') + '\n';
        const r = parseDockerfile(text);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        const c = r.dockerfile.stages[0]!.instructions[0]!;
        if (c.kind !== 'COPY') throw new Error('kind');
        expect([...c.sources, c.dest]).toEqual(words);
      }),
      { numRuns: RUNS },
    );
  });
});
