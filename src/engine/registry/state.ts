// The schema of the lab registry's saved state (format 1: see RegistryState in remote.ts).
import { STORED_IMAGE } from '../store/state.ts';
import type { StateChecker } from '../state/schema.ts';
import type { RegistryState } from './remote.ts';
import { PART_STATE_VERSIONS } from '../contract.ts';

const REGISTRY_STATE_VERSION = PART_STATE_VERSIONS.registry;

const REMOTE_IMAGE = { image: STORED_IMAGE, digest: 'sha256', viaIndex: 'bool' };

export function readRegistryState(c: StateChecker, v: unknown, at: string): RegistryState {
  c.version(v, REGISTRY_STATE_VERSION, at);
  c.check({ pushed: [{ path: 'text', tags: ['pairs', REMOTE_IMAGE], blobs: ['text'] }], user: 'text?', blobSources: ['pairs', 'text'] }, v, at);
  return v as RegistryState;
}
