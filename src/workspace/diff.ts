// Unified diffs in git's format (`diff --git`, index line, hunks with git's default function-name context).

// Deep imports: the package's index pulls in every differ (words, JSON, CSS…) and declares no sideEffects,
// so the bundler would keep them all; git's diff needs only lines.
import { structuredPatch } from 'diff/lib/patch/create.js';
import { diffLines } from 'diff/lib/diff/line.js';
import { gitQuotePath } from './names.ts';

export interface DiffSide {
  readonly path: string;
  readonly oid: string;
  readonly mode: number;
  readonly data: Uint8Array;
}

const decoder = new TextDecoder();

function isBinary(data: Uint8Array): boolean {
  const n = Math.min(data.byteLength, 8000);
  for (let i = 0; i < n; i++) if (data[i] === 0) return true;
  return false;
}

function modeStr(mode: number): string {
  return mode.toString(8).padStart(6, '0');
}

/** Git's default hunk header context: the nearest earlier line that starts with a letter, `_` or `$`. */
function funcContext(lines: readonly string[], beforeIndex: number): string {
  for (let i = Math.min(beforeIndex, lines.length) - 1; i >= 0; i--) {
    const l = lines[i]!;
    if (/^[A-Za-z_$]/.test(l)) return ' ' + l.replace(/\s+$/, '').slice(0, 80);
  }
  return '';
}

function range(start: number, count: number): string {
  const s = count === 0 ? start - 1 : start;
  return count === 1 ? `${s}` : `${s},${count}`;
}

export interface DiffColors {
  meta: (s: string) => string;
  frag: (s: string) => string;
  old: (s: string) => string;
  new: (s: string) => string;
}

const plain: DiffColors = { meta: (s) => s, frag: (s) => s, old: (s) => s, new: (s) => s };

/** One file's diff; `a` or `b` is null for an added or deleted file. Returns '' when nothing differs. */
export function formatFileDiff(a: DiffSide | null, b: DiffSide | null, colors: DiffColors = plain): string {
  const path = (b ?? a)!.path;
  const aPath = (a ?? b)!.path;
  if (a && b && a.oid === b.oid && a.mode === b.mode) return '';
  const out: string[] = [colors.meta(`diff --git ${gitQuotePath(`a/${aPath}`)} ${gitQuotePath(`b/${path}`)}`)];
  const short = (oid: string) => oid.slice(0, 7);
  const zero = '0000000';
  if (!a) {
    out.push(colors.meta(`new file mode ${modeStr(b!.mode)}`), colors.meta(`index ${zero}..${short(b!.oid)}`));
  } else if (!b) {
    out.push(colors.meta(`deleted file mode ${modeStr(a.mode)}`), colors.meta(`index ${short(a.oid)}..${zero}`));
  } else if (a.mode !== b.mode) {
    out.push(colors.meta(`old mode ${modeStr(a.mode)}`), colors.meta(`new mode ${modeStr(b.mode)}`));
    if (a.oid !== b.oid) out.push(colors.meta(`index ${short(a.oid)}..${short(b.oid)}`));
  } else {
    out.push(colors.meta(`index ${short(a.oid)}..${short(b.oid)} ${modeStr(a.mode)}`));
  }
  if (a && b && a.oid === b.oid) return out.join('\n') + '\n';
  const aData = a?.data ?? new Uint8Array(0);
  const bData = b?.data ?? new Uint8Array(0);
  if (isBinary(aData) || isBinary(bData)) {
    out.push(`Binary files ${a ? gitQuotePath(`a/${aPath}`) : '/dev/null'} and ${b ? gitQuotePath(`b/${path}`) : '/dev/null'} differ`);
    return out.join('\n') + '\n';
  }
  if ((a && aData.byteLength === 0 && !b) || (b && bData.byteLength === 0 && !a)) return out.join('\n') + '\n';
  out.push(colors.meta(a ? `--- ${gitQuotePath(`a/${aPath}`)}` : '--- /dev/null'), colors.meta(b ? `+++ ${gitQuotePath(`b/${path}`)}` : '+++ /dev/null'));
  const aText = decoder.decode(aData);
  const bText = decoder.decode(bData);
  const oldLines = aText.split('\n');
  const patch = structuredPatch(aPath, path, aText, bText, '', '', { context: 3 });
  for (const h of patch.hunks) {
    const ctx = funcContext(oldLines, h.oldStart - 1);
    out.push(colors.frag(`@@ -${range(h.oldStart, h.oldLines)} +${range(h.newStart, h.newLines)} @@`) + ctx);
    for (const l of h.lines) {
      if (l.startsWith('-')) out.push(colors.old(l));
      else if (l.startsWith('+')) out.push(colors.new(l));
      else out.push(l);
    }
  }
  return out.join('\n') + '\n';
}

/** Lines added and removed between two texts (what `git commit` and `--stat` count). */
export function countChanges(a: Uint8Array | null, b: Uint8Array | null): { insertions: number; deletions: number; binary: boolean } {
  const aData = a ?? new Uint8Array(0);
  const bData = b ?? new Uint8Array(0);
  if (isBinary(aData) || isBinary(bData)) return { insertions: 0, deletions: 0, binary: true };
  let insertions = 0;
  let deletions = 0;
  for (const part of diffLines(decoder.decode(aData), decoder.decode(bData))) {
    const n = part.count ?? 0;
    if (part.added) insertions += n;
    else if (part.removed) deletions += n;
  }
  return { insertions, deletions, binary: false };
}
