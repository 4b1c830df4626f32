// What run.ts loads on first need and lazy.ts holds: see lazy.ts.
import { curl, wget } from './net.ts';
import { nginx } from './nginx.ts';
import { grep } from './grep.ts';
import { ls } from './ls.ts';
import { sleep } from './sleep.ts';
import { sed } from './sed.ts';
import { xargs } from './xargs.ts';

export { GNU_OPTIONS, BUSYBOX_OPTIONS } from './option-tables.ts';

export const EXTRA_PROGRAMS = { curl, wget, nginx, grep, ls, sleep, sed, xargs };
export { gnuVersionLine } from './versions.ts';
export { ArithError, evalArith } from './arith.ts';
