// The layer explorer on a real build: a chosen layer's files with added / modified / removed marks,
// files deleted in a later layer but still shipped, and keyboard use of the tree.
import { test, expect } from '@playwright/test';
import { openSandbox, run, waitForPictures, writeDockerfile } from './views-helpers.ts';

test('the explorer shows a chosen layer\'s files with correct marks', async ({ page }) => {
  test.setTimeout(240_000);
  await openSandbox(page);
  // COPY . . adds the Dockerfile; the RUN appends to alpine's /etc/issue (modified) and deletes /etc/motd.
  await writeDockerfile(page, ['FROM alpine:3.21', 'WORKDIR /app', 'COPY package.json ./', 'COPY . .', 'RUN echo lab >> /etc/issue && rm /etc/motd']);
  await page.getByRole('combobox', { name: 'Animation speed' }).selectOption('10');
  await run(page, 'docker build -t app .');
  await waitForPictures(page);

  // From the layer stack, open the files of the COPY . . layer.
  await page.getByRole('button', { name: /^Explore the files of layer \d+: COPY \. \.$/ }).click();
  await expect(page.getByRole('tab', { name: 'Explorer' })).toHaveAttribute('aria-selected', 'true');
  const tree = page.getByRole('tree');
  await expect(tree).toBeVisible();
  await expect(tree.getByRole('treeitem', { name: /^app, directory, / })).toBeVisible();
  await expect(tree.getByRole('treeitem', { name: /^Dockerfile, file, [\d.]+ k?B, added$/ })).toBeVisible();

  // The RUN rm layer: /etc/motd is removed, and the base layer still ships it.
  await page.getByRole('button', { name: /RUN \/bin\/sh -c echo lab >> \/etc\/issue && rm \/etc\/motd/ }).click();
  await expect(tree.getByRole('treeitem', { name: /^issue, file, [\d.]+ k?B, modified$/ })).toBeVisible();
  await expect(tree.getByRole('treeitem', { name: /^motd, file, [\d.]+ k?B, removed$/ })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Deleted later but still shipped' })).toContainText('/etc/motd');

  // The first layer, alpine's: its /etc/motd is marked as deleted later but still shipped.
  await page.getByRole('button', { name: /^1 ADD alpine-minirootfs/ }).click();
  await expect(tree.getByRole('treeitem', { name: /^motd, file, [\d.]+ k?B, added, deleted later but still shipped$/ })).toBeVisible();

  // Efficiency as dive computes it is shown.
  await expect(page.getByText(/^Score: [\d.]+ %\. Potential wasted space: /)).toBeVisible();

  // Keyboard: focus the tree, move and collapse with arrow keys.
  await page.getByRole('button', { name: /^\d+ COPY \. \. / }).click();
  const first = tree.getByRole('treeitem').first();
  await first.focus();
  await expect(first).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('ArrowLeft');
  await expect(tree.getByRole('treeitem').first()).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('ArrowRight');
  await expect(tree.getByRole('treeitem').first()).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(page.locator(':focus')).toHaveAttribute('aria-level', '2');
});
