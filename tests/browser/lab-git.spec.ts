// Git in the lab's terminal: a commit shows up in the log; the sample's checkpoints are tags.
import { test, expect } from '@playwright/test';
import { openLab, run } from './lab-helpers.ts';

// The lab does real work (git, builds) and CI runs several browsers at once: allow time.
test.describe.configure({ timeout: 90_000 });

test('git add, commit and log --oneline', async ({ page }) => {
  await openLab(page);
  await run(page, 'echo "lesson notes" > notes.txt');
  expect(await run(page, 'git status --short')).toBe('?? notes.txt');
  await run(page, 'git add notes.txt');
  const commit = await run(page, 'git commit -m "Add lesson notes"');
  expect(commit).toMatch(/^\[main [0-9a-f]{7}\] Add lesson notes\n 1 file changed, 1 insertion\(\+\)\n create mode 100644 notes.txt$/);
  const log = (await run(page, 'git log --oneline')).split('\n');
  expect(log[0]).toMatch(/^[0-9a-f]{7} \(HEAD -> main\) Add lesson notes$/);
  // The commit before it is the sample's last checkpoint.
  expect(log[1]).toMatch(/^[0-9a-f]{7} \(tag: step-\d+\) /);
  expect(await run(page, 'git status')).toBe('On branch main\nnothing to commit, working tree clean');
});

test('git diff, restore and reset --hard to a checkpoint', async ({ page }) => {
  await openLab(page);
  await run(page, 'echo "# changed" >> Dockerfile');
  const diff = await run(page, 'git diff');
  expect(diff).toContain('diff --git a/Dockerfile b/Dockerfile');
  expect(diff).toContain('+# changed');
  await run(page, 'git restore Dockerfile');
  expect(await run(page, 'git status --short')).toBe('');
  const reset = await run(page, 'git reset --hard step-1');
  expect(reset).toMatch(/^HEAD is now at [0-9a-f]{7} /);
});
