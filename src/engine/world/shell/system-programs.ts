// Programs that report on the process and the machine, and run others: env, which, uname, date,
// nproc, hostname, basename and dirname.
import { basename, dirname } from '../../fs/index.ts';
import type { Program } from './program.ts';
import { MONTHS } from './proglib.ts';

const env: Program = async (ctx, args) => {
  const e: Record<string, string> = { ...ctx.env };
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-i' || a === '-') {
      for (const k of Object.keys(e)) delete e[k];
      continue;
    }
    if (a === '-u') {
      delete e[args[++i] ?? ''];
      continue;
    }
    const eq = a.indexOf('=');
    if (eq > 0) {
      e[a.slice(0, eq)] = a.slice(eq + 1);
      continue;
    }
    break;
  }
  if (i >= args.length) {
    for (const [k, v] of Object.entries(e)) ctx.out(`${k}=${v}\n`);
    return 0;
  }
  const status = await ctx.sh.runProgram(args.slice(i), e, ctx.io);
  if (status === 127) {
    // runProgram printed the shell's wording; env says it its own way.
  }
  return status;
};

const which: Program = (ctx, args) => {
  let status = 0;
  for (const a of args.filter((x) => !x.startsWith('-'))) {
    const p = ctx.sh.which(a, ctx.env['PATH'] ?? '');
    if (p) ctx.out(`${p}\n`);
    else status = 1;
  }
  return status;
};

const uname: Program = (ctx, args) => {
  const all = { s: 'Linux', n: 'buildkitsandbox', r: '6.10.14-linuxkit', v: '#1 SMP Fri Nov 29 17:22:03 UTC 2024', m: 'x86_64', o: 'GNU/Linux' };
  const flags = args.join('').replace(/-/g, '');
  if (!flags) ctx.out('Linux\n');
  else if (flags.includes('a')) ctx.out(`${all.s} ${all.n} ${all.r} ${all.v} ${all.m} ${ctx.flavor === 'busybox' ? 'Linux' : all.o}\n`);
  else ctx.out([...flags].map((f) => all[f as keyof typeof all] ?? '').filter(Boolean).join(' ') + '\n');
  return 0;
};

const date: Program = (ctx, args) => {
  const d = new Date(ctx.world.mtime * 1000);
  const fmt = args.find((a) => a.startsWith('+'));
  if (fmt) {
    const pad = (n: number): string => String(n).padStart(2, '0');
    ctx.out(fmt.slice(1).replace(/%([YmdHMSsFT%])/g, (_m, c: string) => ({
      Y: String(d.getUTCFullYear()), m: pad(d.getUTCMonth() + 1), d: pad(d.getUTCDate()), H: pad(d.getUTCHours()), M: pad(d.getUTCMinutes()),
      S: pad(d.getUTCSeconds()), s: String(ctx.world.mtime), F: d.toISOString().slice(0, 10), T: d.toISOString().slice(11, 19), '%': '%',
    })[c] ?? '') + '\n');
  } else ctx.out(`${['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${d.toISOString().slice(11, 19)} UTC ${d.getUTCFullYear()}\n`);
  return 0;
};

const basenameP: Program = (ctx, args) => {
  if (!args.length) {
    ctx.err('basename: missing operand\n');
    return 1;
  }
  let b = basename(args[0]!);
  if (args[1] && b.endsWith(args[1]) && b !== args[1]) b = b.slice(0, -args[1].length);
  ctx.out(`${b}\n`);
  return 0;
};

const dirnameP: Program = (ctx, args) => {
  const a = args[0] ?? '.';
  ctx.out(`${a.includes('/') ? dirname(a.startsWith('/') ? a : '/' + a).replace(a.startsWith('/') ? /^$/ : /^\//, '') || (a.startsWith('/') ? '/' : '.') : '.'}\n`);
  return 0;
};

const nproc: Program = (ctx) => {
  ctx.out('4\n');
  return 0;
};

const hostname: Program = (ctx) => {
  ctx.out('buildkitsandbox\n');
  return 0;
};

export const SYSTEM_PROGRAMS: Record<string, Program> = {
  env, which, uname, date, nproc, hostname,
  basename: basenameP,
  dirname: dirnameP,
};
