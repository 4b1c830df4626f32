// No source file in src/ is over 700 lines (README, "How the code is laid out"): a file that grows past
// that holds more than one job and should be split along them. Generated data (the catalogue's JSON) is
// not source and is not counted.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const MAX_LINES = 700;
const repo = new URL('../../../', import.meta.url).pathname;
const SOURCE = /\.(ts|mts|js|mjs|astro|css)$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return SOURCE.test(entry.name) ? [path] : [];
  });
}

function lineCount(text: string): number {
  return text === '' ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

describe('file size', () => {
  it('counts lines as wc -l does for a file with a final newline', () => {
    expect(lineCount('a\nb\n')).toBe(2);
    expect(lineCount('a\nb')).toBe(2);
    expect(lineCount('')).toBe(0);
  });

  it(`no source file in src/ is over ${MAX_LINES} lines`, () => {
    const over = sourceFiles(join(repo, 'src'))
      .map((path) => ({ file: relative(repo, path), lines: lineCount(readFileSync(path, 'utf8')) }))
      .filter((f) => f.lines > MAX_LINES)
      .map((f) => `${f.file}: ${f.lines} lines`);
    expect(over).toEqual([]);
  });
});
