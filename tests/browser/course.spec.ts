// The course as a learner meets it: one whole lesson followed from its text (Run buttons, an edit in
// the editor, the check turning to done, progress kept after a reload and shown in the lesson list),
// every lesson page with its lab started passing axe in both themes, and the challenge panel by
// keyboard alone. The seconds to the first "done" are printed, never asserted.
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { buffer, run } from './lab-helpers.ts';
import { readLessonSources } from '../tools/lessons.ts';

test.describe.configure({ timeout: 180_000 });

const LESSONS = readLessonSources().map((l) => l.slug);

async function completed(page: Page): Promise<number> {
  return Number((await page.locator('.lab-terminal').getAttribute('data-completed')) ?? '0');
}

/** Presses a lesson's Run button and waits until the terminal has finished the command. */
async function runButton(page: Page, command: string, nth = 0): Promise<void> {
  const button = page.getByRole('button', { name: `Run in the lab: ${command}`, exact: true }).nth(nth);
  await expect(button).toBeVisible({ timeout: 60_000 });
  const before = await completed(page);
  await button.click();
  await expect.poll(() => completed(page), { timeout: 120_000 }).toBeGreaterThan(before);
}

/** Opens a lesson and waits for its lab and challenge panel to be ready. */
async function openLesson(page: Page, slug: string): Promise<void> {
  await page.goto(`lessons/${slug}/`);
  const panel = page.getByRole('region', { name: 'Challenges' });
  await expect(panel).toBeVisible();
  try {
    await expect(page.getByRole('textbox', { name: 'Terminal' })).toBeAttached({ timeout: 10_000 });
  } catch {
    await page.getByRole('button', { name: 'Start the lab' }).click();
  }
  await expect(panel.getByRole('button', { name: 'Check' })).toBeEnabled({ timeout: 60_000 });
}

/** Beside a lesson the editor shares a pane with the pictures: choose its tab, as a learner would. */
async function showEditor(page: Page): Promise<void> {
  const tab = page.getByRole('tab', { name: 'Editor' });
  if ((await tab.isVisible()) && (await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
}

test('a learner follows "The build cache" from its text to done, and the progress survives a reload', async ({ page }) => {
  page.on('dialog', (d) => void d.accept());
  const started = Date.now();
  await openLesson(page, 'build-cache');
  const panel = page.getByRole('region', { name: 'Challenges' });
  const verdict = panel.getByRole('status').filter({ hasText: /Not yet|Done/ });
  await expect(panel.getByRole('heading', { name: 'Challenge 1: Keep the install cached' })).toBeVisible();

  // "A Dockerfile in the wrong order": look, build, edit the code, build again with --explain-cache.
  await runButton(page, 'cat Dockerfile');
  await runButton(page, 'docker build -t app .');
  await runButton(page, 'echo "// a code edit" >> src/index.js');
  await runButton(page, 'docker build -t app --explain-cache .');
  // The check ran after the command: a miss, explained with the engine's own reason.
  await expect(verdict).toContainText('Step 4/4 RUN npm ci ran again because step 3/4 COPY . . changed: src/index.js changed content.', { timeout: 15_000 });

  // "Put what changes rarely first": the edit, in the editor, as a learner would make it.
  await showEditor(page);
  const editor = page.getByRole('textbox', { name: 'Editor: Dockerfile' });
  await editor.click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Home');
  await page.keyboard.type('COPY package.json package-lock.json ./\n');
  // The cursor is now on `COPY . .`; Alt-Down moves that line below `RUN npm ci`.
  await page.keyboard.press('Alt+ArrowDown');
  await expect(page.locator('.lab-save')).toHaveText('Saved', { timeout: 15_000 });
  await expect.poll(async () => (await editor.innerText()).replace(/\u200b/g, '')).toContain('COPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .');

  // "then build, edit the code and build again".
  await runButton(page, 'docker build -t app .');
  await runButton(page, 'echo "// a code edit" >> src/index.js');
  await runButton(page, 'docker build -t app --explain-cache .');
  await expect(verdict).toContainText('Done!', { timeout: 15_000 });
  await expect(verdict).toContainText('What just happened:');
  const seconds = (Date.now() - started) / 1000;
  console.log(`course: seconds to the first "done" in build-cache, following the text: ${seconds.toFixed(1)}`);
  expect(await buffer(page)).toMatch(/\[4\/5\] RUN npm ci\s+CACHED: /);
  await expect(panel.getByText('Done', { exact: true })).toBeVisible();

  // Progress is kept after a reload, in the panel and in the lesson list.
  await page.reload();
  await expect(page.getByRole('region', { name: 'Challenges' }).getByText('Done', { exact: true })).toBeVisible({ timeout: 60_000 });
  await page.goto('lessons/');
  const list = page.getByRole('list', { name: 'Challenges of The build cache' });
  await expect(list.getByRole('listitem')).toHaveText(['Keep the install cached (done)']);
  await expect(page.getByText('1 of 1 challenge done')).toBeVisible();
  await expect(page.getByText('0 of 2 challenges done')).toBeVisible();
});

test('hints one at a time, "Show solution" asks first and replays in the lab, "Reset challenge" restores the start', async ({ page }) => {
  const dialogs: string[] = [];
  let answer = false;
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void (answer ? d.accept() : d.dismiss());
  });
  await openLesson(page, 'build-cache');
  const panel = page.getByRole('region', { name: 'Challenges' });
  const editor = page.getByRole('textbox', { name: 'Editor: Dockerfile' });
  await panel.getByRole('button', { name: 'Show a hint' }).click();
  await expect(panel.getByRole('list', { name: 'Hints' }).getByRole('listitem')).toHaveCount(1);
  await expect(panel.getByRole('list', { name: 'Hints' })).toContainText('--explain-cache');
  await panel.getByRole('button', { name: 'Next hint' }).click();
  await panel.getByRole('button', { name: 'Next hint' }).click();
  await expect(panel.getByRole('list', { name: 'Hints' }).getByRole('listitem')).toHaveCount(3);
  await expect(panel.getByRole('button', { name: 'Next hint' })).toBeDisabled();
  // Declined: nothing runs.
  const before = await completed(page);
  await panel.getByRole('button', { name: 'Show solution' }).click();
  expect(dialogs.at(-1)).toContain('Show the solution?');
  expect(await completed(page)).toBe(before);
  answer = true;
  await panel.getByRole('button', { name: 'Show solution' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Done!' })).toBeVisible({ timeout: 90_000 });
  // The solution ran where the learner watched it: the edit in the editor, the builds in the terminal.
  await expect.poll(async () => (await editor.innerText()).replace(/\u200b/g, '')).toContain('COPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .');
  expect(await buffer(page)).toContain('docker build -t app --explain-cache .');
  // Reset: the starting Dockerfile again and a fresh check; the image built meanwhile is kept.
  await panel.getByRole('button', { name: 'Reset challenge' }).click();
  expect(dialogs.at(-1)).toContain('Your images, containers and other lessons are kept.');
  await expect.poll(async () => (await editor.innerText()).replace(/\u200b/g, ''), { timeout: 15_000 }).toContain('WORKDIR /app\nCOPY . .\nRUN npm ci');
  await panel.getByRole('button', { name: 'Check' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Not yet.' })).toContainText('There is no build of app since the challenge started.', { timeout: 15_000 });
  expect(await run(page, 'docker images')).toMatch(/^app:latest\s/m);
  // The challenge stays done in the progress.
  await expect(panel.getByText('Done', { exact: true })).toBeVisible();
});

test('the challenge panel works by keyboard alone', async ({ page }) => {
  await openLesson(page, 'what-is-an-image');
  const panel = page.getByRole('region', { name: 'Challenges' });
  const check = panel.getByRole('button', { name: 'Check' });
  await page.locator('body').focus();
  let reached = false;
  for (let i = 0; i < 200 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await check.evaluate((el) => el === document.activeElement);
  }
  expect(reached).toBe(true);
  await page.keyboard.press('Enter');
  await expect(panel.getByRole('status').filter({ hasText: 'Not yet.' })).toContainText('There is no container from alpine:3.21 yet.', { timeout: 15_000 });
  await page.keyboard.press('Tab');
  await expect(panel.getByRole('button', { name: 'Show a hint' })).toBeFocused();
  await page.keyboard.press('Enter');
  // The hint that appeared takes the focus, so a screen reader reads it.
  await expect(panel.getByRole('list', { name: 'Hints' }).getByRole('listitem').first()).toBeFocused();
  // Focus can leave the panel forward, into the lab.
  for (let i = 0; i < 12; i++) await page.keyboard.press('Tab');
  expect(await page.evaluate(() => !!document.activeElement?.closest('[data-lab-slot]'))).toBe(true);
});

for (const slug of LESSONS) {
  test(`${slug}: the page with its lab started passes axe in both themes`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await openLesson(page, slug);
    await showEditor(page);
    await expect(page.getByRole('textbox', { name: 'Editor: Dockerfile' })).toBeVisible({ timeout: 60_000 });
    for (const theme of ['light', 'dark'] as const) {
      if (theme === 'dark') await page.getByRole('button', { name: 'Dark theme' }).click();
      const results = await new AxeBuilder({ page }).analyze();
      const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(bad.map((v) => `${theme} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    }
  });
}

// The seconds a newcomer's path takes to each lesson's first "done": the lesson's Run buttons in the
// order the text shows them, then, where the text leaves the last step to the learner, the first
// challenge's reference solution (file edits pasted into the editor, commands typed in the terminal).
// Printed for the closing note; only reaching "done" is asserted.
for (const slug of LESSONS) {
  test(`${slug}: following the text reaches the first "done" (seconds printed)`, async ({ page }) => {
    const { challengesOf } = await import('../../src/course/catalog.ts');
    const first = challengesOf(slug)[0]!;
    const started = Date.now();
    await openLesson(page, slug);
    const panel = page.getByRole('region', { name: 'Challenges' });
    const done = panel.getByRole('status').filter({ hasText: 'Done!' });
    const isDone = async () => (await done.count()) > 0;
    const buttons = page.getByRole('button', { name: /^Run in the lab: / });
    const names = await buttons.evaluateAll((list) => list.map((b) => b.getAttribute('aria-label')!.replace('Run in the lab: ', '')));
    let via = 'the text';
    for (const [i, command] of names.entries()) {
      if (await isDone()) break;
      await runButton(page, command, names.slice(0, i).filter((n) => n === command).length);
      await page.waitForTimeout(400);
    }
    if (!(await isDone())) {
      via = 'the text, then the solution’s steps';
      for (const step of first.solution) {
        if ('write' in step) {
          await showEditor(page);
          await page.getByRole('navigation', { name: 'Files' }).getByRole('button', { name: step.write, exact: true }).click();
          const editor = page.getByRole('textbox', { name: `Editor: ${step.write}` });
          await editor.click();
          await page.keyboard.press('Control+a');
          await page.keyboard.insertText(step.content);
          await expect(page.locator('.lab-save')).toHaveText('Saved', { timeout: 15_000 });
        } else for (const line of step.run.split('\n')) await run(page, line, 120_000);
      }
    }
    await expect(done).toBeVisible({ timeout: 20_000 });
    console.log(`course: ${slug}: seconds to the first "done" (${first.id}) via ${via}: ${((Date.now() - started) / 1000).toFixed(1)}`);
  });
}

test('the sandbox opens any challenge’s starting state', async ({ page }) => {
  page.on('dialog', (d) => void d.accept());
  await page.goto('sandbox/');
  await expect(page.getByRole('textbox', { name: 'Terminal' })).toBeAttached({ timeout: 60_000 });
  await expect.poll(() => buffer(page), { timeout: 60_000 }).toMatch(/lab:\/\$$/);
  await page.getByText('Open a challenge’s starting state').click();
  await page.getByLabel('Challenge', { exact: true }).selectOption('capstone/fix-the-dockerfile');
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Opened the starting state of “Fix a bad Dockerfile”' })).toBeVisible({ timeout: 30_000 });
  // The capstone's own files: its .npmrc and its Dockerfile that deletes it in a later step.
  expect(await run(page, 'cat Dockerfile')).toContain('RUN rm -f .npmrc');
  expect(await run(page, 'ls -a')).toContain('.npmrc');
});

test('a lesson shows the picture it is about in its text, drawn by the engine from the lesson’s own commands', async ({ page }) => {
  await page.goto('lessons/build-cache/');
  const article = page.getByRole('article');
  const figure = article.getByRole('figure', { name: /The layers of app after the second build/ });
  await expect(figure).toBeVisible();
  // Newest on top, as `docker history app` lists them after the edit and the second build.
  const rows = figure.getByRole('list', { name: 'Layers of app, newest first' }).getByRole('listitem');
  await expect(rows).toHaveText([/^CMD \["node" "src\/index\.js"\]\s*config only$/, /^EXPOSE \[3000\/tcp\]\s*config only$/, /^RUN npm ci\s*2\.9MB\s*ran$/, /^COPY \. \.\s*9\.68kB\s*ran$/, /^WORKDIR \/app\s*0B\s*cached$/, /^FROM node:22-alpine\s*4 layers, 151MB$/]);
  // It sits with the text that explains it, before the next section's heading.
  const headingTop = (await article.getByRole('heading', { name: 'Put what changes rarely first' }).boundingBox())!.y;
  expect((await figure.boundingBox())!.y).toBeLessThan(headingTop);
  // Every lesson has one.
  for (const slug of LESSONS) {
    await page.goto(`lessons/${slug}/`);
    await expect(page.getByRole('article').getByRole('figure').first(), slug).toBeVisible();
  }
});

test('the lesson list exports the progress as a file and imports it on another machine', async ({ page }) => {
  await page.goto('lessons/');
  await page.evaluate(() => localStorage.setItem('layerlab:course:progress', JSON.stringify({ done: { 'build-cache/reorder': '2026-01-02T03:04:05.000Z' } })));
  await page.reload();
  const card = page.locator('[data-lesson-card]').filter({ has: page.getByRole('link', { name: 'The build cache' }) });
  await expect(card).toContainText('1 of 1 challenge done');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export progress' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('layerlab-progress.json');
  const exported = JSON.parse(await (await import('node:fs/promises')).readFile((await file.path())!, 'utf8'));
  expect(exported).toEqual({ format: 'layerlab-progress', version: 1, done: { 'build-cache/reorder': '2026-01-02T03:04:05.000Z' } });

  // "Another machine": empty storage, then the file.
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(card).toContainText('0 of 1 challenge done');
  const input = page.getByLabel('Import a progress file');
  await input.setInputFiles({ name: 'layerlab-progress.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(exported)) });
  await expect(page.getByRole('status').filter({ hasText: 'Progress imported' })).toHaveText('Progress imported: 1 more challenge marked done.');
  await expect(card).toContainText('1 of 1 challenge done');
  // A file that is not one says so in plain words.
  await input.setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": 1') });
  await expect(page.getByRole('status').filter({ hasText: 'not a Layerlab progress file' })).toHaveText('That file is not a Layerlab progress file (it is not JSON).');
});
