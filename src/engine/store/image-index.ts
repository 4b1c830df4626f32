// The image store's read-only queries (list, tags, digests, `resolve`) over its maps. Light on purpose:
// it imports only refs.ts and types, so the page's mirror of the engine (src/lab/core/snapshot.ts) answers
// with the same code as the store itself, without bundling the image and world modules.
import type { StoredImage } from './types.ts';
import { normalizeTaggedRef, parseRef } from './refs.ts';

/** `I` is the image as this index holds it: the store's StoredImage, or the page mirror's image without its tree. */
export class ImageIndex<I extends { readonly id: string } = StoredImage> {
  protected readonly images = new Map<string, I>();
  /** Normalised `name:tag` → image ID. */
  protected readonly tags = new Map<string, string>();
  /** Normalised `name:tag` → the digest the tag resolved to when the base was fetched (`name@digest`). */
  protected readonly repoDigests = new Map<string, string>();
  /** Image ID → engine-clock ms when it arrived in this store (the order of `docker images`, LastTagTime). */
  protected readonly arrivedAt = new Map<string, number>();

  list(): I[] {
    return [...this.images.values()];
  }

  get(id: string): I | undefined {
    return this.images.get(id);
  }

  /** Tags pointing at `id`, normalised (`docker.io/library/app:latest`), sorted. */
  tagsOf(id: string): string[] {
    return [...this.tags].filter(([, v]) => v === id).map(([k]) => k).sort();
  }

  /** `name@digest` records for an image (docker images --digests, inspect RepoDigests). */
  repoDigestsOf(id: string): string[] {
    const out = new Set<string>();
    for (const t of this.tagsOf(id)) {
      const d = this.repoDigests.get(t);
      if (d) out.add(d);
    }
    return [...out].sort();
  }

  arrived(id: string): number | undefined {
    return this.arrivedAt.get(id);
  }

  /** Finds an image by tag, full or short ID (hex prefix, with or without `sha256:`), or `name@digest`. */
  resolve(ref: string): I | undefined {
    const hex = ref.startsWith('sha256:') ? ref.slice(7) : ref;
    if (/^[a-f0-9]{64}$/.test(hex)) return this.images.get(`sha256:${hex}`);
    try {
      const norm = normalizeTaggedRef(ref);
      const id = this.tags.get(norm);
      if (id) return this.images.get(id);
      const p = parseRef(ref);
      if (p.digest) {
        for (const [t, d] of this.repoDigests) if (d === `${p.name}@${p.digest}` && this.tags.get(t)) return this.images.get(this.tags.get(t)!);
        const direct = this.images.get(p.digest);
        if (direct) return direct;
      }
    } catch {
      // not a valid reference: may still be a short ID
    }
    if (/^[a-f0-9]{1,63}$/.test(hex)) {
      const matches = [...this.images.keys()].filter((id) => id.slice(7).startsWith(hex));
      if (matches.length === 1) return this.images.get(matches[0]!);
    }
    return undefined;
  }

  /** Replaces the whole content (a saved state, or the engine's state as a snapshot carries it), keeping the given order. */
  protected replaceAll(
    images: Iterable<I>,
    tags: Iterable<readonly [string, string]>,
    repoDigests: Iterable<readonly [string, string]>,
    arrivedAt: Iterable<readonly [string, number]>,
  ): void {
    this.images.clear();
    this.tags.clear();
    this.repoDigests.clear();
    this.arrivedAt.clear();
    for (const img of images) this.images.set(img.id, img);
    for (const [k, v] of tags) this.tags.set(k, v);
    for (const [k, v] of repoDigests) this.repoDigests.set(k, v);
    for (const [k, v] of arrivedAt) this.arrivedAt.set(k, v);
  }

  /** The `name@digest` the tag resolved to (the index digest for catalogue images). */
  repoDigestOfTag(ref: string): string | undefined {
    try {
      return this.repoDigests.get(normalizeTaggedRef(ref));
    } catch {
      return undefined;
    }
  }
}
