// The engine's saved-state envelope: its format, the clock, and each part's state under its own format.
// Reading checks everything first, so a state that cannot be read changes nothing. Format 1 (one
// envelope holding the store's and the cache's unversioned states) is read as well.
import { ENGINE_STATE_VERSION } from '../contract.ts';
import { readStoreState, type StoreState } from '../store/state.ts';
import { readRegistryState } from '../registry/state.ts';
import type { RegistryState } from '../registry/remote.ts';
import { readContainersState, type ContainersState } from '../container/state.ts';
import { readCacheState, type CacheState } from './cache.ts';
import { SavedStateError, number, record, version } from './check.ts';
import { TreeChecker } from './fs.ts';

/** A saved state, read and checked: what each part imports. A part absent from a format-1 state is left as it is. */
export interface EngineStateParts {
  readonly clock: number;
  readonly store: StoreState;
  readonly cache: CacheState;
  readonly registry?: RegistryState;
  readonly containers?: ContainersState;
}

export function readEngineState(state: unknown): EngineStateParts {
  const trees = new TreeChecker();
  try {
    if (state === null || typeof state !== 'object' || Array.isArray(state)) throw new SavedStateError('it is not a record');
    const s = state as Record<string, unknown>;
    const format = version(s['version'], ENGINE_STATE_VERSION, 'the state');
    if (format === 1) {
      return {
        clock: s['clock'] === undefined ? 0 : number(s['clock'], 'clock'),
        store: readStoreState(s['images'], 'images', trees, true),
        cache: readCacheState(s['cache'], 'cache', trees, true),
        ...(s['registry'] !== undefined ? { registry: readRegistryState(s['registry'], 'registry', trees) } : {}),
        ...(s['containers'] !== undefined ? { containers: readContainersState(s['containers'], 'containers', trees) } : {}),
      };
    }
    const parts = record(s['parts'], 'parts');
    return {
      clock: number(s['clock'], 'clock'),
      store: readStoreState(parts['store'], 'parts.store', trees),
      cache: readCacheState(parts['cache'], 'parts.cache', trees),
      registry: readRegistryState(parts['registry'], 'parts.registry', trees),
      containers: readContainersState(parts['containers'], 'parts.containers', trees),
    };
  } catch (err) {
    // Whatever went wrong, the learner reads words, never a JavaScript error.
    throw new SavedStateError(`The saved engine state cannot be read: ${err instanceof SavedStateError ? err.message : 'it is malformed'}.`);
  }
}
