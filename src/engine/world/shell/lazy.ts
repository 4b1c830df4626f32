// The shell's extras: programs and tables a first build does not need (curl, wget, nginx, grep,
// ls, sleep, the real programs' option tables), in a chunk of their own. The interpreter is
// synchronous, so a program that needs them before they are loaded throws NeedExtras; runShell
// then loads the chunk and runs the step again from its start (a run only ever changes its own
// copy of the tree, so the second run is the whole story).
import type { Program } from './interp.ts';

type Extras = typeof import('./extras.ts');

let extras: Extras | undefined;

export class NeedExtras extends Error {
  constructor() {
    super('the shell extras are not loaded yet');
  }
}

export function requireExtras(): Extras {
  if (!extras) throw new NeedExtras();
  return extras;
}

export async function loadExtras(): Promise<void> {
  extras ??= await import('./extras.ts');
}

/** A program that lives in the extras chunk. */
export function lazyProgram(name: keyof Extras['EXTRA_PROGRAMS']): Program {
  return (ctx, args) => requireExtras().EXTRA_PROGRAMS[name](ctx, args);
}
