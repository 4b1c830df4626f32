// Measures the lab's JavaScript in a built site against its two budgets, gzipped (zlib's default
// level, as static hosts serve it; KB = 1000 bytes). Run after a build:
//   npx node src/lab/tools/bundle-size.ts [dist]
// It prints the chunks and both figures, and exits 1 when either is over its budget:
//  - what a first build needs (<= 400 KB): every chunk reachable from the lab's entry (src/app/boot.ts
//    → boot.*.js) except through the lazy chunks a first build never loads: the editor, git, and the
//    picture tabs other than the layer stack and the pull view (see NOT_FOR_FIRST_BUILD);
//  - everything the lab can load (<= 460 KB): every chunk reachable from the entry.
// Chunks are followed through static imports, dynamic imports with literal specifiers, and
// `new URL('…js', import.meta.url)` references, so a Web Worker's chunks count toward both figures.

import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, dirname, resolve, basename } from 'node:path';
import { gzipSync } from 'node:zlib';
import { init, parse } from 'es-module-lexer';

/** Budget for what a first build needs (terminal, shell, session, engine, the build's pictures), gzipped. */
export const FIRST_BUILD_BUDGET_BYTES = 400_000;
/** Budget for everything the lab can load, gzipped. */
export const LAB_ALL_BUDGET_BYTES = 460_000;
/**
 * Lazy chunks a first build does not load, by the module they are built from: the editor, git, the
 * store, explorer and images tabs, the shell's help and guidance (--help, docker version, a command
 * the lab lacks), and the saved-state schemas (loaded only to restore a lab saved earlier). What only they import is left out of the first-build figure.
 */
export const NOT_FOR_FIRST_BUILD = /^(editor|git-api|git-cli|git-loader|store-view|explorer-view|images-view|shell-help|engine-state)[.-][\w-]+\.js$/;

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

export interface MeasureOptions {
  /** Chunks (by file name) that are neither counted nor followed, e.g. NOT_FOR_FIRST_BUILD. */
  readonly stopAt?: RegExp;
}

/** `new URL("./x.js", import.meta.url)` (how Vite refers to a Worker's entry chunk), with its path. */
const URL_REFERENCE = /new URL\(\s*(["'`])([^"'`]+?\.js)\1\s*,\s*import\.meta\.url\s*\)/g;

/** The chunk a specifier names, if it is one of the site's own files. */
function resolveChunk(file: string, spec: string): string | undefined {
  let target: string;
  if (spec.startsWith('./') || spec.startsWith('../')) target = resolve(dirname(file), spec);
  // Absolute paths (`/_astro/x.js`, or under a base path): the file of that name beside this chunk.
  else if (spec.startsWith('/')) target = join(dirname(file), basename(spec));
  else return undefined;
  return target.endsWith('.js') && existsSync(target) ? target : undefined;
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
    const text = code.toString('utf8');
    const [imports] = parse(text);
    const specs = imports.map((imp) => imp.n).filter((n): n is string => !!n);
    for (const m of text.matchAll(URL_REFERENCE)) specs.push(m[2]!);
    for (const spec of specs) {
      const target = resolveChunk(file, spec);
      if (target) queue.push(target);
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
  /** What a first build needs: the budget FIRST_BUILD_BUDGET_BYTES. */
  readonly firstBuild: LabBundleReport;
  /** Everything the lab can load: the budget LAB_ALL_BUDGET_BYTES. */
  readonly all: LabBundleReport;
}

export async function measureLab(distDir: string): Promise<LabBundleFigures> {
  const entry = findLabEntry(distDir);
  return { firstBuild: await measureFrom(entry, { stopAt: NOT_FOR_FIRST_BUILD }), all: await measureFrom(entry) };
}

/** One line per figure, with its budget and verdict. */
export function describeLab({ firstBuild, all }: LabBundleFigures): { lines: string[]; over: boolean } {
  const line = (what: string, r: LabBundleReport, budget: number): string =>
    `${what}: ${formatKB(r.totalGzipBytes)} gzipped (${formatKB(r.totalBytes)} minified) in ${r.chunks.length} chunks; budget ${formatKB(budget)}${r.totalGzipBytes > budget ? ' OVER BUDGET' : ''}`;
  return {
    lines: [line('The lab, what a first build needs', firstBuild, FIRST_BUILD_BUDGET_BYTES), line('The lab, everything it can load', all, LAB_ALL_BUDGET_BYTES)],
    over: firstBuild.totalGzipBytes > FIRST_BUILD_BUDGET_BYTES || all.totalGzipBytes > LAB_ALL_BUDGET_BYTES,
  };
}

async function main(): Promise<void> {
  const dist = process.argv[2] ?? 'dist';
  const figures = await measureLab(dist);
  const inFirst = new Set(figures.firstBuild.chunks.map((c) => c.file));
  for (const c of figures.all.chunks) console.log(`${formatKB(c.gzipBytes).padStart(10)}  ${c.file}${inFirst.has(c.file) ? '' : '  (not needed by a first build)'}`);
  const { lines, over } = describeLab(figures);
  for (const l of lines) console.log(l);
  if (over) process.exitCode = 1;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
