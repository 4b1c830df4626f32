// Helpers to declare toy packages compactly. A file spec is one string per entry:
//   'usr/bin/curl 254312'          a regular file of that many bytes (mode 0755 under */bin/ or */sbin/, else 0644)
//   'usr/bin/curl 254312 4755'     ... with an explicit octal mode
//   'lib/libz.so.1 -> libz.so.1.3.1'  a symlink
// Paths are absolute for apk/apt (leading slash optional) and relative to the package directory for npm/pip.
import type { PackageFile, PackageInfo, PackageManager } from '../types.ts';

export interface PackageDef {
  name: string;
  version: string;
  description: string;
  depends?: string[];
  /** apt Recommends: installed unless --no-install-recommends. */
  recommends?: string[];
  files: string[];
  /** Extra bulk: [directory, file count, total bytes, extension]; names are derived from `names`. */
  spread?: [string, number, number, string][];
  license?: string;
  homepage?: string;
  /** Download size override; default is the gzip-ish size estimate below. */
  download?: number;
  /** Debian section (apt only). */
  section?: string;
}

export interface ToyPackage extends PackageInfo {
  recommends: string[];
  section?: string;
}

const SPREAD_NAMES = [
  'core', 'util', 'common', 'config', 'parser', 'types', 'index', 'main', 'base', 'data', 'codec', 'stream',
  'buffer', 'format', 'shared', 'runtime', 'events', 'errors', 'helpers', 'compat', 'io', 'net', 'text', 'locale',
];

function isExec(path: string): boolean {
  return /(^|\/)s?bin\//.test(path) || /\.so(\.|$)/.test(path);
}

export function parseFiles(specs: readonly string[], absolute: boolean): PackageFile[] {
  const out: PackageFile[] = [];
  for (const spec of specs) {
    const link = spec.split(' -> ');
    const fix = (p: string): string => (absolute ? (p.startsWith('/') ? p : '/' + p) : p.replace(/^\//, ''));
    if (link.length === 2) {
      out.push({ path: fix(link[0]!.trim()), size: 0, link: link[1]!.trim() });
      continue;
    }
    const [path, size, mode] = spec.trim().split(/\s+/);
    const p = fix(path!);
    out.push({ path: p, size: Number(size ?? 0), mode: mode ? parseInt(mode, 8) : isExec(p) ? 0o755 : 0o644 });
  }
  return out;
}

/** Splits `total` bytes over `count` files with deterministic, uneven sizes. */
export function spreadFiles(dir: string, count: number, total: number, ext: string, salt: string): PackageFile[] {
  const weights: number[] = [];
  let h = 2166136261;
  for (const c of salt + dir) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  for (let i = 0; i < count; i++) {
    h = Math.imul(h ^ (i + 1), 16777619) >>> 0;
    weights.push(1 + (h % 997) / 100);
  }
  const sum = weights.reduce((a, b) => a + b, 0);
  const files: PackageFile[] = [];
  let used = 0;
  for (let i = 0; i < count; i++) {
    const size = i === count - 1 ? total - used : Math.floor((total * weights[i]!) / sum);
    used += size;
    const name = `${SPREAD_NAMES[i % SPREAD_NAMES.length]}${i >= SPREAD_NAMES.length ? '_' + Math.floor(i / SPREAD_NAMES.length) : ''}${ext}`;
    files.push({ path: `${dir}/${name}`, size, mode: ext === '' || ext.startsWith('.so') ? 0o755 : 0o644 });
  }
  return files;
}

/** Download size estimate: compressed archives of binaries are about 40% of the installed size. */
function estimateDownload(installed: number): number {
  return Math.max(1024, Math.round(installed * 0.4));
}

export function definePackages(manager: PackageManager, defs: readonly PackageDef[]): ToyPackage[] {
  const absolute = manager === 'apk' || manager === 'apt';
  return defs.map((d) => {
    const files = parseFiles(d.files, absolute);
    for (const [dir, count, total, ext] of d.spread ?? []) files.push(...spreadFiles(dir, count, total, ext, d.name));
    const installedSize = files.reduce((a, f) => a + f.size, 0);
    const pkg: ToyPackage = {
      manager,
      name: d.name,
      version: d.version,
      description: d.description,
      depends: d.depends ?? [],
      recommends: d.recommends ?? [],
      installedSize,
      downloadSize: d.download ?? estimateDownload(installedSize),
      files,
    };
    if (d.license) pkg.license = d.license;
    if (d.homepage) pkg.homepage = d.homepage;
    if (d.section) pkg.section = d.section;
    return pkg;
  });
}

export function indexByName<T extends { name: string }>(list: readonly T[]): Map<string, T> {
  return new Map(list.map((p) => [p.name, p]));
}
