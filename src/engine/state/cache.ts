// The build cache's saved state (format 1): its records and its cache mounts. The cache itself
// (builder/cache.ts) exports and imports the plain records; this module versions and checks them.
import type { BuildCache, CacheRecord } from '../builder/cache.ts';
import type { DirNode } from '../fs/index.ts';
import { readStoredLayer } from '../store/state.ts';
import { array, digest, integer, number, oneOf, optional, pairs, record, string, stringRecord, version, type Path } from './check.ts';
import type { TreeChecker } from './fs.ts';

export const CACHE_STATE_VERSION = 1;

export interface CacheState {
  readonly version: typeof CACHE_STATE_VERSION;
  readonly records: CacheRecord[];
  readonly mounts: [string, DirNode][];
}

export function exportCacheState(cache: BuildCache): CacheState {
  const s = cache.exportState();
  return { version: CACHE_STATE_VERSION, records: s.records, mounts: s.mounts ?? [] };
}

export function importCacheState(cache: BuildCache, state: CacheState): void {
  cache.importState({ records: state.records, mounts: state.mounts });
}

function readRecord(v: unknown, path: Path, trees: TreeChecker): CacheRecord {
  const r = record(v, path);
  string(r['key'], `${path}.key`);
  string(r['parentKey'], `${path}.parentKey`);
  const inputs = record(r['inputs'], `${path}.inputs`);
  oneOf(inputs['kind'], ['RUN', 'COPY', 'ADD', 'WORKDIR'] as const, `${path}.inputs.kind`);
  stringRecord(inputs['op'], `${path}.inputs.op`);
  optional(inputs['env'], `${path}.inputs.env`, stringRecord);
  optional(inputs['files'], `${path}.inputs.files`, stringRecord);
  trees.dir(r['root'], `${path}.root`);
  trees.changes(r['changes'], `${path}.changes`);
  readStoredLayer(r['layer'], `${path}.layer`, trees);
  string(r['description'], `${path}.description`);
  number(r['createdAt'], `${path}.createdAt`);
  number(r['lastUsedAt'], `${path}.lastUsedAt`);
  integer(r['usageCount'], `${path}.usageCount`);
  string(r['id'], `${path}.id`);
  optional(r['chain'], `${path}.chain`, (c, p) => array(c, p).map((d, i) => digest(d, `${p}[${i}]`)));
  return r as unknown as CacheRecord;
}

/** Reads the cache's saved state; `legacy` is the unversioned shape the engine's state format 1 held. */
export function readCacheState(v: unknown, path: Path, trees: TreeChecker, legacy = false): CacheState {
  const s = record(v, path);
  if (!legacy) version(s['version'], CACHE_STATE_VERSION, path);
  return {
    version: CACHE_STATE_VERSION,
    records: array(s['records'], `${path}.records`).map((r, i) => readRecord(r, `${path}.records[${i}]`, trees)),
    mounts: s['mounts'] === undefined ? [] : pairs(s['mounts'], `${path}.mounts`, (m, p) => trees.dir(m, p)),
  };
}
