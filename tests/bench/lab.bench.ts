// Lab figures for `npm run bench`: the lab's JavaScript (gzipped, every chunk reachable from
// src/app/boot.ts) and the time from navigating to /sandbox/ to a finished `docker build -t app .`
// typed into the terminal, in headless Chromium with fresh storage each run (median of 3).

import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { findChromium, CHROMIUM_ARGS } from '../tools/ensure-chromium.ts';
import { serve } from '../tools/serve.ts';
import { measureLab, FIRST_BUILD_BUDGET_BYTES, LAB_ALL_BUDGET_BYTES } from '../../src/lab/tools/bundle-size.ts';
import { median } from './timing.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RUNS = Number(process.env.LAB_BENCH_RUNS ?? 3) || 3;


export async function bench(): Promise<Array<{ name: string; median_ms?: number; value?: number; unit?: string; target?: string }>> {
  // LAB_BENCH_DIST measures another build of the site (served at /), e.g. one made outside the repo.
  const dist = process.env.LAB_BENCH_DIST ? path.resolve(process.env.LAB_BENCH_DIST) : path.join(ROOT, 'dist');
  if (!process.env.LAB_BENCH_DIST && !existsSync(path.join(dist, 'sandbox', 'index.html'))) {
    console.log('lab.bench: no dist/ yet; running astro build');
    const r = spawnSync('npx', ['astro', 'build'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, BASE_PATH: '/' } });
    if (r.status !== 0) throw new Error('astro build failed');
  }
  const { firstBuild, all: report, pages } = await measureLab(dist);
  const kb = (bytes: number): number => Math.round(bytes / 100) / 10;
  const results: Array<{ name: string; median_ms?: number; value?: number; unit?: string; target?: string }> = [
    { name: 'lab JavaScript a first build needs, gzipped', value: kb(firstBuild.totalGzipBytes), unit: 'KB', target: `<= ${FIRST_BUILD_BUDGET_BYTES / 1000} KB` },
    ...pages.map((p) => ({ name: `lab JavaScript, everything it can load on ${p.kind}, gzipped`, value: kb(p.report.totalGzipBytes), unit: 'KB', target: `<= ${LAB_ALL_BUDGET_BYTES / 1000} KB` })),
  ];

  const executablePath = findChromium();
  if (!executablePath) throw new Error('no Chromium found (npx node tests/tools/ensure-chromium.ts)');
  const { server, url } = await serve({ root: dist, base: '/', port: 0 });
  const browser = await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS] });
  const times: number[] = [];
  const ready: number[] = [];
  let loadedGzip = 0;
  try {
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const t0 = Date.now();
      await page.goto(new URL('sandbox/', url.replace('localhost', '127.0.0.1')).href);
      const term = page.getByRole('textbox', { name: 'Terminal' });
      await term.waitFor({ state: 'attached', timeout: 60_000 });
      await page.waitForFunction(() => document.querySelector('.lab-terminal')?.getAttribute('data-running') !== 'true' && /lab:\/\$$/.test((document.querySelector('.lab-terminal') as HTMLElement & { readTerminalBuffer?: () => string }).readTerminalBuffer?.() ?? ''), null, { timeout: 60_000 });
      ready.push(Date.now() - t0);
      await term.focus();
      await page.keyboard.type('docker build -t app .');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.querySelector('.lab-terminal')?.getAttribute('data-completed') === '1', null, { timeout: 300_000, polling: 50 });
      times.push(Date.now() - t0);
      const text = await page.locator('.lab-terminal').evaluate((el) => (el as HTMLElement & { readTerminalBuffer?: () => string }).readTerminalBuffer?.() ?? '');
      if (!text.includes('naming to docker.io/library/app:latest')) throw new Error('the build did not finish successfully:\n' + text.slice(-2000));
      // Which lab chunks the page actually fetched by the end of its first build.
      const fetched = new Set(await page.evaluate(() => performance.getEntriesByType('resource').map((r) => r.name.split('/').pop() ?? '')));
      loadedGzip = report.chunks.filter((c) => fetched.has(c.file)).reduce((sum, c) => sum + c.gzipBytes, 0);
      await context.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  results.push({ name: 'lab JavaScript fetched by the end of the first build, gzipped', value: Math.round(loadedGzip / 100) / 10, unit: 'KB' });
  results.push({ name: 'navigation to the lab ready (prompt shown, sample seeded, cold storage)', median_ms: Math.round(median(ready)) });
  // The build's part (Enter to the final picture, its replay at 1x included) is pace.bench.ts's figure.
  results.push({ name: 'navigation to finished `docker build -t app .` on /sandbox/ (cold storage, replay at 1x included)', median_ms: Math.round(median(times)) });
  return results;
}
