// Reads a challenge's starting state from JSON (the sandbox's picker gets it from the page). Plain
// data only, and no engine code, so the page can read it without loading the lab's core.
import type { StartingState } from './types.ts';

/** The starting state in `json`, or undefined when it is not one (only plain data is kept). */
export function parseStartingState(json: string): StartingState | undefined {
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (!v || typeof v !== 'object') return undefined;
  const { preset, files, images, absentImages } = v as Record<string, unknown>;
  const strings = (x: unknown): x is string[] => Array.isArray(x) && x.every((s) => typeof s === 'string');
  if (typeof preset !== 'string') return undefined;
  if (files !== undefined && (typeof files !== 'object' || files === null || !Object.values(files).every((c) => c === null || typeof c === 'string'))) return undefined;
  if ((images !== undefined && !strings(images)) || (absentImages !== undefined && !strings(absentImages))) return undefined;
  return { preset, files: files as StartingState['files'], images: images as string[] | undefined, absentImages: absentImages as string[] | undefined };
}
