// The public runShell: loads the interpreter on first use, so importing the world stays cheap.
import type { RunRequest, RunResult } from '../types.ts';

let impl: Promise<typeof import('./run.ts')> | undefined;

export async function runShell(request: RunRequest): Promise<RunResult> {
  impl ??= import('./run.ts');
  return (await impl).runShell(request);
}
