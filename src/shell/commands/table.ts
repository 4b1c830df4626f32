// Column layout shared by the docker listing commands (images, ps, history, search, system df), and
// the STATUS words of `docker ps` and `docker system df -v`.
import type { Container } from '../../engine/container/index.ts';
import { humanDuration } from '../units.ts';

/**
 * Pads columns the way Go's tabwriter does in the docker CLI: `tabwriter.NewWriter(out, 10, 1, 3, ' ', 0)`
 * (docker/cli cli/command/formatter/formatter.go), so a cell is its widest text plus 3 spaces, and at least
 * 10 wide including them.
 */
export function table(rows: string[][]): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, [...c].length + 3, 10)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat(widths[i]! - [...c].length))).join('').trimEnd()).join('\n') + '\n';
}

/** Cuts `s` to `max` characters, the last one `…`, as docker truncates a column without --no-trunc. */
export function ellipsis(s: string, max: number): string {
  const chars = [...s];
  return chars.length <= max ? s : chars.slice(0, max - 1).join('') + '…';
}

/** A container's STATUS column: `Created`, `Up 5 seconds`, `Exited (0) 2 minutes ago`. */
export function statusColumn(c: Container, now: number): string {
  if (c.state === 'created') return 'Created';
  if (c.state === 'running') return `Up ${humanDuration(now - (c.startedAt ?? now))}`;
  return `Exited (${c.exitCode ?? 0}) ${humanDuration(now - (c.finishedAt ?? now))} ago`;
}
