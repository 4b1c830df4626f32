// Hand-written checks for saved state. A saved lab comes from IndexedDB, which another version of the
// lab (or a broken write) may have filled, so every part reads its state through these before using
// it. A failure names the field, in words for the learner, and nothing of the state is applied.

/** Saved state that this version cannot read. The message is for the learner (no JavaScript error text). */
export class SavedStateError extends Error {
  override readonly name = 'SavedStateError';
}

export type Path = string;

function fail(path: Path, what: string): never {
  throw new SavedStateError(`${path} ${what}`);
}

export function record(v: unknown, path: Path): Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v) || v instanceof Map) fail(path, 'is not a record');
  return v as Record<string, unknown>;
}

export function array(v: unknown, path: Path): unknown[] {
  if (!Array.isArray(v)) fail(path, 'is not a list');
  return v;
}

export function string(v: unknown, path: Path): string {
  if (typeof v !== 'string') fail(path, 'is not text');
  return v;
}

export function number(v: unknown, path: Path): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(path, 'is not a number');
  return v;
}

export function integer(v: unknown, path: Path): number {
  if (!Number.isSafeInteger(v) || (v as number) < 0) fail(path, 'is not a whole number');
  return v as number;
}

export function boolean(v: unknown, path: Path): boolean {
  if (typeof v !== 'boolean') fail(path, 'is not true or false');
  return v;
}

export function oneOf<T extends string>(v: unknown, allowed: readonly T[], path: Path): T {
  if (!allowed.includes(v as T)) fail(path, `is not one of ${allowed.join(', ')}`);
  return v as T;
}

export function digest(v: unknown, path: Path): string {
  if (typeof v !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(v)) fail(path, 'is not a sha256 digest');
  return v;
}

export function optional<T>(v: unknown, path: Path, check: (v: unknown, path: Path) => T): T | undefined {
  return v === undefined ? undefined : check(v, path);
}

export function strings(v: unknown, path: Path): string[] {
  return array(v, path).map((s, i) => string(s, `${path}[${i}]`));
}

export function stringRecord(v: unknown, path: Path): Record<string, string> {
  const r = record(v, path);
  for (const [k, x] of Object.entries(r)) string(x, `${path}.${k}`);
  return r as Record<string, string>;
}

/** A list of [key, value] pairs (how Maps are saved). */
export function pairs<V>(v: unknown, path: Path, value: (v: unknown, path: Path) => V): [string, V][] {
  return array(v, path).map((p, i) => {
    const pair = array(p, `${path}[${i}]`);
    if (pair.length !== 2) fail(`${path}[${i}]`, 'is not a pair');
    return [string(pair[0], `${path}[${i}][0]`), value(pair[1], `${path}[${i}][1]`)];
  });
}

/**
 * A part's version: this version reads `known` (and migrates older ones itself); a newer one means the
 * state was saved by a newer lab.
 */
export function version(v: unknown, known: number, path: Path): number {
  const n = integer(v, `${path}.version`);
  if (n > known) throw new SavedStateError(`${path} was saved by a newer version of the lab (format ${n}; this one reads up to ${known})`);
  if (n < 1) fail(`${path}.version`, 'is not a known format');
  return n;
}
