// The images view walk-through of the lesson's "Try it now": search ubuntu, pull, open details; plus
// the store view's sharing figures and axe on every tab.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { openSandbox, run, waitForPictures } from './views-helpers.ts';

test('images view: search → pull → details with layers, packages and sample-data vulnerabilities', async ({ page }) => {
  test.setTimeout(240_000);
  await openSandbox(page);
  await page.getByRole('tab', { name: 'Images' }).click();
  await page.getByRole('searchbox', { name: /Search the registry/ }).fill('ubuntu');
  await page.getByRole('search').getByRole('button', { name: 'Search' }).click();
  const result = page.getByRole('list', { name: 'Search results' }).getByRole('listitem').filter({ hasText: 'ubuntu' }).first();
  await expect(result).toBeVisible();
  await result.getByRole('combobox', { name: 'Tag of ubuntu' }).selectOption('24.04');
  await result.getByRole('button', { name: 'Pull ubuntu:24.04' }).click();
  // The pull runs in the terminal, as if typed.
  await expect(page.getByText('Pulled ubuntu:24.04.')).toBeVisible({ timeout: 180_000 });
  await waitForPictures(page);
  const row = page.getByRole('table', { name: 'Local images' }).getByRole('row').filter({ hasText: '24.04' });
  await expect(row).toContainText('ubuntu');
  await row.getByRole('button', { name: 'Details of ubuntu:24.04' }).click();
  await expect(page.getByRole('heading', { name: 'Image details: ubuntu:24.04' })).toBeVisible();
  // Layers, earliest first, with command and size: ubuntu:24.04 has one filesystem layer.
  const layers = page.getByRole('list', { name: 'Layers, earliest first' }).getByRole('button');
  await expect(layers).toHaveCount(1);
  await expect(layers.first()).toHaveAccessibleName(/^Layer 1: ADD file:ubuntu-noble-oci-amd64-root\.tar\.gz in \/ *, [\d.]+ MB$/);
  // Its size is the one docker history prints for that layer (docker writes no space before the unit).
  const out = await run(page, 'docker history ubuntu:24.04');
  const [header, ...rows] = out.split('\n').filter((l) => l.trim());
  const added = rows.find((r) => r.includes('ADD file:'));
  expect(added, out).toBeDefined();
  const historySize = added!.slice(header!.indexOf('SIZE'), header!.indexOf('COMMENT')).trim();
  expect(historySize).toMatch(/^[\d.]+MB$/);
  await expect(layers.first()).toHaveAccessibleName(new RegExp(`, ${historySize.replace('MB', ' MB').replace('.', '\\.')}$`));
  // Packages come from the image's own dpkg status: noble's libc6 is 2.39-0ubuntu8.3 in the toy world.
  const pkgs = page.getByRole('table', { name: /^Packages \(\d+\)$/ });
  await expect(pkgs.getByRole('row').filter({ hasText: 'libc6' }).first()).toContainText('2.39-0ubuntu8.3');
  // Vulnerabilities are matched against the bundled sample set, clearly labelled.
  await expect(page.getByRole('note')).toContainText('Sample data');
  await expect(page.getByRole('table', { name: /Vulnerabilities .* sample data/ })).toContainText('LAB-SAMPLE-0005');
  // Selecting a layer filters the packages to it.
  await layers.first().click();
  await expect(page.getByRole('table', { name: /^Packages installed by layer 1 \(\d+\)$/ })).toBeVisible();
});

test('store view shows shared layers once and disk use against the sum of image sizes; axe finds no serious violations', async ({ page }) => {
  test.setTimeout(240_000);
  await openSandbox(page);
  await page.getByRole('tab', { name: 'Images' }).click();
  await page.getByRole('searchbox', { name: /Search the registry/ }).fill('alpine');
  await page.getByRole('search').getByRole('button', { name: 'Search' }).click();
  const result = page.getByRole('list', { name: 'Search results' }).getByRole('listitem').filter({ hasText: 'alpine' }).first();
  await result.getByRole('combobox', { name: 'Tag of alpine' }).selectOption('3.21');
  await result.getByRole('button', { name: 'Pull alpine:3.21' }).click();
  await expect(page.getByText('Pulled alpine:3.21.')).toBeVisible({ timeout: 180_000 });
  await result.getByRole('combobox', { name: 'Tag of alpine' }).selectOption('latest');
  await result.getByRole('button', { name: 'Pull alpine:latest' }).click();
  await expect(page.getByText('Pulled alpine:latest.')).toBeVisible({ timeout: 180_000 });
  await waitForPictures(page);
  await page.getByRole('tab', { name: 'Store' }).click();
  // alpine:latest and alpine:3.21 are the same image in the catalogue: one image, its layer stored once.
  const onDisk = page.getByRole('list', { name: 'Layers on disk' }).getByRole('listitem');
  await expect(onDisk).toHaveCount(1);
  await expect(page.locator('.store-figures')).toHaveText(/^Disk used by layers: [\d.]+ MB\. Sum of the image sizes: [\d.]+ MB\. Shared layers save [\d.]+ k?B\.$/);

  // Both themes: contrast is among axe's serious checks.
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const tab of ['Layers', 'Pull', 'Store', 'Explorer', 'Images']) {
      await page.getByRole('tab', { name: tab }).click();
      await expect(page.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
      const results = await new AxeBuilder({ page }).include('.views').analyze();
      const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious.map((v) => `${scheme} ${tab}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    }
  }
  // The tabs are keyboard operable: arrow keys move between them.
  await page.getByRole('tab', { name: 'Images' }).focus();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('tab', { name: 'Explorer' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tab', { name: 'Explorer' })).toBeFocused();
});
