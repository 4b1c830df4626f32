// The lab's terminal: a typed build and its BuildKit output, line editing, history, completion,
// Ctrl-C and clear, and lesson "Run" buttons.
import { test, expect } from '@playwright/test';
import { openLab, run, buffer, terminal } from './lab-helpers.ts';

// The lab does real work (git, builds) and CI runs several browsers at once: allow time.
test.describe.configure({ timeout: 90_000 });

test('typing docker build shows BuildKit output, and the image is listed', async ({ page }) => {
  test.setTimeout(120_000);
  const started = Date.now();
  await openLab(page);
  const out = await run(page, 'docker build -t app .', 100_000);
  const seconds = (Date.now() - started) / 1000;
  test.info().annotations.push({ type: 'navigation to finished build', description: `${seconds.toFixed(2)} s` });
  // BuildKit's tty display: the header, the Dockerfile load step, and the export naming the tag.
  expect(out).toMatch(/^\[\+\] Building \d+\.\d+s \(\d+\/\d+\) FINISHED/m);
  expect(out).toContain('=> [internal] load build definition from Dockerfile');
  expect(out).toContain('naming to docker.io/library/app:latest');
  expect(out).not.toMatch(/ERROR/);
  const images = await run(page, 'docker images --format "{{.Repository}}:{{.Tag}}"');
  expect(images.split('\n')).toContain('app:latest');
});

test('line editing, history, completion, Ctrl-C and clear', async ({ page }) => {
  await openLab(page);
  // Completion: "git sta" + Tab completes the subcommand.
  await terminal(page).focus();
  await page.keyboard.type('git sta');
  await page.keyboard.press('Tab');
  await expect.poll(() => buffer(page)).toMatch(/lab:\/\$ git status $|lab:\/\$ git status$/);
  await page.keyboard.press('Enter');
  await expect.poll(() => buffer(page)).toContain('On branch main');

  // Editing: type, move left over a word with Alt-B, insert, jump to the end with Ctrl-E.
  await page.keyboard.type('echo world');
  await page.keyboard.press('Alt+b');
  await page.keyboard.type('hello ');
  await page.keyboard.press('Control+e');
  await page.keyboard.type('!');
  await page.keyboard.press('Enter');
  await expect.poll(() => buffer(page)).toContain('\nhello world!\n');

  // History: Up brings back the last command.
  await page.keyboard.press('ArrowUp');
  await expect.poll(async () => (await buffer(page)).split('\n').at(-1)).toBe('lab:/$ echo hello world!');
  // Ctrl-U clears it; Ctrl-C on a typed line prints ^C and gives a fresh prompt.
  await page.keyboard.press('Control+u');
  await page.keyboard.type('something');
  await page.keyboard.press('Control+c');
  await expect.poll(async () => (await buffer(page)).split('\n').slice(-2).join('\n')).toBe('lab:/$ something^C\nlab:/$');

  const hist = await run(page, 'history');
  expect(hist).toBe('    1  git status\n    2  echo hello world!\n    3  history');

  await run(page, 'clear');
  expect(await buffer(page)).toBe('lab:/$');
});

test('multi-line paste runs each line', async ({ page }) => {
  await openLab(page);
  await terminal(page).focus();
  // A paste event, as the browser fires it for Ctrl-V or the context menu.
  await terminal(page).evaluate((ta) => {
    const data = new DataTransfer();
    data.setData('text/plain', 'echo one\necho two\n');
    ta.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await expect.poll(() => buffer(page)).toContain('lab:/$ echo one\none\nlab:/$ echo two\ntwo\nlab:/$');
});

test('Ctrl-C cancels a running build and no image is left behind', async ({ page }) => {
  test.setTimeout(120_000);
  await openLab(page);
  // The default sample's build (it pulls node:22-alpine first), cancelled as soon as it starts.
  // Ctrl-C as soon as the command is running: the page calls back when the terminal says it is busy
  // (a message that does not wait for the busy page), and the key is delivered at the engine's next pause.
  let pressed: () => void = () => undefined;
  const wasPressed = new Promise<void>((resolve) => (pressed = resolve));
  await page.exposeFunction('__labRunning', async () => {
    await page.keyboard.press('Control+c');
    pressed();
  });
  await page.locator('.lab-terminal').evaluate((el) => {
    new MutationObserver(() => {
      if (el.getAttribute('data-running') === 'true') (window as unknown as { __labRunning: () => void }).__labRunning();
    }).observe(el, { attributes: true, attributeFilter: ['data-running'] });
  });
  await terminal(page).focus();
  await page.keyboard.type('docker build -t halfway .');
  await page.keyboard.press('Enter');
  await wasPressed;
  await expect.poll(async () => (await buffer(page)).split('\n').at(-1), { timeout: 60_000 }).toBe('lab:/$');
  const out = await buffer(page);
  // BuildKit marks the step that was running CANCELED, or buildx reports the cancelled context.
  expect(out).toMatch(/CANCELED|Canceled: context canceled/);
  expect(out).not.toContain('naming to docker.io/library/halfway:latest');
  const images = await run(page, 'docker images --format "{{.Repository}}"');
  expect(images.split('\n')).not.toContain('halfway');
});

test('a lesson code block runs in the terminal with its Run button', async ({ page }) => {
  await page.goto('lessons/what-is-an-image/');
  // The lab starts when its slot comes into view.
  await page.getByRole('region', { name: 'Lab' }).scrollIntoViewIfNeeded();
  const runButton = page.getByRole('button', { name: 'Run in the lab: docker search ubuntu' });
  await expect(runButton).toBeVisible({ timeout: 20_000 });
  await runButton.click();
  await expect.poll(() => buffer(page), { timeout: 20_000 }).toContain('lab:/$ docker search ubuntu');
});

test('Ctrl-D on an empty line ends a container shell, as exit does; at the lab prompt it does nothing', async ({ page }) => {
  test.setTimeout(90_000);
  await openLab(page);
  await terminal(page).focus();
  await page.keyboard.type('docker run -it --name box alpine:3.21 sh');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await buffer(page)).split('\n').at(-1), { timeout: 60_000 }).toBe('/ #');
  await page.keyboard.type('echo inside');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await buffer(page)).split('\n').slice(-2).join('\n')).toBe('inside\n/ #');
  await page.keyboard.press('Control+d');
  await expect.poll(async () => (await buffer(page)).split('\n').at(-1)).toBe('lab:/$');
  // At the lab's own prompt there is nothing to exit to: the prompt stays as it was.
  await page.keyboard.press('Control+d');
  expect((await buffer(page)).split('\n').at(-1)).toBe('lab:/$');
  const ps = await run(page, 'docker ps -a');
  expect(ps).toMatch(/Exited \(0\) .*\bbox$/m);
});

test('screen reader mode: each command\'s output is announced once, never the line being edited', async ({ page }) => {
  await openLab(page);
  await page.getByRole('button', { name: 'Screen reader mode' }).click();
  await expect(page.getByRole('button', { name: 'Screen reader mode' })).toHaveAttribute('aria-pressed', 'true');
  // Record every text a live region of the lab is given, as a screen reader would be told it. A region
  // marked aria-live="off" is not announced, and is not recorded.
  await page.evaluate(() => {
    const w = window as unknown as { __said: string[] };
    w.__said = [];
    const record = (node: Node): void => {
      const region = (node.nodeType === 1 ? (node as Element) : node.parentElement)?.closest('[aria-live], [role="status"], [role="alert"], [role="log"]');
      if (!region || region.getAttribute('aria-live') === 'off' || !region.closest('.lab-slot')) return;
      const text = region.textContent ?? '';
      if (text.trim()) w.__said.push(text);
    };
    new MutationObserver((ms) => ms.forEach((m) => record(m.target))).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await terminal(page).focus();
  await page.keyboard.type('cat package.jsox', { delay: 20 });
  await page.keyboard.press('Backspace');
  await page.keyboard.type('n');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => (window as unknown as { __said: string[] }).__said.some((t) => t.includes('"dependencies"'))), { timeout: 30_000 }).toBe(true);
  // Let any late announcement arrive.
  await page.waitForTimeout(500);
  const said = await page.evaluate(() => (window as unknown as { __said: string[] }).__said);
  // The line being edited was never read out (the issue heard "lab:/$ dlab:/$ dolab:/$ doc…").
  expect(said.filter((t) => /lab:\S*\$ c/.test(t) || t.includes('package.js'))).toEqual([]);
  // The output was read once, whole: the file from its first line to its last.
  const outputs = said.filter((t) => t.includes('"dependencies"'));
  expect(outputs).toHaveLength(1);
  expect(outputs[0]!.trim().startsWith('{')).toBe(true);
  expect(outputs[0]!.trim().endsWith('}')).toBe(true);
  // Nothing else from the terminal (the save status may say "Saving…" and "Saved").
  expect(said.filter((t) => !/^(Saving…|Saved)$/.test(t))).toHaveLength(1);
  // xterm's own character echo region is silent.
  await expect(page.locator('.lab-terminal .live-region')).toHaveAttribute('aria-live', 'off');
});
