// xargs: builds command lines from its input, as findutils and busybox do: blank-separated words
// with quotes and backslashes, or NUL-separated (-0), or one line each with -I; -n N per run, -r
// not to run on empty input, -t to show each command; status 123 when a run fails, 127 when the
// command is not found (findutils xargs.1, "EXIT STATUS").
import type { Program } from './program.ts';
import { last, parseOpts } from '../../fs/index.ts';
import { usageErr } from './proglib.ts';

function words(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let any = false;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = '';
      else cur += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      any = true;
    } else if (c === '\\' && i + 1 < text.length) {
      cur += text[++i];
      any = true;
    } else if (/\s/.test(c)) {
      if (cur || any) out.push(cur);
      cur = '';
      any = false;
    } else cur += c;
  }
  if (cur || any) out.push(cur);
  return out;
}

export const xargs: Program = async (ctx, args) => {
  const o = parseOpts(args, {
    flags: '0rtx', values: 'nILPsd', stopAtFirst: true,
    long: { null: '0', 'no-run-if-empty': 'r', verbose: 't', 'max-args': 'n=', replace: 'I=', 'max-procs': 'P=', 'max-chars': 's=', delimiter: 'd=', exit: 'x' },
  });
  if (o.bad) return usageErr(ctx, o.bad);
  const input = ctx.io.stdin;
  ctx.io.stdin = '';
  const delim = last(o.values, 'd');
  const items = o.flags.has('0') ? input.split('\0').filter((s, i, a) => s !== '' || i < a.length - 1)
    : delim !== undefined ? input.split(delim.replace(/^\\n$/, '\n')).filter((s, i, a) => s !== '' || i < a.length - 1)
      : o.values.has('I') ? input.split('\n').filter((l) => l.trim() !== '') : words(input);
  const command = o.rest.length ? o.rest : ['echo'];
  const replace = last(o.values, 'I');
  const per = replace !== undefined ? 1 : Number(last(o.values, 'n') ?? Infinity);
  if (!Number.isFinite(per) && per !== Infinity || per < 1) {
    ctx.err(`xargs: invalid number "${last(o.values, 'n')}" for -n option\n`);
    return 1;
  }
  if (!items.length && (o.flags.has('r') || replace !== undefined)) return 0;
  const batches: string[][] = [];
  if (!items.length) batches.push([]);
  for (let i = 0; i < items.length; i += per === Infinity ? items.length : per) batches.push(items.slice(i, per === Infinity ? undefined : i + per));
  let status = 0;
  for (const batch of batches) {
    ctx.world.step();
    const argv = replace !== undefined ? command.map((w) => w.replaceAll(replace, batch[0] ?? '')) : [...command, ...batch];
    if (o.flags.has('t')) ctx.err(`${argv.join(' ')}\n`);
    // xargs runs the program itself (execvp), not through a shell: no builtins or functions.
    if (!ctx.sh.which(argv[0]!, ctx.env['PATH'])) {
      ctx.err(`xargs: ${argv[0]}: No such file or directory\n`);
      return 127;
    }
    const code = await ctx.sh.runProgram(argv, ctx.env, ctx.io);
    if (code === 127 || code === 126) return code;
    if (code === 255) return 124;
    if (code !== 0) status = 123;
  }
  return status;
};
