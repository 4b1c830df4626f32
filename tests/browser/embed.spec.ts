// The embed, driven as a documentation author would: a host page on one loopback origin, the lab's
// site on another. Host pages are the examples the "Embedding" page shows (src/embed/examples/), with
// the placeholder site address replaced by the test server's, served by a real loopback server of
// their own (tests/tools/embed-host.ts), as Chromium treats loopback pages by their real address.
import { test, expect, type Page, type Frame } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

test.describe.configure({ timeout: 120_000 });

const PLACEHOLDER_SITE = 'https://layerlab.example';
const PLACEHOLDER_HOST = 'https://docs.example.com';
const example = (name: string) => readFileSync(new URL(`../../src/embed/examples/${name}`, import.meta.url), 'utf8');

// The site is served at port P (playwright.config.ts); the host stand-in at P+2 and a foreign origin at P+3.
function origins(): { site: string; host: string; attacker: string } {
  const site = new URL(test.info().project.use.baseURL!);
  const port = Number(site.port);
  return { site: site.origin, host: `http://127.0.0.1:${port + 2}`, attacker: `http://127.0.0.1:${port + 3}` };
}

let pageCounter = 0;
/** Registers `html` with the host stand-in under a path of this test's own. */
async function putPage(origin: string, html: string): Promise<string> {
  const { site, host } = origins();
  const body = html.replaceAll(PLACEHOLDER_SITE, site).replaceAll(PLACEHOLDER_HOST, host);
  const url = `${origin}/t${test.info().workerIndex}-${test.info().testId}-${++pageCounter}.html`;
  const res = await fetch(url, { method: 'PUT', body });
  if (!res.ok) throw new Error(`host stand-in refused the page: ${res.status}`);
  return url;
}

/** Serves `html` as the host page and opens it, collecting the element's events. */
async function openHost(page: Page, html: string): Promise<void> {
  const { host } = origins();
  const url = await putPage(host, html);
  await page.addInitScript(() => {
    const w = window as unknown as { __events: { type: string; target: string; detail: unknown }[] };
    w.__events = [];
    for (const type of ['ready', 'command', 'build', 'pull', 'files', 'check', 'error']) {
      document.addEventListener(`layerlab-${type}`, (e) => {
        w.__events.push({ type, target: (e.target as HTMLElement).id || (e.target as HTMLElement).tagName, detail: (e as CustomEvent).detail });
      });
    }
  });
  await page.goto(url);
}

async function events(page: Page, type: string): Promise<unknown[]> {
  return page.evaluate((t) => (window as unknown as { __events: { type: string; detail: unknown }[] }).__events.filter((e) => e.type === t).map((e) => e.detail), type);
}

async function waitReady(page: Page, count = 1): Promise<void> {
  await expect.poll(async () => (await events(page, 'ready')).length, { timeout: 60_000 }).toBeGreaterThanOrEqual(count);
}

function labFrame(page: Page, index = 0): Frame {
  const frames = page.frames().filter((f) => f.url().includes('/embed/'));
  return frames[index]!;
}

/** Wraps the element markup of a framework example (Starlight, Docusaurus) in a host page that sets data-theme as those frameworks do. */
function frameworkHost(mdx: string, theme: 'light' | 'dark'): string {
  const src = /src: (\S+)|src="([^"]+)"/.exec(mdx)!;
  const element = /<layerlab-lab[\s\S]*?<\/layerlab-lab>/.exec(mdx)![0];
  return `<!doctype html><html lang="en" data-theme="${theme}"><head><title>Docs</title><script src="${src[1] ?? src[2]}" defer></script></head><body><main><h1>Docs</h1>${element}</main></body></html>`;
}

test('plain HTML example: the element starts the lab, runs commands and reports builds', async ({ page }) => {
  const started = Date.now();
  await openHost(page, example('plain.html'));
  await waitReady(page);
  const readyMs = Date.now() - started;
  test.info().annotations.push({ type: 'host load to embed ready', description: `${readyMs} ms` });
  console.log(`embed: host page load to layerlab-ready ${readyMs} ms`);
  const [ready] = (await events(page, 'ready')) as { version: number; capabilities: string[]; storage: string }[];
  expect(ready).toMatchObject({ version: 1, storage: 'indexeddb' });
  expect(ready!.capabilities).toEqual(['run', 'reset', 'check', 'snapshot', 'restore', 'theme']);

  // The inline Dockerfile replaced the sample's: the lab shows it.
  const lab = labFrame(page);
  const cat = await page.evaluate(() => (document.querySelector('layerlab-lab') as unknown as { run(c: string): Promise<{ code: number; output: string }> }).run('cat Dockerfile'));
  expect(cat.code).toBe(0);
  expect(cat.output).toContain('FROM node:22-alpine');
  expect(cat.output).toContain('CMD ["node", "src/index.js"]');

  const build = await page.evaluate(() => (document.querySelector('layerlab-lab') as unknown as { run(c: string): Promise<{ code: number; output: string }> }).run('docker build -t app .'));
  expect(build.code).toBe(0);
  expect(build.output).toMatch(/naming to docker\.io\/library\/app:latest/);
  expect(build.output).not.toMatch(/\x1b\[/);
  const steps = (await events(page, 'build')) as { step: string; cached: boolean; reason: string }[];
  expect(steps.some((s) => /RUN npm ci/.test(s.step) && s.cached === false)).toBe(true);
  const commands = (await events(page, 'command')) as { line: string; code: number }[];
  expect(commands).toContainEqual({ line: 'docker build -t app .', code: 0 });
  const pulls = (await events(page, 'pull')) as { state?: string }[];
  expect(pulls.some((p) => p.state === 'pull-complete')).toBe(true);

  // A rebuild is all cached, and the events say so.
  const before = ((await events(page, 'build')) as unknown[]).length;
  await page.evaluate(() => (document.querySelector('layerlab-lab') as unknown as { run(c: string): Promise<unknown> }).run('docker build -t app .'));
  const rebuilt = ((await events(page, 'build')) as { step: string; cached: boolean }[]).slice(before);
  expect(rebuilt.filter((s) => /RUN npm ci/.test(s.step)).map((s) => s.cached)).toEqual([true]);

  // views="terminal,editor,pictures": the file list is not shown.
  await expect(lab.getByRole('region', { name: 'Terminal' })).toBeVisible();
  await expect(lab.getByRole('navigation', { name: 'Files' })).toBeHidden();
  // With the editor left out there is nothing to switch to, and the terminal keeps a usable width
  // beside the pictures (it was once squeezed to one column by the three-pane layout).
  await expect(lab.getByRole('tab', { name: 'Editor' })).toBeHidden();
  expect((await lab.getByRole('region', { name: 'Terminal' }).boundingBox())!.width).toBeGreaterThan(400);
});

test('the iframe height follows the content, shrinking as well as growing', async ({ page }) => {
  await openHost(page, example('plain.html'));
  await waitReady(page);
  const lab = labFrame(page);
  const iframeHeight = () => page.locator('layerlab-lab iframe').evaluate((f) => f.getBoundingClientRect().height);
  const contentHeight = () => lab.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
  await expect.poll(async () => Math.abs((await iframeHeight()) - (await contentHeight()))).toBeLessThanOrEqual(1);
  const base = await iframeHeight();
  await lab.evaluate(() => {
    const tall = document.createElement('div');
    tall.id = 'tall';
    tall.style.height = '600px';
    document.body.append(tall);
  });
  await expect.poll(iframeHeight).toBeGreaterThanOrEqual(base + 599);
  await lab.evaluate(() => document.getElementById('tall')!.remove());
  await expect.poll(iframeHeight).toBeLessThanOrEqual(base + 1);
});

test('Starlight example: theme="host" follows the page\'s data-theme live, and run= runs on start', async ({ page }) => {
  await openHost(page, frameworkHost(example('starlight.mdx'), 'light'));
  await waitReady(page);
  const lab = labFrame(page);
  await expect.poll(() => lab.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
  await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
  await expect.poll(() => lab.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
  await page.evaluate(() => (document.documentElement.dataset.theme = 'light'));
  await expect.poll(() => lab.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
  // run="docker build -t app ." ran by itself.
  await expect.poll(async () => (await events(page, 'command')) as { line: string }[], { timeout: 60_000 }).toContainEqual({ line: 'docker build -t app .', code: 0 });
});

test('Docusaurus example: loading="click" shows a poster until pressed, and the network preset applies', async ({ page }) => {
  await openHost(page, frameworkHost(example('docusaurus.mdx'), 'dark'));
  const start = page.getByRole('button', { name: 'Start the lab' });
  await expect(start).toBeVisible();
  expect(page.frames().some((f) => f.url().includes('/embed/'))).toBe(false);
  await start.press('Enter');
  await waitReady(page);
  const lab = labFrame(page);
  await expect.poll(() => lab.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
  // views="terminal,pictures": no editor. network="conference-wifi": the pull view's selector says so.
  await expect(lab.getByRole('region', { name: 'Terminal' })).toBeVisible();
  await expect(lab.getByRole('navigation', { name: 'Files' })).toBeHidden();
  // With the editor left out there is nothing to switch to, and the terminal keeps a usable width
  // beside the pictures (it was once squeezed to one column by the three-pane layout).
  await expect(lab.getByRole('tab', { name: 'Editor' })).toBeHidden();
  expect((await lab.getByRole('region', { name: 'Terminal' }).boundingBox())!.width).toBeGreaterThan(400);
  await lab.getByRole('tab', { name: 'Pull' }).click();
  await expect(lab.getByRole('combobox', { name: /Bandwidth/ })).toHaveValue('conference-wifi', { timeout: 30_000 });
});

test('readonly=editor,files: the editor shows the Dockerfile but takes no typing, and files cannot be added; a request sent before the lab is ready is queued', async ({ page }) => {
  const html = `<!doctype html><html lang="en"><head><title>Read-only</title><script src="${PLACEHOLDER_SITE}/embed/layerlab.js" defer></script></head><body><main><h1>Read-only</h1>
  <layerlab-lab readonly="editor,files" loading="click" storage-key="readonly"></layerlab-lab></main></body></html>`;
  await openHost(page, html);
  // Asked for before the frame even exists: the element loads the lab and the request waits for ready.
  const early = page.evaluate(() => (document.querySelector('layerlab-lab') as unknown as { run(c: string): Promise<{ code: number; output: string }> }).run('echo queued'));
  expect(await early).toEqual({ code: 0, output: 'queued' });
  const lab = labFrame(page);
  const editor = lab.getByRole('textbox', { name: 'Editor: Dockerfile' });
  await expect(editor).toBeVisible({ timeout: 30_000 });
  const before = await editor.textContent();
  await editor.click();
  await page.keyboard.type('RUN echo typed');
  await expect(editor).toHaveText(before ?? '');
  await expect(lab.getByRole('button', { name: 'New file' })).toBeDisabled();
  // The terminal still works, and what it changes the editor shows.
  const cat = await page.evaluate(() => (document.querySelector('layerlab-lab') as unknown as { run(c: string): Promise<{ output: string }> }).run('cat Dockerfile'));
  expect(cat.output).not.toContain('RUN echo typed');
});

test('two embeds on one page keep separate work, and each keeps its own after a reload', async ({ page }) => {
  const html = `<!doctype html><html lang="en"><head><title>Two labs</title><script src="${PLACEHOLDER_SITE}/embed/layerlab.js" defer></script></head><body><main><h1>Two labs</h1>
  <layerlab-lab id="one" storage-key="one" views="terminal" loading="eager"></layerlab-lab>
  <layerlab-lab id="two" storage-key="two" views="terminal" loading="eager"></layerlab-lab></main></body></html>`;
  await openHost(page, html);
  await waitReady(page, 2);
  const run = (id: string, command: string) => page.evaluate(([i, c]) => (document.getElementById(i!) as unknown as { run(c: string): Promise<{ code: number; output: string }> }).run(c!), [id, command]);
  expect((await run('one', 'echo first > only-in-one.txt')).code).toBe(0);
  expect((await run('two', 'ls')).output).not.toContain('only-in-one.txt');
  expect((await run('one', 'ls')).output).toContain('only-in-one.txt');
  // Both are owners: neither says it is read-only.
  for (const f of page.frames().filter((fr) => fr.url().includes('/embed/'))) await expect(f.getByText(/read-only/)).toHaveCount(0);
  await page.reload();
  await waitReady(page, 2);
  expect((await run('one', 'ls')).output).toContain('only-in-one.txt');
  expect((await run('two', 'ls')).output).not.toContain('only-in-one.txt');
});

test('snapshot and restore carry the work; reset brings the preset back', async ({ page }) => {
  await openHost(page, example('plain.html'));
  await waitReady(page);
  const result = await page.evaluate(async () => {
    const lab = document.querySelector('layerlab-lab') as unknown as {
      run(c: string): Promise<{ code: number; output: string }>;
      snapshot(): Promise<{ format: string; zip: Uint8Array }>;
      restore(s: unknown): Promise<void>;
      reset(): Promise<void>;
      check(): Promise<unknown>;
    };
    await lab.run('echo kept > notes.txt');
    const snap = await lab.snapshot();
    await lab.run('rm notes.txt');
    const gone = (await lab.run('ls')).output;
    await lab.restore(snap);
    const back = (await lab.run('cat notes.txt')).output;
    await lab.reset();
    const afterReset = (await lab.run('ls')).output;
    const check = await lab.check().then(
      () => 'resolved',
      (e: Error) => e.message,
    );
    return { format: snap.format, isBytes: snap.zip instanceof Uint8Array, gone, back, afterReset, check };
  });
  expect(result.format).toBe('layerlab-snapshot');
  expect(result.isBytes).toBe(true);
  expect(result.gone).not.toContain('notes.txt');
  expect(result.back).toBe('kept');
  expect(result.afterReset).toContain('package.json');
  expect(result.check).toBe('this lab was not opened with a challenge (set challenge=LESSON/CHALLENGE)');
});

test('challenge=: check() answers with the course\'s diagnosis, a check event follows each command, and reset restores the start', async ({ page }) => {
  const html = `<!doctype html><html lang="en"><head><title>Challenge</title><script src="${PLACEHOLDER_SITE}/embed/layerlab.js" defer></script></head><body><main><h1>Challenge</h1>
  <layerlab-lab challenge="what-is-an-image/two-containers" views="terminal" loading="eager" storage-key="challenge"></layerlab-lab></main></body></html>`;
  await openHost(page, html);
  await waitReady(page);
  const result = await page.evaluate(async () => {
    const lab = document.querySelector('layerlab-lab') as unknown as { run(c: string): Promise<{ code: number }>; check(): Promise<{ challenge: string; pass: boolean; diagnosis: string }>; reset(): Promise<void> };
    const start = await lab.check();
    await lab.run('docker run --name one alpine:3.21 touch /hello.txt');
    const half = await lab.check();
    await lab.run('docker run --name two alpine:3.21 ls /');
    const done = await lab.check();
    await lab.reset();
    const afterReset = await lab.check();
    return { start, half, done, afterReset };
  });
  expect(result.start).toMatchObject({ challenge: 'what-is-an-image/two-containers', pass: false });
  // The course's own diagnosis for one container (content/challenges/what-is-an-image.ts, "one-container").
  expect(result.half.pass).toBe(false);
  expect(result.half.diagnosis).toMatch(/^So far one container, .*one.* was made from alpine:3\.21 \(its writable layer: .*\/hello\.txt.*\)\. Run a second container from the same image\.$/);
  expect(result.done.pass).toBe(true);
  expect(result.afterReset.pass).toBe(false);
  const checks = (await events(page, 'check')) as { pass: boolean }[];
  expect(checks.some((c) => c.pass)).toBe(true);
});

test('a bare iframe sandboxed with allow-scripts only (an opaque origin) runs the lab on the page, in memory', async ({ page }) => {
  // Such a frame may not start a Worker from the site's URL, so the core runs on the page instead.
  const { site } = origins();
  const html = `<!doctype html><html lang="en"><head><title>Sandboxed</title></head><body><main><h1>Sandboxed</h1>
  <iframe title="Layerlab lab" sandbox="allow-scripts" style="width:100%;height:700px;border:0" src="${site}/embed/?views=terminal"></iframe></main></body></html>`;
  await openHost(page, html);
  const lab = page.frameLocator('iframe');
  const terminal = lab.getByRole('textbox', { name: 'Terminal' });
  await expect(terminal).toBeAttached({ timeout: 60_000 });
  // The learner is told that nothing is saved here, and that the engine shares the page's thread.
  await expect(lab.getByText('the page that embeds this lab gives it no storage', { exact: false })).toBeVisible();
  await expect(lab.getByText('In this frame the lab runs its engine on the page itself', { exact: false })).toHaveCount(1);
  await terminal.focus();
  await page.keyboard.type('docker build -t app .');
  await page.keyboard.press('Enter');
  await expect.poll(() => lab.locator('.lab-terminal').getAttribute('data-completed'), { timeout: 60_000 }).toBe('1');
  await expect(lab.locator('.xterm-rows')).toContainText('naming to docker.io/library/app:latest', { timeout: 30_000 });
});

test('hostile messages change nothing: malformed, oversized, foreign-origin', async ({ page }) => {
  const { site, host, attacker } = origins();
  const evil = await putPage(
    attacker,
    `<!doctype html><title>x</title><script>
      // A frame of another origin on the host page posts straight to the lab's frame.
      parent.frames[0].postMessage({ name: 'layerlab', version: 1, id: 'evil', type: 'run', payload: { command: 'echo pwned > pwned.txt' } }, '*');
    </script>`,
  );
  const html = `<!doctype html><html lang="en"><head><title>Host</title><script src="${PLACEHOLDER_SITE}/embed/layerlab.js" defer></script></head><body><main><h1>Host</h1>
  <layerlab-lab views="terminal" loading="eager" storage-key="hostile"></layerlab-lab></main></body></html>`;
  await openHost(page, html);
  await waitReady(page);
  const lab = labFrame(page);
  const replies = await page.evaluate(async () => {
    const frame = document.querySelector('layerlab-lab')!.shadowRoot!.querySelector('iframe')!;
    const got: unknown[] = [];
    addEventListener('message', (e) => {
      if (e.source === frame.contentWindow && (e.data?.type === 'error' || e.data?.type === 'reply')) got.push(e.data);
    });
    const send = (m: unknown) => frame.contentWindow!.postMessage(m, '*');
    send({ name: 'layerlab', version: 1, type: 'run', payload: { command: 'echo noid > a.txt' } });
    send({ name: 'layerlab', version: 7, id: 'v', type: 'run', payload: { command: 'echo v > a.txt' } });
    send({ name: 'layerlab', version: 1, id: 'u', type: 'eval', payload: { code: 'document.body.innerHTML = "<img src=x onerror=alert(1)>"' } });
    send({ name: 'layerlab', version: 1, id: 'big', type: 'run', payload: { command: 'echo big > a.txt', pad: 'x'.repeat(5_000_000) } });
    send({ name: 'layerlab', version: 1, id: 'nl', type: 'run', payload: { command: 'ls\nrm -rf /' } });
    send({ name: 'layerlab', version: 1, id: 'z', type: 'restore', payload: { snapshot: { format: 'layerlab-snapshot', version: 1, zip: new Uint8Array([1, 2, 3]) } } });
    send('<script>alert(1)</script>');
    send(null);
    await new Promise((r) => setTimeout(r, 1500));
    return got as { type: string; id?: string; payload: { message: string } }[];
  });
  const byId = Object.fromEntries(replies.map((r) => [r.id ?? 'none', r]));
  expect(byId.v?.payload.message).toMatch(/version 7 is not supported/);
  expect(byId.u?.payload.message).toMatch(/unknown request type "eval"/);
  expect(byId.big?.payload.message).toMatch(/larger than/);
  expect(byId.nl?.payload.message).toMatch(/without line breaks/);
  expect(byId.z?.type).toBe('error');
  expect(replies.filter((r) => r.type === 'reply')).toEqual([]);
  // The attacker's frame: its message is not from the lab's parent, so it is ignored.
  await page.evaluate((src) => {
    const f = document.createElement('iframe');
    f.src = src;
    document.body.append(f);
  }, evil);
  await page.waitForTimeout(1500);
  const ls = await page.evaluate(() => (document.querySelector('layerlab-lab') as unknown as { run(c: string): Promise<{ output: string }> }).run('ls'));
  expect(ls.output).not.toMatch(/pwned|a\.txt/);
  await expect(lab.locator('img')).toHaveCount(0);
  expect(site).not.toBe(host);
});

test('axe passes inside the embed in both themes, and focus leaves the lab back into the host page', async ({ page }) => {
  const html = `<!doctype html><html lang="en"><head><title>Host</title><script src="${PLACEHOLDER_SITE}/embed/layerlab.js" defer></script></head><body><main><h1>Host</h1>
  <button id="before">Before</button><layerlab-lab theme="light" loading="eager" storage-key="axe"></layerlab-lab><button id="after">After</button></main></body></html>`;
  for (const theme of ['light', 'dark'] as const) {
    await openHost(page, html.replace('theme="light"', `theme="${theme}"`));
    await waitReady(page);
    const lab = labFrame(page);
    await expect(lab.getByRole('region', { name: 'Terminal' })).toBeVisible();
    const results = await new AxeBuilder({ page }).include('layerlab-lab').analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${theme} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  }
  // Keyboard: from the host's button into the lab, through it, and out to the host's next button. In
  // the terminal Tab completes, and in the editor it indents; Escape then Tab leaves either, as the
  // lab's hints say.
  await page.locator('#before').focus();
  let reachedLab = false;
  let reachedAfter = false;
  for (let i = 0; i < 80 && !reachedAfter; i++) {
    const captures = await labFrame(page).evaluate(() => document.hasFocus() && document.activeElement?.closest('.lab-terminal, .cm-content') != null);
    if (captures) await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    const where = await page.evaluate(() => (document.activeElement?.id || document.activeElement?.tagName) ?? '');
    if (where === 'LAYERLAB-LAB') reachedLab = true;
    if (where === 'after') reachedAfter = true;
  }
  expect(reachedLab).toBe(true);
  expect(reachedAfter).toBe(true);
});

test('the element script is small and defines only its element', async ({ page, request }) => {
  const { site } = origins();
  const res = await request.get(`${site}/embed/layerlab.js`);
  expect(res.ok()).toBe(true);
  const body = await res.body();
  const gz = gzipSync(body).byteLength;
  console.log(`embed: element script ${body.byteLength} bytes, ${gz} bytes gzipped`);
  expect(gz).toBeLessThanOrEqual(5 * 1024);
  const html = `<!doctype html><html lang="en"><head><title>Globals</title></head><body><h1>Globals</h1></body></html>`;
  await openHost(page, html);
  const added = await page.evaluate(async (src) => {
    const before = new Set(Object.getOwnPropertyNames(window));
    const styles = document.styleSheets.length;
    await new Promise<void>((resolve) => {
      const s = document.createElement('script');
      s.src = src;
      s.onload = () => resolve();
      document.head.append(s);
    });
    return { globals: Object.getOwnPropertyNames(window).filter((n) => !before.has(n)), styles: document.styleSheets.length - styles, defined: Boolean(customElements.get('layerlab-lab')) };
  }, `${site}/embed/layerlab.js`);
  expect(added).toEqual({ globals: [], styles: 0, defined: true });
});

test('bare iframe example: the protocol by hand, with origin= naming the host', async ({ page }) => {
  const logs: string[] = [];
  page.on('console', (m) => logs.push(m.text()));
  await openHost(page, `<!doctype html><html lang="en"><head><title>Bare iframe</title></head><body><main><h1>Bare iframe</h1>${example('iframe.html')}</main></body></html>`);
  await expect.poll(() => logs.join('\n'), { timeout: 60_000 }).toMatch(/IMAGE\s+ID\s+DISK USAGE/);
});

test('the Embedding page shows every example and its live lab works', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') violations.push(m.text());
  });
  await page.goto('embedding/');
  // Each example file is shown as it is.
  for (const name of ['plain.html', 'starlight.mdx', 'docusaurus.mdx', 'iframe.html']) {
    const firstLine = example(name)
      .split('\n')
      .find((l) => l.includes('layerlab-lab ') || l.includes('<iframe'))!
      .trim();
    await expect(page.locator('pre', { hasText: firstLine.slice(0, 40) }).first()).toBeVisible();
  }
  const live = page.locator('#live-example');
  await live.getByRole('button', { name: 'Start the lab' }).click();
  const frame = page.frameLocator('#live-example iframe');
  await expect(frame.getByRole('textbox', { name: 'Terminal' })).toBeAttached({ timeout: 60_000 });
  const out = await page.evaluate(() => (document.getElementById('live-example') as unknown as { run(c: string): Promise<{ code: number; output: string }> }).run('docker pull alpine:3.21'));
  expect(out.code).toBe(0);
  expect(out.output).toContain('Status: Downloaded newer image for alpine:3.21');
  expect(violations).toEqual([]);
});

test('site pages send a Content-Security-Policy without unsafe-eval, and a build runs under it', async ({ page }) => {
  const violations: string[] = [];
  await page.exposeFunction('__cspViolation', (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { __cspViolation(v: string): void }).__cspViolation(`${e.violatedDirective} ${e.blockedURI}`));
  });
  for (const path of ['', 'lessons/', 'embedding/', 'embed/', 'sandbox/']) {
    await page.goto(path);
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp, path).toMatch(/script-src 'self'/);
    expect(csp, path).not.toContain('unsafe-eval');
  }
  // The sandbox is open: the lab starts and builds under the policy.
  await expect(page.getByRole('textbox', { name: 'Terminal' })).toBeAttached({ timeout: 60_000 });
  await page.getByRole('textbox', { name: 'Terminal' }).focus();
  await page.keyboard.type('docker build -t app .');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.locator('.lab-terminal').getAttribute('data-completed'), { timeout: 60_000 }).toBe('1');
  expect(violations).toEqual([]);
});
