// Measures the lab's JavaScript in a built site against its two budgets, gzipped (zlib's default
// level, as static hosts serve it; KB = 1000 bytes). Run after a build:
//   npx node src/lab/tools/bundle-size.ts [dist]
// It prints the chunks and the figures, and exits 1 when any is over its budget:
//  - what a first build needs (<= 400 KB): every chunk reachable from the lab's entry (src/app/boot.ts
//    → boot.*.js) except through the lazy chunks a first build never loads: the editor, git, and the
//    picture tabs other than the layer stack and the pull view (see NOT_FOR_FIRST_BUILD);
//  - everything a lab page can load (<= 460 KB), for each kind of page with a lab: a lesson page
//    (the lab, and the challenge panel it loads once the lab is ready), the sandbox (the lab and the
//    challenge picker) and the embed page (the lab, a challenge and the message bridge). Each is every
//    chunk the page's HTML names and every chunk reachable from them and from its inline scripts. The
//    inline scripts themselves (theme, offline notice) are the page's, not the lab's; the first-load
//    check (tests/tools/first-load-js.ts) budgets them, and the figure line prints them apart.
// Chunks are followed through static imports, dynamic imports with literal specifiers, and
// `new URL('…js', import.meta.url)` references, so a Web Worker's chunks count toward both figures.
// The rule of alternatives: the lab's core runs in its Worker or, where a page may not start one (an
// opaque-origin frame), on the page. A visit loads one of the two and never both (the Worker fails
// before it fetches anything), so when the two are built as chunks of their own (CORE_ALTERNATIVES),
// each figure counts the page's chunks plus the larger alternative's, and the report lists both.
// Today the page runs the Worker's own script (src/lab/core/connect.ts), so there is one alternative.
// Not counted: the offline service worker (sw.js), which keeps the finished site for offline use in
// the background and is not code the lab runs.

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

/** The two places the lab's core can run, by their entry chunk: a visit loads one of them, never both. */
export const CORE_ALTERNATIVES = /^(worker|in-page)[.-][\w-]+\.js$/;

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
  /** The `alternatives` chunks reached by a dynamic import and left out (paths). */
  readonly alternatives?: readonly string[];
  /** The page's inline scripts, gzipped one by one: the page's own code, not the lab's. */
  readonly inlineGzipBytes?: number;
  /**
   * The core's alternatives (CORE_ALTERNATIVES) this report met, each with what only it adds; the
   * larger one's chunks are in `chunks` and the totals, the other's are not.
   */
  readonly coreAlternatives?: readonly CoreAlternative[];
}

export interface CoreAlternative {
  /** Its entry chunk. */
  readonly entry: string;
  /** The chunks it adds to what the page loads anyway. */
  readonly chunks: readonly ChunkSize[];
  readonly gzipBytes: number;
  /** True for the one counted in the report's totals. */
  readonly counted: boolean;
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
  /**
   * Code the page's HTML carries (inline scripts): followed for the chunks it imports, but not counted
   * as the lab's (its bytes are in `inlineGzipBytes`).
   */
  readonly inline?: readonly string[];
  /** Where the inline scripts' chunks are (dist/_astro): they import by absolute path. */
  readonly assetsDir?: string;
  /**
   * Chunks of which a page loads only one, by dynamic import (a lesson's challenges): a dynamic
   * import of one is not followed but listed in the report's `alternatives`. Static imports are.
   */
  readonly alternatives?: RegExp;
}

/** `new URL("./x.js", import.meta.url)` (how Vite refers to a Worker's entry chunk; it may write `""+import.meta.url`), with its path. */
const URL_REFERENCE = /new URL\(\s*(["'`])([^"'`]+?\.js)\1\s*,\s*(?:(["'`])\3\s*\+\s*)?import\.meta\.url\s*\)/g;

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
export async function measureFrom(entry: string | readonly string[], options: MeasureOptions = {}): Promise<LabBundleReport> {
  await init;
  const entries = typeof entry === 'string' ? [entry] : entry;
  const seen = new Set<string>();
  const chunks: ChunkSize[] = [];
  const queue = entries.map((e) => resolve(e));
  const alternatives = new Set<string>();
  const follow = (file: string, text: string): void => {
    const [imports] = parse(text);
    const specs = imports.filter((imp) => !!imp.n).map((imp) => ({ spec: imp.n!, dynamic: imp.d >= 0 }));
    for (const m of text.matchAll(URL_REFERENCE)) specs.push({ spec: m[2]!, dynamic: false });
    for (const { spec, dynamic } of specs) {
      const target = resolveChunk(file, spec);
      if (!target) continue;
      if (dynamic && options.alternatives?.test(basename(target))) alternatives.add(target);
      else queue.push(target);
    }
  };
  // Inline scripts import by absolute path (`/_astro/x.js`), resolved in the assets folder.
  const beside = join(options.assetsDir ?? dirname(resolve(entries[0] ?? '.')), 'inline');
  let inlineGzipBytes = 0;
  for (const code of options.inline ?? []) {
    inlineGzipBytes += gzipSync(code).byteLength;
    try {
      follow(beside, code);
    } catch {
      /* a classic script the module lexer cannot read imports nothing */
    }
  }
  const core = new Set<string>();
  /** Walks the queue; `alternative` is the core's entry being walked, or undefined for the page. */
  const walk = (into: ChunkSize[], counted: Set<string>, alternative?: string): void => {
    while (queue.length > 0) {
      const file = queue.shift()!;
      if (counted.has(file)) continue;
      counted.add(file);
      if (options.stopAt?.test(basename(file))) continue;
      if (file !== alternative && CORE_ALTERNATIVES.test(basename(file))) {
        if (alternative) throw new Error(`${basename(alternative)} reaches ${basename(file)}: the rule of alternatives does not cover one core starting the other`);
        core.add(file);
        continue;
      }
      const code = readFileSync(file);
      into.push({ file: basename(file), bytes: code.byteLength, gzipBytes: gzipSync(code).byteLength });
      follow(file, code.toString('utf8'));
    }
  };
  walk(chunks, seen);
  // Each alternative of the core: what it adds beyond the page's own chunks; the larger is counted.
  const choices: CoreAlternative[] = [...core].sort().map((file) => {
    const own: ChunkSize[] = [];
    queue.push(file);
    walk(own, new Set([...seen].filter((f) => f !== file)), file);
    return { entry: basename(file), chunks: own, gzipBytes: own.reduce((n, c) => n + c.gzipBytes, 0), counted: false };
  });
  const largest = choices.reduce<CoreAlternative | undefined>((a, b) => (!a || b.gzipBytes > a.gzipBytes ? b : a), undefined);
  const coreAlternatives = choices.map((o) => ({ ...o, counted: o === largest }));
  if (largest) chunks.push(...largest.chunks);
  chunks.sort((a, b) => b.gzipBytes - a.gzipBytes);
  return {
    alternatives: [...alternatives].filter((a) => !seen.has(a)).sort(),
    inlineGzipBytes,
    ...(coreAlternatives.length > 0 ? { coreAlternatives } : {}),
    entry: entries.map((e) => basename(e)).join(', '),
    chunks,
    totalBytes: chunks.reduce((s, c) => s + c.bytes, 0),
    totalGzipBytes: chunks.reduce((s, c) => s + c.gzipBytes, 0),
  };
}

/** The scripts a page's HTML runs: the chunks it names (script src, modulepreload) and its inline code. */
export function pageScripts(distDir: string, htmlFile: string): { files: string[]; inline: string[] } {
  const html = readFileSync(join(distDir, htmlFile), 'utf8').replace(/<!--[\s\S]*?-->/g, '');
  const files: string[] = [];
  const inline: string[] = [];
  // Every script of the site is built into _astro/, whatever the base path.
  const chunkOf = (url: string): void => {
    const at = url.lastIndexOf('/_astro/');
    if (at >= 0) files.push(join(distDir, '_astro', basename(url.slice(at).split(/[?#]/)[0]!)));
  };
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    const attrs = m[1] ?? '';
    const type = /\stype\s*=\s*["']?([^"'\s>]+)/i.exec(attrs)?.[1]?.toLowerCase() ?? '';
    if (type !== '' && type !== 'module' && type !== 'text/javascript') continue; // JSON, templates: not run
    const src = /\ssrc\s*=\s*["']?([^"'\s>]+)/i.exec(attrs)?.[1];
    if (src !== undefined) chunkOf(src);
    else if ((m[2] ?? '').trim()) inline.push(m[2]!);
  }
  for (const m of html.matchAll(/<link\b[^>]*>/gi)) {
    if (!/\srel\s*=\s*["']?modulepreload/i.test(m[0])) continue;
    const href = /\shref\s*=\s*["']?([^"'\s>]+)/i.exec(m[0])?.[1];
    if (href) chunkOf(href);
  }
  return { files, inline };
}

/** The lessons of a built site: dist/lessons/<slug>/index.html. */
function lessonSlugs(distDir: string): string[] {
  const dir = join(distDir, 'lessons');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'index.html')))
    .map((d) => d.name);
}

/**
 * A lesson's challenges (content/challenges/<slug>.ts) are a chunk of their own, named after the
 * lesson, and src/course/lessons.ts loads one at a time: a lesson page its own lesson's, an embed
 * the one its URL names. So a page counts one of them: its own on a lesson page, else the largest.
 */
export function lessonChallengeChunks(slugs: readonly string[]): RegExp | undefined {
  if (slugs.length === 0) return undefined;
  const names = slugs.map((s) => s.replace(/[^a-z0-9-]/gi, '')).join('|');
  return new RegExp(`^(${names})[.-][\\w-]+\\.js$`);
}

/** Everything one page can load: its scripts and every chunk reachable from them. */
export async function measurePage(distDir: string, htmlFile: string, options: Pick<MeasureOptions, 'stopAt'> = {}): Promise<LabBundleReport> {
  const { files, inline } = pageScripts(distDir, htmlFile);
  const alternatives = lessonChallengeChunks(lessonSlugs(distDir));
  const measure = (extra: string[]) => measureFrom([...files, ...extra], { ...options, inline, alternatives, assetsDir: join(distDir, '_astro') });
  const without = await measure([]);
  const ownLesson = /^lessons\/([^/]+)\/index\.html$/.exec(htmlFile)?.[1];
  const candidates = (without.alternatives ?? []).filter((f) => ownLesson === undefined || /^[.-]/.test(basename(f).slice(ownLesson.length)) && basename(f).startsWith(ownLesson));
  let report = without;
  for (const candidate of candidates) {
    const withOne = await measure([candidate]);
    if (withOne.totalGzipBytes > report.totalGzipBytes) report = withOne;
  }
  return { ...report, entry: htmlFile };
}

export function formatKB(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} KB`;
}

/** The kinds of page that carry a lab, by their HTML file in dist/. Each is measured against the budget. */
export const LAB_PAGE_KINDS: ReadonlyArray<{ readonly kind: string; readonly match: RegExp }> = [
  { kind: 'a lesson page', match: /^lessons\/[^/]+\/index\.html$/ },
  { kind: 'the sandbox', match: /^sandbox\/index\.html$/ },
  { kind: 'the embed page', match: /^embed\/index\.html$/ },
];

/** How a page says it holds a lab: the lab slot (site pages) or the embed's mount. */
const HAS_LAB = /\sdata-(lab-slot|embed-mount)[\s>=]/;

export interface PageFigure {
  readonly kind: string;
  /** How many pages of this kind there are; `report` is the largest of them. */
  readonly pages: number;
  readonly report: LabBundleReport;
}

export interface LabBundleFigures {
  /** What a first build needs: the budget FIRST_BUILD_BUDGET_BYTES. */
  readonly firstBuild: LabBundleReport;
  /** Everything reachable from the lab's entry (boot.*.js) alone, without what the page adds. */
  readonly all: LabBundleReport;
  /** Everything each kind of lab page can load: each against LAB_ALL_BUDGET_BYTES. */
  readonly pages: readonly PageFigure[];
}

function htmlFiles(distDir: string, dir = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(distDir, dir), { withFileTypes: true })) {
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (rel !== '_astro') out.push(...htmlFiles(distDir, rel));
    } else if (entry.name.endsWith('.html')) out.push(rel);
  }
  return out.sort();
}

/** Measures every page with a lab, by kind. Throws when a page has a lab the kinds do not cover. */
export async function measureLabPages(distDir: string): Promise<PageFigure[]> {
  const withLab = htmlFiles(distDir).filter((f) => HAS_LAB.test(readFileSync(join(distDir, f), 'utf8')));
  const unknown = withLab.filter((f) => !LAB_PAGE_KINDS.some((k) => k.match.test(f)));
  if (unknown.length > 0) throw new Error(`${unknown.join(', ')} carry a lab but are no kind of lab page the budget check knows (LAB_PAGE_KINDS)`);
  const figures: PageFigure[] = [];
  for (const { kind, match } of LAB_PAGE_KINDS) {
    const pages = withLab.filter((f) => match.test(f));
    if (pages.length === 0) throw new Error(`no page of the kind "${kind}" with a lab in ${distDir}: was it renamed?`);
    let largest: LabBundleReport | undefined;
    for (const page of pages) {
      const report = await measurePage(distDir, page);
      if (!largest || report.totalGzipBytes > largest.totalGzipBytes) largest = report;
    }
    figures.push({ kind, pages: pages.length, report: largest! });
  }
  return figures;
}

export async function measureLab(distDir: string): Promise<LabBundleFigures> {
  const entry = findLabEntry(distDir);
  return {
    firstBuild: await measureFrom(entry, { stopAt: NOT_FOR_FIRST_BUILD }),
    all: await measureFrom(entry),
    pages: await measureLabPages(distDir),
  };
}

/** The core's alternatives of a figure, each with what it adds, the counted (larger) one marked. */
function coreLine(r: LabBundleReport): string {
  const alts = r.coreAlternatives ?? [];
  // One place only (today the page runs the Worker's own chunks when it cannot start the Worker).
  if (alts.length < 2) return '';
  return `; the core runs in one of: ${alts.map((a) => `${a.entry} +${formatKB(a.gzipBytes)}${a.counted ? ' (counted)' : ''}`).join(' or ')}`;
}

/** One line per figure, with its budget and verdict. */
export function describeLab({ firstBuild, pages }: Pick<LabBundleFigures, 'firstBuild' | 'pages'>): { lines: string[]; over: boolean } {
  const line = (what: string, r: LabBundleReport, budget: number): string =>
    `${what}: ${formatKB(r.totalGzipBytes)} gzipped (${formatKB(r.totalBytes)} minified) in ${r.chunks.length} chunks; budget ${formatKB(budget)}${r.totalGzipBytes > budget ? ' OVER BUDGET' : ''}${coreLine(r)}`;
  const lines = [line('The lab, what a first build needs', firstBuild, FIRST_BUILD_BUDGET_BYTES)];
  for (const { kind, pages: count, report } of pages) {
    const which = count > 1 ? ` (the largest of ${count}: ${report.entry})` : ` (${report.entry})`;
    const inline = report.inlineGzipBytes ? `; the page's own inline scripts add ${formatKB(report.inlineGzipBytes)}, not counted` : '';
    lines.push(line(`Everything the lab on ${kind} can load${which}`, report, LAB_ALL_BUDGET_BYTES) + inline);
  }
  return {
    lines,
    over: firstBuild.totalGzipBytes > FIRST_BUILD_BUDGET_BYTES || pages.some((p) => p.report.totalGzipBytes > LAB_ALL_BUDGET_BYTES),
  };
}

async function main(): Promise<void> {
  const dist = process.argv[2] ?? 'dist';
  const figures = await measureLab(dist);
  const inFirst = new Set(figures.firstBuild.chunks.map((c) => c.file));
  // Every chunk any lab page loads, biggest first, with the kinds of page that load it when not all do.
  const byFile = new Map<string, { chunk: ChunkSize; kinds: string[] }>();
  for (const { kind, report } of figures.pages) {
    for (const chunk of report.chunks) {
      const row = byFile.get(chunk.file) ?? { chunk, kinds: [] };
      row.kinds.push(kind);
      byFile.set(chunk.file, row);
    }
  }
  const rows = [...byFile.values()].sort((a, b) => b.chunk.gzipBytes - a.chunk.gzipBytes);
  for (const { chunk, kinds } of rows) {
    const notes = [inFirst.has(chunk.file) ? '' : 'not needed by a first build', kinds.length === figures.pages.length ? '' : `only on ${kinds.join(', ')}`].filter(Boolean);
    console.log(`${formatKB(chunk.gzipBytes).padStart(10)}  ${chunk.file}${notes.length ? `  (${notes.join('; ')})` : ''}`);
  }
  const { lines, over } = describeLab(figures);
  for (const l of lines) console.log(l);
  if (over) process.exitCode = 1;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
