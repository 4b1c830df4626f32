// sleep: adds simulated time. GNU and busybox read each operand with strtod, so "1.5", "2m" and
// "infinity" are all valid and the operands add up (coreutils src/sleep.c; busybox coreutils/sleep.c
// with FEATURE_FLOAT_SLEEP).
import type { Program } from './program.ts';
import { LimitError } from './world.ts';

/** The longest one sleep may last in this lab, in simulated seconds. */
export const MAX_SLEEP_SECONDS = 600;

const UNIT: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 };

function seconds(arg: string): number | undefined {
  const m = /^\+?((?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|inf|infinity)([smhd]?)$/i.exec(arg);
  if (!m) return undefined;
  const n = /^inf/i.test(m[1]!) ? Infinity : Number(m[1]);
  return n * UNIT[m[2]!.toLowerCase()]!;
}

export const sleep: Program = (ctx, args) => {
  const operands = args[0] === '--' ? args.slice(1) : args;
  if (!operands.length) {
    ctx.err(ctx.flavor === 'busybox' ? 'BusyBox v1.37.0 (2024-12-13 18:16:23 UTC) multi-call binary.\n\nUsage: sleep [N]...\n' : "sleep: missing operand\nTry 'sleep --help' for more information.\n");
    return 1;
  }
  let total = 0;
  for (const a of operands) {
    const s = seconds(a);
    if (s === undefined) {
      ctx.err(ctx.flavor === 'busybox' ? `sleep: invalid number '${a}'\n` : `sleep: invalid time interval '${a}'\nTry 'sleep --help' for more information.\n`);
      return 1;
    }
    total += s;
  }
  // A real `sleep infinity` (or a very long sleep) blocks until the build is cancelled. The lab's
  // interpreter runs a step to its end at once, so it stops the step with a limit instead.
  if (total === Infinity) {
    throw new LimitError('time', 'In this lab, `sleep infinity` would never end, so the step was stopped here. A real build would wait at this point until you cancel it (Ctrl-C).');
  }
  if (total > MAX_SLEEP_SECONDS) {
    throw new LimitError('time', `In this lab, one sleep may last at most ${MAX_SLEEP_SECONDS} seconds; this one asked for ${total}, so the step was stopped here.`);
  }
  ctx.world.durationMs += total * 1000;
  return 0;
};
