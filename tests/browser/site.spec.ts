import { test, expect, type Page, type TestInfo } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { readLessonSources } from '../tools/lessons.ts';

// Runs in both Playwright projects: "root" (site at /) and "base-path" (site at /layerlab/). Every
// navigation is relative to the project's baseURL, so each check below also proves the page works
// under a base path.

const lessons = readLessonSources();
const PAGES: ReadonlyArray<{ path: string; name: string }> = [
  { path: '', name: 'home' },
  { path: 'lessons/', name: 'lesson index' },
  ...lessons.map((lesson) => ({ path: `lessons/${lesson.slug}/`, name: `lesson "${lesson.slug}"` })),
  { path: 'sandbox/', name: 'sandbox' },
];

function basePath(testInfo: TestInfo): string {
  const baseURL = testInfo.project.use.baseURL;
  if (!baseURL) throw new Error('the Playwright project has no baseURL');
  return new URL(baseURL).pathname;
}

/** Collects console errors and uncaught exceptions from the moment it is called. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  return errors;
}

/** Waits until every lab slot on the page that has started has finished starting (or none started). */
async function settleLabSlots(page: Page): Promise<void> {
  await expect(page.locator('[data-lab-slot][data-state="loading"]')).toHaveCount(0, { timeout: 15_000 });
  await expect(page.locator('[data-lab-slot][data-state="error"]')).toHaveCount(0);
}

/**
 * Serious and critical axe violations of the page. The lab's own interface, once mounted in a lab
 * slot, is checked by tests/browser/lab-axe.spec.ts; here the site around it is (the slot's frame,
 * heading, button and status included).
 */
async function seriousAxeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).exclude('[data-lab-mount]').analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help}\n  ${violation.nodes
          .slice(0, 5)
          .map((node) => node.target.join(' '))
          .join('\n  ')}`,
    );
}

for (const { path: pagePath, name } of PAGES) {
  test.describe(`${name} page`, () => {
    test('loads without console errors and keeps every link and asset under the base path', async ({ page }, testInfo) => {
      const base = basePath(testInfo);
      const errors = watchErrors(page);
      const foreignRequests: string[] = [];
      page.on('request', (request) => {
        const url = new URL(request.url());
        if (url.protocol.startsWith('http') && url.host !== new URL(testInfo.project.use.baseURL ?? '').host) {
          foreignRequests.push(request.url());
        }
      });

      const response = await page.goto(pagePath);
      expect(response?.status()).toBe(200);
      expect(new URL(page.url()).pathname).toBe(`${base}${pagePath}`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
      await settleLabSlots(page);

      // Every same-site link, stylesheet, script and image the page references is under the base path
      // and is served.
      const references = await page.evaluate(() =>
        [
          ...Array.from(document.querySelectorAll('a[href]'), (el) => (el as HTMLAnchorElement).href),
          ...Array.from(document.querySelectorAll('link[href]'), (el) => (el as HTMLLinkElement).href),
          ...Array.from(document.querySelectorAll('script[src]'), (el) => (el as HTMLScriptElement).src),
          ...Array.from(document.querySelectorAll('img[src]'), (el) => (el as HTMLImageElement).src),
        ].filter((href) => new URL(href).origin === location.origin),
      );
      expect(references.length).toBeGreaterThan(0);
      for (const href of new Set(references.map((ref) => ref.split('#')[0] ?? ref))) {
        expect(new URL(href).pathname.startsWith(base), `${href} is outside ${base}`).toBe(true);
        const reply = await page.request.get(href);
        expect(reply.status(), `GET ${href}`).toBe(200);
      }

      expect(foreignRequests, 'requests to other hosts').toEqual([]);
      expect(errors).toEqual([]);
    });

    test('has no serious or critical axe violations in the light and the dark theme', async ({ page }) => {
      await page.emulateMedia({ colorScheme: 'light' });
      await page.goto(pagePath);
      await settleLabSlots(page);
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme });
        const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        expect(background, `${colorScheme} background`).toBe(colorScheme === 'light' ? 'rgb(255, 255, 255)' : 'rgb(15, 20, 25)');
        expect(await seriousAxeViolations(page), `${colorScheme} theme`).toEqual([]);
      }
    });

    test('has one h1 and no skipped heading levels', async ({ page }) => {
      await page.goto(pagePath);
      const levels = await page
        .locator('h1, h2, h3, h4, h5, h6')
        .evaluateAll((elements) => elements.map((el) => Number(el.tagName.slice(1))));
      expect(levels[0]).toBe(1);
      expect(levels.filter((level) => level === 1)).toHaveLength(1);
      for (let i = 1; i < levels.length; i += 1) {
        expect(levels[i] ?? 0, `heading ${i + 1} jumps from h${levels[i - 1]} to h${levels[i]}`).toBeLessThanOrEqual(
          (levels[i - 1] ?? 0) + 1,
        );
      }
    });
  });
}

for (const lesson of lessons) {
  test(`lesson "${lesson.slug}" renders its title and headings in the order written`, async ({ page }) => {
    await page.goto(`lessons/${lesson.slug}/`);
    const article = page.getByRole('article');
    await expect(article.getByRole('heading', { level: 1 })).toHaveText(String(lesson.frontmatter.title));
    const rendered = await article
      .locator('h2, h3, h4, h5, h6')
      .evaluateAll((elements) =>
        elements.map((el) => ({ depth: Number(el.tagName.slice(1)), text: (el.textContent ?? '').trim() })),
      );
    expect(rendered).toEqual(lesson.headings);
    // The page's title and description come from the frontmatter.
    await expect(page).toHaveTitle(`${String(lesson.frontmatter.title)} · Layerlab`);
    await expect(page.locator('meta[name="description"]')).toHaveAttribute(
      'content',
      String(lesson.frontmatter.description),
    );
  });
}

test('the home page says what Layerlab is and its start button opens the first lesson', async ({ page }, testInfo) => {
  const first = [...lessons].sort((a, b) => Number(a.frontmatter.order) - Number(b.frontmatter.order))[0];
  if (!first) throw new Error('no lessons in content/lessons');
  await page.goto('');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Layerlab');
  await page.getByRole('link', { name: 'Start the first lesson' }).click();
  await expect(page).toHaveURL(new RegExp(`${basePath(testInfo)}lessons/${first.slug}/$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(String(first.frontmatter.title));
});

test('the lesson index lists every lesson in order', async ({ page }) => {
  const ordered = [...lessons].sort((a, b) => Number(a.frontmatter.order) - Number(b.frontmatter.order));
  await page.goto('lessons/');
  const titles = await page.getByRole('main').getByRole('listitem').getByRole('link').allTextContents();
  expect(titles.map((t) => t.trim())).toEqual(ordered.map((lesson) => String(lesson.frontmatter.title)));
});

test('the navigation marks the current page and reaches every section', async ({ page }, testInfo) => {
  const base = basePath(testInfo);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await page.goto('');
  await expect(nav.getByRole('link', { name: 'Home' })).toHaveAttribute('aria-current', 'page');
  await nav.getByRole('link', { name: 'Lessons' }).click();
  await expect(page).toHaveURL(new RegExp(`${base}lessons/$`));
  await expect(nav.getByRole('link', { name: 'Lessons' })).toHaveAttribute('aria-current', 'page');
  await expect(nav.getByRole('link', { name: 'Home' })).not.toHaveAttribute('aria-current');
  await nav.getByRole('link', { name: 'Sandbox' }).click();
  await expect(page).toHaveURL(new RegExp(`${base}sandbox/$`));
  await expect(nav.getByRole('link', { name: 'Sandbox' })).toHaveAttribute('aria-current', 'page');
  const lesson = lessons[0];
  if (lesson) {
    await page.goto(`lessons/${lesson.slug}/`);
    await expect(nav.getByRole('link', { name: 'Lessons' })).toHaveAttribute('aria-current', 'true');
  }
});

test('the skip link is the first stop and moves focus to the main content', async ({ page }) => {
  await page.goto('lessons/');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  const box = await skip.boundingBox();
  expect(box && box.y >= 0 && box.height > 0).toBe(true);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
});

test('focus is visible on links and buttons', async ({ page }) => {
  await page.goto('');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  const outline = await page.evaluate(() => {
    const style = getComputedStyle(document.activeElement as Element);
    return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
  });
  expect(outline.style).not.toBe('none');
  expect(outline.width).toBeGreaterThanOrEqual(2);
});

test.describe('theme', () => {
  const background = (page: Page): Promise<string> =>
    page.evaluate(() => getComputedStyle(document.body).backgroundColor);

  test('follows the system preference until the learner chooses', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('');
    const toggle = page.getByRole('button', { name: 'Dark theme' });
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    const dark = await background(page);
    await page.emulateMedia({ colorScheme: 'light' });
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    expect(await background(page)).not.toBe(dark);
  });

  test('the toggle switches, persists across pages and reloads, and applies before first paint', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    // Record the theme at the moment <body> is created, i.e. before anything is painted.
    await page.addInitScript(() => {
      const observer = new MutationObserver(() => {
        if (document.body) {
          (window as unknown as { themeAtBody: string | null }).themeAtBody =
            document.documentElement.getAttribute('data-theme');
          observer.disconnect();
        }
      });
      observer.observe(document, { childList: true, subtree: true });
    });
    await page.goto('');
    const toggle = page.getByRole('button', { name: 'Dark theme' });
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    const light = await background(page);
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    const dark = await background(page);
    expect(dark).not.toBe(light);

    await page.goto('sandbox/');
    await expect(page.getByRole('button', { name: 'Dark theme' })).toHaveAttribute('aria-pressed', 'true');
    expect(await background(page)).toBe(dark);
    expect(await page.evaluate(() => (window as unknown as { themeAtBody: string | null }).themeAtBody)).toBe('dark');

    await page.reload();
    expect(await page.evaluate(() => (window as unknown as { themeAtBody: string | null }).themeAtBody)).toBe('dark');
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await expect(page.getByRole('button', { name: 'Dark theme' })).toHaveAttribute('aria-pressed', 'false');
    expect(await background(page)).toBe(light);
  });
});

test('smooth scrolling is off when the learner prefers reduced motion', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  await page.goto('');
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior)).toBe('smooth');
  await page.emulateMedia({ reducedMotion: 'reduce' });
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior)).toBe('auto');
});

test('a missing page answers 404 with a helpful page under the base path', async ({ page }, testInfo) => {
  const response = await page.goto('no-such-page/');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await expect(page.getByRole('link', { name: 'See the lessons' })).toHaveAttribute(
    'href',
    `${basePath(testInfo)}lessons/`,
  );
  expect(await seriousAxeViolations(page)).toEqual([]);
});
