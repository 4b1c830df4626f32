// The container shell's extras (arithmetic, ls, grep, curl, …) live in a chunk the lab loads the
// first time a RUN needs them (src/engine/world/shell/lazy.ts). In the built site a RUN that uses
// them must still build, with their output, and a malformed for list must end with ash's error.
import { test, expect } from '@playwright/test';
import { openLab, run } from './lab-helpers.ts';

test.describe.configure({ timeout: 120_000 });

test('a RUN using arithmetic, ls -R and grep builds in the browser', async ({ page }) => {
  await openLab(page);
  await run(page, "echo 'FROM alpine:3.21' > Dockerfile");
  await run(page, `echo 'RUN echo answer=$((6 * 7)) && ls -R /etc/apk | head -2 && grep -c root /etc/passwd' >> Dockerfile`);
  const out = await run(page, 'docker build --progress=plain -t extras .', 100_000);
  expect(out).toContain('answer=42');
  expect(out).toContain('/etc/apk:');
  expect(out).not.toMatch(/ERROR/);
  expect(out).toContain('naming to docker.io/library/extras:latest');
});

test('a typo in a for list fails the build with ash\'s syntax error, at once', async ({ page }) => {
  await openLab(page);
  await run(page, "echo 'FROM alpine:3.21' > Dockerfile");
  await run(page, `echo 'RUN for i in (1 2 3); do echo $i; done' >> Dockerfile`);
  const out = await run(page, 'docker build --progress=plain -t typo .', 60_000);
  expect(out).toContain('/bin/sh: syntax error: unexpected "("');
  expect(out).toMatch(/ERROR: failed to build: failed to solve: process "\/bin\/sh -c for i in \(1 2 3\); do echo \$i; done" did not complete successfully: exit code: 2/);
});
