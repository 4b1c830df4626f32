// The toy world: catalogue of base images, package index, package scanner and the RUN interpreter.
// Importing this module is cheap: root filesystems are built on first use of a layer's `changes`.
export type {
  BaseImage,
  BaseImageConfig,
  BaseLayer,
  HistoryEntry,
  OutputChunk,
  PackageFile,
  PackageInfo,
  PackageManager,
  Repository,
  RunLimits,
  RunRequest,
  RunResult,
  ScannedPackage,
} from './types.ts';
export { CATALOG, resolveBaseImage, parseImageRef, baseImageRoot, layerRoot } from './catalog.ts';
export { PACKAGES } from './packages/index.ts';
export { scanPackages } from './scan.ts';
export { runShell } from './shell/entry.ts';
export { DEFAULT_LIMITS, registerProgram } from './shell/registry.ts';
export type { Program, ProgramContext } from './shell/interp.ts';
export { catalogLayerFacts, catalogLayerIds, type LayerDigestFacts } from './digests.ts';
