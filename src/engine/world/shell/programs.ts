// Programs found through PATH: a coreutils/busybox subset, one module per family. Messages follow GNU
// coreutils or busybox wording depending on which binary the command resolved to.
import { echoText, evalTest, printfFormat } from './builtins.ts';
import type { Program } from './program.ts';
import { lazyProgram } from './lazy.ts';
import { FILE_PROGRAMS } from './file-programs.ts';
import { ID_PROGRAMS } from './id-programs.ts';
import { FIND_PROGRAMS } from './find.ts';
import { TEXT_PROGRAMS } from './text-programs.ts';
import { SYSTEM_PROGRAMS } from './system-programs.ts';

export const COREUTILS: Record<string, Program> = {
  ...FILE_PROGRAMS,
  ...ID_PROGRAMS,
  ...FIND_PROGRAMS,
  ...TEXT_PROGRAMS,
  ...SYSTEM_PROGRAMS,
  sed: lazyProgram('sed'), xargs: lazyProgram('xargs'),
  ls: lazyProgram('ls'), sleep: lazyProgram('sleep'), grep: lazyProgram('grep'), egrep: lazyProgram('grep'),
  pwd: (ctx) => {
    ctx.out(`${ctx.sh.cwd}\n`);
    return 0;
  },
  echo: (ctx, args) => {
    ctx.out(echoText(args, false, true));
    return 0;
  },
  printf: (ctx, args) => {
    ctx.out(printfFormat(args[0] ?? '', args.slice(1)));
    return 0;
  },
  true: () => 0,
  false: () => 1,
  test: (ctx, args) => evalTest(ctx, args, 'test'),
  '[': (ctx, args) => evalTest(ctx, args, '['),
  yes: (ctx, args) => {
    const line = (args.join(' ') || 'y') + '\n';
    for (;;) {
      ctx.world.step();
      ctx.out(line);
    }
  },
};
