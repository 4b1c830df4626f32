// What the git subcommands share: colours, paths from the shell's folder, short names, dates and
// git's argument parsing (parse-options: bundled short flags, `--name=value`, `-<n>`, `--` then paths).
import { normalizePath } from '../../engine/fs/index.ts';
import { gitQuotePath } from '../../workspace/names.ts';
import { GitError } from '../../workspace/git.ts';

export interface GitIo {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly tty: boolean;
  /** The shell's current folder, absolute within the workspace ('/' is the root). */
  readonly cwd?: string;
}

export function esc(code: string, on: boolean): (s: string) => string {
  return on ? (s) => (s ? `\x1b[${code}m${s}\x1b[m` : s) : (s) => s;
}

/** A path as the user typed it, relative to the workspace root as git names it ('.' for the root). */
export function toRel(cwd: string, spec: string): string {
  return normalizePath(spec, cwd).slice(1) || '.';
}

/** A workspace path as git prints it from `cwd` (relative, with ../ when needed). */
export function fromCwd(cwd: string, path: string): string {
  const c = cwd.split('/').filter(Boolean);
  const p = path.split('/').filter(Boolean);
  let i = 0;
  while (i < c.length && i < p.length - 1 && c[i] === p[i]) i++;
  const up = c.length - i;
  return gitQuotePath([...Array<string>(up).fill('..'), ...p.slice(i)].join('/') + (path.endsWith('/') ? '/' : ''));
}

export function subject(message: string): string {
  return message.split('\n')[0] ?? '';
}

export function short(oid: string): string {
  return oid.slice(0, 7);
}

/** Git's default date format: `Thu Nov 26 20:38:20 2026 +0000`, in the commit's own time zone. */
export function formatGitDate(timestamp: number, timezoneOffset: number): string {
  const d = new Date((timestamp - timezoneOffset * 60) * 1000);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (n: number) => String(n).padStart(2, '0');
  const off = -timezoneOffset;
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  const tz = `${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
  return `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${d.getUTCDate()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${d.getUTCFullYear()} ${tz}`;
}

export interface Parsed {
  flags: Map<string, string | true>;
  positional: string[];
  paths: string[] | null;
}

/** Splits args into flags, positionals and paths after `--`. `withValue` lists flags that take a value. */
export function parseArgs(args: readonly string[], withValue: readonly string[] = []): Parsed {
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  let paths: string[] | null = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (paths) {
      paths.push(a);
    } else if (a === '--') {
      paths = [];
    } else if (a.startsWith('--') && a.includes('=')) {
      flags.set(a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1));
    } else if (a.startsWith('-') && a !== '-' && withValue.includes(a)) {
      const v = args[++i];
      if (v === undefined) throw new GitError(`error: switch \`${a.replace(/^-+/, '')}' requires a value`, 129);
      flags.set(a, v);
    } else if (/^-[A-Za-z]{2,}$/.test(a) && !withValue.includes(a)) {
      for (const ch of a.slice(1)) flags.set(`-${ch}`, true);
    } else if (/^-\d+$/.test(a)) {
      flags.set('-n', a.slice(1));
    } else if (a.startsWith('-') && a !== '-') {
      flags.set(a, true);
    } else {
      positional.push(a);
    }
  }
  return { flags, positional, paths };
}

export function has(p: Parsed, ...names: string[]): boolean {
  return names.some((n) => p.flags.has(n));
}

export function value(p: Parsed, ...names: string[]): string | undefined {
  for (const n of names) {
    const v = p.flags.get(n);
    if (typeof v === 'string') return v;
  }
  return undefined;
}
