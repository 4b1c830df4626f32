// The shell's extras: programs and tables a first build does not need (curl, wget, nginx, grep,
// ls, sleep, the real programs' option tables), in a chunk of their own. The interpreter is
// synchronous, so a program that needs them before they are loaded throws NeedExtras; runShell
// then loads the chunk and runs the step again from its start (a run only ever changes its own
// copy of the tree, so the second run is the whole story). This module only holds the loaded
// chunk: run.ts imports it, so nothing the chunk contains imports its way back here in a circle.
import type { Program } from './program.ts';
import type * as OptionTables from './option-tables.ts';
import type * as Arith from './arith.ts';
import type * as Versions from './versions.ts';

export type ExtraProgramName = 'curl' | 'wget' | 'nginx' | 'grep' | 'ls' | 'sleep' | 'sed' | 'xargs';

/** What extras.ts exports (run.ts checks the module against this when it loads it). */
export interface Extras {
  readonly EXTRA_PROGRAMS: Readonly<Record<ExtraProgramName, Program>>;
  readonly GNU_OPTIONS: typeof OptionTables.GNU_OPTIONS;
  readonly BUSYBOX_OPTIONS: typeof OptionTables.BUSYBOX_OPTIONS;
  readonly gnuVersionLine: typeof Versions.gnuVersionLine;
  readonly ArithError: typeof Arith.ArithError;
  readonly evalArith: typeof Arith.evalArith;
}

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

export const extrasLoaded = (): boolean => extras !== undefined;

export function provideExtras(loaded: Extras): void {
  extras = loaded;
}

/** A program that lives in the extras chunk. */
export function lazyProgram(name: ExtraProgramName): Program {
  return (ctx, args) => requireExtras().EXTRA_PROGRAMS[name](ctx, args);
}
