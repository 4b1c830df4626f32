import type { RunLimits, RunRequest, RunResult } from '../types.ts';
export const DEFAULT_LIMITS: RunLimits = { maxSteps: 100_000, maxOutputBytes: 1_048_576, maxWrittenBytes: 536_870_912 };
export async function runShell(request: RunRequest): Promise<RunResult> {
  void request;
  throw new Error('not implemented yet');
}
