// Image references as the docker CLI reads them (github.com/distribution/reference "familiar" names):
// `app` means `docker.io/library/app:latest`; `user/app:1` means `docker.io/user/app:1`.

export interface ParsedRef {
  /** Full repository name, e.g. `docker.io/library/node`. */
  readonly name: string;
  readonly tag?: string;
  readonly digest?: string;
}

export class InvalidReferenceError extends Error {}

const DOMAIN = 'docker.io';

/** Parses a reference; throws InvalidReferenceError with the distribution/reference wording. */
export function parseRef(ref: string): ParsedRef {
  if (ref === '' || /\s/.test(ref)) throw new InvalidReferenceError('invalid reference format');
  let rest = ref;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!/^sha256:[a-f0-9]{64}$/.test(digest)) throw new InvalidReferenceError('invalid reference format');
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!/^[\w][\w.-]{0,127}$/.test(tag)) throw new InvalidReferenceError('invalid reference format');
  }
  const parts = rest.split('/');
  let domain = DOMAIN;
  if (parts.length > 1 && (parts[0]!.includes('.') || parts[0]!.includes(':') || parts[0] === 'localhost')) {
    domain = parts.shift()!;
  }
  if (domain === 'index.docker.io') domain = DOMAIN;
  if (domain === DOMAIN && parts.length === 1) parts.unshift('library');
  const path = parts.join('/');
  if (path !== path.toLowerCase()) throw new InvalidReferenceError(`invalid reference format: repository name (${path}) must be lowercase`);
  if (!parts.every((p) => /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/.test(p))) throw new InvalidReferenceError('invalid reference format');
  return { name: `${domain}/${path}`, tag, digest };
}

/** `docker.io/library/app:latest` for `app`; adds `latest` when neither tag nor digest is given. */
export function normalizeTaggedRef(ref: string): string {
  const p = parseRef(ref);
  if (p.digest) return `${p.name}${p.tag ? ':' + p.tag : ''}@${p.digest}`;
  return `${p.name}:${p.tag ?? 'latest'}`;
}

/** The short form docker prints: `docker.io/library/app` → `app`, `docker.io/user/app` → `user/app`. */
export function familiarName(name: string): string {
  if (name.startsWith(`${DOMAIN}/library/`)) return name.slice(`${DOMAIN}/library/`.length);
  if (name.startsWith(`${DOMAIN}/`)) return name.slice(DOMAIN.length + 1);
  return name;
}

/** Splits a normalised `name:tag` into the familiar repository and the tag. */
export function splitTaggedRef(normalized: string): { repository: string; tag: string } {
  const colon = normalized.lastIndexOf(':');
  const slash = normalized.lastIndexOf('/');
  if (colon > slash) return { repository: familiarName(normalized.slice(0, colon)), tag: normalized.slice(colon + 1) };
  return { repository: familiarName(normalized), tag: '<none>' };
}

/** `app:latest` form of a normalised ref. */
export function familiarRef(normalized: string): string {
  const { repository, tag } = splitTaggedRef(normalized);
  return `${repository}:${tag}`;
}
