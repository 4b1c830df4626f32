// Checks the lab registry's saved state (format 1) before the registry takes it.
import { readStoredImage } from '../store/state.ts';
import { array, boolean, digest, optional, pairs, record, string, strings, version, type Path } from '../state/check.ts';
import type { TreeChecker } from '../state/fs.ts';
import type { RegistryState, RemoteImage } from './remote.ts';

export const REGISTRY_STATE_VERSION = 1;

function readRemoteImage(v: unknown, path: Path, trees: TreeChecker): RemoteImage {
  const r = record(v, path);
  readStoredImage(r['image'], `${path}.image`, trees);
  digest(r['digest'], `${path}.digest`);
  boolean(r['viaIndex'], `${path}.viaIndex`);
  return r as unknown as RemoteImage;
}

export function readRegistryState(v: unknown, path: Path, trees: TreeChecker): RegistryState {
  const s = record(v, path);
  version(s['version'], REGISTRY_STATE_VERSION, path);
  const pushed = array(s['pushed'], `${path}.pushed`).map((repo, i) => {
    const p = `${path}.pushed[${i}]`;
    const r = record(repo, p);
    return { path: string(r['path'], `${p}.path`), tags: pairs(r['tags'], `${p}.tags`, (t, tp) => readRemoteImage(t, tp, trees)), blobs: strings(r['blobs'], `${p}.blobs`) };
  });
  const user = optional(s['user'], `${path}.user`, string);
  return { version: REGISTRY_STATE_VERSION, pushed, ...(user !== undefined ? { user } : {}), blobSources: pairs(s['blobSources'], `${path}.blobSources`, string) };
}
