import type { PackageInfo, PackageManager } from '../types.ts';
import { APK_PACKAGES } from './apk.ts';
import { APT_PACKAGES } from './apt.ts';
import { NPM_PACKAGES } from './npm.ts';
import { PIP_PACKAGES } from './pip.ts';

/** The toy package index, per manager. Every package lists its files, installed size and dependencies. */
export const PACKAGES: Record<PackageManager, readonly PackageInfo[]> = {
  apk: APK_PACKAGES,
  apt: APT_PACKAGES,
  npm: NPM_PACKAGES,
  pip: PIP_PACKAGES,
};
