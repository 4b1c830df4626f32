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
  // Known defect, outside the terminal: the engine runs a whole build without giving the browser's
  // event loop a turn (awaits only resolved promises, and gzips layers synchronously), so the key
  // cannot reach the page until the build is over. Playwright checks that this still fails; when the
  // engine yields between steps, this line must go.
  test.fail(true, 'the engine does not yield to the event loop during a build, so Ctrl-C arrives after it ends');
  test.setTimeout(120_000);
  await openLab(page);
  // A small base and many steps, so the build is still running when the key arrives.
  await run(page, 'echo "FROM alpine:3.21" > Dockerfile');
  for (let i = 1; i <= 12; i++) await run(page, `echo "RUN echo step ${i} > /step${i}.txt" >> Dockerfile`);
  // As soon as the page shows step 2 running, press Ctrl-C (the page calls back as a person would react).
  let pressed: () => void = () => undefined;
  const wasPressed = new Promise<void>((resolve) => (pressed = resolve));
  await page.exposeFunction('__labStepTwo', async () => {
    await page.keyboard.press('Control+c');
    pressed();
  });
  await page.locator('.lab-terminal').evaluate((el) => {
    const host = el as HTMLElement & { readTerminalBuffer: () => string };
    const tick = () => {
      if (/=> \[ 2\/13\] RUN/.test(host.readTerminalBuffer())) (window as unknown as { __labStepTwo: () => void }).__labStepTwo();
      else setTimeout(tick, 5);
    };
    setTimeout(tick, 5);
  });
  await terminal(page).focus();
  await page.keyboard.type('docker build -t halfway .');
  await page.keyboard.press('Enter');
  await wasPressed;
  await expect.poll(async () => (await buffer(page)).split('\n').at(-1), { timeout: 60_000 }).toBe('lab:/$');
  const out = await buffer(page);
  // BuildKit marks the step that was running CANCELED; buildx then reports the cancelled context.
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
