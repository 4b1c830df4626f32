// The lab's simulated Docker engine: one object assembled from its parts (image store, build cache,
// builder, registry, containers, clock), an event stream, and versioned state export/import for
// persistence. Pure TypeScript: runs unchanged in Node and browsers. The public types are in contract.ts.
export type * from './contract.ts';
export { ENGINE_STATE_VERSION, PART_STATE_VERSIONS } from './contract.ts';
export type * from './builder/events.ts';
export type * from './store/types.ts';
export type { LabEngine } from './engine.ts';
export { createLabEngine } from './engine.ts';
export { fixedClock, systemClock } from './clock.ts';
export type { BaseImageResolver, EngineBuildRequest } from './parts.ts';
export { SavedStateError } from './state/error.ts';
export type { ImageStore, RemoveResult } from './store/index.ts';
export type { BuildCache, CacheRecord, KeyInputs } from './builder/cache.ts';
