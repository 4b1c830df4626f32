// The lab's simulated Docker engine: one object holding the image store and the build cache, an event
// stream, and state export/import for persistence. Pure TypeScript: runs unchanged in Node and browsers.
export type * from './builder/events.ts';
export type * from './store/types.ts';
export type { BuildRequest, BuildOutcome, CacheExplanation, BuildWarning, LabEngine, CacheEntryInfo, BaseImageResolver, RunReplayStep } from './engine.ts';
export { createLabEngine, fixedClock, systemClock } from './engine.ts';
export type { LabClock, LabEngineOptions } from './engine.ts';
export type { ImageStore, RemoveResult } from './store/index.ts';
export type { BuildCache, CacheRecord, KeyInputs } from './builder/cache.ts';
