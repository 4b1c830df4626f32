// `--help` and `--version` for the standard programs, and the words for an option the real program
// has but the lab's lacks. The option tables (option-tables.ts) and the version lookup (versions.ts)
// are in the shell's extras chunk (lazy.ts).
import type { Program, ProgramContext } from './program.ts';
import { requireExtras } from './lazy.ts';

/** The option as the user wrote it (`-A`, `--after-context`, `--after-context=2`) is a real one. */
export function isRealOption(ctx: ProgramContext, option: string): boolean {
  const { GNU_OPTIONS, BUSYBOX_OPTIONS } = requireExtras();
  const table = ctx.flavor === 'busybox' ? BUSYBOX_OPTIONS : GNU_OPTIONS;
  const set = Object.hasOwn(table, ctx.name) ? table[ctx.name] : undefined;
  if (!set) return false;
  if (option.startsWith('--')) {
    const name = option.slice(2).split('=')[0]!;
    return (set.long ?? '').split(' ').includes(name);
  }
  return option.length === 2 && set.short.includes(option[1]!);
}

/** For an option the real program has but the lab's does not: say so, instead of calling it unknown. */
export function notSimulated(ctx: ProgramContext, option: string): number {
  ctx.err(`In this lab, ${ctx.name}'s ${option.split('=')[0]} option is not simulated.\n`);
  return 2;
}

const BUSYBOX_BANNER = 'BusyBox v1.37.0 (2024-12-13 18:16:23 UTC) multi-call binary.\n';

/**
 * `--help` and `--version` for a GNU program or a busybox applet, around the lab's implementation.
 * GNU getopt_long takes either anywhere before `--`; busybox answers `applet --help` (first
 * argument only) with its usage on stderr and status 0 (libbb/appletlib.c), and has no --version.
 */
export function withHelpAndVersion(program: Program): Program {
  return (ctx, args) => {
    if (ctx.flavor === 'busybox') {
      if (args[0] === '--help' && ctx.name !== 'test' && ctx.name !== '[') {
        ctx.err(`${BUSYBOX_BANNER}\nIn this lab, the usage text of ${ctx.name} is not reproduced.\n`);
        return 0;
      }
      return program(ctx, args);
    }
    const end = args.indexOf('--');
    const opts = end < 0 ? args : args.slice(0, end);
    const first = opts.find((a) => a === '--help' || a === '--version');
    if (first === '--version') {
      const line = requireExtras().gnuVersionLine(ctx);
      ctx.out(line ? `${line}\n` : `In this lab, the version of ${ctx.name} is not recorded in this image.\n`);
      return 0;
    }
    if (first === '--help') {
      ctx.out(`In this lab, the help text of ${ctx.name} is not reproduced; \`man ${ctx.name}\` on a real system has it.\n`);
      return 0;
    }
    return program(ctx, args);
  };
}
