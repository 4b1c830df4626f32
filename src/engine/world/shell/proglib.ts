// Helpers the toy programs share: error wording per flavor (busybox or GNU), owner names, mode
// strings, sizes and times as ls prints them.
import { contentSize, normalizePath, type FsNode } from '../../fs/index.ts';
import type { ProgramContext } from './program.ts';
import { FsError, ERRNO_TEXT } from './world.ts';
import { isRealOption, notSimulated } from './flags.ts';
import { lsTime, modeString as posixModeString, MONTHS } from '../../fs/index.ts';

export const q = (s: string): string => `'${s}'`;

/** Error text per flavor: `verbs[0]` is busybox's ("can't open"), `verbs[1]` GNU's ("cannot open"). */
export function fsErr(ctx: ProgramContext, e: unknown, path: string, verbs: [string, string]): number {
  if (!(e instanceof FsError)) throw e;
  const why = ERRNO_TEXT[e.code];
  const verb = ctx.flavor === 'busybox' ? verbs[0] : verbs[1];
  ctx.err(verb ? `${ctx.name}: ${verb} ${q(path)}: ${why}\n` : `${ctx.name}: ${path}: ${why}\n`);
  return 1;
}

export function usageErr(ctx: ProgramContext, bad: string): number {
  if (isRealOption(ctx, bad)) return notSimulated(ctx, bad);
  const long = bad.startsWith('--');
  if (ctx.flavor === 'busybox') ctx.err(`${ctx.name}: unrecognized option: ${bad.replace(/^-+/, '')}\nBusyBox v1.37.0 (2024-12-13 18:16:23 UTC) multi-call binary.\n`);
  // GNU getopt_long: "unrecognized option '--name'" for a long one, "invalid option -- 'x'" for a letter.
  else ctx.err(`${ctx.name}: ${long ? `unrecognized option '${bad}'` : `invalid option -- '${bad.replace(/^-+/, '')}'`}\nTry '${ctx.name} --help' for more information.\n`);
  return ctx.flavor === 'busybox' ? 1 : ctx.name === 'ls' || ctx.name === 'grep' ? 2 : 1;
}

export function nameOf(ctx: ProgramContext, file: string, id: number): string {
  try {
    const line = ctx.world.readText(file).split('\n').find((l) => l.split(':')[2] === String(id));
    return line?.split(':')[0] ?? String(id);
  } catch {
    return String(id);
  }
}

/** ls -l's mode column of a node (src/engine/fs/mode.ts, shared with the lab shell). */
export function modeString(node: FsNode): string {
  return posixModeString(node.type, node.mode);
}

export { MONTHS, lsTime };

export function nodeSize(node: FsNode): number {
  if (node.type === 'file') return contentSize(node.content);
  if (node.type === 'symlink') return node.target.length;
  return 4096;
}

export function human(n: number): string {
  if (n < 1024) return String(n);
  const units = ['K', 'M', 'G', 'T'];
  let v = n;
  let i = -1;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return (v < 10 ? v.toFixed(1) : String(Math.round(v))) + units[i];
}


export function readInputs(ctx: ProgramContext, files: string[], verbs: [string, string] = ["can't open", 'cannot open']): { texts: { name: string; text: string }[]; status: number } {
  const texts: { name: string; text: string }[] = [];
  let status = 0;
  if (!files.length) {
    const text = ctx.io.stdin;
    ctx.io.stdin = '';
    return { texts: [{ name: '-', text }], status };
  }
  for (const f of files) {
    if (f === '-') {
      texts.push({ name: '-', text: ctx.io.stdin });
      ctx.io.stdin = '';
      continue;
    }
    try {
      texts.push({ name: f, text: ctx.world.readText(ctx.abs(f)) });
    } catch (e) {
      if (e instanceof FsError && e.code === 'EISDIR') {
        ctx.err(`${ctx.name}: ${ctx.flavor === 'busybox' ? `read error: Is a directory` : `${f}: Is a directory`}\n`);
        status = 1;
        continue;
      }
      fsErr(ctx, e, f, ctx.flavor === 'busybox' ? verbs : [verbs[0], ctx.name === 'cat' || ctx.name === 'wc' || ctx.name === 'grep' || ctx.name === 'sort' ? '' : `${verbs[1]}`]);
      status = ctx.name === 'grep' ? 2 : 1;
    }
  }
  return { texts, status };
}

export function lines(text: string): string[] {
  const ls = text.split('\n');
  if (ls[ls.length - 1] === '') ls.pop();
  return ls;
}

export function walkPaths(ctx: ProgramContext, path: string): string[] {
  const out = [path];
  const node = ctx.world.lstat(path);
  if (node?.type === 'dir') for (const n of [...node.entries.keys()].sort()) out.push(...walkPaths(ctx, normalizePath(`${path}/${n}`)));
  return out;
}
