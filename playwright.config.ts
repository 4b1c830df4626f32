import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './tests/tools/ensure-chromium.ts';

// Browser tests run against the built site (npm run test:browser builds dist/ and dist-base/ first),
// served by tests/tools/serve.ts. Two projects:
//   root       every tests/browser/*.spec.ts against dist/ served at /
//   base-path  the site's own specs (site*.spec.ts) against dist-base/ served at /layerlab/
// Tests navigate with relative URLs (page.goto('lessons/')) so the same spec runs under both.
// Ports can be moved with LAYERLAB_TEST_PORT when several checkouts test at once.

const port = Number(process.env.LAYERLAB_TEST_PORT ?? 4610);
const basePort = port + 1;
// The embed's tests: a host page's origin and a second, foreign one (tests/tools/embed-host.ts).
export const embedHostPorts = [port + 2, port + 3] as const;
const executablePath = findChromium();
if (!executablePath) {
  throw new Error('No Chromium found for the browser tests. Run: npx node tests/tools/ensure-chromium.ts');
}

const chromium = {
  ...devices['Desktop Chrome'],
  launchOptions: { executablePath, args: [...CHROMIUM_ARGS] },
};

export default defineConfig({
  testDir: 'tests/browser',
  testMatch: '*.spec.ts',
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: process.env.CI ? 2 : undefined,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'root',
      use: { ...chromium, baseURL: `http://127.0.0.1:${port}/` },
    },
    {
      name: 'base-path',
      testMatch: 'site*.spec.ts',
      use: { ...chromium, baseURL: `http://127.0.0.1:${basePort}/layerlab/` },
    },
  ],
  webServer: [
    {
      command: `node tests/tools/serve.ts dist --port ${port} --base /`,
      url: `http://127.0.0.1:${port}/`,
      reuseExistingServer: !process.env.CI,
      stdout: 'ignore',
      stderr: 'pipe',
      timeout: 20_000,
    },
    {
      command: `node tests/tools/serve.ts dist-base --port ${basePort} --base /layerlab/`,
      url: `http://127.0.0.1:${basePort}/layerlab/`,
      reuseExistingServer: !process.env.CI,
      stdout: 'ignore',
      stderr: 'pipe',
      timeout: 20_000,
    },
    {
      command: `node tests/tools/embed-host.ts --port ${embedHostPorts[0]} --port ${embedHostPorts[1]}`,
      url: `http://127.0.0.1:${embedHostPorts[0]}/`,
      reuseExistingServer: !process.env.CI,
      stdout: 'ignore',
      stderr: 'pipe',
      timeout: 20_000,
    },
  ],
});
