// File modes: chmod's mode operands (octal and symbolic) and ls's ten-letter mode column.
//
// Two chmods are followed, because the lab runs both: GNU coreutils (gnulib lib/modechange.c:
// mode_compile, mode_adjust) and busybox (libbb/parse_mode.c: bb_parse_mode). They agree on most
// modes; where they differ this module does what each does:
//  - `o` covers the sticky bit in GNU (`o+t` sets it) but not in busybox;
//  - GNU keeps a directory's set-user-ID and set-group-ID bits unless the mode names them
//    (`chmod 755 dir` on a 2755 dir leaves 2755); busybox sets exactly what the mode says;
//  - GNU refuses empty clauses (`''`, `u+x,`) and accepts an octal number after an operator
//    (`=644`, `+111`); busybox allows empty clauses and refuses operator-octal.
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

/** An octal mode operand: digits 0-7 only, at most 07777; undefined otherwise. */
function octal(s: string): number | undefined {
  if (!/^[0-7]+$/.test(s)) return undefined;
  const n = parseInt(s, 8);
  return n <= ALL ? n : undefined;
}

/**
 * The mode a file with mode `mode` (permission bits; `isDir` for a directory) gets from chmod's
 * MODE operand `spec`, or undefined when `spec` is not a valid mode for that chmod.
 */
export function applyChmod(spec: string, mode: number, isDir: boolean, options: ModeOptions): number | undefined {
  return options.flavor === 'busybox' ? busyboxMode(spec, mode & ALL, isDir, options.umask ?? DEFAULT_UMASK) : gnuMode(spec, mode & ALL, isDir, options.umask ?? DEFAULT_UMASK);
}

function gnuMode(spec: string, mode: number, isDir: boolean, umask: number): number | undefined {
  // A directory keeps its set-ID bits unless the mode mentions them.
  const keepSetId = (mentioned: number): number => (isDir ? (SUID | SGID) & ~mentioned : 0);
  if (/^[0-7]/.test(spec)) {
    const value = octal(spec);
    if (value === undefined) return undefined;
    // Fewer than five digits do not mention a directory's set-ID bits unless they are set.
    const mentioned = spec.length < 5 ? (value & (SUID | SGID)) | SVTX | 0o777 : ALL;
    const kept = keepSetId(mentioned);
    return (mode & kept) | (value & ~kept);
  }
  let out = mode;
  for (const clause of spec.split(',')) {
    const m = /^([ugoa]*)((?:[-+=](?:[0-7]+|[ugo]|[rwxXst]*))+)$/.exec(clause);
    if (!m) return undefined;
    let affected = 0;
    for (const w of m[1]!) affected |= w === 'u' ? SUID | USER : w === 'g' ? SGID | GROUP : w === 'o' ? SVTX | OTHER : ALL;
    const actions = m[2]!.match(/[-+=](?:[0-7]+|[ugo]|[rwxXst]*)/g)!;
    for (const [i, action] of actions.entries()) {
      const op = action[0]!;
      const what = action.slice(1);
      let value = 0;
      let mentioned: number;
      if (/^[0-7]/.test(what)) {
        // `=644` and the like: only without a who letter, and only as a clause's last action.
        const n = octal(what);
        if (n === undefined || m[1] || i !== actions.length - 1) return undefined;
        value = n;
        mentioned = ALL;
        affected = ALL;
      } else if (what === 'u' || what === 'g' || what === 'o') {
        value = copyClass(out, what === 'u' ? USER : what === 'g' ? GROUP : OTHER);
        mentioned = affected ? affected & value : value;
      } else {
        for (const c of what) {
          if (c === 'r') value |= R;
          else if (c === 'w') value |= W;
          else if (c === 'x') value |= X;
          else if (c === 's') value |= SUID | SGID;
          else if (c === 't') value |= SVTX;
        }
        mentioned = affected ? affected & value : value;
        if (what.includes('X') && ((out & X) !== 0 || isDir)) value |= X;
      }
      const kept = keepSetId(mentioned);
      value &= (affected || ~umask) & ~kept;
      if (op === '=') {
        const preserved = (affected ? ~affected : 0) | kept;
        out = (out & preserved) | value;
      } else if (op === '+') out |= value;
      else out &= ~value;
      out &= ALL;
    }
  }
  return out;
}

function busyboxMode(spec: string, mode: number, isDir: boolean, umask: number): number | undefined {
  if (/^[0-7]/.test(spec)) return octal(spec);
  let out = mode;
  for (const clause of spec.split(',')) {
    if (clause === '') continue; // busybox allows empty clauses
    const m = /^([ugoa]*)((?:[-+=](?:[ugo]|[rwxXst]*))+)$/.exec(clause);
    if (!m) return undefined;
    let who = 0;
    for (const w of m[1]!) who |= w === 'u' ? SUID | USER : w === 'g' ? SGID | GROUP : w === 'o' ? OTHER : ALL;
    for (const action of m[2]!.match(/[-+=](?:[ugo]|[rwxXst]*)/g)!) {
      const op = action[0]!;
      const what = action.slice(1);
      // `=` first clears what the clause names (everything, without a who letter).
      if (op === '=') out &= who ? ~who : ~ALL;
      let perms = 0;
      if (what === 'u' || what === 'g' || what === 'o') perms = copyClass(out, what === 'u' ? USER : what === 'g' ? GROUP : OTHER);
      else {
        for (const c of what) {
          if (c === 'r') perms |= R;
          else if (c === 'w') perms |= W;
          else if (c === 'x' || (c === 'X' && (isDir || (out & X) !== 0))) perms |= X;
          else if (c === 's') perms |= SUID | SGID;
          else if (c === 't') perms |= SVTX;
        }
      }
      perms &= who || ~umask;
      if (op === '-') out &= ~perms;
      else out |= perms;
      out &= ALL;
    }
  }
  return out;
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
