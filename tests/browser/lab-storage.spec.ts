// When the browser refuses storage the lab says so and keeps working in memory; .zip export and
// import carry the files out and back in.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { openLab, run } from './lab-helpers.ts';

// The lab does real work (git, builds) and CI runs several browsers at once: allow time.
test.describe.configure({ timeout: 90_000 });

test('without IndexedDB the lab explains itself and works in memory', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', {
      configurable: true,
      get() {
        throw new DOMException('The user denied permission to access the database.', 'SecurityError');
      },
    });
  });
  await openLab(page);
  await expect(page.getByText(/cannot save your work, because this browser does not allow this site to store data/)).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Not saved (memory only)' })).toBeVisible();
  await run(page, 'echo still works > memo.txt');
  expect(await run(page, 'git status --short')).toBe('?? memo.txt');
});

test('export a .zip, then import it back over a reset', async ({ page }) => {
  await openLab(page);
  await run(page, 'echo "zip me" > packed.txt');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export .zip' }).click()]);
  const path = await download.path();
  const zip = readFileSync(path);
  // A zip's local file header signature, and our file inside it (stored under the sample's folder).
  expect([...zip.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
  expect(zip.includes(Buffer.from('node-app/packed.txt'))).toBe(true);

  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Reset lab' }).click();
  await expect.poll(async () => run(page, 'ls')).not.toContain('packed.txt');

  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import .zip' }).click();
  await (await chooser).setFiles({ name: 'node-app.zip', mimeType: 'application/zip', buffer: zip });
  await expect(page.getByText(/Imported \d+ files from node-app.zip/)).toBeVisible();
  expect(await run(page, 'cat packed.txt')).toBe('zip me');
  expect(await run(page, 'git status --short')).toBe('?? packed.txt');
});
