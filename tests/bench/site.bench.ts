// Site figures for `npm run bench`: the lesson page's first-load JavaScript (from dist/, building
// the site first if there is no build) and how fast the lesson page renders in headless Chromium
// before the lab is activated (median of several cold loads on a narrow screen, lab out of view).

import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { checkBuild, FIRST_LOAD_BUDGET_BYTES } from '../tools/first-load-js.ts';
import { CHROMIUM_ARGS, ensureChromium } from '../tools/ensure-chromium.ts';
import { serve } from '../tools/serve.ts';
import { build } from '../tools/build-site.ts';
import { median } from './timing.ts';

const ROOT = path.join(import.meta.dirname, '..', '..');
const DIST = path.join(ROOT, 'dist');
const RUNS = 7;


function ensureBuild(): void {
  if (existsSync(path.join(DIST, 'index.html'))) return;
  console.log('site.bench: no dist/ yet; building the site');
  build(DIST, '/');
}

export async function bench(): Promise<Array<{ name: string; median_ms?: number; value?: number; unit?: string; target?: string }>> {
  ensureBuild();
  const { lessonReports } = await checkBuild(DIST, '/');
  const heaviest = lessonReports.reduce((a, b) => (b.totalGzipBytes > a.totalGzipBytes ? b : a));
  const results: Array<{ name: string; median_ms?: number; value?: number; unit?: string; target?: string }> = [
    {
      name: `lesson page first-load JS, gzipped (${heaviest.page})`,
      value: Number((heaviest.totalGzipBytes / 1000).toFixed(1)),
      unit: 'KB',
      target: `≤ ${FIRST_LOAD_BUDGET_BYTES / 1000} KB`,
    },
  ];

  const { server, url } = await serve({ root: DIST, base: '/', port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({ executablePath: ensureChromium(), args: [...CHROMIUM_ARGS] });
  try {
    const lessonUrl = new URL(heaviest.page.replace(/index\.html$/, ''), url.replace('localhost', '127.0.0.1')).href;
    const fcp: number[] = [];
    const loaded: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
      const page = await context.newPage();
      await page.goto(lessonUrl, { waitUntil: 'load' });
      const timing = await page.evaluate(async () => {
        // FCP is reported asynchronously; wait for the entry.
        const paint = await new Promise<number>((resolve) => {
          const existing = performance.getEntriesByName('first-contentful-paint')[0];
          if (existing) return resolve(existing.startTime);
          new PerformanceObserver((list) => {
            const entry = list.getEntriesByName('first-contentful-paint')[0];
            if (entry) resolve(entry.startTime);
          }).observe({ type: 'paint', buffered: true });
        });
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        return { paint, load: nav.loadEventEnd > 0 ? nav.loadEventEnd : nav.domContentLoadedEventEnd };
      });
      if ((await page.locator('[data-lab-slot]').getAttribute('data-state')) !== 'idle') {
        throw new Error('the lab started during the measurement; the lesson page should keep it idle out of view');
      }
      fcp.push(timing.paint);
      loaded.push(timing.load);
      await context.close();
    }
    results.push(
      { name: `lesson page first contentful paint, lab idle (${RUNS} cold loads)`, median_ms: Number(median(fcp).toFixed(1)) },
      { name: `lesson page load event, lab idle (${RUNS} cold loads)`, median_ms: Number(median(loaded).toFixed(1)) },
    );
  } finally {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  }
  return results;
}
