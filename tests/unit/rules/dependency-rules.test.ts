// Runs the project's dependency rules (.dependency-cruiser.cjs, `npm run lint:deps`) on small scratch
// trees laid out like src/: a clean one passes, and each deliberate violation fails with its rule.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cruise } from 'dependency-cruiser';

const repo = new URL('../../../', import.meta.url).pathname;
const config = createRequire(import.meta.url)(join(repo, '.dependency-cruiser.cjs'));
const scratch = mkdtempSync(join(tmpdir(), 'layerlab-deps-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A tree that keeps every rule: each layer imports only itself and lower ones. */
const CLEAN: Record<string, string> = {
  'src/engine/index.ts': "export { sizeOf } from './store/size.ts';\n",
  'src/engine/store/size.ts': 'export const sizeOf = (b: Uint8Array): number => b.length;\n',
  'src/workspace/memory.ts': "import { sizeOf } from '../engine/index.ts';\nexport const used = sizeOf(new Uint8Array(1));\n",
  'src/samples/index.ts': "export const SAMPLE = 'node-app';\n",
  'src/shell/index.ts': "import { used } from '../workspace/memory.ts';\nimport { SAMPLE } from '../samples/index.ts';\nexport const shell = [used, SAMPLE];\n",
  'src/course/checker.ts': "import { shell } from '../shell/index.ts';\nexport const check = () => shell;\n",
  'content/challenges/one.ts': "import { check } from '../../src/course/checker.ts';\nexport const one = check;\n",
  'src/lab/session.ts': "import { shell } from '../shell/index.ts';\nimport type { check } from '../course/checker.ts';\nexport const session = shell;\nexport type Check = typeof check;\n",
  'src/components/views/panel.ts': "import { session } from '../../lab/session.ts';\nimport { local } from './local.ts';\nexport const panel = [session, local];\n",
  'src/components/views/local.ts': 'export const local = 1;\n',
  'src/components/lab/app.ts': "import { session } from '../../lab/session.ts';\nexport const app = session;\n",
  'src/app/boot.ts': "import { app } from '../components/lab/app.ts';\nexport const load = () => [app, import('../components/views/panel.ts')];\n",
  'src/embed/start.ts': "import { app } from '../components/lab/app.ts';\nexport const start = app;\n",
  'src/pages/sandbox.ts': "import { start } from '../embed/start.ts';\nexport default start;\n",
  'tools/make-data.ts': "import { used } from '../src/workspace/memory.ts';\nexport default used;\n",
  'bin/cli.mjs': "import { shell } from '../src/shell/index.ts';\nexport default shell;\n",
};

/** Each case: one file added to (or replacing one in) the clean tree, and the rule it must break. */
const VIOLATIONS: Array<{ what: string; rule: string; files: Record<string, string> }> = [
  { what: 'the engine imports the workspace', rule: 'layer-engine', files: { 'src/engine/store/size.ts': "import type { used } from '../../workspace/memory.ts';\nexport type U = typeof used;\nexport const sizeOf = (b: Uint8Array): number => b.length;\n" } },
  { what: 'the engine imports a Node built-in', rule: 'engine-no-node', files: { 'src/engine/store/disk.ts': "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n" } },
  { what: 'the shell imports the lab session', rule: 'layer-shell', files: { 'src/shell/extra.ts': "import { session } from '../lab/session.ts';\nexport const x = session;\n" } },
  { what: 'the lab session imports an island', rule: 'layer-lab', files: { 'src/lab/loader.ts': "const load = () => import('../components/lab/app.ts');\nexport default load;\n" } },
  { what: 'the course imports the lab', rule: 'layer-course', files: { 'src/course/run.ts': "import { session } from '../lab/session.ts';\nexport const run = session;\n" } },
  { what: 'an island imports another island', rule: 'island-imports-island', files: { 'src/components/course/picker.ts': "import type { app } from '../lab/app.ts';\nexport type App = typeof app;\n" } },
  { what: 'an island imports the embed', rule: 'layer-components', files: { 'src/components/site/slot.ts': "import { start } from '../../embed/start.ts';\nexport const slot = start;\n" } },
  { what: "an island imports the lab's entry", rule: 'layer-components', files: { 'src/components/site/lab-slot.ts': "import type { load } from '../../app/boot.ts';\nexport type Load = typeof load;\n" } },
  { what: 'a module sits outside every layer', rule: 'unplaced-module', files: { 'src/misc/helper.ts': "import { sizeOf } from '../engine/index.ts';\nexport const helper = sizeOf;\n" } },
  { what: 'a type-only import cycle', rule: 'no-cycle', files: {
    'src/engine/a.ts': "import type { B } from './b.ts';\nexport interface A { b?: B }\n",
    'src/engine/b.ts': "import type { A } from './a.ts';\nexport interface B { a?: A }\n",
  } },
  { what: 'an import that resolves to nothing', rule: 'not-to-unresolvable', files: { 'src/shell/typo.ts': "import { nope } from './missing.ts';\nexport const x = nope;\n" } },
];

let count = 0;
async function violations(files: Record<string, string>): Promise<Array<{ rule: string; from: string; to: string }>> {
  const base = join(scratch, String(count++));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(base, path)), { recursive: true });
    writeFileSync(join(base, path), text);
  }
  const result = await cruise(['src', 'content', 'bin', 'tools'], {
    ...config.options,
    baseDir: base,
    validate: true,
    ruleSet: { forbidden: config.forbidden },
  });
  const output = result.output as { summary: { violations: Array<{ rule: { name: string }; from: string; to: string }> } };
  return output.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to }));
}

describe('dependency rules (.dependency-cruiser.cjs)', () => {
  it('pass a tree that keeps every layer in order', async () => {
    expect(await violations(CLEAN)).toEqual([]);
  });

  for (const { what, rule, files } of VIOLATIONS) {
    it(`fail when ${what} (${rule})`, async () => {
      const found = await violations({ ...CLEAN, ...files });
      expect(found.map((v) => v.rule)).toContain(rule);
      // Nothing else in the clean tree is flagged.
      const touched = Object.keys(files);
      for (const v of found) expect(touched.some((p) => v.from === p || v.to === p)).toBe(true);
    });
  }
});
