// Programs other modules add (e.g. the container engine's `nginx` or `node server.js`), kept apart from
// the interpreter so registering one does not load it.
import type { Program } from './program.ts';
import type { RunLimits } from '../types.ts';

export const EXTRA_PROGRAMS: Record<string, Program> = {};

/** Adds or replaces a program the interpreter runs when it is found in the image (e.g. for `docker run`). */
export function registerProgram(name: string, program: Program): void {
  EXTRA_PROGRAMS[name] = program;
}

export const DEFAULT_LIMITS: RunLimits = { maxSteps: 100_000, maxOutputBytes: 1_048_576, maxWrittenBytes: 1_073_741_824 };
