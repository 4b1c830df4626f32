import { test, expect, type Page, type TestInfo } from '@playwright/test';
import path from 'node:path';
import { readLessonSources } from '../tools/lessons.ts';
import { measurePage } from '../tools/first-load-js.ts';
import { BUILDS } from '../tools/build-site.ts';

// The lab slot keeps the lab's code out of the lesson page's first load: nothing of it is fetched
// until the slot comes into view or "Start the lab" is pressed. These tests watch the network.

const lesson = readLessonSources()[0];
if (!lesson) throw new Error('no lessons in content/lessons');
const lessonPath = `lessons/${lesson.slug}/`;

function distFor(testInfo: TestInfo): { outDir: string; base: string } {
  const base = new URL(testInfo.project.use.baseURL ?? '').pathname;
  const build = BUILDS.find((candidate) => candidate.base === base);
  if (!build) throw new Error(`no build for base path ${base}`);
  return build;
}

/** Records the pathnames of every JavaScript file the page requests. */
function watchScripts(page: Page): Set<string> {
  const scripts = new Set<string>();
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (request.resourceType() === 'script' || url.pathname.endsWith('.js')) scripts.add(url.pathname);
  });
  return scripts;
}

test.describe('on a narrow screen', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the lesson page loads exactly the first-load scripts the build check measures, and no lab code', async ({
    page,
  }, testInfo) => {
    const { outDir, base } = distFor(testInfo);
    const report = await measurePage(outDir, path.join(lessonPath, 'index.html'), base);
    const expected = report.scripts.filter((s) => s.via !== 'inline').map((s) => `${base}${s.name}`);

    const requested = watchScripts(page);
    await page.goto(lessonPath);
    await page.waitForLoadState('networkidle');
    const slot = page.getByRole('region', { name: 'Lab' });
    await expect(slot).toHaveAttribute('data-state', 'idle');
    await expect(slot).not.toBeInViewport();
    expect([...requested].sort()).toEqual(expected.sort());

    // The lesson text is all there before the lab.
    await expect(page.getByRole('article').getByRole('heading', { level: 2 }).first()).toBeVisible();
  });

  test('"Start the lab" loads the lab and mounts it in the slot', async ({ page }) => {
    const requested = watchScripts(page);
    await page.goto(lessonPath);
    await page.waitForLoadState('networkidle');
    const before = new Set(requested);
    const slot = page.getByRole('region', { name: 'Lab' });
    // Pressed where it is: scrolling to it first would bring the slot into view, which starts the lab too.
    await slot.getByRole('button', { name: 'Start the lab' }).dispatchEvent('click');
    await expect(slot).toHaveAttribute('data-state', 'ready', { timeout: 15_000 });
    const loaded = [...requested].filter((script) => !before.has(script));
    expect(loaded.length).toBeGreaterThan(0);
    await expect(slot.locator('[data-lab-mount]')).not.toBeEmpty();
    await expect(slot.getByRole('button', { name: 'Start the lab' })).toBeHidden();
  });

  test('scrolling the slot into view starts the lab without a click', async ({ page }) => {
    await page.goto(lessonPath);
    const slot = page.getByRole('region', { name: 'Lab' });
    await expect(slot).toHaveAttribute('data-state', 'idle');
    await slot.scrollIntoViewIfNeeded();
    await expect(slot).toHaveAttribute('data-state', 'ready', { timeout: 15_000 });
  });

  test('the lab sits in the lesson text, after its first command, not after the whole lesson', async ({ page }) => {
    await page.goto(lessonPath);
    const prose = await page.getByRole('article').boundingBox();
    const lab = await page.getByRole('region', { name: 'Lab' }).boundingBox();
    const command = await page.locator('[data-lab-run]').first().boundingBox();
    if (!prose || !lab || !command) throw new Error('lesson or lab not rendered');
    expect(lab.y).toBeGreaterThan(command.y + command.height - 1);
    expect(lab.y + lab.height).toBeLessThan(prose.y + prose.height);
  });
});

test.describe('on a wide screen', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('the lab sits beside the lesson text and starts since it is in view', async ({ page }) => {
    await page.goto(lessonPath);
    const slot = page.getByRole('region', { name: 'Lab' });
    const prose = await page.getByRole('article').boundingBox();
    const lab = await slot.boundingBox();
    if (!prose || !lab) throw new Error('lesson or lab not rendered');
    expect(lab.x).toBeGreaterThanOrEqual(prose.x + prose.width);
    expect(lab.y).toBeLessThan(prose.y + 900);
    await expect(slot).toHaveAttribute('data-state', 'ready', { timeout: 15_000 });
  });

  test('the sandbox shows the lab alone at nearly full height', async ({ page }) => {
    await page.goto('sandbox/');
    const slot = page.getByRole('region', { name: 'Lab' });
    await expect(page.getByRole('article')).toHaveCount(0);
    await expect(slot).toHaveAttribute('data-state', 'ready', { timeout: 15_000 });
    const box = await slot.boundingBox();
    if (!box) throw new Error('lab not rendered');
    expect(box.height).toBeGreaterThan(900 * 0.6);
  });
});
