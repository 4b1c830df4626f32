// The lesson's "Try it now" section, followed as a learner reads it on the lesson page: the Run buttons
// for search, pull and history, then the Images tab's details of ubuntu:latest.
import { test, expect } from '@playwright/test';
import { buffer } from './lab-helpers.ts';

test('"Try it now" on the lesson page: run the three commands, then open ubuntu latest in the Images tab', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('lessons/what-is-an-image/');
  await page.getByRole('region', { name: 'Lab' }).scrollIntoViewIfNeeded();
  for (const [command, done] of [
    ['docker search ubuntu', /^ubuntu\s/m],
    ['docker pull ubuntu', /Status: Downloaded newer image for ubuntu:latest/],
    ['docker history ubuntu', /ADD file:ubuntu-noble/],
  ] as const) {
    const runButton = page.getByRole('button', { name: `Run in the lab: ${command}` });
    await expect(runButton).toBeVisible({ timeout: 30_000 });
    await runButton.click();
    await expect.poll(() => buffer(page), { timeout: 120_000 }).toMatch(done);
  }
  // "Open the Images tab and press Details next to ubuntu latest."
  await page.getByRole('tab', { name: 'Images' }).click();
  const row = page.getByRole('table', { name: 'Local images' }).getByRole('row').filter({ hasText: 'latest' });
  await expect(row).toContainText('ubuntu');
  await row.getByRole('button', { name: 'Details of ubuntu:latest' }).click();
  // Layers, packages read from the image's own dpkg database, and vulnerabilities labelled as sample data.
  await expect(page.getByRole('list', { name: 'Layers, earliest first' }).getByRole('button')).toHaveCount(1);
  await expect(page.getByRole('table', { name: /^Packages \(\d+\)$/ }).getByRole('row').filter({ hasText: 'dpkg' }).first()).toBeVisible();
  await expect(page.getByRole('table', { name: /Vulnerabilities .* sample data/ })).toBeVisible();
  // "Select a layer to see only the packages that layer added."
  await page.getByRole('list', { name: 'Layers, earliest first' }).getByRole('button').first().click();
  await expect(page.getByRole('table', { name: /^Packages installed by layer 1 \(\d+\)$/ })).toBeVisible();
});
