// The pull view, driven by real pulls typed into the terminal: pulling node:22-alpine after alpine:3.21
// shows exactly the shared layer as "Already exists"; no long task while the pull animation plays.
import { test, expect } from '@playwright/test';
import { openSandbox, run, settle, waitForPictures, waitForPicturesQuietly, longTasksSince } from './views-helpers.ts';
import { CHROMIUM_ARGS, findChromium } from '../tools/ensure-chromium.ts';

// Garbage collection on demand, so the engine's leftovers are collected before the animation is measured.
test.use({ launchOptions: { executablePath: findChromium() ?? undefined, args: [...CHROMIUM_ARGS, '--js-flags=--expose-gc'] } });

async function pullItems(page: import('@playwright/test').Page): Promise<string[]> {
  return page.getByRole('list', { name: 'Pull progress' }).getByRole('listitem').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
}

/** Pulls alpine:3.21 with the picture at 10x and checks its bars; returns the ids docker printed. */
async function pullAlpine(page: import('@playwright/test').Page): Promise<string[]> {
  await page.getByRole('tab', { name: 'Pull' }).click();
  await page.getByRole('combobox', { name: 'Animation speed' }).selectOption('10');
  const first = await run(page, 'docker pull alpine:3.21', 240_000);
  // docker prints `<12-hex id>: Pull complete` for each layer it downloaded.
  const alpineIds = [...first.matchAll(/^([0-9a-f]{12}): Pull complete/gm)].map((m) => m[1]!);
  expect(alpineIds.length).toBeGreaterThan(0);
  await waitForPictures(page);
  expect(await pullItems(page)).toEqual(alpineIds.map((id) => `${id}: Pull complete`));
  return alpineIds;
}

test('pulling node:22-alpine after alpine:3.21 shows exactly the shared layer as "Already exists"', async ({ page }) => {
  test.setTimeout(300_000);
  await openSandbox(page);
  const alpineIds = await pullAlpine(page);
  const second = await run(page, 'docker pull node:22-alpine', 240_000);
  const already = [...second.matchAll(/^([0-9a-f]{12}): Already exists/gm)].map((m) => m[1]!);
  expect(already).toEqual(alpineIds);
  await waitForPictures(page);
  const items = await pullItems(page);
  const existing = items.filter((n) => n.endsWith(': Already exists'));
  expect(existing).toEqual(alpineIds.map((id) => `${id}: Already exists`));
  const pulled = [...second.matchAll(/^([0-9a-f]{12}): Pull complete/gm)].map((m) => `${m[1]}: Pull complete`);
  expect(pulled.length).toBeGreaterThan(0);
  expect(items.filter((n) => !n.endsWith(': Already exists'))).toEqual(pulled);
  // The shared layer links to the image that already had it, and the summary says what travelled.
  await expect(page.getByRole('button', { name: 'alpine:3.21' })).toBeVisible();
  await expect(page.locator('.pull-summary')).toHaveText(/^downloaded [\d.]+ [kMG]?B of [\d.]+ [kMG]?B, [\d.]+ [kMG]?B already here$/);
});

// @perf: run alone, with one worker (npm run test:browser), so other tests' CPU load is not measured.
test('no main-thread task over 50 ms while a pull animation plays @perf', async ({ page }) => {
  test.setTimeout(300_000);
  await openSandbox(page);
  const alpineIds = await pullAlpine(page);
  await page.getByRole('combobox', { name: 'Animation speed' }).selectOption('1');
  await page.getByRole('button', { name: 'Pause the animation' }).click();
  const second = await run(page, 'docker pull node:22-alpine', 240_000);
  const pulled = [...second.matchAll(/^([0-9a-f]{12}): Pull complete/gm)].map((m) => `${m[1]}: Pull complete`);
  expect(pulled.length).toBeGreaterThan(0);
  // Only the animation runs from here: it must not block the main thread for more than 50 ms. (The
  // engine's own work, and the garbage it leaves, is given a moment to settle first.)
  await settle(page);
  await expect(page.getByRole('button', { name: /^Play/ })).toBeVisible();
  // Press Play from inside the page, so no test-side query runs in the measured window.
  const mark = await page.evaluate(() => {
    const t = performance.now();
    document.querySelector<HTMLButtonElement>('.views-play')!.click();
    return t;
  });
  await waitForPicturesQuietly(page);
  expect(await longTasksSince(page, mark)).toEqual([]);
  // The animation did play the whole pull (measured after the window closed).
  expect((await pullItems(page)).length).toBe(alpineIds.length + pulled.length);
});
