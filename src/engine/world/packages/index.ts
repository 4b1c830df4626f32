import type { PackageInfo, PackageManager } from '../types.ts';
import { apkPackages } from './apk.ts';
import { aptPackages } from './apt.ts';
import { npmPackages } from './npm.ts';
import { pipPackages } from './pip.ts';

/**
 * The toy package index, per manager. Every package lists its files, installed size and
 * dependencies. Each list is built on first access, so importing the world stays cheap.
 */
export const PACKAGES: Readonly<Record<PackageManager, readonly PackageInfo[]>> = Object.defineProperties({} as Record<PackageManager, readonly PackageInfo[]>, {
  apk: { enumerable: true, get: apkPackages },
  apt: { enumerable: true, get: aptPackages },
  npm: { enumerable: true, get: npmPackages },
  pip: { enumerable: true, get: pipPackages },
});
