// Course progress in this browser: which challenges are done, kept in localStorage so it survives
// reloads, and exported or imported as a small JSON file to move to another machine. No dependencies:
// the lesson list reads it on its first load.

export const PROGRESS_KEY = 'layerlab:course:progress';
const FORMAT = 'layerlab-progress';

export interface Progress {
  /** Challenge id → when it was first done (ISO 8601). */
  readonly done: Record<string, string>;
}

const ID = /^[a-z0-9]+(-[a-z0-9]+)*\/[a-z0-9]+(-[a-z0-9]+)*$/;

/** Keeps only well-formed entries: anything else in storage or a file is ignored, never trusted. */
function clean(value: unknown): Progress {
  const done: Record<string, string> = {};
  const v = value as { done?: unknown } | null;
  if (v && typeof v.done === 'object' && v.done !== null) {
    for (const [id, when] of Object.entries(v.done as Record<string, unknown>)) {
      if (ID.test(id) && typeof when === 'string' && !Number.isNaN(Date.parse(when))) done[id] = new Date(Date.parse(when)).toISOString();
    }
  }
  return { done };
}

export function readProgress(storage: Storage | undefined = globalThis.localStorage): Progress {
  try {
    return clean(JSON.parse(storage?.getItem(PROGRESS_KEY) ?? 'null'));
  } catch {
    return { done: {} };
  }
}

export function markDone(id: string, storage: Storage | undefined = globalThis.localStorage): Progress {
  const p = readProgress(storage);
  if (!p.done[id]) p.done[id] = new Date().toISOString();
  try {
    storage?.setItem(PROGRESS_KEY, JSON.stringify(p));
  } catch {
    /* storage full or blocked: progress stays for this page only */
  }
  return p;
}

/** The file a learner downloads. */
export function exportProgress(p: Progress): string {
  return JSON.stringify({ format: FORMAT, version: 1, done: p.done }, null, 2) + '\n';
}

/** Why a file is not a progress file, in words for the learner. */
export class ProgressFileError extends Error {}

/**
 * Merges an exported file into the stored progress (a challenge done on either machine stays done).
 * Throws a ProgressFileError with a plain message when the file is not a progress file.
 */
export function importProgress(text: string, storage: Storage | undefined = globalThis.localStorage): { progress: Progress; added: number } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ProgressFileError('That file is not a Layerlab progress file (it is not JSON).');
  }
  const f = parsed as { format?: unknown; version?: unknown } | null;
  if (!f || f.format !== FORMAT || f.version !== 1) throw new ProgressFileError('That file is not a Layerlab progress file.');
  const incoming = clean(parsed);
  const p = readProgress(storage);
  let added = 0;
  for (const [id, when] of Object.entries(incoming.done)) {
    if (!p.done[id] || p.done[id]! > when) {
      if (!p.done[id]) added++;
      p.done[id] = when;
    }
  }
  try {
    storage?.setItem(PROGRESS_KEY, JSON.stringify(p));
  } catch {
    /* as above */
  }
  return { progress: p, added };
}
