// The engine's and the shell's tsconfigs (src/engine/tsconfig.json, src/shell/tsconfig.json, checked by
// `npm run lint:types`) leave out the DOM library: a file under them that touches `document` or `window`
// fails the typecheck, while what the engine does use (WebCrypto, CompressionStream, TextEncoder) passes.
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const repo = new URL('../../../', import.meta.url).pathname;
// Inside the repository so that `extends` and the packages resolve as they do for src/.
mkdirSync(join(repo, 'node_modules/.cache'), { recursive: true });
const scratch = mkdtempSync(join(repo, 'node_modules/.cache/layerlab-tsconfig-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const USES_RUNTIME = `export async function digest(text: string): Promise<string> {
  const bytes = new TextEncoder().encode(text);
  const gz = new Blob([bytes]).stream().pipeThrough(new CompressionStream('gzip'));
  await new Response(gz).arrayBuffer();
  const hash = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(hash)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
`;
const USES_DOM = "export const title = (): string => document.title + window.location.href;\n";

function typecheck(folder: 'engine' | 'shell'): string[] {
  const dir = join(scratch, folder);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'runtime.ts'), USES_RUNTIME);
  writeFileSync(join(dir, 'page.ts'), USES_DOM);
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ extends: join(repo, `src/${folder}/tsconfig.json`), include: ['.'], exclude: [] }));
  const run = spawnSync(join(repo, 'node_modules/.bin/tsc'), ['-p', dir], { encoding: 'utf8' });
  return run.stdout.split('\n').filter((l) => /error TS/.test(l));
}

describe('no DOM in the engine or the shell', () => {
  for (const folder of ['engine', 'shell'] as const) {
    it(`src/${folder}/tsconfig.json rejects document and window, keeps WebCrypto and CompressionStream`, () => {
      const errors = typecheck(folder);
      expect(errors.length).toBeGreaterThanOrEqual(2);
      expect(errors.every((l) => l.includes('page.ts'))).toBe(true);
      expect(errors.join('\n')).toMatch(/'document'/);
      expect(errors.join('\n')).toMatch(/'window'/);
    });
  }
});
