// The one option parser of both shells' programs, getopt-style: combined short flags (-rf), short
// options with values (-o file, -ofile), long options (--name, --name=value) and `--`.
// Not for git (parse-options keeps long names and `-<n>`: src/shell/commands/git-args.ts) nor for
// docker (pflag's `--flag=false` and its own errors: src/shell/commands/usage.ts), whose command
// lines follow other rules.

export interface ParsedOpts {
  flags: Set<string>;
  values: Map<string, string[]>;
  rest: string[];
  /** First unknown option, if any. */
  bad?: string;
}

export interface OptSpec {
  /** Letters of the flags without a value. */
  flags?: string;
  /** Letters of the options that take a value. */
  values?: string;
  /** Long names: to a flag letter, or to `key=` for an option with a value. */
  long?: Record<string, string>;
  /** Everything from the first operand on is operands (POSIXLY_CORRECT, and `env`/`xargs`). */
  stopAtFirst?: boolean;
  /**
   * `-5` and the like are operands (true unless given): head/tail/seq take numbers. GNU getopt
   * itself calls `-5` an invalid option, which is what the lab shell's file commands say.
   */
  numbersAreOperands?: boolean;
}

export function parseOpts(args: readonly string[], spec: OptSpec): ParsedOpts {
  const flags = new Set<string>();
  const values = new Map<string, string[]>();
  const rest: string[] = [];
  const known = new Set((spec.flags ?? '').split(''));
  const withValue = new Set((spec.values ?? '').split(''));
  const add = (k: string, v: string): void => {
    if (!values.has(k)) values.set(k, []);
    values.get(k)!.push(v);
  };
  const out: ParsedOpts = { flags, values, rest };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      rest.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const mapped = spec.long?.[name];
      if (mapped === undefined) {
        out.bad ??= a;
        continue;
      }
      if (mapped.endsWith('=')) {
        const key = mapped.slice(0, -1);
        add(key, eq >= 0 ? a.slice(eq + 1) : (args[++i] ?? ''));
      } else flags.add(mapped);
      continue;
    }
    if (a.startsWith('-') && a.length > 1 && (spec.numbersAreOperands === false || !/^-\d+$/.test(a))) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        if (withValue.has(c)) {
          const v = j + 1 < a.length ? a.slice(j + 1) : args[++i];
          add(c, v ?? '');
          break;
        }
        if (known.has(c)) flags.add(c);
        else out.bad ??= `-${c}`;
      }
      continue;
    }
    if (spec.stopAtFirst) {
      rest.push(...args.slice(i));
      break;
    }
    rest.push(a);
  }
  return out;
}

export function last(values: Map<string, string[]>, key: string): string | undefined {
  const v = values.get(key);
  return v?.[v.length - 1];
}

/**
 * The arguments of a command whose first operand is a spec: `chmod MODE FILE…`, `chown OWNER FILE…`.
 * A mode may start with `-` (`chmod -x f`), so only an argument made of option letters (`-R`,
 * `-Rv`) is an option, wherever it stands before `--` (GNU getopt permutes; busybox chmod.c skips
 * such words); the first other argument is the spec. In this lab, long options are not read here.
 */
export function splitSpecArgs(args: readonly string[], letters: string): { flags: Set<string>; spec: string | undefined; files: string[] } {
  const flags = new Set<string>();
  const operands: string[] = [];
  let done = false;
  for (const a of args) {
    if (done) operands.push(a);
    else if (a === '--') done = true;
    else if (a.length > 1 && a[0] === '-' && [...a.slice(1)].every((c) => letters.includes(c))) for (const c of a.slice(1)) flags.add(c);
    else operands.push(a);
  }
  return { flags, spec: operands[0], files: operands.slice(1) };
}
