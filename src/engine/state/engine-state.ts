// The engine's saved-state envelope: its format, the clock, and each part's state under its own format.
// Reading checks everything first, so a state that cannot be read changes nothing. Format 1 (one
// envelope holding the store's and the cache's unversioned states) is read as well.
import { ENGINE_STATE_VERSION } from '../contract.ts';
import { readStoreState, type StoreState } from '../store/state.ts';
import { readRegistryState } from '../registry/state.ts';
import type { RegistryState } from '../registry/remote.ts';
import { readContainersState, type ContainersState } from '../container/state.ts';
import { readCacheState, type CacheState } from './cache.ts';
import { SavedStateError, StateChecker } from './schema.ts';

/** A saved state, read and checked: what each part imports. A part absent from a format-1 state is left as it is. */
export interface EngineStateParts {
  readonly clock: number;
  readonly store: StoreState;
  readonly cache: CacheState;
  readonly registry?: RegistryState;
  readonly containers?: ContainersState;
}

export function readEngineState(state: unknown): EngineStateParts {
  const c = new StateChecker();
  try {
    c.check('record', state, 'it');
    c.version(state, ENGINE_STATE_VERSION, 'the state');
    const s = state as Record<string, unknown>;
    if (s['version'] === 1) {
      c.check('number?', s['clock'], 'clock');
      return {
        clock: (s['clock'] as number | undefined) ?? 0,
        store: readStoreState(c, s['images'], 'images', true),
        cache: readCacheState(c, s['cache'], 'cache', true),
        ...(s['registry'] !== undefined ? { registry: readRegistryState(c, s['registry'], 'registry') } : {}),
        ...(s['containers'] !== undefined ? { containers: readContainersState(c, s['containers'], 'containers') } : {}),
      };
    }
    c.check({ clock: 'number', parts: 'record' }, s, 'the state');
    const parts = s['parts'] as Record<string, unknown>;
    return {
      clock: s['clock'] as number,
      store: readStoreState(c, parts['store'], 'parts.store'),
      cache: readCacheState(c, parts['cache'], 'parts.cache'),
      registry: readRegistryState(c, parts['registry'], 'parts.registry'),
      containers: readContainersState(c, parts['containers'], 'parts.containers'),
    };
  } catch (err) {
    // Whatever went wrong, the learner reads words, never a JavaScript error.
    throw new SavedStateError(`The saved engine state cannot be read: ${err instanceof SavedStateError ? err.message : 'it is malformed'}.`);
  }
}
