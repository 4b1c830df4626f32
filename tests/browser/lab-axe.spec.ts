// Accessibility of the running lab: no serious or critical axe violations, named controls.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { openLab, run } from './lab-helpers.ts';

// The lab does real work (git, builds) and CI runs several browsers at once: allow time.
test.describe.configure({ timeout: 90_000 });

test('the lab has no serious or critical axe violations', async ({ page }) => {
  await openLab(page);
  await expect(page.getByRole('textbox', { name: 'Editor: Dockerfile' })).toBeVisible();
  const results = await new AxeBuilder({ page }).include('.lab-slot').analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  await expect(page.getByRole('region', { name: 'Terminal' })).toBeVisible();
  await expect(page.getByRole('toolbar', { name: 'Lab actions' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Files' })).toBeVisible();
});

test('the screen-reader mode toggle is a pressed/unpressed button and persists', async ({ page }) => {
  await openLab(page);
  const toggle = page.getByRole('button', { name: 'Screen reader mode' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await page.reload();
  await openLab(page);
  await expect(page.getByRole('button', { name: 'Screen reader mode' })).toHaveAttribute('aria-pressed', 'true');
});

test('the terminal follows the site theme toggle, and the dark lab passes axe too', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await openLab(page);
  const viewport = page.locator('.lab-terminal .xterm-viewport');
  await expect(viewport).toHaveCSS('background-color', 'rgb(255, 255, 255)');
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await expect(viewport).toHaveCSS('background-color', 'rgb(13, 17, 23)');
  const results = await new AxeBuilder({ page }).include('.lab-slot').analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});

test('the editor with problems listed passes axe in both themes', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await openLab(page);
  await page.getByRole('textbox', { name: 'Editor: Dockerfile' }).click();
  await page.keyboard.press('Control+End');
  // Build-check warnings (the file still parses), so the list shows severities and rule links.
  await page.keyboard.type('\nMAINTAINER me\nCMD node app.js');
  const problems = page.getByRole('region', { name: 'Problems' });
  await expect(problems.getByRole('button', { name: /warning: / }).first()).toBeVisible({ timeout: 10_000 });
  await expect(problems.getByRole('link', { name: 'MaintainerDeprecated' })).toBeVisible();
  for (const theme of ['light', 'dark']) {
    if (theme === 'dark') await page.getByRole('button', { name: 'Dark theme' }).click();
    const results = await new AxeBuilder({ page }).include('.lab-editor').analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${theme} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  }
});

test('axe passes in both themes after a build, a pull and with Screen reader mode on', async ({ page }) => {
  test.setTimeout(180_000);
  await page.emulateMedia({ colorScheme: 'light' });
  await openLab(page);
  const sr = page.getByRole('button', { name: 'Screen reader mode' });
  await sr.click();
  await expect(sr).toHaveAttribute('aria-pressed', 'true');
  // BuildKit's coloured progress (blue, green) and `docker images`'s faint legend in the terminal.
  await run(page, 'docker build -t app .', 100_000);
  await run(page, 'docker pull busybox', 100_000);
  await run(page, 'docker images');
  await expect(page.locator('section.views')).toHaveAttribute('data-player', 'idle', { timeout: 60_000 });
  const check = async (label: string, include = '.lab-slot'): Promise<void> => {
    const results = await new AxeBuilder({ page }).include(include).analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${label} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  };
  for (const theme of ['light', 'dark'] as const) {
    if (theme === 'dark') await page.getByRole('button', { name: 'Dark theme' }).click();
    for (const tab of ['Layers', 'Pull', 'Store', 'Images']) {
      await page.getByRole('tab', { name: tab }).click();
      await check(`${theme} ${tab}:`);
    }
    // The pressed "Screen reader mode" button while the pointer is over it.
    await sr.hover();
    await check(`${theme} pressed and hovered:`, '.lab-toolbar');
    await page.mouse.move(0, 0);
  }
});
