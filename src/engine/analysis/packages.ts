// Packages per layer, found the way an SBOM scanner finds them: by reading the image's own package
// databases (the world's `scanPackages`) in the filesystem after each layer. A package belongs to the
// layer where it first appears, or where its version last changed.
import { scanPackages as worldScan } from '../world/scan.ts';
import type { ScannedPackage } from '../world/types.ts';
import type { DirNode } from '../fs/index.ts';
import { changesOf, stackRoots, type LayerLike } from './stack.ts';

export type Scanner = (root: DirNode) => ScannedPackage[];

export interface LayerPackage extends ScannedPackage {
  /** The layer (bottom first) that installed this version. */
  readonly layer: number;
}

export interface LayerPackageChanges {
  readonly layer: number;
  readonly added: readonly ScannedPackage[];
  readonly removed: readonly ScannedPackage[];
  readonly upgraded: readonly { readonly from: ScannedPackage; readonly to: ScannedPackage }[];
}

export interface PackageScan {
  /** Packages in the final filesystem, each with the layer that put that version there. */
  readonly packages: readonly LayerPackage[];
  readonly layers: readonly LayerPackageChanges[];
}

/** One package identity: system packages by name; npm and pip packages by name and place. */
export function packageKey(p: ScannedPackage): string {
  return p.manager === 'apk' || p.manager === 'apt' ? `${p.manager}\u0000${p.name}` : `${p.manager}\u0000${p.name}\u0000${p.path}`;
}

const DB_HINT = /(^|\/)(node_modules|site-packages|dist-packages)(\/|$)|\.dist-info(\/|$)|^\/lib\/apk(\/|$)|^\/var\/lib\/dpkg(\/|$)/;

function touchesPackages(layer: LayerLike, known: readonly ScannedPackage[]): boolean {
  for (const c of changesOf(layer)) {
    if (DB_HINT.test(c.path)) return true;
    if (c.kind === 'deleted' || c.node.type !== 'file') {
      // Removing (or replacing) a directory may take package records with it.
      const prefix = c.path + '/';
      if (known.some((p) => p.path.startsWith(prefix))) return true;
      if (c.path === '/' ) return true;
    }
  }
  return false;
}

export function packagesByLayer(layers: readonly LayerLike[], options: { scan?: Scanner; roots?: readonly DirNode[] } = {}): PackageScan {
  const scan = options.scan ?? worldScan;
  const roots = options.roots ?? stackRoots(layers);
  let current = new Map<string, LayerPackage>();
  let lastScan: ScannedPackage[] = [];
  const perLayer: LayerPackageChanges[] = [];
  layers.forEach((layer, index) => {
    if (index > 0 && !touchesPackages(layer, lastScan)) {
      perLayer.push({ layer: index, added: [], removed: [], upgraded: [] });
      return;
    }
    lastScan = scan(roots[index]!);
    const next = new Map<string, LayerPackage>();
    const added: ScannedPackage[] = [];
    const upgraded: { from: ScannedPackage; to: ScannedPackage }[] = [];
    for (const p of lastScan) {
      const key = packageKey(p);
      const before = current.get(key);
      if (before && before.version === p.version) next.set(key, before);
      else {
        next.set(key, { ...p, layer: index });
        if (before) upgraded.push({ from: strip(before), to: p });
        else added.push(p);
      }
    }
    const removed = [...current].filter(([k]) => !next.has(k)).map(([, p]) => strip(p));
    perLayer.push({ layer: index, added, removed, upgraded });
    current = next;
  });
  return { packages: [...current.values()], layers: perLayer };
}

function strip(p: LayerPackage): ScannedPackage {
  return { manager: p.manager, name: p.name, version: p.version, path: p.path };
}
