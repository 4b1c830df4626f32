// Tiny option parsing shared by the programs: combined short flags (-rf), short options with values
// (-o file, -ofile), long options (--name, --name=value) and `--`.

export interface ParsedOpts {
  flags: Set<string>;
  values: Map<string, string[]>;
  rest: string[];
  /** First unknown option, if any. */
  bad?: string;
}

export function parseOpts(args: readonly string[], spec: { flags?: string; values?: string; long?: Record<string, string>; stopAtFirst?: boolean }): ParsedOpts {
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
    if (a.startsWith('-') && a.length > 1 && !/^-\d+$/.test(a)) {
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
