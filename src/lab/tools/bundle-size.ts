// Measures the lab's JavaScript in a built site: every chunk reachable from the lab's entry
// (src/lab/boot.ts → dist/_astro/boot.*.js) through static or dynamic imports, gzipped (zlib's
// default level, as static hosts serve it; KB = 1000 bytes). Run after a build:
//   npx node src/lab/tools/bundle-size.ts [dist]
// It prints the chunks and the total, and exits 1 over the budget.

import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, dirname, resolve, basename } from 'node:path';
import { gzipSync } from 'node:zlib';
import { init, parse } from 'es-module-lexer';

/** The budget for the lab's JavaScript (terminal, editor, git, engine), gzipped. */
export const LAB_JS_BUDGET_BYTES = 400_000;

export interface ChunkSize {
  readonly file: string;
  readonly bytes: number;
  readonly gzipBytes: number;
}

export interface LabBundleReport {
  readonly entry: string;
  readonly chunks: readonly ChunkSize[];
  readonly totalBytes: number;
  readonly totalGzipBytes: number;
}

/** Finds the lab's entry chunk in a dist folder. */
export function findLabEntry(distDir: string): string {
  const assets = join(distDir, '_astro');
  if (!existsSync(assets)) throw new Error(`${assets} does not exist: build the site first (npm run build).`);
  const boot = readdirSync(assets).filter((f) => /^boot\.[\w-]+\.js$/.test(f));
  if (boot.length !== 1) throw new Error(`expected one boot.*.js chunk in ${assets}, found ${boot.length}`);
  return join(assets, boot[0]!);
}

/** Sums the chunks reachable from `entry` through static and dynamic imports with literal specifiers. */
export async function measureFrom(entry: string): Promise<LabBundleReport> {
  await init;
  const seen = new Set<string>();
  const chunks: ChunkSize[] = [];
  const queue = [resolve(entry)];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(file);
    chunks.push({ file: basename(file), bytes: code.byteLength, gzipBytes: gzipSync(code).byteLength });
    const [imports] = parse(code.toString('utf8'));
    for (const imp of imports) {
      const spec = imp.n;
      if (!spec || !(spec.startsWith('./') || spec.startsWith('../'))) continue;
      const target = resolve(dirname(file), spec);
      if (target.endsWith('.js') && existsSync(target)) queue.push(target);
    }
  }
  chunks.sort((a, b) => b.gzipBytes - a.gzipBytes);
  return {
    entry: basename(entry),
    chunks,
    totalBytes: chunks.reduce((s, c) => s + c.bytes, 0),
    totalGzipBytes: chunks.reduce((s, c) => s + c.gzipBytes, 0),
  };
}

export function formatKB(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} KB`;
}

async function main(): Promise<void> {
  const dist = process.argv[2] ?? 'dist';
  const report = await measureFrom(findLabEntry(dist));
  for (const c of report.chunks) console.log(`${formatKB(c.gzipBytes).padStart(10)}  ${c.file}`);
  console.log(`The lab's JavaScript: ${formatKB(report.totalGzipBytes)} gzipped (${formatKB(report.totalBytes)} minified) in ${report.chunks.length} chunks; budget ${formatKB(LAB_JS_BUDGET_BYTES)}.`);
  if (report.totalGzipBytes > LAB_JS_BUDGET_BYTES) process.exitCode = 1;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
