// The lab's core (engine, shell, workspace, saving) runs in a Web Worker, so a build never blocks the
// page: the page holds the terminal, the editor and the pictures, and talks to the worker by messages.
import { test, expect } from '@playwright/test';
import { openLab, run } from './lab-helpers.ts';

test.describe.configure({ timeout: 90_000 });

test('the lab core runs in a module Worker, and a build done there reaches the terminal and the pictures', async ({ page }) => {
  await openLab(page);
  expect(page.workers().map((w) => new URL(w.url()).pathname)).toContainEqual(expect.stringMatching(/\/_astro\/worker-[\w-]+\.js$/));
  const out = await run(page, 'docker build -t app .', 60_000);
  expect(out).toContain('naming to docker.io/library/app:latest');
  // The picture of the build read its final state from the page's mirror of the worker's engine.
  await expect(page.getByRole('list', { name: 'Image layers' }).getByRole('listitem').first()).toBeVisible();
});
