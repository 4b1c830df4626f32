// POSIX path helpers for the engine's filesystems. Paths inside an image are always absolute.

/** Normalises a path: resolves `.` and `..`, collapses slashes, drops a trailing slash. Relative paths resolve against `cwd`. */
export function normalizePath(path: string, cwd = '/'): string {
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
  return normalizePath(path).split('/').filter(Boolean);
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
