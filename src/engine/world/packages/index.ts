import type { PackageInfo, PackageManager } from '../types.ts';
export const PACKAGES: Record<PackageManager, readonly PackageInfo[]> = { apk: [], apt: [], npm: [], pip: [] };
