// One call for the explorer and the images view: everything about a stored image's layers at once,
// with the stacked roots computed once and shared.
import type { StoredImage } from '../store/types.ts';
import { stackRoots } from './stack.ts';
import { efficiency, type EfficiencyReport } from './efficiency.ts';
import { shippedButHidden, type ShippedReport } from './shipped.ts';
import { packagesByLayer, type PackageScan, type Scanner } from './packages.ts';
import { matchAdvisories, type Finding } from './advisories.ts';
import type { LayerPackage } from './packages.ts';
import type { DirNode } from '../fs/index.ts';
import { diffSize } from '../store/sizes.ts';

export interface ImageLayerInfo {
  readonly index: number;
  readonly digest: string;
  readonly diffId: string;
  /** The layer's tar size (what `docker images` adds up). */
  readonly size: number;
  /** The bytes of the files it adds: the SIZE `docker history` prints for it. */
  readonly diffSize: number;
  readonly compressedSize: number;
  /** The history entry that made the layer (`created_by`), when the config has one. */
  readonly createdBy: string;
}

export interface ImageAnalysis {
  readonly layers: readonly ImageLayerInfo[];
  readonly roots: readonly DirNode[];
  readonly efficiency: EfficiencyReport;
  readonly shipped: ShippedReport;
  readonly packages: PackageScan;
  readonly findings: readonly (Finding & { package: LayerPackage })[];
}

/** Pairs layers with their non-empty history entries (bottom first), as `docker history` does. */
export function layerHistory(image: Pick<StoredImage, 'configJson' | 'layers'>): string[] {
  let history: { created_by?: string; empty_layer?: boolean }[] = [];
  try {
    history = (JSON.parse(image.configJson) as { history?: typeof history }).history ?? [];
  } catch {
    history = [];
  }
  const nonEmpty = history.filter((h) => !h.empty_layer).map((h) => h.created_by ?? '');
  return image.layers.map((_, i) => nonEmpty[i] ?? '');
}

export function analyzeImage(image: Pick<StoredImage, 'configJson' | 'layers'>, options: { scan?: Scanner } = {}): ImageAnalysis {
  const roots = stackRoots(image.layers);
  const createdBy = layerHistory(image);
  const layers = image.layers.map((l, index) => ({
    index, digest: l.digest, diffId: l.diffId, size: l.size, diffSize: diffSize(l.changes), compressedSize: l.compressedSize, createdBy: createdBy[index] ?? '',
  }));
  const packages = packagesByLayer(image.layers, { roots, ...(options.scan ? { scan: options.scan } : {}) });
  return {
    layers,
    roots,
    efficiency: efficiency(image.layers, roots),
    shipped: shippedButHidden(image.layers, roots),
    packages,
    findings: matchAdvisories(packages.packages),
  };
}
