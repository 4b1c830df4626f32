import type { ParseResult } from './types.ts';

/** Inputs larger than this are refused before parsing. */
export const MAX_DOCKERFILE_BYTES = 1024 * 1024;

export function parseDockerfile(_text: string): ParseResult {
  return { ok: false, error: { message: 'not implemented yet' }, warnings: [] };
}
