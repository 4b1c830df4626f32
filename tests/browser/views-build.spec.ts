// The layer stack, driven by real builds typed into the sandbox's terminal, asserted through
// accessible names. (Timings, long tasks included, are measured by `npm run bench`, never here.)
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { openSandbox, run, start, promptCount, termBuffer, recordAtPrompt, atPrompt, tabsShown, waitForPictures, layerNames, writeDockerfile } from './views-helpers.ts';

const DOCKERFILE = ['FROM alpine:3.21', 'WORKDIR /app', 'COPY package.json ./', 'COPY src ./src'];

test('a first build shows one built layer per layer-making step; a rebuild shows what the engine cached and rebuilt', async ({ page }) => {
  test.setTimeout(240_000);
  await openSandbox(page);
  await writeDockerfile(page, DOCKERFILE);
  await page.getByRole('combobox', { name: 'Animation speed' }).selectOption('4');
  await run(page, 'docker build -t app .');
  await waitForPictures(page);
  const first = await layerNames(page);
  // WORKDIR and the two COPYs make layers (3 built); alpine:3.21 contributes one base layer.
  expect(first.filter((n) => n.endsWith(', built'))).toHaveLength(3);
  expect(first.filter((n) => n.endsWith(', base image layer'))).toHaveLength(1);
  expect(first.at(-1)).toMatch(/^COPY src \.\/src, [\d.]+ k?B, built$/);
  expect(first).toContainEqual(expect.stringMatching(/^WORKDIR \/app, [\d.]+ k?B, built$/));

  // Edit a source file, rebuild: the terminal says which steps were CACHED; the picture must agree.
  await run(page, 'echo "// edited" >> src/index.js');
  const out = await run(page, 'docker build -t app .');
  // tty progress rows: `=> CACHED [2/4] WORKDIR /app      0.0s` (FROM is a base, not a layer of its own).
  const cachedInTerminal = [...out.matchAll(/CACHED \[\d+\/\d+\] (.+?)\s+\d+\.\ds\s*$/gm)].map((m) => m[1]!.trim()).filter((s) => !s.startsWith('FROM '));
  expect(cachedInTerminal).toEqual(['WORKDIR /app', 'COPY package.json ./']);
  await waitForPictures(page);
  const second = await layerNames(page);
  const stepNames = second.filter((n) => !n.endsWith('base image layer'));
  expect(stepNames.filter((n) => n.endsWith(', cached')).map((n) => n.split(',')[0])).toEqual(cachedInTerminal);
  expect(stepNames.filter((n) => n.endsWith(', built')).map((n) => n.split(',')[0])).toEqual(['COPY src ./src']);
  // The first changed step says why it missed.
  await expect(page.getByRole('list', { name: 'Image layers' }).getByText('First change:')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Image layers' }).locator('.is-first-miss')).toContainText('src');
  // The stack's state colours pass axe (contrast included) in both themes.
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const results = await new AxeBuilder({ page }).include('.views').analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${scheme}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  }
});

test('a miss invalidates every layer above it before they are rebuilt (stepping through the events)', async ({ page }) => {
  test.setTimeout(240_000);
  await openSandbox(page);
  await writeDockerfile(page, ['FROM alpine:3.21', 'COPY package.json ./', 'COPY src ./src', 'WORKDIR /app']);
  await page.getByRole('combobox', { name: 'Animation speed' }).selectOption('10');
  await run(page, 'docker build -t app .');
  await waitForPictures(page);
  await page.getByRole('button', { name: 'Pause the animation' }).click();
  await run(page, 'echo "{}" > package.json');
  // Paused, the build's terminal output and its pictures both wait: its prompt is not back yet.
  const prompts = await promptCount(page);
  await start(page, 'docker build -t app .');
  // Step one event at a time until the first miss has been drawn.
  const list = page.getByRole('list', { name: 'Image layers' });
  const step = page.getByRole('button', { name: 'Step' });
  let sawInvalidated = false;
  for (let i = 0; i < 60 && !sawInvalidated; i++) {
    await step.click();
    const names = await layerNames(page);
    if (names.some((n) => n.endsWith(', invalidated'))) {
      sawInvalidated = true;
      expect(names.filter((n) => n.endsWith(', invalidated')).map((n) => n.split(',')[0])).toEqual(['COPY src ./src', 'WORKDIR /app']);
    }
  }
  expect(sawInvalidated).toBe(true);
  expect(await promptCount(page)).toBe(prompts);
  await page.getByRole('button', { name: /^Play/ }).click();
  await expect.poll(() => promptCount(page), { timeout: 60_000 }).toBe(prompts + 1);
  await waitForPictures(page);
  const names = (await layerNames(page)).filter((n) => !n.endsWith('base image layer'));
  expect(names.map((n) => n.replace(/, [\d.]+ k?B/, ''))).toEqual(['COPY package.json ./, built', 'COPY src ./src, built', 'WORKDIR /app, built']);
  await expect(list.locator('.lstack-replaced').first()).toBeVisible();
});

/** `=> CACHED [2/4] WORKDIR /app   0.0s` and `=> [4/4] COPY src ./src   0.0s` rows of the final tty frame. */
function stepStates(out: string): { cached: string[]; built: string[] } {
  const rows = [...out.matchAll(/^ => (CACHED )?\[\d+\/\d+\] (.+?)\s+\d+\.\ds\s*$/gm)].filter((m) => !m[2]!.startsWith('FROM '));
  return { cached: rows.filter((m) => m[1]).map((m) => m[2]!.trim()), built: rows.filter((m) => !m[1]).map((m) => m[2]!.trim()) };
}

test('when the prompt returns after a build, the layer stack already holds the final image, with the terminal\'s cached and built states', async ({ page }) => {
  test.setTimeout(240_000);
  await openSandbox(page);
  await writeDockerfile(page, DOCKERFILE);
  await recordAtPrompt(page);
  // Default speed, nothing waited for but the prompt.
  const first = await run(page, 'docker build -t app .');
  const [cold] = (await atPrompt(page)).slice(-1);
  expect(cold!.player).toBe('idle');
  const terminalCold = stepStates(first);
  expect(terminalCold.built).toEqual(['WORKDIR /app', 'COPY package.json ./', 'COPY src ./src']);
  const coldSteps = cold!.layers.filter((n) => !n.endsWith(', base image layer'));
  expect(coldSteps.map((n) => n.split(',')[0])).toEqual(terminalCold.built);
  expect(coldSteps.every((n) => n.endsWith(', built'))).toBe(true);
  expect(cold!.layers.filter((n) => n.endsWith(', base image layer'))).toHaveLength(1);
  // While the base image was fetched the pull was in view, then the layer stack, without a click.
  expect(await tabsShown(page)).toEqual(['Layers', 'Pull', 'Layers']);
  expect(cold!.tab).toBe('Layers');

  await run(page, 'echo "// edited" >> src/index.js');
  const second = await run(page, 'docker build -t app .');
  const [warm] = (await atPrompt(page)).slice(-1);
  const terminalWarm = stepStates(second);
  expect(terminalWarm).toEqual({ cached: ['WORKDIR /app', 'COPY package.json ./'], built: ['COPY src ./src'] });
  const warmSteps = warm!.layers.filter((n) => !n.endsWith(', base image layer'));
  expect(warmSteps.filter((n) => n.endsWith(', cached')).map((n) => n.split(',')[0])).toEqual(terminalWarm.cached);
  expect(warmSteps.filter((n) => n.endsWith(', built')).map((n) => n.split(',')[0])).toEqual(terminalWarm.built);
  expect(warm!.player).toBe('idle');
});

test('Pause holds the terminal\'s progress and the picture together; Skip to end shows both final states', async ({ page }) => {
  test.setTimeout(240_000);
  await openSandbox(page);
  await writeDockerfile(page, DOCKERFILE);
  await recordAtPrompt(page);
  await page.getByRole('button', { name: 'Pause the animation' }).click();
  const prompts = await promptCount(page);
  await start(page, 'docker build -t app .');
  // However long the engine takes, nothing of the build is shown while paused: the terminal has not
  // drawn the build's frame, the picture has no layer, and the prompt is not back.
  await page.waitForTimeout(1500);
  expect(await termBuffer(page)).not.toContain('[+] Building');
  expect(await layerNames(page)).toEqual([]);
  expect(await promptCount(page)).toBe(prompts);
  // One Step shows the first event in both views: the build's frame appears, the prompt is not back.
  await page.getByRole('button', { name: 'Step' }).click();
  await expect.poll(() => termBuffer(page)).toContain('[+] Building');
  expect(await promptCount(page)).toBe(prompts);
  await page.getByRole('button', { name: 'Skip to end' }).click();
  await expect.poll(() => promptCount(page), { timeout: 60_000 }).toBe(prompts + 1);
  expect(await termBuffer(page)).toMatch(/\[\+\] Building [\d.]+s \(\d+\/\d+\) FINISHED/);
  const [shown] = (await atPrompt(page)).slice(-1);
  expect(shown!.layers.filter((n) => n.endsWith(', built'))).toHaveLength(3);
  expect(shown!.layers.at(-1)).toMatch(/^COPY src \.\/src, [\d.]+ k?B, built$/);
});

test('a tab the learner chose stays open while a build fetches its base image', async ({ page }) => {
  test.setTimeout(240_000);
  await openSandbox(page);
  await writeDockerfile(page, DOCKERFILE);
  await page.getByRole('tab', { name: 'Store' }).click();
  await recordAtPrompt(page);
  await run(page, 'docker build -t app .');
  expect(await tabsShown(page)).toEqual(['Store']);
  await expect(page.getByRole('tab', { name: 'Store' })).toHaveAttribute('aria-selected', 'true');
});

test('reduced motion: nothing moves, every state is still shown', async ({ page }) => {
  test.setTimeout(240_000);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await openSandbox(page);
  await writeDockerfile(page, DOCKERFILE);
  await page.getByRole('combobox', { name: 'Animation speed' }).selectOption('10');
  await run(page, 'docker build -t app .');
  await waitForPictures(page);
  await expect(page.getByRole('toolbar', { name: 'Animation controls' }).getByRole('status')).toContainText('Reduced motion');
  const names = await layerNames(page);
  expect(names.filter((n) => n.endsWith(', built'))).toHaveLength(3);
  const animations = await page.locator('.lstack-item').evaluateAll((els) => els.map((e) => getComputedStyle(e).animationName + '|' + getComputedStyle(e).transitionDuration));
  for (const a of animations) expect(a).toMatch(/^none\|0s$/);
});

const MULTI_STAGE = [
  'FROM alpine:3.21 AS build', 'WORKDIR /src', 'COPY package.json ./',
  'FROM alpine:3.21 AS tests', 'RUN echo ok',
  'FROM alpine:3.21', 'WORKDIR /app', 'COPY --from=build /src/package.json ./', 'COPY src ./src',
];

/** Both ends of each COPY --from arrow in page coordinates, with the elements the arrow names. */
async function arrowEnds(page: Page) {
  return page.locator('.lstack-arrows .lstack-copy-path').evaluateAll((paths) => paths.map((p) => {
    const path = p as SVGPathElement;
    const m = path.getScreenCTM()!;
    const at = (len: number) => {
      const pt = path.getPointAtLength(len).matrixTransform(m);
      return { x: pt.x, y: pt.y };
    };
    return { from: path.dataset.from ?? '', to: path.dataset.to ?? '', start: at(0), end: at(path.getTotalLength()) };
  }));
}

function inside(pt: { x: number; y: number }, box: { x: number; y: number; width: number; height: number } | null): boolean {
  return !!box && pt.x >= box.x && pt.x <= box.x + box.width && pt.y >= box.y && pt.y <= box.y + box.height;
}

/** Each COPY --from arrow starts in its source stage's top layer and ends in the copying step's row. */
async function expectArrowsConnect(page: Page): Promise<void> {
  const copies = page.locator('.lstack-item[id]').filter({ has: page.locator('.lstack-arrow') });
  await expect(copies).toHaveCount(1);
  const ends = await arrowEnds(page);
  expect(ends).toHaveLength(1);
  const arrow = ends[0]!;
  const step = page.locator(`[id="${arrow.to}"]`);
  const source = page.locator(`[id="${arrow.from}"]`);
  // The arrow names the COPY --from row and the stage that row's text names.
  await expect(step).toHaveAttribute('aria-label', /^COPY --from=build \/src\/package\.json \.\/, /);
  await expect(source.getByRole('heading')).toHaveText('Stage build (FROM alpine:3.21)');
  // The source's top layer is the first row of its list (newest first, as drawn).
  const top = source.getByRole('listitem').first();
  await expect(top).toHaveAttribute('aria-label', /^COPY package\.json \.\/, /);
  expect(inside(arrow.start, await top.boundingBox()), `start ${JSON.stringify(arrow.start)} in the source's top layer`).toBe(true);
  expect(inside(arrow.end, await step.boundingBox()), `end ${JSON.stringify(arrow.end)} in the COPY --from row`).toBe(true);
}

test('multi-stage: a drawn arrow joins each COPY --from step to its source stage, side by side and wrapped', async ({ page }) => {
  test.setTimeout(240_000);
  // Wide enough for the three stages side by side in the sandbox's pictures pane (half the lab).
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openSandbox(page);
  await writeDockerfile(page, MULTI_STAGE);
  await page.getByRole('combobox', { name: 'Animation speed' }).selectOption('10');
  await run(page, 'docker build -t app .');
  await waitForPictures(page);
  const build = page.locator('.lstack-stage').filter({ has: page.getByRole('heading', { name: /^Stage build/ }) });
  const final = page.locator('.lstack-stage.is-final');
  // Wide: the stages stand side by side, the final image on the right.
  expect((await final.boundingBox())!.x).toBeGreaterThan((await build.boundingBox())!.x + (await build.boundingBox())!.width);
  await expectArrowsConnect(page);
  // The text stays what assistive technology reads; the drawing is hidden from it.
  await expect(page.locator('.lstack-arrows')).toHaveAttribute('aria-hidden', 'true');
  await expect(final.getByRole('link', { name: 'stage build' })).toBeVisible();

  // Narrow: the final stage wraps below, and the arrow follows (the stages' box is observed for resizes).
  await page.setViewportSize({ width: 560, height: 1000 });
  await expect.poll(async () => (await final.boundingBox())!.y > (await build.boundingBox())!.y + (await build.boundingBox())!.height).toBe(true);
  await expect(async () => expectArrowsConnect(page)).toPass({ timeout: 5_000 });

  // Reduced motion: the arrow is not drawn progressively, it is simply there.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  expect(await page.locator('.lstack-copy-path').evaluate((p) => getComputedStyle(p).animationName)).toBe('none');
});

test('each layer in the stack shows the size docker history prints for it', async ({ page }) => {
  test.setTimeout(240_000);
  await openSandbox(page);
  await writeDockerfile(page, DOCKERFILE);
  await page.getByRole('combobox', { name: 'Animation speed' }).selectOption('10');
  await run(page, 'docker build -t app .');
  await waitForPictures(page);
  const out = await run(page, 'docker history --no-trunc app');
  // The table's columns start where their headings do.
  const [header, ...rows] = out.split('\n').filter((l) => l.trim());
  const by = header!.indexOf('CREATED BY');
  const sizeAt = header!.indexOf('SIZE');
  const commentAt = header!.indexOf('COMMENT');
  const history = rows.map((r) => ({ createdBy: r.slice(by, sizeAt).trim(), size: r.slice(sizeAt, commentAt).trim() }));
  const names = await layerNames(page);
  expect(names).toHaveLength(4);
  for (const name of names) {
    const m = /^(.*), ([\d.]+ [kMGT]?B), (built|base image layer)$/.exec(name);
    expect(m, name).not.toBeNull();
    const [, instruction, shown] = m!;
    // BuildKit's history lines end in `# buildkit` where the instruction names no shell form.
    const row = history.find((h) => h.createdBy === instruction || h.createdBy === `${instruction} # buildkit`);
    expect(row, `a history row for ${instruction}`).toBeDefined();
    // The views print docker's figure with a space before the unit (`1.54 kB` for `1.54kB`).
    expect(shown!.replace(' ', '')).toBe(row!.size);
  }
  // WORKDIR adds only a directory: docker history says 0B, and so does the stack.
  expect(names).toContainEqual('WORKDIR /app, 0 B, built');
});
