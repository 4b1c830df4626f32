// The remote registry the lab talks to (docker.io in the lab): the world's catalogue of official
// repositories, plus repositories the learner pushes to. Catalogue images are built on first use with
// the image module, so their digests are real; pushed images keep the exact manifest that was pushed.
import { CATALOG } from '../world/index.ts';
import type { Repository } from '../world/index.ts';
import { imageFromCatalog } from '../store/index.ts';
import type { StoredImage } from '../store/types.ts';
import { PART_STATE_VERSIONS } from '../contract.ts';
import { catalogRepository, repositoryTags, searchRepositories, type RegistryListingData, type SearchResult } from './listing.ts';

export const REGISTRY_DOMAIN = 'docker.io';

/** What a tag resolves to on the registry. */
export interface RemoteImage {
  readonly image: StoredImage;
  /** The digest the tag points at: the index digest for multi-platform catalogue images, else the manifest digest. */
  readonly digest: string;
  readonly viaIndex: boolean;
}

export type { SearchResult } from './listing.ts';

interface PushedRepo {
  readonly path: string;
  readonly tags: Map<string, RemoteImage>;
  readonly blobs: Set<string>;
}

export type ResolveResult = { kind: 'found'; remote: RemoteImage } | { kind: 'no-repository' } | { kind: 'no-tag' };

/** The lab registry's saved state (format 1): pushed repositories, the login, where blobs came from. */
export interface RegistryState {
  readonly version: 1;
  readonly pushed: { path: string; tags: [string, RemoteImage][]; blobs: string[] }[];
  readonly user?: string;
  readonly blobSources: [string, string][];
}

export class RemoteRegistry {
  private readonly catalog: readonly Repository[];
  private readonly pushed = new Map<string, PushedRepo>();
  private readonly catalogCache = new Map<string, Promise<RemoteImage | undefined>>();
  /** The catalogue's part of `listing()`: the catalogue never changes, so it is made once. */
  private catalogListing: RegistryListingData['catalog'] | undefined;
  /** Blob digest → repository path it was pulled from (docker's V2 metadata, used for cross-repo mounts). */
  readonly blobSources = new Map<string, string>();
  /** The name `docker login` accepted, if any. */
  user: string | undefined;

  constructor(catalog: readonly Repository[] = CATALOG) {
    this.catalog = catalog;
  }

  /** Repository path as the registry names it: `library/alpine`, `learner/app`. */
  static pathOf(fullName: string): string {
    return fullName.startsWith(`${REGISTRY_DOMAIN}/`) ? fullName.slice(REGISTRY_DOMAIN.length + 1) : fullName;
  }

  private catalogRepo(path: string): Repository | undefined {
    return catalogRepository(this.catalog, path);
  }

  /** True when the repository exists (catalogue or pushed). */
  hasRepository(path: string): boolean {
    return this.catalogRepo(path) !== undefined || this.pushed.has(path);
  }

  /** Tags of a repository, sorted. */
  tags(path: string): string[] {
    const repo = this.catalogRepo(path);
    return repositoryTags(repo && Object.keys(repo.tags), this.pushed.get(path)?.tags.keys());
  }

  /** Resolves `path:tag` (or `path@digest`). Catalogue images are built on first use and memoised. */
  async resolve(path: string, tagOrDigest: string): Promise<ResolveResult> {
    const byDigest = tagOrDigest.startsWith('sha256:');
    const catalogRepo = this.catalogRepo(path);
    if (catalogRepo) {
      if (byDigest) {
        for (const tag of Object.keys(catalogRepo.tags)) {
          const remote = await this.catalogImage(catalogRepo, tag);
          if (remote && (remote.digest === tagOrDigest || remote.image.manifestDigest === tagOrDigest)) {
            return { kind: 'found', remote: remote.digest === tagOrDigest ? remote : { image: remote.image, digest: tagOrDigest, viaIndex: false } };
          }
        }
        return { kind: 'no-tag' };
      }
      if (!(tagOrDigest in catalogRepo.tags)) return { kind: 'no-tag' };
      const remote = await this.catalogImage(catalogRepo, tagOrDigest);
      return remote ? { kind: 'found', remote } : { kind: 'no-tag' };
    }
    const repo = this.pushed.get(path);
    if (!repo) return { kind: 'no-repository' };
    if (byDigest) {
      for (const remote of repo.tags.values()) if (remote.digest === tagOrDigest) return { kind: 'found', remote };
      return { kind: 'no-tag' };
    }
    const remote = repo.tags.get(tagOrDigest);
    return remote ? { kind: 'found', remote } : { kind: 'no-tag' };
  }

  private catalogImage(repo: Repository, tag: string): Promise<RemoteImage | undefined> {
    const key = `${repo.name}:${tag}`;
    let p = this.catalogCache.get(key);
    if (!p) {
      p = imageFromCatalog(key).then((r) => {
        if (!r) return undefined;
        const digest = r.repoDigest.slice(r.repoDigest.indexOf('@') + 1);
        return { image: { ...r.image, source: 'pull' as const }, digest, viaIndex: true };
      });
      this.catalogCache.set(key, p);
      p.catch(() => this.catalogCache.delete(key));
    }
    return p;
  }

  /** True when `path` already holds the blob (a push answers `Layer already exists`). */
  hasBlob(path: string, digest: string): boolean {
    return this.pushed.get(path)?.blobs.has(digest) ?? false;
  }

  /** Only the logged-in user's own namespace accepts pushes; official `library/` repositories never do. */
  canPush(path: string): boolean {
    const ns = path.split('/')[0];
    return this.user !== undefined && ns === this.user.toLowerCase() && path.includes('/');
  }

  /** Stores a pushed image under `path:tag`. */
  acceptPush(path: string, tag: string, image: StoredImage): RemoteImage {
    let repo = this.pushed.get(path);
    if (!repo) {
      repo = { path, tags: new Map(), blobs: new Set() };
      this.pushed.set(path, repo);
    }
    for (const l of image.layers) repo.blobs.add(l.digest);
    const remote: RemoteImage = { image: { ...image, source: 'pull' }, digest: image.manifestDigest, viaIndex: false };
    repo.tags.set(tag, remote);
    return remote;
  }

  /** `docker search`: repositories whose name or description contains the term (case-insensitive), most stars first. */
  search(term: string): SearchResult[] {
    return searchRepositories(this.catalog, this.pushed.keys(), term);
  }

  /** What search and tags read, as plain data: the catalogue's repositories and the pushed ones with their tag names. */
  listing(): RegistryListingData {
    this.catalogListing ??= this.catalog.map((r) => ({ name: r.name, description: r.description, stars: r.stars, official: r.official, tags: Object.keys(r.tags) }));
    return { catalog: this.catalogListing, pushed: [...this.pushed.values()].map((r) => [r.path, [...r.tags.keys()]] as const) };
  }

  exportState(): RegistryState {
    return {
      version: PART_STATE_VERSIONS.registry,
      pushed: [...this.pushed.values()].map((r) => ({ path: r.path, tags: [...r.tags], blobs: [...r.blobs] })),
      ...(this.user ? { user: this.user } : {}),
      blobSources: [...this.blobSources],
    };
  }

  /** Replaces the pushed repositories, login and blob sources with a saved state (see registry/state.ts). */
  importState(s: RegistryState): void {
    this.pushed.clear();
    for (const r of s.pushed) this.pushed.set(r.path, { path: r.path, tags: new Map(r.tags), blobs: new Set(r.blobs) });
    this.user = s.user;
    this.blobSources.clear();
    for (const [k, v] of s.blobSources) this.blobSources.set(k, v);
  }
}
