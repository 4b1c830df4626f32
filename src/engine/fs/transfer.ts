// What cp, mv and rm decide before they touch a file, the same in GNU coreutils and busybox (and
// POSIX cp, mv and rm): where each source lands, which operands are refused, and the words for it.
import { normalizePath } from './path.ts';

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

/** strerror's words for the errors the shells' file programs report. */
export const ERRNO_TEXT = {
  ENOENT: 'No such file or directory', EEXIST: 'File exists', ENOTDIR: 'Not a directory', EISDIR: 'Is a directory',
  EACCES: 'Permission denied', ENOTEMPTY: 'Directory not empty', ELOOP: 'Symbolic link loop', EINVAL: 'Invalid argument',
  ENAMETOOLONG: 'File name too long',
} as const;

/** cp's and mv's words for a source that is its own target (GNU copy.c; busybox libbb/copy_file.c). */
export const sameFileMessage = (cmd: string, source: string, shown: string): string => `${cmd}: '${source}' and '${shown}' are the same file\n`;

/** GNU cp's and mv's words for a directory copied or moved into itself (copy.c, mv.c). */
export const intoItselfMessage = (cmd: string, source: string, shown: string): string =>
  cmd === 'mv' ? `mv: cannot move '${source}' to a subdirectory of itself, '${shown}'\n` : `cp: cannot copy a directory, '${source}', into itself, '${shown}'\n`;

/** GNU rm's words for a . or .. operand (remove.c). */
export const dotRefusalMessage = (operand: string): string => `rm: refusing to remove '.' or '..' directory: skipping '${operand}'\n`;
