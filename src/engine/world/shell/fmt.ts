// Number formats the package managers print.

/** apt's SizeToStr: three significant digits with k/M/G (1000-based), as in "3366 kB" or "28.6 MB". */
export function aptSize(bytes: number): string {
  const ext = ['', 'k', 'M', 'G', 'T'];
  let size = bytes;
  for (let i = 0; i < ext.length; i++) {
    if (size < 100 && i !== 0) return `${size.toFixed(1)} ${ext[i]}`;
    if (size < 10000) return `${Math.round(size)} ${ext[i]}`;
    size /= 1000;
  }
  return `${Math.round(size)} P`;
}

/** pip's sizes: "102 kB", "16.4 MB" (1000-based). */
export function pipSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  if (bytes < 1_000_000) return `${Math.round(bytes / 1000)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** FNV-1a as 8 hex digits: stable names for cache files (not a real checksum). */
export function fnvHex(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

/** Wraps package names the way apt lists them: two-space indent, lines under 80 columns. */
export function aptWrap(names: string[]): string {
  const lines: string[] = [];
  let cur = ' ';
  for (const n of names) {
    if (cur.length + 1 + n.length > 79 && cur.trim()) {
      lines.push(cur);
      cur = ' ';
    }
    cur += ' ' + n;
  }
  if (cur.trim()) lines.push(cur);
  return lines.join('\n') + '\n';
}
