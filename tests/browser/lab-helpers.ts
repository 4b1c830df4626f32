// Shared steps for the lab's browser tests: open the lab, type into its terminal, read the terminal's
// buffer (scrollback included), wait for a command to finish.
import { expect, type Page, type Locator } from '@playwright/test';

export const PROMPT_RE = /^lab:\S*\$$/;

export function terminal(page: Page): Locator {
  return page.getByRole('textbox', { name: 'Terminal' });
}

export async function openLab(page: Page, path = 'sandbox/'): Promise<void> {
  await page.goto(path);
  // The sandbox's slot is visible at once, so the lab starts by itself; if it has not started after a
  // while (a busy machine), press "Start the lab" as a learner would.
  try {
    await expect(terminal(page)).toBeAttached({ timeout: 8_000 });
  } catch {
    const start = page.getByRole('button', { name: 'Start the lab' });
    if ((await start.isVisible()) && (await start.isEnabled())) await start.click();
    await expect(terminal(page)).toBeAttached({ timeout: 30_000 });
  }
  await expect.poll(() => buffer(page), { timeout: 30_000 }).toMatch(/lab:\/\$$/);
}

export async function buffer(page: Page): Promise<string> {
  return page.locator('.lab-terminal').evaluate((el) => (el as HTMLElement & { readTerminalBuffer?: () => string }).readTerminalBuffer?.() ?? '');
}

async function completed(page: Page): Promise<number> {
  return Number((await page.locator('.lab-terminal').getAttribute('data-completed')) ?? '0');
}

/** Types a command into the terminal, presses Enter and waits for it to finish; returns the command's output. */
export async function run(page: Page, command: string, timeout = 30_000): Promise<string> {
  const before = await completed(page);
  await terminal(page).focus();
  await page.keyboard.type(command);
  await page.keyboard.press('Enter');
  await expect.poll(() => completed(page), { timeout }).toBeGreaterThan(before);
  await expect.poll(async () => PROMPT_RE.test((await buffer(page)).split('\n').at(-1) ?? '')).toBe(true);
  const lines = (await buffer(page)).split('\n');
  // Output: the lines between the command's own prompt line and the final prompt.
  let start = lines.length - 2;
  while (start >= 0 && !lines[start]!.startsWith(`lab:`)) start--;
  return lines.slice(start + 1, -1).join('\n');
}
