// Image analysis for the lab's pictures: dive-style layer trees with marks, dive's efficiency score and
// wasted bytes, files deleted later but still shipped, packages per layer and sample advisories.
// Pure TypeScript over the engine's layer change lists: no DOM, runs in Node and browsers.
export { stackRoots, changesOf, type LayerLike } from './stack.ts';
export { layerTree, layerMarks, onlyChanges, findEntry, markCounts, nodeSize, type TreeEntry, type Mark, type TreeMode, type LayerTreeOptions } from './filetree.ts';
export { efficiency, type EfficiencyReport, type Inefficiency } from './efficiency.ts';
export { shippedButHidden, type ShippedWaste, type ShippedReport } from './shipped.ts';
export { packagesByLayer, packageKey, type LayerPackage, type LayerPackageChanges, type PackageScan, type Scanner } from './packages.ts';
export { SAMPLE_ADVISORIES, ADVISORY_DATA_LABEL, matchAdvisories, isAffected, type Advisory, type Finding, type Severity } from './advisories.ts';
export { compareVersions } from './version.ts';
export { analyzeImage, type ImageAnalysis } from './image.ts';
