// Workshop-proof: the service worker (src/integrations/offline) keeps the site, so a learner who loaded it
// once can reload with the network cut and keep working in the lab, at the root and under a base path;
// and a new version of the site takes over at the next load and says so.
//
// Service workers need a secure context: 127.0.0.1 is one. Each test has its own browser context, so
// each starts with no worker and no cache. The base-path and update tests serve their own copy of the
// site (tests/tools/serve.ts) on a port the system picks, so they never collide with other checkouts.
import { test, expect, type Page } from '@playwright/test';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import { serve } from '../tools/serve.ts';
import { writeServiceWorker } from '../../src/integrations/offline/precache.ts';
import { openLab, run } from './lab-helpers.ts';

test.use({ serviceWorkers: 'allow' });
test.describe.configure({ timeout: 180_000 });

/** Waits until the page is controlled by an activated worker, i.e. the site is in the cache. */
async function waitForWorker(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 60_000 }).toBe(true);
}

/**
 * Asks the worker, as the page itself does on load, whether this load is the first of a new version. The
 * worker answers in order, so once this answer is here the page's own question has been answered too.
 */
function askWorker(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        navigator.serviceWorker.addEventListener('message', (e) => resolve(String(e.data?.layerlab)), { once: true });
        navigator.serviceWorker.controller?.postMessage({ layerlab: 'hello' });
      }),
  );
}

/** Load, go offline, reload, build in the lab, reload again: the work and the pages are all there. */
async function workOffline(page: Page, siteUrl: string): Promise<void> {
  await openLab(page, `${siteUrl}sandbox/`);
  await waitForWorker(page);
  await page.context().setOffline(true);
  // The network is really gone: a request the worker does not answer from its cache fails.
  expect(await page.evaluate(() => fetch('/not-in-the-cache.txt').then(() => 'reached', () => 'failed'))).toBe('failed');

  await page.reload();
  await openLab(page, `${siteUrl}sandbox/`);
  await run(page, 'echo "written offline" > offline.txt');
  const build = await run(page, 'docker build -t offline-app .', 120_000);
  expect(build).toContain('naming to docker.io/library/offline-app:latest');

  await page.reload();
  await openLab(page, `${siteUrl}sandbox/`);
  expect(await run(page, 'cat offline.txt')).toBe('written offline');
  expect((await run(page, 'docker images --format "{{.Repository}}"')).split('\n')).toContain('offline-app');

  // Other pages of the site were kept too, a lesson included.
  await page.goto(`${siteUrl}lessons/`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.getByRole('main').getByRole('link', { name: 'What is an image' }).click();
  await expect(page).toHaveURL(/\/lessons\/[^/]+\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // A page the site does not have is its own 404 page, as on the host.
  const missing = await page.goto(`${siteUrl}no-such-page/`);
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

test('at the root: load once, then reload and build in the lab with no network', async ({ page, baseURL }) => {
  await workOffline(page, baseURL!);
});

test.describe('under the base path', () => {
  let server: Server;
  let url: string;
  test.beforeAll(async () => {
    ({ server, url } = await serve({ root: 'dist-base', base: '/layerlab/', port: 0 }));
    url = url.replace('localhost', '127.0.0.1');
  });
  test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test('load once, then reload and build in the lab with no network', async ({ page }) => {
    await workOffline(page, url);
    // The worker's scope is the base path, and so is the list it keeps.
    const scope = await page.evaluate(() => navigator.serviceWorker.ready.then((r) => r.scope));
    expect(new URL(scope).pathname).toBe('/layerlab/');
  });
});

test.describe('a new version', () => {
  let server: Server;
  let url: string;
  let site: string;
  test.beforeAll(async () => {
    site = await mkdtemp(path.join(tmpdir(), 'layerlab-offline-'));
    await cp('dist', site, { recursive: true });
    ({ server, url } = await serve({ root: site, base: '/', port: 0 }));
    url = url.replace('localhost', '127.0.0.1');
  });
  test.afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await rm(site, { recursive: true, force: true });
  });

  test('takes over at the next load and says so; the old one is never served again', async ({ page }) => {
    const marker = () => page.evaluate(() => document.querySelector('meta[name="test-site-version"]')?.getAttribute('content') ?? 'first');
    await page.goto(url);
    await waitForWorker(page);
    await page.reload();
    expect(await marker()).toBe('first');
    expect(await askWorker(page)).toBe('current');
    await expect(page.getByRole('status').filter({ hasText: /new version|updated/ })).toHaveCount(0);

    // Deploy a second version: a changed page, and the worker the build would write for it.
    const home = path.join(site, 'index.html');
    await writeFile(home, (await readFile(home, 'utf8')).replace('<head>', '<head><meta name="test-site-version" content="second">'));
    const before = await readFile(path.join(site, 'sw.js'), 'utf8');
    await writeServiceWorker(site, '/');
    expect(await readFile(path.join(site, 'sw.js'), 'utf8')).not.toBe(before);

    // This load is still served from the first version's cache; meanwhile the new worker installs and says
    // that it takes over at the next load.
    await page.reload();
    expect(await marker()).toBe('first');
    await expect(page.getByRole('status').filter({ hasText: 'A new version of Layerlab is ready. It takes over when you next load a page.' })).toBeVisible({ timeout: 60_000 });

    // The next load is the new version, and says so once.
    await page.reload();
    expect(await marker()).toBe('second');
    const updated = page.getByRole('status').filter({ hasText: 'Layerlab was updated. This page runs the new version.' });
    await expect(updated).toBeVisible({ timeout: 20_000 });
    await updated.getByRole('button', { name: 'Dismiss' }).click();
    await expect(updated).toHaveCount(0);

    // Offline, the new version is what the cache holds; the old cache is gone.
    await page.context().setOffline(true);
    await page.reload();
    expect(await marker()).toBe('second');
    expect(await askWorker(page)).toBe('current');
    await expect(page.getByRole('status').filter({ hasText: /new version|updated/ })).toHaveCount(0);
    expect(await page.evaluate(() => caches.keys())).toHaveLength(1);
  });
});
