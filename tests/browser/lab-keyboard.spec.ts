// Keyboard only. Every control of the lesson page and of the sandbox is reached with Tab, in reading
// order, and used from the keyboard; focus leaves the terminal both ways (Esc then Tab or Shift-Tab,
// as in the lab's editor and JupyterLab's terminal: WCAG 2.1.2) while Tab alone still completes; the
// Run buttons leave focus on themselves; the layer list's Tab order follows its drawing.
import { test, expect, type Page } from '@playwright/test';
import { openLab, buffer, terminal, PROMPT_RE } from './lab-helpers.ts';

test.describe.configure({ timeout: 150_000 });

/** What has focus: its accessible name as a learner would hear it, roughly (label, else text). */
async function focused(page: Page): Promise<{ name: string; inTerminal: boolean; inEditor: boolean; y: number }> {
  return page.evaluate(() => {
    const e = document.activeElement as HTMLElement | null;
    if (!e || e === document.body) return { name: '(body)', inTerminal: false, inEditor: false, y: 0 };
    const name = (e.getAttribute('aria-label') ?? e.textContent ?? e.tagName).trim().replace(/\s+/g, ' ').slice(0, 60);
    // Height within its list, if in one (a scrolling panel moves the whole list).
    const list = e.closest('ol, ul');
    return { name, inTerminal: !!e.closest('.lab-terminal'), inEditor: !!e.closest('.cm-content'), y: e.getBoundingClientRect().top - (list?.getBoundingClientRect().top ?? 0) };
  });
}

/** Tabs through the whole page once, leaving the terminal and the editor with Esc then Tab. */
async function tabThrough(page: Page, max = 160): Promise<string[]> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    const f = await focused(page);
    if (f.inTerminal || f.inEditor) await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    const next = await focused(page);
    if (seen.length > 0 && next.name === seen[0]) break;
    seen.push(next.inTerminal ? 'Terminal' : next.name);
  }
  return seen;
}

const before = (list: string[], a: string, b: string): boolean => list.indexOf(a) >= 0 && list.indexOf(a) < list.indexOf(b);

test('sandbox: focus leaves the terminal both ways; Tab alone completes', async ({ page }) => {
  await openLab(page);
  await terminal(page).focus();
  await page.keyboard.type('docker histo');
  await page.keyboard.press('Tab');
  // Tab completed the word and focus stayed.
  await expect(terminal(page)).toBeFocused();
  await expect.poll(async () => (await buffer(page)).split('\n').at(-1)).toBe('lab:/$ docker history');
  await page.keyboard.press('Control+U');
  // Esc then Tab: on to the next control, the pictures' first.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  await expect(terminal(page)).not.toBeFocused();
  expect((await focused(page)).inTerminal).toBe(false);
  await expect(page.getByRole('button', { name: 'Pause the animation' })).toBeFocused();
  // Shift-Tab comes back in; Esc then Shift-Tab leaves backwards, to the toolbar.
  await page.keyboard.press('Shift+Tab');
  await expect(terminal(page)).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(terminal(page)).toBeFocused();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByRole('button', { name: 'Screen reader mode' })).toBeFocused();
  // Esc then another key keeps the terminal: Tab after it completes again.
  await terminal(page).focus();
  await page.keyboard.press('Escape');
  await page.keyboard.type('d');
  await page.keyboard.press('Tab');
  await expect(terminal(page)).toBeFocused();
  // The way out is written next to the terminal, and read with it.
  const hint = page.getByText('Press Esc then Tab (or Shift-Tab) to leave the terminal.');
  await expect(hint).toBeVisible();
  const hintId = await hint.getAttribute('id');
  await expect(terminal(page)).toHaveAttribute('aria-describedby', hintId!);
});

test('sandbox: every control is reached in reading order and works from the keyboard', async ({ page }) => {
  await openLab(page);
  await expect(page.getByRole('textbox', { name: 'Editor: Dockerfile' })).toBeVisible();
  const order = await tabThrough(page);
  for (const name of ['Skip to content', 'Home', 'Lessons', 'Sandbox', 'Reset lab', 'Export .zip', 'Import .zip', 'Copy link', 'Screen reader mode', 'Terminal', 'Pause the animation', 'Animation speed', 'Layers', 'Editor: Dockerfile', 'Build']) {
    expect(order, `${name} is reached`).toContain(name);
  }
  // Reading order: toolbar, terminal, the pictures (controls, then their tabs), then the editor.
  expect(before(order, 'Screen reader mode', 'Terminal')).toBe(true);
  expect(before(order, 'Terminal', 'Pause the animation')).toBe(true);
  expect(before(order, 'Pause the animation', 'Layers')).toBe(true);
  expect(before(order, 'Layers', 'Editor: Dockerfile')).toBe(true);

  // Used: the editor's Build button runs the build, Enter in the terminal runs a command.
  await page.getByRole('button', { name: 'Build', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => buffer(page), { timeout: 60_000 }).toMatch(/naming to docker\.io\/library\/app:latest/);
  await expect.poll(async () => PROMPT_RE.test((await buffer(page)).split('\n').at(-1) ?? ''), { timeout: 60_000 }).toBe(true);
  // The picture tabs: arrows move between them.
  await page.getByRole('tab', { name: 'Layers' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Pull' })).toBeFocused();
  await expect(page.getByRole('tab', { name: 'Pull' })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('tab', { name: 'Layers' })).toHaveAttribute('aria-selected', 'true');
  // Animation controls: Space pauses and plays.
  await page.getByRole('button', { name: 'Pause the animation' }).focus();
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Play (animation is paused)' })).toBeFocused();
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Pause the animation' })).toBeVisible();
  // Screen reader mode toggles with Enter.
  await page.getByRole('button', { name: 'Screen reader mode' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Screen reader mode' })).toHaveAttribute('aria-pressed', 'true');
  // The theme toggle with Space.
  const theme = page.locator('[data-theme-toggle]');
  const was = await theme.getAttribute('aria-pressed');
  await theme.focus();
  await page.keyboard.press('Space');
  await expect(theme).not.toHaveAttribute('aria-pressed', was!);
});

test('sandbox: the layer list is tabbed through from top to bottom, as it is drawn', async ({ page }) => {
  await openLab(page);
  await terminal(page).focus();
  await page.keyboard.type('docker build -t app .');
  await page.keyboard.press('Enter');
  // The build runs in the lab's core; the player is idle again once the prompt is back.
  await expect.poll(async () => /naming to docker\.io\/library\/app:latest/.test(await buffer(page)), { timeout: 60_000 }).toBe(true);
  await expect.poll(async () => PROMPT_RE.test((await buffer(page)).split('\n').at(-1) ?? ''), { timeout: 60_000 }).toBe(true);
  await expect(page.locator('section.views')).toHaveAttribute('data-player', 'idle', { timeout: 60_000 });
  const explore = page.getByRole('list', { name: 'Image layers' }).getByRole('button', { name: /^Explore the files of layer/ });
  const count = await explore.count();
  expect(count).toBeGreaterThan(3);
  await explore.first().focus();
  const ys: number[] = [(await focused(page)).y];
  const names: string[] = [];
  for (let i = 1; i < count; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    names.push(f.name);
    ys.push(f.y);
  }
  expect(names.every((n) => n.startsWith('Explore the files of layer'))).toBe(true);
  // Each next stop is drawn lower: newest layer at the top, the base at the bottom.
  for (let i = 1; i < ys.length; i++) expect(ys[i]!, `stop ${i} below stop ${i - 1}`).toBeGreaterThan(ys[i - 1]!);
  // And it starts with the newest layer (the last step of the Dockerfile).
  await expect(explore.first()).toHaveAccessibleName(/COPY \. \./);
});

test('lesson page: every control is reached; Run leaves focus on the button, so the next Run is one Tab away', async ({ page }) => {
  await openLab(page, 'lessons/what-is-an-image/');
  await expect(page.getByRole('tab', { name: 'Layers' })).toBeAttached({ timeout: 30_000 });
  const order = await tabThrough(page, 200);
  const runs = ['docker search ubuntu', 'docker pull ubuntu', 'docker history ubuntu'].map((c) => `Run in the lab: ${c}`);
  for (const name of ['Skip to content', 'Home', ...runs, 'Reset lab', 'Screen reader mode', 'Terminal', 'Pictures', 'Pause the animation', 'Layers']) {
    expect(order, `${name} is reached`).toContain(name);
  }
  expect(before(order, runs[0]!, runs[1]!) && before(order, runs[1]!, runs[2]!)).toBe(true);
  expect(before(order, 'Terminal', 'Pictures') && before(order, 'Pictures', 'Layers')).toBe(true);

  // Run by keyboard: Enter runs the command, focus stays; Tab reaches the next Run.
  const first = page.getByRole('button', { name: runs[0] });
  await first.focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => buffer(page), { timeout: 60_000 }).toMatch(/^ubuntu\s/m);
  await expect(first).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: runs[1] })).toBeFocused();

  // The editor tab: reached from the "Pictures" tab with the arrow keys, then its editor with Tab.
  await page.getByRole('tab', { name: 'Pictures' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Editor' })).toBeFocused();
  await expect(page.getByRole('tab', { name: 'Editor' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('textbox', { name: 'Editor: Dockerfile' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Layers' })).toBeHidden();
  const stops: string[] = [];
  for (let i = 0; i < 12 && !stops.includes('Editor: Dockerfile'); i++) {
    await page.keyboard.press('Tab');
    stops.push((await focused(page)).name);
  }
  expect(stops).toContain('Editor: Dockerfile');
  await page.keyboard.type('# a comment\n');
  await expect(page.getByRole('textbox', { name: 'Editor: Dockerfile' })).toContainText('# a comment');
  await page.keyboard.press('Home');
  await page.getByRole('tab', { name: 'Editor' }).focus();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('tab', { name: 'Layers' })).toBeVisible();
});

test('sandbox: the toolbar, the motion controls, the picture tabs and the files all work from the keyboard', async ({ page }) => {
  await openLab(page);
  await expect(page.getByRole('textbox', { name: 'Editor: Dockerfile' })).toBeVisible();
  // Copy link: Enter shows the link notice; its Dismiss button closes it.
  await page.getByRole('button', { name: 'Copy link' }).focus();
  await page.keyboard.press('Enter');
  const dismiss = page.getByRole('button', { name: 'Dismiss' });
  await expect(dismiss).toBeVisible();
  await dismiss.focus();
  await page.keyboard.press('Enter');
  await expect(dismiss).toHaveCount(0);
  // Export .zip downloads; Import .zip opens the file chooser.
  await page.getByRole('button', { name: 'Export .zip' }).focus();
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(download.suggestedFilename()).toMatch(/\.zip$/);
  await page.getByRole('button', { name: 'Import .zip' }).focus();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Enter')]);
  expect(chooser.isMultiple()).toBe(false);
  // Files: a file button opens the file in the editor.
  await page.getByRole('navigation', { name: 'Files' }).getByRole('button', { name: 'package.json' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: 'Editor: package.json' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Files' }).getByRole('button', { name: 'Dockerfile' }).focus();
  await page.keyboard.press('Enter');
  // Pause, build, then Step and Skip to end by keyboard; Speed with the arrow keys.
  await page.getByRole('button', { name: 'Pause the animation' }).focus();
  await page.keyboard.press('Enter');
  await terminal(page).focus();
  await page.keyboard.type('docker build -t app .');
  await page.keyboard.press('Enter');
  // Paused, the build's output waits with its pictures (the prompt comes back only after Skip to end).
  const step = page.getByRole('button', { name: 'Step' });
  await expect(step).toBeEnabled({ timeout: 60_000 });
  await step.focus();
  await page.keyboard.press('Enter');
  await expect(step).toBeFocused();
  await page.getByRole('button', { name: 'Skip to end' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('section.views')).toHaveAttribute('data-player', 'paused');
  await expect(step).toBeDisabled();
  await expect.poll(async () => PROMPT_RE.test((await buffer(page)).split('\n').at(-1) ?? ''), { timeout: 60_000 }).toBe(true);
  const speed = page.getByRole('combobox', { name: 'Animation speed' });
  await speed.focus();
  const was = await speed.inputValue();
  await page.keyboard.press('ArrowDown');
  await expect(speed).not.toHaveValue(was);
  // Every picture tab opens from the keyboard, in order.
  await page.getByRole('tab', { name: 'Layers' }).focus();
  for (const name of ['Pull', 'Store', 'Explorer', 'Images', 'Layers']) {
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('tab', { name })).toBeFocused();
  }
  // And Tab from the open tab goes into its picture.
  await page.keyboard.press('Tab');
  expect((await focused(page)).name).toMatch(/^Explore the files of layer/);
  // Reset lab (nothing unsaved to lose after a build): Enter resets without a question.
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Reset lab' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: 'Editor: Dockerfile' })).toBeVisible();
});
