// What `docker search` and a repository's tag list read of the lab registry: the catalogue's
// repositories and the pushed ones, with their tag names. Pure and light (no world, no image module), so
// the registry (remote.ts) and the page's mirror of the engine (src/lab/core/snapshot.ts) answer with
// the same code.

export interface SearchResult {
  readonly name: string;
  readonly description: string;
  readonly stars: number;
  readonly official: boolean;
}

/** A catalogue repository as search sees it (the world's `Repository` is one, with more fields). */
export interface ListedRepository {
  /** e.g. 'alpine' (the registry path is `library/alpine`) */
  readonly name: string;
  readonly description: string;
  readonly stars: number;
  readonly official: boolean;
}

/** The catalogue repository a registry path names: only official `library/NAME` paths are in it. */
export function catalogRepository<R extends ListedRepository>(catalog: readonly R[], path: string): R | undefined {
  if (!path.startsWith('library/')) return undefined;
  const name = path.slice('library/'.length);
  return catalog.find((r) => r.name === name);
}

/**
 * `docker search`: repositories whose name or description contains the term (case-insensitive), most
 * stars first. Pushed repositories (by path) match on their path; they have no description or stars.
 */
export function searchRepositories(catalog: Iterable<ListedRepository>, pushedPaths: Iterable<string>, term: string): SearchResult[] {
  const t = term.toLowerCase();
  const out: SearchResult[] = [];
  for (const r of catalog) {
    if (r.name.includes(t) || r.description.toLowerCase().includes(t)) {
      out.push({ name: r.name, description: r.description, stars: r.stars, official: r.official });
    }
  }
  for (const path of pushedPaths) {
    if (path.includes(t)) out.push({ name: path, description: '', stars: 0, official: false });
  }
  return out.sort((a, b) => b.stars - a.stars || (a.name < b.name ? -1 : 1));
}

/** A repository's tags, sorted: the catalogue's when the path is a catalogue repository, else the pushed ones. */
export function repositoryTags(catalogTags: Iterable<string> | undefined, pushedTags: Iterable<string> | undefined): string[] {
  return [...(catalogTags ?? pushedTags ?? [])].sort();
}

/** The registry's listing as plain data (what the engine's snapshot carries to the page). */
export interface RegistryListingData {
  readonly catalog: readonly (ListedRepository & { readonly tags: readonly string[] })[];
  /** Pushed repositories in the registry's order: path and tag names. */
  readonly pushed: readonly (readonly [path: string, tags: readonly string[]])[];
}

/** Search and tags over a listing's data, answering as `RemoteRegistry.search` and `.tags` do. */
export class RegistryListing {
  private data: RegistryListingData;
  private pushedByPath: Map<string, readonly string[]>;

  constructor(data: RegistryListingData = { catalog: [], pushed: [] }) {
    this.data = data;
    this.pushedByPath = new Map(data.pushed);
  }

  /** Replaces the catalogue, the pushed repositories, or both. */
  update(change: Partial<RegistryListingData>): void {
    this.data = { catalog: change.catalog ?? this.data.catalog, pushed: change.pushed ?? this.data.pushed };
    this.pushedByPath = new Map(this.data.pushed);
  }

  search(term: string): SearchResult[] {
    return searchRepositories(this.data.catalog, this.pushedByPath.keys(), term);
  }

  tags(path: string): string[] {
    return repositoryTags(catalogRepository(this.data.catalog, path)?.tags, this.pushedByPath.get(path));
  }
}
