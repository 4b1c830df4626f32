import { afterEach, describe, expect, it } from 'vitest';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureChromium, findChromium } from '../../tools/ensure-chromium.ts';

const saved = process.env.CHROMIUM_PATH;
afterEach(() => {
  if (saved === undefined) delete process.env.CHROMIUM_PATH;
  else process.env.CHROMIUM_PATH = saved;
});

describe('findChromium with CHROMIUM_PATH', () => {
  it('uses the given executable', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'layerlab-chromium-'));
    const fake = path.join(dir, 'chromium');
    await writeFile(fake, '#!/bin/sh\n');
    await chmod(fake, 0o755);
    process.env.CHROMIUM_PATH = fake;
    expect(findChromium()).toBe(fake);
    expect(ensureChromium()).toBe(fake);
    await rm(dir, { recursive: true, force: true });
  });

  it('does not fall back silently when the given path is not an executable', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'layerlab-chromium-'));
    const notExecutable = path.join(dir, 'chromium');
    await writeFile(notExecutable, 'text');
    await chmod(notExecutable, 0o644);
    process.env.CHROMIUM_PATH = notExecutable;
    expect(findChromium()).toBeUndefined();
    expect(() => ensureChromium()).toThrow(/CHROMIUM_PATH/);
    process.env.CHROMIUM_PATH = path.join(dir, 'missing');
    expect(() => ensureChromium()).toThrow(/not an executable/);
    await rm(dir, { recursive: true, force: true });
  });
});
