// The build cache's saved state (format 1): its records and its cache mounts. The cache itself
// (builder/cache.ts) exports and imports the plain records; the engine adds the version, and this module
// holds the schema.
import type { CacheRecord } from '../builder/cache.ts';
import type { DirNode } from '../fs/index.ts';
import { STORED_LAYER } from '../store/state.ts';
import type { StateChecker } from './schema.ts';
import { PART_STATE_VERSIONS } from '../contract.ts';

const CACHE_STATE_VERSION = PART_STATE_VERSIONS.cache;

export interface CacheState {
  readonly version: typeof CACHE_STATE_VERSION;
  readonly records: CacheRecord[];
  readonly mounts: [string, DirNode][];
}

const RECORD = {
  key: 'text',
  parentKey: 'text',
  inputs: { kind: 'RUN|COPY|ADD|WORKDIR', op: 'texts', env: 'texts?', files: 'texts?' },
  root: 'dir',
  changes: 'changes',
  layer: STORED_LAYER,
  description: 'text',
  createdAt: 'number',
  lastUsedAt: 'number',
  usageCount: 'whole',
  id: 'text',
  chain: ['?', ['sha256']],
};

/** Reads the cache's saved state; `legacy` is the unversioned shape that the engine's state format 1 held. */
export function readCacheState(c: StateChecker, v: unknown, at: string, legacy = false): CacheState {
  if (!legacy) c.version(v, CACHE_STATE_VERSION, at);
  c.check({ records: [RECORD], mounts: ['?', ['pairs', 'dir']] }, v, at);
  const s = v as { records: CacheRecord[]; mounts?: [string, DirNode][] };
  return { version: CACHE_STATE_VERSION, records: s.records, mounts: s.mounts ?? [] };
}
