// Shared steps for the pictures' browser tests: open the sandbox, type commands into the terminal and
// wait for their prompt, wait for the pictures to catch up.
import { expect, type Page } from '@playwright/test';

const PROMPT = /^lab:\S*\$$/;

export async function termBuffer(page: Page): Promise<string> {
  return page.locator('.lab-terminal').evaluate((el) => (el as HTMLElement & { readTerminalBuffer?: () => string }).readTerminalBuffer?.() ?? '');
}

export async function openSandbox(page: Page): Promise<void> {
  await page.goto('sandbox/');
  await expect(page.getByRole('textbox', { name: 'Terminal' })).toBeAttached({ timeout: 20_000 });
  await expect.poll(() => termBuffer(page), { timeout: 20_000 }).toMatch(/lab:\/\$$/);
  await expect(page.getByRole('tab', { name: 'Layers' })).toBeVisible({ timeout: 20_000 });
}

/** Types a command and presses Enter, without waiting for it to finish. */
export async function start(page: Page, command: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Terminal' }).focus();
  await page.keyboard.type(command);
  await page.keyboard.press('Enter');
}

/** Lines of the terminal that are prompts (a finished command leaves one more). */
export async function promptCount(page: Page): Promise<number> {
  return (await termBuffer(page)).split('\n').filter((l) => /^lab:\S*\$( |$)/.test(l)).length;
}

/**
 * From now on, records what the pictures show at the moment each command's prompt returns (in the
 * same task as the terminal's "not running" state, so nothing can be drawn in between).
 */
export async function recordAtPrompt(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __atPrompt: { layers: string[]; player: string; tab: string }[]; __tabs: string[] };
    w.__atPrompt = [];
    const selected = (): string => document.querySelector('section.views [role="tab"][aria-selected="true"]')?.textContent ?? '';
    w.__tabs = [selected()];
    const term = document.querySelector('.lab-terminal')!;
    new MutationObserver(() => {
      if (term.getAttribute('data-running') !== 'false') return;
      const items = [...document.querySelectorAll('ol[aria-label="Image layers"] > li')];
      w.__atPrompt.push({
        // Newest layer first in the DOM (drawn on top); bottom-up here, like layerNames.
        layers: items.map((e) => e.getAttribute('aria-label') ?? '').reverse(),
        player: document.querySelector('section.views')?.getAttribute('data-player') ?? '',
        tab: selected(),
      });
    }).observe(term, { attributes: true, attributeFilter: ['data-running'] });
    // Which picture tab was open, in order, as the commands ran.
    new MutationObserver(() => {
      const tab = selected();
      if (w.__tabs.at(-1) !== tab) w.__tabs.push(tab);
    }).observe(document.querySelector('section.views')!, { subtree: true, attributes: true, attributeFilter: ['aria-selected'] });
  });
}

export async function atPrompt(page: Page): Promise<{ layers: string[]; player: string; tab: string }[]> {
  return page.evaluate(() => (window as unknown as { __atPrompt: { layers: string[]; player: string; tab: string }[] }).__atPrompt);
}

export async function tabsShown(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __tabs: string[] }).__tabs);
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
