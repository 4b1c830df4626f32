// Shared steps for the pictures' browser tests: open the sandbox with a long-task recorder, type
// commands into the terminal and wait for their prompt, wait for the pictures to catch up.
import { expect, type Page } from '@playwright/test';

const PROMPT = /^lab:\S*\$$/;

export async function termBuffer(page: Page): Promise<string> {
  return page.locator('.lab-terminal').evaluate((el) => (el as HTMLElement & { readTerminalBuffer?: () => string }).readTerminalBuffer?.() ?? '');
}

export async function openSandbox(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: { start: number; duration: number }[]; __frames: { start: number; blocking: number; scripts: string[] }[] };
    w.__longTasks = [];
    w.__frames = [];
    try {
      // Long animation frames name the scripts that ran in them: reported with a failure, to say whose work it was.
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as (PerformanceEntry & { blockingDuration: number; scripts?: { invoker: string; sourceURL: string; duration: number }[] })[]) {
          if (e.blockingDuration > 0) w.__frames.push({ start: e.startTime, blocking: e.blockingDuration, scripts: (e.scripts ?? []).map((x) => `${x.invoker} ${x.sourceURL.split('/').pop()} ${Math.round(x.duration)}ms`) });
        }
      }).observe({ type: 'long-animation-frame', buffered: true });
    } catch {
      /* no long animation frame API */
    }
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    } catch {
      /* no long task API */
    }
  });
  await page.goto('sandbox/');
  await expect(page.getByRole('textbox', { name: 'Terminal' })).toBeAttached({ timeout: 20_000 });
  await expect.poll(() => termBuffer(page), { timeout: 20_000 }).toMatch(/lab:\/\$$/);
  await expect(page.getByRole('tab', { name: 'Layers' })).toBeVisible({ timeout: 20_000 });
}

/** Types a command, waits for the next prompt, returns the output. */
export async function run(page: Page, command: string, timeout = 120_000): Promise<string> {
  const count = (t: string) => t.split('\n').filter((l) => /^lab:\S*\$( |$)/.test(l)).length;
  const before = count(await termBuffer(page));
  await page.getByRole('textbox', { name: 'Terminal' }).focus();
  await page.keyboard.type(command);
  await page.keyboard.press('Enter');
  await expect.poll(async () => {
    const now = await termBuffer(page);
    return count(now) > before && PROMPT.test(now.split('\n').at(-1) ?? '');
  }, { timeout }).toBe(true);
  const lines = (await termBuffer(page)).split('\n');
  let start = lines.length - 2;
  while (start >= 0 && !lines[start]!.startsWith('lab:')) start--;
  return lines.slice(start + 1, -1).join('\n');
}

/**
 * Waits until the player has shown the last event and the open picture has drawn it: the panel says so
 * with data-player="idle" (set only after the picture's pending drawing is done) and "Up to date.".
 */
export async function waitForPictures(page: Page): Promise<void> {
  await expect(page.locator('section.views')).toHaveAttribute('data-player', 'idle', { timeout: 60_000 });
  await expect(page.getByRole('toolbar', { name: 'Animation controls' }).getByRole('status')).toContainText('Up to date.');
}

/** The image's layers, base first (the list itself runs newest first, as it is drawn). */
export async function layerNames(page: Page): Promise<string[]> {
  return page.getByRole('list', { name: 'Image layers' }).getByRole('listitem').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? '').reverse());
}


/** Writes a Dockerfile line by line with echo (the lab shell has no heredocs). */
export async function writeDockerfile(page: Page, lines: string[]): Promise<void> {
  await run(page, `echo '${lines[0]}' > Dockerfile`);
  for (const l of lines.slice(1)) await run(page, `echo '${l}' >> Dockerfile`);
}

/** Long tasks (over 50 ms) that started after `mark` (a performance.now() value). */
export async function longTasksSince(page: Page, mark: number): Promise<{ start: number; duration: number; scripts: string[] }[]> {
  return page.evaluate((m) => {
    const w = window as unknown as { __longTasks: { start: number; duration: number }[]; __frames: { start: number; blocking: number; scripts: string[] }[] };
    return w.__longTasks.filter((t) => t.start >= m).map((t) => ({
      start: Math.round(t.start),
      duration: Math.round(t.duration),
      // Scripts of the long animation frame that contains this task, if any.
      scripts: w.__frames.filter((f) => f.start <= t.start + 1 && t.start <= f.start + f.blocking + 100).flatMap((f) => f.scripts),
    }));
  }, mark);
}

/**
 * Lets the engine's work finish before an animation is measured: collects garbage (when the browser was
 * started with --js-flags=--expose-gc) and waits for a quiet moment.
 */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(() => (window as unknown as { gc?: () => void }).gc?.());
  await page.waitForTimeout(1000);
}

/**
 * Waits for the pictures to catch up without Playwright's polling (whose role queries run in the page and
 * would be counted as the page's own long tasks): one cheap attribute check on the panel, every 250 ms.
 */
export async function waitForPicturesQuietly(page: Page, timeout = 60_000): Promise<void> {
  await page.evaluate((ms) => new Promise<void>((resolve, reject) => {
    const views = document.querySelector<HTMLElement>('section.views');
    const started = Date.now();
    const check = (): void => {
      if (views?.dataset.player === 'idle') resolve();
      else if (Date.now() - started > ms) reject(new Error('the pictures did not catch up'));
      else setTimeout(check, 250);
    };
    check();
  }), timeout);
}
