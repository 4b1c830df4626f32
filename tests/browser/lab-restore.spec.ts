// Restoring the engine's saved state in the browser: images survive a reload (the saved-state schemas
// are a lazy chunk, fetched only for this), and a saved state the lab cannot read is announced in words
// while the lab starts without it.
import { test, expect } from '@playwright/test';
import { openLab, run } from './lab-helpers.ts';

test.describe.configure({ timeout: 120_000 });

test('a built image survives a reload', async ({ page }) => {
  await openLab(page);
  expect(await run(page, 'docker build -q -t kept .', 100_000)).toMatch(/sha256:[0-9a-f]{64}/);
  // Saved once the command has finished: wait for the lab's save status.
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible({ timeout: 15_000 });
  await page.reload();
  await openLab(page);
  expect((await run(page, 'docker images --format "{{.Repository}}"')).split('\n')).toContain('kept');
});

test('a damaged saved state: the learner is told, and the lab starts without it', async ({ page }) => {
  await openLab(page);
  // Write a state from a "newer lab" where the engine's state is kept (IndexedDB database layerlab, store kv).
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('layerlab');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('kv', 'readwrite');
          tx.objectStore('kv').put({ version: 9, clock: 0, parts: {} }, 'engine');
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
  await page.reload();
  await openLab(page);
  await expect(page.getByRole('status').filter({ hasText: 'Your saved images, containers and build cache could not be loaded' })).toHaveText(
    /could not be loaded, so the lab starts without them\. The saved engine state cannot be read: the state was saved by a newer version of the lab \(format 9; this one reads up to 2\)\. Your files are kept\./,
  );
  expect(await run(page, 'docker images -q')).toBe('');
  expect(await run(page, 'ls')).toMatch(/Dockerfile/);
});
