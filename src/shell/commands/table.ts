// Column layout shared by the docker listing commands (images, ps, history, search, system df). The
// STATUS words of `docker ps` are the daemon's (engine/container/status.ts).

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
