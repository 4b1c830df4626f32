// Pull and push against the lab's registry, applied to the engine's local image store. These
// functions compute everything (events included) and never print; the shell renders the events.
import type { StoredImage } from '../store/types.ts';
import type { ImageStore } from '../store/index.ts';
import type { EngineEvent } from '../builder/events.ts';
import { familiarName, normalizeTaggedRef, parseRef, InvalidReferenceError } from '../store/refs.ts';
import { hasLayerBlob } from '../store/refcount.ts';
import { DEFAULT_NETWORK, type NetworkProfile } from './network.ts';
import { RemoteRegistry, REGISTRY_DOMAIN } from './remote.ts';
import { schedulePull, schedulePush, type PushLayerInput } from './schedule.ts';
import type { PullEvent, PushEvent } from './events.ts';
import type { BaseImageResolver } from '../parts.ts';

/** The registry the engine talks to and the simulated network in between: one per engine. */
export interface LabRegistry {
  readonly registry: RemoteRegistry;
  network: NetworkProfile;
}

export function createLabRegistry(): LabRegistry {
  return { registry: new RemoteRegistry(), network: DEFAULT_NETWORK };
}

/** What pulls and pushes are given by the engine: its image store, its registry, its clock and its events. */
export interface RegistryHost {
  readonly images: ImageStore;
  readonly registry: LabRegistry;
  now(): number;
  emit(event: EngineEvent): void;
}

/** The engine's registry and network (the same as `engine.registry`; kept for the callers that read it this way). */
export function labRegistry(engine: { readonly registry: LabRegistry }): LabRegistry {
  return engine.registry;
}

/** The engine event stream carries these too (the lab's pull view listens for them). */
function emit(engine: RegistryHost, event: PullEvent | PushEvent): void {
  engine.emit(event);
}

export interface ParsedPullRef {
  /** `docker.io/library/alpine` */
  readonly name: string;
  /** Repository path on the registry: `library/alpine`. */
  readonly path: string;
  readonly tag?: string;
  readonly digest?: string;
  /** True when the reference named neither tag nor digest (the CLI prints `Using default tag: latest`). */
  readonly defaultTag: boolean;
}

export function parsePullRef(ref: string): ParsedPullRef {
  const p = parseRef(ref);
  const defaultTag = !p.tag && !p.digest;
  return { name: p.name, path: RemoteRegistry.pathOf(p.name), tag: p.tag ?? (p.digest ? undefined : 'latest'), digest: p.digest, defaultTag };
}

export type PullOutcome =
  | {
      readonly ok: true;
      readonly ref: ParsedPullRef;
      readonly events: PullEvent[];
      /** `alpine:3.21` as the Status line names it. */
      readonly familiar: string;
      /** `docker.io/library/alpine:3.21`: what the CLI prints last. */
      readonly canonical: string;
      readonly image: StoredImage;
    }
  | { readonly ok: false; readonly ref?: ParsedPullRef; readonly error: string };

/**
 * What a pull or push starts from: the parsed reference, the lab's registry and the network (the
 * caller's, else the registry's); or, for a malformed reference, the message docker prints.
 */
function beginTransfer(
  engine: RegistryHost,
  ref: string,
  options: { network?: NetworkProfile },
): { parsed: ParsedPullRef; registry: RemoteRegistry; network: NetworkProfile } | string {
  let parsed: ParsedPullRef;
  try {
    parsed = parsePullRef(ref);
  } catch (e) {
    if (e instanceof InvalidReferenceError) return e.message;
    throw e;
  }
  const { registry, network } = labRegistry(engine);
  return { parsed, registry, network: options.network ?? network };
}

/** The daemon's error for a host the lab has no registry for. */
function unknownHost(name: string): string {
  const host = name.split('/')[0]!;
  return `Error response from daemon: Get "https://${host}/v2/": dial tcp: lookup ${host}: no such host`;
}

/**
 * `docker pull`: resolves the reference on the registry, finds which layers the local store already
 * holds (by blob digest), schedules the transfer and stores the image under the tag.
 */
export async function pullImage(engine: RegistryHost, ref: string, options: { network?: NetworkProfile } = {}): Promise<PullOutcome> {
  const start = beginTransfer(engine, ref, options);
  if (typeof start === 'string') return { ok: false, error: start };
  const { parsed, registry, network } = start;
  if (!parsed.name.startsWith(`${REGISTRY_DOMAIN}/`)) return { ok: false, ref: parsed, error: unknownHost(parsed.name) };
  const familiarRepo = familiarName(parsed.name);
  const tagOrDigest = parsed.digest ?? parsed.tag!;
  const found = await registry.resolve(parsed.path, tagOrDigest);
  if (found.kind === 'no-repository') {
    return {
      ok: false,
      ref: parsed,
      error: `Error response from daemon: pull access denied for ${familiarRepo}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied`,
    };
  }
  if (found.kind === 'no-tag') {
    const shown = parsed.digest ? `${familiarRepo}@${parsed.digest}` : `${familiarRepo}:${parsed.tag}`;
    return { ok: false, ref: parsed, error: `Error response from daemon: manifest for ${shown} not found: manifest unknown: manifest unknown` };
  }
  const { remote } = found;
  const store = engine.images;
  const localImages = store.list();
  const alreadyHere = store.get(remote.image.id) !== undefined;
  const normTag = parsed.tag ? normalizeTaggedRef(`${parsed.name}:${parsed.tag}`) : undefined;
  const tagPointsHere = normTag ? store.resolve(normTag)?.id === remote.image.id : alreadyHere;
  const layers = alreadyHere
    ? []
    : remote.image.layers.map((l) => ({ digest: l.digest, compressedSize: l.compressedSize, size: l.size, present: hasLayerBlob(localImages, l.digest) }));
  const events = schedulePull({
    tagOrDigest,
    repository: parsed.path,
    layers,
    digest: remote.digest,
    viaIndex: remote.viaIndex,
    upToDate: alreadyHere && tagPointsHere,
    network,
  });
  // docker says "up to date" whenever the image was already local, even if the tag was missing.
  const done = events[events.length - 1]!;
  if (done.type === 'pull-done' && alreadyHere) (done as { upToDate: boolean }).upToDate = true;
  for (const l of remote.image.layers) if (!registry.blobSources.has(l.digest)) registry.blobSources.set(l.digest, parsed.path);
  const repoDigest = `${parsed.name}@${remote.digest}`;
  store.add(remote.image, normTag ? [normTag] : [], { repoDigest, arrivedAt: engine.now() });
  for (const e of events) emit(engine, e);
  engine.emit({ type: 'store-changed', reason: 'pull' });
  const familiar = parsed.digest ? `${familiarRepo}@${parsed.digest}` : `${familiarRepo}:${parsed.tag}`;
  const canonical = parsed.digest ? `${parsed.name}@${parsed.digest}` : `${parsed.name}:${parsed.tag}`;
  return { ok: true, ref: parsed, events, familiar, canonical, image: remote.image };
}

export type PushOutcome =
  | { readonly ok: true; readonly ref: ParsedPullRef; readonly events: PushEvent[] }
  | {
      readonly ok: false;
      readonly ref?: ParsedPullRef;
      readonly error: string;
      /** Events printed before the error (docker prints `Preparing` lines before `denied`). */
      readonly events?: PushEvent[];
    };

/**
 * Where the local store's layers came from, for cross-repository mounts: blobs pulled from a
 * repository (recorded at pull) and base images the builder fetched from the catalogue.
 */
function knownSource(engine: RegistryHost, registry: RemoteRegistry, digest: string): string | undefined {
  const recorded = registry.blobSources.get(digest);
  if (recorded) return recorded;
  for (const img of engine.images.list()) {
    if (img.source !== 'catalog' && img.source !== 'pull') continue;
    if (!img.layers.some((l) => l.digest === digest)) continue;
    for (const t of engine.images.tagsOf(img.id)) {
      const name = t.slice(0, t.lastIndexOf(':'));
      if (name.startsWith(`${REGISTRY_DOMAIN}/`)) return RemoteRegistry.pathOf(name);
    }
  }
  return undefined;
}

/** `docker push`: uploads what the repository lacks, mounts blobs known from other repositories. */
export async function pushImage(engine: RegistryHost, ref: string, options: { network?: NetworkProfile } = {}): Promise<PushOutcome> {
  const start = beginTransfer(engine, ref, options);
  if (typeof start === 'string') return { ok: false, error: start };
  const { parsed, registry, network } = start;
  const familiarRepo = familiarName(parsed.name);
  const tag = parsed.tag ?? 'latest';
  const image = engine.images.resolve(`${parsed.name}:${tag}`);
  if (!image) return { ok: false, ref: parsed, error: `An image does not exist locally with the tag: ${familiarRepo}` };
  if (!parsed.name.startsWith(`${REGISTRY_DOMAIN}/`)) return { ok: false, ref: parsed, error: unknownHost(parsed.name) };
  const manifestSize = new TextEncoder().encode(image.manifestJson).byteLength;
  if (!registry.canPush(parsed.path)) {
    // docker lists the layers as Preparing, then fails on the first request that needs authorisation.
    const events = schedulePush({
      repository: parsed.name, tag, manifestDigest: image.manifestDigest, manifestSize, network,
      layers: image.layers.map((l) => ({ digest: l.digest, diffId: l.diffId, compressedSize: l.compressedSize, remote: 'exists' as const })),
    }).filter((e) => e.type === 'push-start' || (e.type === 'push-layer-state' && (e.state === 'preparing' || e.state === 'waiting')));
    return { ok: false, ref: parsed, events, error: 'denied: requested access to the resource is denied' };
  }
  const layers: PushLayerInput[] = image.layers.map((l) => {
    if (registry.hasBlob(parsed.path, l.digest)) return { digest: l.digest, diffId: l.diffId, compressedSize: l.compressedSize, remote: 'exists' };
    const source = knownSource(engine, registry, l.digest);
    if (source && source !== parsed.path) {
      return { digest: l.digest, diffId: l.diffId, compressedSize: l.compressedSize, remote: 'mountable', mountFrom: source };
    }
    return { digest: l.digest, diffId: l.diffId, compressedSize: l.compressedSize, remote: 'missing' };
  });
  const events = schedulePush({ repository: parsed.name, tag, layers, manifestDigest: image.manifestDigest, manifestSize, network });
  registry.acceptPush(parsed.path, tag, image);
  for (const l of image.layers) if (!registry.blobSources.has(l.digest)) registry.blobSources.set(l.digest, parsed.path);
  for (const e of events) emit(engine, e);
  return { ok: true, ref: parsed, events };
}

/**
 * How the builder's FROM finds a base image through the registry: a base image missing from the local
 * store is pulled (pull events are emitted, blob sources recorded for later cross-repository mounts), as
 * BuildKit does. `createLabEngine` resolves bases this way. The pull is `docker pull`'s own, over the
 * engine's network, and its timeline goes to `pulled` so the FROM vertex shows the same transfer.
 */
export function registryBaseResolver(engine: RegistryHost): BaseImageResolver {
  return async (ref, _signal, pulled) => {
    const local = engine.images.resolve(ref);
    if (local) return local;
    const r = await pullImage(engine, ref);
    if (!r.ok) return undefined;
    pulled?.(r.events);
    return r.image;
  };
}

/** Makes `engine.resolveBaseImage` the registry's (see `registryBaseResolver`), after another resolver replaced it. */
export function installRegistry(engine: RegistryHost & { resolveBaseImage: BaseImageResolver }): void {
  engine.resolveBaseImage = registryBaseResolver(engine);
}
