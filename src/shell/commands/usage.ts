// docker's command-line usage, shared by the docker command families: flag parsing and the usage
// errors the docker CLI prints for a bad flag or a wrong number of arguments.
import type { CommandContext } from '../types.ts';

export class FlagError extends Error {}

export interface FlagSpec {
  readonly names: readonly string[];
  readonly takesValue: boolean;
  readonly repeatable?: boolean;
}

export interface ParsedFlags {
  values: Map<string, string[]>;
  bools: Set<string>;
  positionals: string[];
}

/** Parses docker-style flags (`-t x`, `--tag=x`, `-q`, `--no-cache`, combined short bools). */
export function parseFlags(args: readonly string[], specs: readonly FlagSpec[]): ParsedFlags {
  const byName = new Map<string, FlagSpec>();
  for (const s of specs) for (const n of s.names) byName.set(n, s);
  const out: ParsedFlags = { values: new Map(), bools: new Set(), positionals: [] };
  const key = (s: FlagSpec): string => s.names[0]!;
  const addValue = (s: FlagSpec, v: string): void => {
    const list = out.values.get(key(s)) ?? [];
    list.push(v);
    out.values.set(key(s), list);
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      out.positionals.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(0, eq) : a;
      const spec = byName.get(name);
      if (!spec) throw new FlagError(`unknown flag: ${name}`);
      if (spec.takesValue) {
        const v = eq >= 0 ? a.slice(eq + 1) : args[++i];
        if (v === undefined) throw new FlagError(`flag needs an argument: ${name}`);
        addValue(spec, v);
      } else {
        const v = eq >= 0 ? a.slice(eq + 1) : 'true';
        if (v === 'false') out.bools.delete(key(spec));
        else out.bools.add(key(spec));
      }
    } else if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const name = '-' + a[j];
        const spec = byName.get(name);
        if (!spec) throw new FlagError(`unknown shorthand flag: '${a[j]}' in ${a}`);
        if (spec.takesValue) {
          const rest = a.slice(j + 1).replace(/^=/, '');
          const v = rest || args[++i];
          if (v === undefined) throw new FlagError(`flag needs an argument: '${a[j]}' in ${name}`);
          addValue(spec, v);
          break;
        }
        out.bools.add(key(spec));
      }
    } else out.positionals.push(a);
  }
  return out;
}

/** docker's answer to a bad flag: the message, a pointer to --help, and status 125. */
export function flagUsageError(ctx: CommandContext, cmd: string, message: string): number {
  ctx.io.stderr(`${message}\nSee 'docker ${cmd} --help'.\n`);
  return 125;
}

/** parseFlags over the command's arguments; a bad flag is reported (flagUsageError) and its status returned. */
export function parseCommandFlags(ctx: CommandContext, cmd: string, specs: readonly FlagSpec[]): ParsedFlags | number {
  try {
    return parseFlags(ctx.args, specs);
  } catch (e) {
    if (e instanceof FlagError) return flagUsageError(ctx, cmd, e.message);
    throw e;
  }
}

/** docker's answer to too few (or, with `exact`, not exactly `n`) arguments; status 1. */
export function requiresArgs(ctx: CommandContext, cmd: string, usage: string, what: string, n = 1, exact = false): number {
  const word = exact ? `exactly ${n} argument${n > 1 ? 's' : ''}` : `at least ${n} argument${n > 1 ? 's' : ''}`;
  ctx.io.stderr(`"docker ${cmd}" requires ${word}.\nSee 'docker ${cmd} --help'.\n\nUsage:  ${usage}\n\n${what}\n`);
  return 1;
}
