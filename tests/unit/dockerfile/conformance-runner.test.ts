import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runConformance } from '../../conformance/run.ts';

function layout(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'layerlab-conf-'));
  for (const [path, text] of Object.entries(files)) {
    const full = join(root, path);
    mkdirSync(join(full, '..'), { recursive: true });
    writeFileSync(full, text);
  }
  return root;
}

describe('conformance runner', () => {
  it('counts passing and failing cases of every kind', () => {
    const root = layout({
      'parser/good/Dockerfile': 'FROM a\nRUN echo hi\n',
      'parser/good/result': '(from "a")\n(run "echo hi")\n',
      'parser/bad/Dockerfile': 'FROM a\n',
      'parser/bad/result': '(from "b")\n',
      'negative/fails/Dockerfile': 'FROM a\nENV X\n',
      'negative/parses/Dockerfile': 'FROM a\n',
      'shell/envVarTest': '# comment\nA|$PWD|/home\nU|${X:-y}|y\nW|%PWD%|/home\nA|${|error\nA|$SHELL|zsh\n',
      'shell/wordsTest': 'ENV a=1 2\nx $a|x,1,2\n"$a"|1 2\n',
    });
    try {
      const r = runConformance(root);
      expect(r.failed.map((f) => f.name).sort()).toEqual(['negative/parses', 'parser/bad', 'shell/envVarTest:6']);
      // good, fails, 3 envVarTest lines (W skipped), 2 wordsTest lines
      expect(r.passed).toBe(7);
      expect(r.failed.find((f) => f.name === 'parser/bad')!.detail).toContain('line 1');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
