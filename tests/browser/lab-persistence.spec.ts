// Nothing lost: edits, history and images survive a reload, and a page killed mid-build comes back
// with the workspace and the images built before it intact.
import { test, expect } from '@playwright/test';
import { openLab, run, buffer, terminal } from './lab-helpers.ts';

// The lab does real work (git, builds) and CI runs several browsers at once: allow time.
test.describe.configure({ timeout: 90_000 });

test('files, git history and shell history survive a reload', async ({ page }) => {
  await openLab(page);
  await run(page, 'echo kept > kept.txt');
  await run(page, 'git add kept.txt');
  await run(page, 'git commit -m "Keep this"');
  await page.reload();
  await openLab(page);
  expect(await run(page, 'cat kept.txt')).toBe('kept');
  expect((await run(page, 'git log --oneline -n 1'))).toMatch(/\(HEAD -> main\) Keep this$/);
  await terminal(page).focus();
  // Two commands since the reload; the third step back is the last one typed before it.
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowUp');
  await expect.poll(async () => (await buffer(page)).split('\n').at(-1)).toBe('lab:/$ git commit -m "Keep this"');
});

test('a page killed in the middle of a build comes back intact', async ({ browser }) => {
  test.setTimeout(180_000);
  const context = await browser.newContext();
  const page = await context.newPage();
  await openLab(page);
  // A first, complete build: its image must survive.
  const first = await run(page, 'docker build -t first .', 100_000);
  expect(first).toContain('naming to docker.io/library/first:latest');
  await page.getByRole('textbox', { name: 'Editor: Dockerfile' }).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\nLABEL edited="yes"');
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible({ timeout: 10_000 });
  // Start a second build and kill the tab as soon as it starts running: the page tells us through an
  // exposed function (a message that does not need the busy page to answer), and the tab is closed.
  let killed: () => void = () => undefined;
  const wasKilled = new Promise<void>((resolve) => (killed = resolve));
  await page.exposeFunction('__labBuildStarted', () => {
    void page.close({ runBeforeUnload: false }).then(() => killed());
  });
  await page.locator('.lab-terminal').evaluate((el) => {
    new MutationObserver(() => {
      if (el.getAttribute('data-running') === 'true') (window as unknown as { __labBuildStarted: () => void }).__labBuildStarted();
    }).observe(el, { attributes: true, attributeFilter: ['data-running'] });
  });
  await terminal(page).focus();
  await page.keyboard.type('docker build --no-cache -t second .');
  await page.keyboard.press('Enter').catch(() => undefined);
  await wasKilled;

  const again = await context.newPage();
  await openLab(again);
  expect(await run(again, 'git status --short')).toBe(' M Dockerfile');
  const images = (await run(again, 'docker images --format "{{.Repository}}"')).split('\n');
  expect(images).toContain('first');
  expect(images).not.toContain('second');
  await context.close();
});
