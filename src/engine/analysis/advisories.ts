// A small advisory data set, bundled with the site, and the matcher the images view uses.
//
// SAMPLE DATA. These records are made up for teaching: they are not real security advisories, their IDs
// are not CVE IDs, and no real package is known to be affected by them. They exist so the lab can show
// how a scanner matches a package name and version against advisory ranges.
import type { PackageManager, ScannedPackage } from '../world/index.ts';
import { compareVersions } from './version.ts';

export const ADVISORY_DATA_LABEL =
  'Sample data: these advisories are made up for teaching. They are not real vulnerability records and their IDs are not CVE IDs.';

export type Severity = 'low' | 'medium' | 'high' | 'critical';

export interface Advisory {
  /** Always `LAB-SAMPLE-…`, so nobody mistakes it for a real record. */
  readonly id: string;
  readonly manager: PackageManager;
  readonly package: string;
  /** Affected when introduced <= version (if given) and version < fixed (if given). */
  readonly introduced?: string;
  readonly fixed?: string;
  readonly severity: Severity;
  readonly summary: string;
}

export const SAMPLE_ADVISORIES: readonly Advisory[] = [
  { id: 'LAB-SAMPLE-0001', manager: 'apk', package: 'busybox', fixed: '1.37.0-r9', severity: 'medium',
    summary: 'Sample: a shell applet mishandles very long arguments. Fixed in the next package revision.' },
  { id: 'LAB-SAMPLE-0002', manager: 'apk', package: 'libcrypto3', introduced: '3.3.0-r0', fixed: '3.3.2-r5', severity: 'high',
    summary: 'Sample: a certificate parser reads past the end of a buffer.' },
  { id: 'LAB-SAMPLE-0003', manager: 'apk', package: 'curl', fixed: '8.11.1-r1', severity: 'low',
    summary: 'Sample: verbose output can print a proxy password.' },
  { id: 'LAB-SAMPLE-0004', manager: 'apt', package: 'libc6', introduced: '2.36-9', fixed: '2.36-9+deb12u10', severity: 'high',
    summary: 'Sample: a locale function overflows a buffer with a crafted input.' },
  { id: 'LAB-SAMPLE-0005', manager: 'apt', package: 'libc6', introduced: '2.39-0ubuntu1', fixed: '2.39-0ubuntu8.4', severity: 'medium',
    summary: 'Sample: a resolver function can loop on a malformed reply.' },
  { id: 'LAB-SAMPLE-0006', manager: 'apt', package: 'libssl3', introduced: '3.0.0', fixed: '3.0.13-0ubuntu3.5', severity: 'medium',
    summary: 'Sample: a TLS handshake path uses too much memory.' },
  { id: 'LAB-SAMPLE-0007', manager: 'apt', package: 'tar', fixed: '1.35+dfsg-3build2', severity: 'low',
    summary: 'Sample: extracting a crafted archive can print misleading names.' },
  { id: 'LAB-SAMPLE-0008', manager: 'npm', package: 'cookie', fixed: '0.7.2', severity: 'low',
    summary: 'Sample: cookie names with unusual characters are accepted.' },
  { id: 'LAB-SAMPLE-0009', manager: 'npm', package: 'path-to-regexp', introduced: '0.1.0', fixed: '0.1.13', severity: 'medium',
    summary: 'Sample: some route patterns backtrack for a long time.' },
  { id: 'LAB-SAMPLE-0010', manager: 'pip', package: 'pip', fixed: '25.0', severity: 'low',
    summary: 'Sample: an index URL in a config file is shown in error messages.' },
  { id: 'LAB-SAMPLE-0011', manager: 'apk', package: 'nodejs', fixed: '22.11.0-r2', severity: 'medium',
    summary: 'Sample: a path check can be bypassed on some inputs.' },
];

export interface Finding {
  readonly advisory: Advisory;
  readonly package: ScannedPackage;
}

export function isAffected(advisory: Advisory, version: string): boolean {
  if (advisory.introduced !== undefined && compareVersions(version, advisory.introduced) < 0) return false;
  if (advisory.fixed !== undefined && compareVersions(version, advisory.fixed) >= 0) return false;
  return true;
}

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3 };

/** Matches packages against advisories by manager, exact name and version range; most severe first. */
export function matchAdvisories<P extends ScannedPackage>(packages: readonly P[], advisories: readonly Advisory[] = SAMPLE_ADVISORIES): (Finding & { package: P })[] {
  const byName = new Map<string, Advisory[]>();
  for (const a of advisories) {
    const k = `${a.manager}\u0000${a.package}`;
    byName.set(k, [...(byName.get(k) ?? []), a]);
  }
  const out: (Finding & { package: P })[] = [];
  for (const p of packages) {
    for (const a of byName.get(`${p.manager}\u0000${p.name}`) ?? []) if (isAffected(a, p.version)) out.push({ advisory: a, package: p });
  }
  out.sort((x, y) => SEVERITY_RANK[x.advisory.severity] - SEVERITY_RANK[y.advisory.severity] || (x.advisory.id < y.advisory.id ? -1 : 1));
  return out;
}
