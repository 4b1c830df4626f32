// Finds a Chromium for the browser tests, or obtains one. It never skips silently: when no browser
// can be found or installed it says why and exits non-zero, so `npm test` fails.
//
// Order of search: $CHROMIUM_PATH, the system's Chromium (Debian's /usr/bin/chromium and friends),
// then Playwright's own downloaded Chromium. When none is present it installs one: with apt-get when
// running as root (apt-get install -y chromium), otherwise with Playwright's download.
//
// Usage: npx node tests/tools/ensure-chromium.ts   (prints the path it will use)
// playwright.config.ts imports findChromium() to pass the path as launchOptions.executablePath.

import { accessSync, constants, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

export const SYSTEM_CHROMIUM_PATHS: readonly string[] = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/lib/chromium/chromium',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

/** Launch flags that work in containers and CI, and keep Chromium from calling home. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Playwright's own Chromium, if it has been downloaded (playwright install chromium). */
function playwrightChromium(): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    const { chromium } = require('@playwright/test') as { chromium: { executablePath(): string } };
    const file = chromium.executablePath();
    return file && existsSync(file) ? file : undefined;
  } catch {
    return undefined;
  }
}

/** The Chromium to use, or undefined. $CHROMIUM_PATH wins when set (and must then exist). */
export function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return isExecutable(fromEnv) ? fromEnv : undefined;
  return SYSTEM_CHROMIUM_PATHS.find(isExecutable) ?? playwrightChromium();
}

function run(command: string, args: string[]): boolean {
  console.log(`ensure-chromium: running ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return result.status === 0;
}

function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/** Installs Chromium: the system package when root with apt-get, else Playwright's download. */
function install(): void {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && hasCommand('apt-get')) {
    console.log('ensure-chromium: no Chromium found; installing the system package with apt-get (running as root).');
    if (run('apt-get', ['install', '-y', 'chromium']) || (run('apt-get', ['update']) && run('apt-get', ['install', '-y', 'chromium']))) {
      return;
    }
    console.log('ensure-chromium: apt-get could not install chromium; trying Playwright\'s download instead.');
  } else {
    console.log('ensure-chromium: no Chromium found; trying Playwright\'s download (npx playwright install chromium).');
  }
  run('npx', ['playwright', 'install', 'chromium']);
}

export function ensureChromium(): string {
  const found = findChromium();
  if (found) return found;
  if (process.env.CHROMIUM_PATH) {
    throw new Error(`CHROMIUM_PATH is set to ${process.env.CHROMIUM_PATH}, which is not an executable file.`);
  }
  install();
  const installed = findChromium();
  if (installed) return installed;
  throw new Error(
    'No Chromium is available for the browser tests, and installing one failed. Install Chromium ' +
      '(Debian/Ubuntu: sudo apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium or Chrome executable.',
  );
}

if (import.meta.main) {
  try {
    console.log(`ensure-chromium: using ${ensureChromium()}`);
  } catch (error) {
    console.error(`ensure-chromium: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
