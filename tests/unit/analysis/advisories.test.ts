import { describe, expect, it } from 'vitest';
import { ADVISORY_DATA_LABEL, SAMPLE_ADVISORIES, compareVersions, isAffected, matchAdvisories, type Advisory } from '../../../src/engine/analysis/index.ts';

describe('version order (Debian rules, also right for apk, npm and pip versions)', () => {
  const lt = (a: string, b: string) => {
    expect(compareVersions(a, b)).toBeLessThan(0);
    expect(compareVersions(b, a)).toBeGreaterThan(0);
  };
  it('follows dpkg', () => {
    lt('1.0~rc1', '1.0'); // ~ sorts before the end of the string
    lt('1.0', '1.0a');
    lt('1.0a', '1.0+'); // letters before non-letters
    lt('2.0', '1:1.0'); // epoch first
    lt('2.36-9+deb12u9', '2.36-9+deb12u10');
    lt('1.9', '1.10');
    expect(compareVersions('1.01', '1.1')).toBe(0);
  });
  it('orders apk revisions and dotted versions', () => {
    lt('1.37.0-r8', '1.37.0-r9');
    lt('3.3.2-r4', '3.3.2-r5');
    lt('0.1.12', '0.1.13');
    lt('24.3.1', '25.0');
  });
});

describe('advisory matching', () => {
  const adv: Advisory[] = [
    { id: 'T-1', manager: 'apk', package: 'zlib', introduced: '1.2.0', fixed: '1.3.1-r3', severity: 'low', summary: '' },
    { id: 'T-2', manager: 'apk', package: 'zlib', fixed: '1.2.0', severity: 'critical', summary: '' },
    { id: 'T-3', manager: 'npm', package: 'zlib', severity: 'high', summary: '' },
  ];
  it('matches manager, exact name and range bounds (introduced inclusive, fixed exclusive)', () => {
    expect(isAffected(adv[0]!, '1.3.1-r2')).toBe(true);
    expect(isAffected(adv[0]!, '1.3.1-r3')).toBe(false);
    expect(isAffected(adv[0]!, '1.2.0')).toBe(true);
    expect(isAffected(adv[0]!, '1.1.9')).toBe(false);
    const found = matchAdvisories([
      { manager: 'apk', name: 'zlib', version: '1.1.0', path: '/lib/apk/db/installed' },
      { manager: 'apk', name: 'zlib-dev', version: '1.1.0', path: '/lib/apk/db/installed' },
      { manager: 'apt', name: 'zlib', version: '1.1.0', path: '/var/lib/dpkg/status' },
    ], adv);
    expect(found.map((f) => f.advisory.id)).toEqual(['T-2']);
  });
  it('sorts the most severe first', () => {
    const found = matchAdvisories([
      { manager: 'apk', name: 'zlib', version: '1.2.5', path: '' },
      { manager: 'npm', name: 'zlib', version: '0.0.1', path: '/app/node_modules/zlib/package.json' },
    ], adv);
    expect(found.map((f) => f.advisory.id)).toEqual(['T-3', 'T-1']);
  });
  it('the bundled set is labelled as sample data and never looks like CVE records', () => {
    expect(ADVISORY_DATA_LABEL).toMatch(/^Sample data/);
    expect(ADVISORY_DATA_LABEL).toMatch(/not real/);
    for (const a of SAMPLE_ADVISORIES) {
      expect(a.id).toMatch(/^LAB-SAMPLE-\d{4}$/);
      expect(a.summary).toMatch(/^Sample: /);
    }
  });
  it('the sample set flags the apk busybox that alpine 3.21 ships (1.37.0-r8, per the toy world)', () => {
    const found = matchAdvisories([{ manager: 'apk', name: 'busybox', version: '1.37.0-r8', path: '/lib/apk/db/installed' }]);
    expect(found.map((f) => f.advisory.id)).toEqual(['LAB-SAMPLE-0001']);
  });
});
