// File modes and ls -l's columns: chmod's mode operands (octal and symbolic), the ten-letter mode
// column and the time column.
//
// Two chmods are followed, because the lab runs both: GNU coreutils (gnulib lib/modechange.c:
// mode_compile, mode_adjust) and busybox (libbb/parse_mode.c: bb_parse_mode). They agree on most
// modes; where they differ this module does what each does:
//  - `o` covers the sticky bit in GNU (`o+t` sets it) but not in busybox;
//  - GNU keeps a directory's set-user-ID and set-group-ID bits unless the mode names them
//    (`chmod 755 dir` on a 2755 dir leaves 2755); busybox sets exactly what the mode says;
//  - GNU refuses empty clauses (`''`, `u+x,`); busybox allows them. (GNU also reads an octal
//    number after an operator, `=644`; in this lab that clause is invalid, as in busybox.)
// Both apply the umask to clauses with no who letter (`+w` under umask 022 is `u+w`).

export type ModeFlavor = 'gnu' | 'busybox';

/** The umask of a container's processes (Docker's default) and of the lab shell. */
export const DEFAULT_UMASK = 0o022;

const SUID = 0o4000;
const SGID = 0o2000;
const SVTX = 0o1000;
const ALL = 0o7777;
const R = 0o444;
const W = 0o222;
const X = 0o111;
const USER = 0o700;
const GROUP = 0o070;
const OTHER = 0o007;

export interface ModeOptions {
  readonly flavor: ModeFlavor;
  /** Applies to clauses without a who letter; DEFAULT_UMASK unless given. */
  readonly umask?: number;
}

/** The permission bits a `u`, `g` or `o` names, copied to all three classes (`g=u`). */
function copyClass(mode: number, cls: number): number {
  const bits = mode & cls;
  return (bits & R ? R : 0) | (bits & W ? W : 0) | (bits & X ? X : 0);
}

/**
 * The mode a file with mode `mode` (permission bits; `isDir` for a directory) gets from chmod's
 * MODE operand `spec`, or undefined when `spec` is not a valid mode for that chmod.
 */
export function applyChmod(spec: string, mode: number, isDir: boolean, options: ModeOptions): number | undefined {
  const busybox = options.flavor === 'busybox';
  const umask = options.umask ?? DEFAULT_UMASK;
  // GNU: a directory keeps its set-ID bits unless the mode mentions them.
  const keptOf = (mentioned: number): number => (isDir && !busybox ? (SUID | SGID) & ~mentioned : 0);
  let out = mode & ALL;
  if (/^[0-7]/.test(spec)) {
    if (!/^[0-7]+$/.test(spec) || parseInt(spec, 8) > ALL) return undefined;
    const value = parseInt(spec, 8);
    // Fewer than five digits do not mention a directory's set-ID bits unless they set them.
    const kept = keptOf(spec.length < 5 ? (value & (SUID | SGID)) | SVTX | 0o777 : ALL);
    return (out & kept) | (value & ~kept);
  }
  const whoBits = [SUID | USER, SGID | GROUP, (busybox ? 0 : SVTX) | OTHER, ALL];
  const permBits = [R, W, X, SUID | SGID, SVTX];
  for (const clause of spec.split(',')) {
    if (busybox && clause === '') continue;
    // In this lab, GNU's octal after an operator (`=644`) is not read; the clause is invalid.
    const m = /^([ugoa]*)((?:[-+=](?:[ugo]|[rwxXst]*))+)$/.exec(clause);
    if (!m) return undefined;
    let who = 0;
    for (const w of m[1]!) who |= whoBits['ugoa'.indexOf(w)]!;
    for (const [action, op, what] of m[2]!.matchAll(/([-+=])([ugo]|[rwxXst]*)/g)) {
      // busybox clears what `=` names before it reads the mode for X or a class to copy; GNU after.
      if (busybox && op === '=') out &= ~(who || ALL);
      let value = 0;
      const cls = 'ugo'.indexOf(what!);
      if (action.length === 2 && cls >= 0) value = copyClass(out, 0o700 >> (3 * cls));
      else for (const c of what!) value |= permBits['rwxst'.indexOf(c)] ?? 0;
      const kept = keptOf(who ? who & value : value);
      if (what!.includes('X') && (isDir || (out & X) !== 0)) value |= X;
      value &= (who || ~umask) & ~kept;
      if (op === '=') out = (out & ((who ? ~who : 0) | kept)) | value;
      else if (op === '+') out |= value;
      else out &= ~value;
    }
  }
  return out & ALL;
}

/** ls -l's mode column: the type letter, then rwx for user, group and other with s/S and t/T. */
export function modeString(type: 'file' | 'dir' | 'symlink', mode: number): string {
  const bit = (b: number, c: string): string => (mode & b ? c : '-');
  const special = (x: number, set: number, on: string, off: string): string => (mode & set ? (mode & x ? on : off) : bit(x, 'x'));
  return (
    (type === 'dir' ? 'd' : type === 'symlink' ? 'l' : '-') +
    bit(0o400, 'r') + bit(0o200, 'w') + special(0o100, SUID, 's', 'S') +
    bit(0o40, 'r') + bit(0o20, 'w') + special(0o10, SGID, 's', 'S') +
    bit(0o4, 'r') + bit(0o2, 'w') + special(0o1, SVTX, 't', 'T')
  );
}

export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** ls -l's time column for a time in seconds, in UTC: `Dec  7 01:02`. */
export function lsTime(seconds: number): string {
  const d = new Date(seconds * 1000);
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
}

/** One row of `ls -l`, its cells as printed. */
export interface LongRow {
  readonly mode: string;
  readonly links: string;
  readonly owner: string;
  readonly group: string;
  readonly size: string;
  readonly time: string;
  readonly name: string;
}

/** GNU ls -l's rows: links and size right-aligned, owner and group left-aligned, each column as wide as its widest cell (coreutils ls.c). */
export function gnuLongListing(rows: readonly LongRow[]): string {
  const w = (k: 'links' | 'owner' | 'group' | 'size'): number => Math.max(...rows.map((r) => r[k].length));
  const [wl, wo, wg, ws] = [w('links'), w('owner'), w('group'), w('size')];
  return rows.map((r) => `${r.mode} ${r.links.padStart(wl)} ${r.owner.padEnd(wo)} ${r.group.padEnd(wg)} ${r.size.padStart(ws)} ${r.time} ${r.name}\n`).join('');
}
