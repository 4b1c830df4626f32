import { describe, expect, it } from 'vitest';
import { IgnoreMatcher, parseIgnoreFile, matchGlob } from '../../../src/engine/dockerfile/patterns.ts';
import { sourceSnippet } from '../../../src/shell/progress.ts';

describe('.dockerignore matching', () => {
  const m = (text: string) => new IgnoreMatcher(parseIgnoreFile(text));

  it('a directory rule excludes everything under it', () => {
    const ig = m('node_modules\n');
    expect(ig.ignores('node_modules')).toBe(true);
    expect(ig.ignores('node_modules/express/index.js')).toBe(true);
    expect(ig.ignores('src/node_modules.js')).toBe(false);
  });

  it('the last matching rule wins, so ! re-includes', () => {
    const ig = m('*.md\n!README.md\n');
    expect(ig.ignores('CHANGELOG.md')).toBe(true);
    expect(ig.ignores('README.md')).toBe(false);
  });

  it('* stays within one directory level; ** crosses levels', () => {
    expect(m('*.log').ignores('debug.log')).toBe(true);
    expect(m('*.log').ignores('logs/debug.log')).toBe(false);
    expect(m('**/*.log').ignores('logs/deep/debug.log')).toBe(true);
    expect(m('**/*.log').ignores('debug.log')).toBe(true);
  });

  it('comments and blank lines are skipped; a leading slash is the context root', () => {
    const ig = m('# comment\n\n/build\n');
    expect(ig.ignores('build/out.js')).toBe(true);
    expect(ig.ignores('# comment')).toBe(false);
  });
});

describe('COPY wildcards', () => {
  it('match one path level like Go filepath.Match', () => {
    expect(matchGlob('*.json', 'package.json')).toBe(true);
    expect(matchGlob('*.json', 'src/a.json')).toBe(false);
    expect(matchGlob('src/?.js', 'src/a.js')).toBe(true);
    expect(matchGlob('[a-c].txt', 'b.txt')).toBe(true);
  });
});

describe('source snippet (BuildKit solver/errdefs/source.go rules)', () => {
  const text = 'FROM alpine\n\nRUN exit 1\n\nCOPY . /src\n';
  it('shows the error line with >>> and pads a one-line error with up to 2 lines on each side', () => {
    expect(sourceSnippet('Dockerfile', text, 3, 3)).toBe(
      'Dockerfile:3\n--------------------\n' +
        '   1 |     FROM alpine\n' +
        '   2 |     \n' +
        '   3 | >>> RUN exit 1\n' +
        '   4 |     \n' +
        '   5 |     COPY . /src\n' +
        '--------------------\n',
    );
  });

  it('pads a multi-line error with one line on each side', () => {
    const t = 'FROM a\nRUN x \\\n  y\nCMD z\nENV q=1\n';
    const s = sourceSnippet('Dockerfile', t, 2, 3);
    expect(s.split('\n').slice(2, -2)).toEqual(['   1 |     FROM a', '   2 | >>> RUN x \\', '   3 | >>>   y', '   4 |     CMD z']);
  });

  it('at the top of the file, each loop round adds one line after it (and counts one extra)', () => {
    const s = sourceSnippet('Dockerfile', 'FROM nosuch\nRUN a\nRUN b\nRUN c\n', 1, 1);
    expect(s.split('\n').slice(2, -2)).toEqual(['   1 | >>> FROM nosuch', '   2 |     RUN a', '   3 |     RUN b']);
  });
});
