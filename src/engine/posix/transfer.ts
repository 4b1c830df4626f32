// What cp, mv and rm decide before they touch a file, the same in GNU coreutils and busybox (and
// POSIX cp, mv and rm): where each source lands, and which operands are refused.
import { normalizePath } from '../fs/path.ts';

/** An operand's last component, trailing slashes stripped (`a/b/` gives `b`, `/` gives `/`). */
export function lastComponent(operand: string): string {
  const trimmed = operand.replace(/\/+$/, '');
  if (trimmed === '') return operand.startsWith('/') ? '/' : '';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

export interface TransferTarget {
  /** The target's absolute, normalised path. */
  readonly path: string;
  /** The target as cp and mv name it in messages: DEST, or DEST/NAME. */
  readonly shown: string;
}

/**
 * Where `source` lands for `cp`/`mv … DEST`: inside DEST, under the source operand's last component,
 * when DEST is a directory (so `cp -r . dir` copies into `dir/.`, which is `dir`), else DEST itself.
 * `destPath` is DEST resolved; `cwd` resolves relative results.
 */
export function transferTarget(source: string, dest: string, destPath: string, destIsDir: boolean): TransferTarget {
  if (!destIsDir) return { path: destPath, shown: dest };
  const name = lastComponent(source);
  return { path: normalizePath(`${destPath}/${name}`), shown: dest.endsWith('/') ? dest + name : `${dest}/${name}` };
}

/** The target is the source itself, or lies inside the source directory (a copy or move into itself). */
export function overlap(from: string, to: string): 'same' | 'inside' | undefined {
  if (from === to) return 'same';
  if (to.startsWith(from === '/' ? '/' : `${from}/`)) return 'inside';
  return undefined;
}

/** rm refuses an operand whose last component is `.` or `..` (POSIX rm; coreutils remove.c, busybox rm.c). */
export function isDotOrDotDot(operand: string): boolean {
  const last = lastComponent(operand);
  return last === '.' || last === '..';
}
