// Measures the lab's JavaScript in a built site: every chunk reachable from the lab's entry
// (src/lab/boot.ts → dist/_astro/boot.*.js) through static or dynamic imports, gzipped (zlib's
// default level, as static hosts serve it; KB = 1000 bytes). Run after a build:
//   npx node src/lab/tools/bundle-size.ts [dist]
// It prints the chunks and two totals, and exits 1 when the lab itself is over the budget:
//  - the lab (terminal, editor, git, engine): everything reachable from boot without entering the
//    views panel's lazy entry (src/lab/views.ts → views.*.js), which is what the budget names;
//  - the lab with the views panel (the pictures), which the lab loads lazily beside the terminal.

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

/** The views panel's lazy entry chunk (built from src/lab/views.ts). */
export const VIEWS_ENTRY = /^views[.-][\w-]+\.js$/;

/**
 * The container shell's extras (src/engine/world/shell/extras.ts: curl, wget, nginx, grep, ls,
 * arithmetic, option tables), loaded the first time a RUN needs them; a first build does not.
 */
export const SHELL_EXTRAS_ENTRY = /^extras[.-][\w-]+\.js$/;

/** What the lab's own figure leaves out: the lazily loaded views panel and shell extras. */
const LAB_STOP = new RegExp(`${VIEWS_ENTRY.source}|${SHELL_EXTRAS_ENTRY.source}`);

export interface MeasureOptions {
  /** Chunks (by file name) that are neither counted nor followed, e.g. VIEWS_ENTRY for the lab alone. */
  readonly stopAt?: RegExp;
}

/** Sums the chunks reachable from `entry` through static and dynamic imports with literal specifiers. */
export async function measureFrom(entry: string, options: MeasureOptions = {}): Promise<LabBundleReport> {
  await init;
  const seen = new Set<string>();
  const chunks: ChunkSize[] = [];
  const queue = [resolve(entry)];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (options.stopAt?.test(basename(file))) continue;
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

export interface LabBundleFigures {
  /** Terminal, editor, git and engine: the budget. */
  readonly lab: LabBundleReport;
  /** The lab plus the lazily loaded views panel (its chunks not shared with the lab). */
  readonly withViews: LabBundleReport;
}

export async function measureLab(distDir: string): Promise<LabBundleFigures> {
  const entry = findLabEntry(distDir);
  return { lab: await measureFrom(entry, { stopAt: LAB_STOP }), withViews: await measureFrom(entry) };
}

async function main(): Promise<void> {
  const dist = process.argv[2] ?? 'dist';
  const { lab, withViews } = await measureLab(dist);
  const inLab = new Set(lab.chunks.map((c) => c.file));
  for (const c of withViews.chunks) console.log(`${formatKB(c.gzipBytes).padStart(10)}  ${c.file}${inLab.has(c.file) ? '' : SHELL_EXTRAS_ENTRY.test(c.file) ? '  (shell extras)' : '  (views panel)'}`);
  console.log(`The lab's JavaScript (terminal, editor, git, engine): ${formatKB(lab.totalGzipBytes)} gzipped (${formatKB(lab.totalBytes)} minified) in ${lab.chunks.length} chunks; budget ${formatKB(LAB_JS_BUDGET_BYTES)}.`);
  console.log(`With the views panel and the shell extras: ${formatKB(withViews.totalGzipBytes)} gzipped (${formatKB(withViews.totalBytes)} minified) in ${withViews.chunks.length} chunks.`);
  if (lab.totalGzipBytes > LAB_JS_BUDGET_BYTES) process.exitCode = 1;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
