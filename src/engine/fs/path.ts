// POSIX path helpers for the engine's filesystems. Paths inside an image are always absolute.

/** Normalises a path: resolves `.` and `..`, collapses slashes, drops a trailing slash. Relative paths resolve against `cwd`. */
export function normalizePath(path: string, cwd = '/'): string {
  if (isNormal(path)) return path;
  const full = path.startsWith('/') ? path : `${cwd}/${path}`;
  const out: string[] = [];
  for (const part of full.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return '/' + out.join('/');
}

/** Splits a normalised absolute path into its components; `/` gives `[]`. */
export function splitPath(path: string): string[] {
  const normal = normalizePath(path);
  return normal === '/' ? [] : normal.slice(1).split('/');
}

/**
 * True when `path` is already what normalizePath returns: absolute, no empty, `.` or `..` component,
 * no trailing slash. Most paths the engine passes around are, and checking costs no allocation.
 */
function isNormal(path: string): boolean {
  if (path.charCodeAt(0) !== 47) return false;
  if (path.length === 1) return true;
  if (path.charCodeAt(path.length - 1) === 47) return false;
  let start = 1; // start of the current component
  for (let i = 1; i <= path.length; i++) {
    if (i < path.length && path.charCodeAt(i) !== 47) continue;
    const len = i - start;
    if (len === 0) return false;
    if (path.charCodeAt(start) === 46 && (len === 1 || (len === 2 && path.charCodeAt(start + 1) === 46))) return false;
    start = i + 1;
  }
  return true;
}

export function dirname(path: string): string {
  const parts = splitPath(path);
  parts.pop();
  return '/' + parts.join('/');
}

export function basename(path: string): string {
  const parts = splitPath(path);
  return parts[parts.length - 1] ?? '/';
}

export function joinPath(...parts: string[]): string {
  return normalizePath(parts.join('/'));
}

/** Linux's PATH_MAX is 4096 bytes with the terminating NUL; a longer path fails with ENAMETOOLONG. */
export const PATH_MAX_BYTES = 4095;
/** Linux's NAME_MAX: the longest one name (path component) may be. */
export const NAME_MAX_BYTES = 255;

/** UTF-8 size of a string, without encoding it. */
function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // A surrogate pair is 4 bytes: 2 for each half.
    n += c < 0x80 ? 1 : c < 0x800 || (c >= 0xd800 && c < 0xe000) ? 2 : 3;
  }
  return n;
}

/** True when a path (as normalised components) is longer than Linux allows, as a whole or in one name. */
export function pathTooLong(parts: readonly string[]): boolean {
  let total = 0;
  for (const part of parts) {
    const n = utf8Length(part);
    if (n > NAME_MAX_BYTES) return true;
    total += n + 1;
    if (total > PATH_MAX_BYTES) return true;
  }
  return false;
}

export class NameTooLongError extends Error {
  readonly path: string;
  constructor(path: string) {
    super(`${path.length > 80 ? path.slice(0, 77) + '...' : path}: File name too long`);
    this.path = path;
  }
}
