// Builds the site twice for the browser tests: at the root into dist/ and under a base path into
// dist-base/ (BASE_PATH=/layerlab/), then checks the first-load JavaScript budget of both builds and
// the lab's JavaScript budgets of the root build: what a first build needs (400 KB gzipped), and
// everything the lab can load on each kind of lab page (460 KB): a lesson page with its challenge
// panel, the sandbox with its challenge picker, and the embed page with its bridge.
//
// Usage: npx node tests/tools/build-site.ts

import { spawnSync } from 'node:child_process';
import { checkBuild, formatKB, FIRST_LOAD_BUDGET_BYTES } from './first-load-js.ts';
import { measureLab, describeLab } from '../../src/lab/tools/bundle-size.ts';

export const BUILDS = [
  { outDir: 'dist', base: '/' },
  { outDir: 'dist-base', base: '/layerlab/' },
] as const;

/** Runs `astro build` into outDir for the given base path. */
export function build(outDir: string, base: string): void {
  console.log(`build-site: astro build --outDir ${outDir} with BASE_PATH=${base}`);
  const result = spawnSync('npx', ['astro', 'build', '--outDir', outDir], {
    stdio: 'inherit',
    env: { ...process.env, BASE_PATH: base },
  });
  if (result.status !== 0) throw new Error(`astro build for ${outDir} failed (exit ${result.status ?? result.signal})`);
}

if (import.meta.main) {
  try {
    for (const { outDir, base } of BUILDS) build(outDir, base);
    let failed = false;
    for (const { outDir, base } of BUILDS) {
      const { lessonReports, overBudget } = await checkBuild(outDir, base);
      for (const report of lessonReports) {
        const verdict = report.totalGzipBytes > FIRST_LOAD_BUDGET_BYTES ? 'OVER BUDGET' : 'ok';
        console.log(
          `first-load JS ${outDir}/${report.page}: ${formatKB(report.totalGzipBytes)} gzipped ` +
            `(budget ${formatKB(FIRST_LOAD_BUDGET_BYTES)}) ${verdict}`,
        );
      }
      if (overBudget.length > 0) failed = true;
    }
    if (failed) {
      console.error('build-site: a lesson page is over its first-load JavaScript budget; run tests/tools/first-load-js.ts for details.');
      process.exit(1);
    }
    // The lab's budgets: what a first build needs, and everything the lab can load on each kind of
    // lab page (a Worker's chunks count toward both).
    const { lines, over: labOver } = describeLab(await measureLab('dist'));
    for (const l of lines) console.log(`lab JS dist: ${l}`);
    if (labOver) {
      console.error('build-site: the lab is over its JavaScript budget; run `npx node src/lab/tools/bundle-size.ts dist` for the chunks.');
      process.exit(1);
    }
  } catch (error) {
    console.error(`build-site: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
