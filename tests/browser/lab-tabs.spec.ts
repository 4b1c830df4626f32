// Two tabs never write at once: the second is read-only until it takes over.
import { test, expect } from '@playwright/test';
import { openLab, run } from './lab-helpers.ts';

// The lab does real work (git, builds) and CI runs several browsers at once: allow time.
test.describe.configure({ timeout: 90_000 });

test('the second tab is read-only and can take over', async ({ context }) => {
  const first = await context.newPage();
  await openLab(first);
  await run(first, 'echo from-first > first.txt');

  const second = await context.newPage();
  await openLab(second);
  await expect(second.getByText('This tab is read-only')).toBeVisible();
  expect(await run(second, 'echo nope > second.txt')).toMatch(/read-only/);

  await second.getByRole('button', { name: 'Take over here' }).click();
  await expect(first.getByText('This tab is read-only')).toBeVisible({ timeout: 10_000 });
  await expect(second.getByText('This tab is read-only')).toHaveCount(0);
  // The new owner sees what the first tab saved, and can work.
  expect(await run(second, 'cat first.txt')).toBe('from-first');
  await run(second, 'echo from-second > second.txt');
  expect(await run(second, 'ls')).toContain('second.txt');
  expect(await run(first, 'echo blocked > blocked.txt')).toMatch(/read-only/);
});
