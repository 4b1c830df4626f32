// The same layers hashed and gzipped in Node and in Chromium must give the same digests: the
// catalogue's digests are computed in Node and shipped to browsers. This bundles the engine code
// with esbuild for the browser (fflate's browser build included) and runs it in a real Chromium.
// Skips only when no Chromium is found and CI is not set; with CI set a missing Chromium fails.
import { describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { join } from 'node:path';
import { CHROMIUM_ARGS, findChromium } from '../../tools/ensure-chromium.ts';
import { sampleDigests } from './sample.ts';

describe('cross-runtime determinism', () => {
  it('gives identical layer, config and manifest digests in Chromium and in Node', async (ctx) => {
    const executablePath = findChromium();
    if (!executablePath) {
      if (process.env.CI) throw new Error('Chromium is required in CI but none was found');
      return ctx.skip();
    }
    const bundle = await build({
      entryPoints: [join(import.meta.dirname, 'sample.ts')],
      bundle: true,
      write: false,
      format: 'iife',
      globalName: 'sample',
      platform: 'browser',
      target: 'es2022',
    });
    const { chromium } = await import('@playwright/test');
    const browser = await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS] });
    try {
      const page = await browser.newPage();
      // crypto.subtle needs a secure context, so serve a blank page from an https origin.
      await page.route('https://layerlab.test/**', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>t</title>' }));
      await page.goto('https://layerlab.test/');
      await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
      const inBrowser = await page.evaluate(() => (globalThis as unknown as { sample: { sampleDigests(): Promise<string[]> } }).sample.sampleDigests());
      const inNode = await sampleDigests();
      expect(inBrowser).toEqual(inNode);
      expect(inNode.every((x) => x.length > 0)).toBe(true);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
