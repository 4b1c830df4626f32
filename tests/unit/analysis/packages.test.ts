import { describe, expect, it } from 'vitest';
import { packagesByLayer } from '../../../src/engine/analysis/index.ts';
import { contentText, getNode, type DirNode } from '../../../src/engine/fs/index.ts';
import { resolveBaseImage } from '../../../src/engine/world/index.ts';
import type { ScannedPackage } from '../../../src/engine/world/index.ts';
import { layersFrom, put, text } from './helpers.ts';

// A scanner written for the test, independent of the world's: reads apk's installed database.
function apkScan(root: DirNode): ScannedPackage[] {
  const node = getNode(root, '/lib/apk/db/installed');
  if (node?.type !== 'file') return [];
  const out: ScannedPackage[] = [];
  for (const stanza of contentText(node.content).split('\n\n')) {
    const name = /^P:(.*)$/m.exec(stanza)?.[1];
    const version = /^V:(.*)$/m.exec(stanza)?.[1];
    if (name && version) out.push({ manager: 'apk', name, version, path: '/lib/apk/db/installed' });
  }
  return out;
}

const db = (...pkgs: [string, string][]) => text(pkgs.map(([n, v]) => `P:${n}\nV:${v}\n`).join('\n'));

describe('packages per layer', () => {
  it('attributes each package version to the layer that installed it', () => {
    const layers = layersFrom(
      put('/lib/apk/db/installed', db(['musl', '1.2.5-r8'], ['busybox', '1.37.0-r8'])),
      put('/usr/share/doc/readme', text('no package change')),
      put('/lib/apk/db/installed', db(['musl', '1.2.5-r8'], ['busybox', '1.37.0-r8'], ['curl', '8.11.1-r0'])),
      put('/lib/apk/db/installed', db(['musl', '1.2.5-r8'], ['busybox', '1.37.0-r9'])),
    );
    const scan = packagesByLayer(layers, { scan: apkScan });
    const byName = Object.fromEntries(scan.packages.map((p) => [p.name, [p.version, p.layer]]));
    expect(byName).toEqual({ musl: ['1.2.5-r8', 0], busybox: ['1.37.0-r9', 3] });
    expect(scan.layers[1]).toEqual({ layer: 1, added: [], removed: [], upgraded: [] });
    expect(scan.layers[2]!.added.map((p) => p.name)).toEqual(['curl']);
    expect(scan.layers[3]!.removed.map((p) => p.name)).toEqual(['curl']);
    expect(scan.layers[3]!.upgraded.map((u) => [u.from.version, u.to.version])).toEqual([['1.37.0-r8', '1.37.0-r9']]);
  });

  it('on the catalogue node:22-alpine, musl comes from the alpine layer and libstdc++ from the node layer', () => {
    const image = resolveBaseImage('node:22-alpine')!;
    const scan = packagesByLayer(image.layers, { scan: apkScan });
    const layerOf = (name: string) => scan.packages.find((p) => p.name === name)?.layer;
    expect(layerOf('musl')).toBe(0);
    // The node layer runs `apk add --no-cache libstdc++` (its history line says so).
    expect(image.layers[1]!.createdBy).toContain('libstdc++');
    expect(layerOf('libstdc++')).toBe(1);
  });
});
