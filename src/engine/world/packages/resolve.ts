// Dependency resolution over the toy index: dependencies first, each package once, skipping
// what is already installed.
import type { PackageInfo } from '../types.ts';

export interface Resolution<T extends PackageInfo> {
  /** Install order: every package after its dependencies. */
  order: T[];
  /** Requested names that the index does not know. */
  missing: string[];
}

export function resolveDeps<T extends PackageInfo & { recommends?: string[] }>(
  index: ReadonlyMap<string, T>, names: readonly string[], installed: ReadonlySet<string> = new Set(), withRecommends = false,
): Resolution<T> {
  const order: T[] = [];
  const seen = new Set<string>();
  const missing: string[] = [];
  const visit = (name: string, top: boolean): void => {
    if (seen.has(name) || installed.has(name)) return;
    seen.add(name);
    const pkg = index.get(name);
    if (!pkg) {
      if (top) missing.push(name);
      return;
    }
    for (const d of pkg.depends) visit(d, false);
    if (withRecommends) for (const r of pkg.recommends ?? []) visit(r, false);
    order.push(pkg);
  };
  for (const n of names) visit(n, true);
  return { order, missing };
}
