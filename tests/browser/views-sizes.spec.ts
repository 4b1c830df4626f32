// One size per thing. A layer shows one figure in every picture: the bytes of the files it adds, the
// SIZE of `docker history` (docker CLI cli/command/image/formatter_history.go; the layer's DiffSize,
// see ../shared/reference/buildkit-fidelity.md "docker history"). An image's figures are the ones
// `docker images` prints (CLI v29 tree view, cli/command/image/tree.go: DISK USAGE and CONTENT SIZE),
// and the Store's are the on-disk ones of `docker system df -v`, each labelled as such.
import { test, expect, type Page } from '@playwright/test';
import { openLab, run } from './lab-helpers.ts';

test.describe.configure({ timeout: 150_000 });

const SIZE = /([\d.]+ ?[kMG]?B)/;
const squash = (s: string): string => s.replace(/\s+/g, '');

async function sizesIn(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).allTextContents();
}

test('Layers, Explorer and Images show each layer of an image with the same size; image sizes match docker images and docker system df', async ({ page }) => {
  await openLab(page);
  await run(page, 'docker build -t app .', 100_000);
  await expect(page.locator('section.views')).toHaveAttribute('data-player', 'idle', { timeout: 60_000 });

  // Layers tab: one size per layer, base first.
  const stack = await page.getByRole('list', { name: 'Image layers' }).getByRole('listitem').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? '').reverse());
  const stackSizes = stack.map((n) => squash(n.match(SIZE)?.[1] ?? '?'));
  expect(stackSizes.length).toBeGreaterThan(3);

  // Images tab: the table's two figures are the terminal's `docker images` DISK USAGE and CONTENT SIZE.
  const images = await run(page, 'docker images');
  const appLine = images.split('\n').find((l) => l.startsWith('app:latest'))!;
  const [, , disk, content] = appLine.trim().split(/\s+/);
  await page.getByRole('tab', { name: 'Images' }).click();
  const row = page.getByRole('table', { name: 'Local images' }).getByRole('row').filter({ hasText: 'app' }).filter({ hasText: 'latest' });
  // The tab's code may still be loading: wait for the row before reading it.
  await expect(row).toBeVisible({ timeout: 30_000 });
  const cells = await row.getByRole('cell').allTextContents();
  expect(await page.getByRole('table', { name: 'Local images' }).getByRole('columnheader').allTextContents()).toEqual(['Repository', 'Tag', 'Image ID', 'Disk usage', 'Content size', 'Actions']);
  expect([squash(cells[3]!), squash(cells[4]!)]).toEqual([disk, content]);

  // Images details: the same per-layer figures as the Layers tab, and the image's as the table's.
  await row.getByRole('button', { name: 'Details of app:latest' }).click();
  await expect(page.getByRole('list', { name: 'Layers, earliest first' }).getByRole('button').first()).toBeVisible();
  const detailLayers = (await page.getByRole('list', { name: 'Layers, earliest first' }).getByRole('button').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? '')))
    .map((n) => squash(n.match(/, ([\d.]+ ?[kMG]?B)$/)?.[1] ?? '?'));
  expect(detailLayers).toEqual(stackSizes);
  await expect(page.getByText(`disk usage ${cells[3]}, content size ${cells[4]}`)).toBeVisible();

  // Explorer: the same again.
  await page.getByRole('button', { name: '← All images' }).click();
  await page.getByRole('table', { name: 'Local images' }).getByRole('button', { name: 'Explore the files of app:latest' }).click();
  await expect(page.locator('.ex-layer-size').first()).toBeVisible();
  expect((await sizesIn(page, '.ex-layer-size')).map(squash)).toEqual(stackSizes);

  // Store: figures on disk, labelled so, and the same as `docker system df -v` gives for the image.
  const df = await run(page, 'docker system df -v');
  // REPOSITORY TAG IMAGE ID CREATED SIZE …: the SIZE after "… ago".
  const dfSize = df.match(/^app\s+latest\s+[0-9a-f]{12}\s+.+? ago\s+([\d.]+[kMG]?B)\s/m)?.[1];
  expect(dfSize, df).toBeDefined();
  await page.getByRole('tab', { name: 'Store' }).click();
  const storeImage = page.getByRole('list', { name: 'Local images' }).getByRole('listitem').filter({ hasText: 'app:latest' }).first();
  await expect(storeImage.locator('.store-image-size')).toHaveText(new RegExp(`^${dfSize!.replace(/([\d.]+)([kMG]?B)/, '$1 $2').replace('.', '\\.')} on disk in \\d+ layers$`));
  await expect(page.getByText('Sizes here are on disk')).toBeVisible();
});
