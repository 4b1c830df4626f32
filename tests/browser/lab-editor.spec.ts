// The lab's editor: diagnostics from the Dockerfile parser, saving into the workspace (git sees it),
// files (create, rename, delete), the Build button, and no keyboard trap.
import { test, expect } from '@playwright/test';
import { openLab, run, buffer } from './lab-helpers.ts';

// The lab does real work (git, builds) and CI runs several browsers at once: allow time.
test.describe.configure({ timeout: 90_000 });

test('a mistake in the Dockerfile is underlined and listed under Problems', async ({ page }) => {
  await openLab(page);
  const editor = page.getByRole('textbox', { name: 'Editor: Dockerfile' });
  const problems = page.getByRole('region', { name: 'Problems' });
  await expect(problems).toContainText('No problems', { timeout: 10_000 });
  // Tokens are coloured by our highlighter.
  await expect(editor.locator('.lab-tok-keyword', { hasText: /^FROM$/ }).first()).toBeVisible();
  await editor.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\nRUNN echo hi');
  // The problems list shows BuildKit's wording, the line and the severity.
  const item = problems.getByRole('button', { name: /unknown instruction: RUNN \(did you mean RUN\?\)/ });
  await expect(item).toBeVisible({ timeout: 10_000 });
  await expect(item).toContainText(/^Line \d+, error: /);
  await expect(page.locator('.lab-problem--error')).toHaveCount(1);
  await expect(page.locator('.lab-problem--error')).toHaveText('RUNN echo hi');
  await expect(editor.locator('.lab-tok-invalid', { hasText: 'RUNN' })).toHaveCount(1);
  // Ctrl-Shift-M goes to the list; activating the item puts the cursor on the problem, in the editor.
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Control+Shift+M');
  await expect(item).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(editor).toBeFocused();
  await expect(page.locator('.cm-activeLine')).toHaveText('RUNN echo hi');
  // F8 selects the problem from anywhere in the editor.
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('F8');
  expect(await page.evaluate(() => window.getSelection()?.toString())).toBe('RUNN echo hi');
  // Fixing it clears the underline and the list.
  await page.keyboard.press('Control+End');
  for (let i = 0; i < 'RUNN echo hi'.length; i++) await page.keyboard.press('Backspace');
  await expect(problems).toContainText('No problems', { timeout: 10_000 });
  await expect(page.locator('.lab-problem')).toHaveCount(0);
});

test('edits are saved to the workspace, where git sees them', async ({ page }) => {
  await openLab(page);
  await page.getByRole('textbox', { name: 'Editor: Dockerfile' }).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\nLABEL lesson="one"');
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible({ timeout: 10_000 });
  expect(await run(page, 'git status --short')).toBe(' M Dockerfile');
  expect(await run(page, 'cat Dockerfile')).toContain('LABEL lesson="one"');
});

test('files can be created, renamed and deleted from the file list', async ({ page }) => {
  await openLab(page);
  page.once('dialog', (d) => void d.accept('notes/todo.txt'));
  await page.getByRole('button', { name: 'New file' }).click();
  await expect(page.getByRole('textbox', { name: 'Editor: notes/todo.txt' })).toBeVisible();
  // Problems are for Dockerfiles only.
  await expect(page.getByRole('region', { name: 'Problems' })).toBeHidden();
  await page.getByRole('textbox', { name: 'Editor: notes/todo.txt' }).click();
  await page.keyboard.type('remember the cache');
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible({ timeout: 10_000 });
  page.once('dialog', (d) => void d.accept('notes/done.txt'));
  await page.getByRole('button', { name: 'Rename' }).click();
  await expect(page.getByRole('button', { name: 'notes/done.txt' })).toBeVisible();
  expect(await run(page, 'cat notes/done.txt')).toBe('remember the cache');
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('button', { name: 'notes/done.txt' })).toHaveCount(0);
  expect(await run(page, 'ls notes')).toBe('');
});

test('the Build button runs docker build in the terminal', async ({ page }) => {
  test.setTimeout(120_000);
  await openLab(page);
  await page.getByRole('button', { name: 'Build' }).click();
  await expect.poll(() => buffer(page), { timeout: 100_000 }).toContain('lab:/$ docker build -t app .\n[+] Building');
});

test('Escape then Tab leaves the editor (no keyboard trap)', async ({ page }) => {
  await openLab(page);
  const editor = page.getByRole('textbox', { name: 'Editor: Dockerfile' });
  await editor.click();
  // Inside the editor Tab indents…
  await page.keyboard.press('Tab');
  await expect(editor).toBeFocused();
  // …and after Escape it moves focus on.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  await expect(editor).not.toBeFocused();
  expect(await page.evaluate(() => !!document.activeElement?.closest('.cm-editor'))).toBe(false);
});

test('Tab indents by the file’s own unit, Enter keeps the indent, Shift-Tab and Backspace undo it', async ({ page }) => {
  await openLab(page);
  const editor = page.getByRole('textbox', { name: 'Editor: Dockerfile' });
  await editor.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\nRUN apk add curl \\');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await page.keyboard.type('&& echo done');
  await page.keyboard.press('Enter');
  await page.keyboard.type('# é👍');
  await page.keyboard.press('Backspace');
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible({ timeout: 10_000 });
  // The sample Dockerfile has no indented line, so the unit is two spaces; Enter kept them on the
  // next line, and Backspace took the whole emoji (a surrogate pair), not half of it.
  expect(await run(page, 'cat Dockerfile')).toMatch(/\nRUN apk add curl \\\n {2}&& echo done\n {2}# é$/);
  // `run` typed into the terminal: go back to the end of the Dockerfile.
  await editor.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible({ timeout: 10_000 });
  expect(await run(page, 'cat Dockerfile')).toMatch(/\n {2}&& echo done\n# é$/);
});
