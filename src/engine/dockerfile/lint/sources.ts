/**
 * What the rules need to know about COPY and ADD sources: Go's path.Clean (for the CopyIgnoredFile
 * message), and whether a source is remote or an archive.
 */

export function cleanPath(p: string): string {
  const abs = p.startsWith('/');
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!abs) out.push('..');
      continue;
    }
    out.push(seg);
  }
  const s = out.join('/');
  return abs ? '/' + s : s === '' ? '.' : s;
}

export function isArchive(p: string): boolean {
  return /\.(?:tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|tzst|gz|bz2|xz)$/i.test(p);
}

export function isRemote(p: string): boolean {
  return /^(?:https?:\/\/|git@|git:\/\/|ssh:\/\/)/i.test(p) || /\.git(?:#.*)?$/.test(p);
}
