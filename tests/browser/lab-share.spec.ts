// "Copy link" round trip: the link opens the project in a new workspace without touching the
// learner's own work, and link data is only ever text.
import { test, expect } from '@playwright/test';
import { openLab, run } from './lab-helpers.ts';

// The lab does real work (git, builds) and CI runs several browsers at once: allow time.
test.describe.configure({ timeout: 90_000 });

test('a copied link opens the Dockerfile in a new workspace and keeps existing work', async ({ context }) => {
  const page = await context.newPage();
  await openLab(page);
  await run(page, 'echo \'FROM alpine:3.21\' > Dockerfile');
  await run(page, 'echo "<script>window.__pwned=2</script>" > "<img src=x onerror=window.__pwned=1>.txt"');
  await page.getByRole('button', { name: 'Copy link' }).click();
  const url = await page.getByRole('textbox', { name: 'Link to this project' }).inputValue();
  expect(url).toMatch(/\/sandbox\/#lab=[A-Za-z0-9_-]+$/);

  // Meanwhile the learner's own workspace has other work in it.
  await run(page, 'echo mine > mine.txt');
  await page.close();

  const opened = await context.newPage();
  await opened.goto(url);
  await expect(opened.getByText(/shared project .* was opened in a new workspace/)).toBeVisible({ timeout: 20_000 });
  expect(await run(opened, 'cat Dockerfile')).toBe('FROM alpine:3.21');
  expect(await run(opened, 'ls')).not.toContain('mine.txt');
  // The markup in a file name and content stayed text.
  const odd = opened.getByRole('button', { name: '<img src=x onerror=window.__pwned=1>.txt' });
  await expect(odd).toBeVisible();
  await odd.click();
  await expect(opened.getByRole('textbox', { name: 'Editor: <img src=x onerror=window.__pwned=1>.txt' })).toContainText('<script>window.__pwned=2</script>');
  expect(await opened.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await opened.locator('.lab img, .lab script').count()).toBe(0);
  // The fragment is gone from the address bar, so a reload will not import it again.
  expect(new URL(opened.url()).hash).toBe('');

  await opened.getByRole('button', { name: 'Back to my workspace' }).click();
  await expect.poll(async () => run(opened, 'cat mine.txt')).toBe('mine');
});
