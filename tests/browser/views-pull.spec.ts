// The pull view, driven by real pulls typed into the terminal: pulling node:22-alpine after alpine:3.21
// shows exactly the shared layer as "Already exists". (Long tasks are measured by `npm run bench`.)
import { test, expect } from '@playwright/test';
import { openSandbox, run, waitForPictures } from './views-helpers.ts';

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
