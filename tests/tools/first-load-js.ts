// Measures the JavaScript a page of the built site loads before the lab is activated, from dist/.
//
// "First load" is every script the browser fetches or runs while loading the HTML: <script> elements
// (external and inline, module and classic), <link rel="modulepreload"> hints, and, transitively, the
// static imports of every module among them. Dynamic import() targets are not followed: that is how
// the lab's code (src/app/boot.ts and everything behind it) stays out of the first load.
//
// Usage: npx node tests/tools/first-load-js.ts [distDir] [--base /layerlab/]
// Prints a table per page and exits non-zero if a lesson page is over the budget.

import { readFile, readdir } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { init, parse } from 'es-module-lexer';
import { normaliseBase } from '../../src/components/site/paths.ts';

/** The issue's budget for a lesson page's first-load JavaScript: 60 KB gzipped (KB = 1000 bytes). */
export const FIRST_LOAD_BUDGET_BYTES = 60_000;

export interface ScriptCost {
  /** Path relative to dist/ for files, or "inline #n" for inline scripts. */
  readonly name: string;
  /** How the page reaches it. */
  readonly via: 'script' | 'inline' | 'modulepreload' | 'import';
  readonly bytes: number;
  readonly gzipBytes: number;
}

export interface FirstLoadReport {
  /** The HTML file, relative to dist/. */
  readonly page: string;
  readonly scripts: readonly ScriptCost[];
  readonly totalBytes: number;
  readonly totalGzipBytes: number;
}

const ORIGIN = 'http://layerlab.invalid';

export function gzipSize(data: Uint8Array | string): number {
  return gzipSync(typeof data === 'string' ? Buffer.from(data) : data).length;
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  if (match) return match[1] ?? match[2] ?? match[3] ?? '';
  return new RegExp(`\\s${name}(?=[\\s>/])`, 'i').test(tag) ? '' : undefined;
}

/** The URL path at which `htmlFile` (relative to dist/) is served under `base`. */
export function pageUrlPath(htmlFile: string, base: string): string {
  const rel = htmlFile.split(path.sep).join('/');
  const dir = rel.endsWith('index.html') ? rel.slice(0, -'index.html'.length) : rel;
  const prefix = base.endsWith('/') ? base : `${base}/`;
  return `${prefix}${dir}`;
}

/** Maps a same-site URL to the file in dist/ that serves it. */
function fileForUrl(url: URL, distDir: string, base: string): string {
  if (url.origin !== ORIGIN) {
    throw new Error(`script from another host: ${url.href} (the site must load nothing from other hosts)`);
  }
  const prefix = base.endsWith('/') ? base : `${base}/`;
  if (!url.pathname.startsWith(prefix)) {
    throw new Error(`script ${url.pathname} is outside the base path ${prefix}`);
  }
  return path.join(distDir, decodeURIComponent(url.pathname.slice(prefix.length)));
}

/** Static import and export-from specifiers of a module (dynamic imports excluded). */
async function staticImports(code: string, where: string): Promise<string[]> {
  await init;
  let imports;
  try {
    [imports] = parse(code, where);
  } catch (error) {
    throw new Error(`cannot parse ${where} as a module: ${String(error)}`);
  }
  // d === -1: static import/export-from; d === -2: import.meta; d >= 0: dynamic import().
  return imports.filter((entry) => entry.d === -1 && entry.n !== undefined).map((entry) => entry.n as string);
}

/**
 * Measures the first-load JavaScript of one page. `htmlFile` is relative to `distDir`; `base` is the
 * base path the build was made for ("/" or e.g. "/layerlab/").
 */
export async function measurePage(distDir: string, htmlFile: string, base = '/'): Promise<FirstLoadReport> {
  const html = await readFile(path.join(distDir, htmlFile), 'utf8');
  const pageUrl = new URL(pageUrlPath(htmlFile, base), ORIGIN);
  const scripts: ScriptCost[] = [];
  const seen = new Set<string>();
  const queue: Array<{ url: URL; via: ScriptCost['via'] }> = [];

  const enqueueImports = async (code: string, from: URL, where: string): Promise<void> => {
    for (const specifier of await staticImports(code, where)) {
      if (!/^(\.{0,2}\/|[a-z][a-z0-9+.-]*:)/i.test(specifier)) {
        throw new Error(`bare import "${specifier}" in ${where}: the build should have resolved it`);
      }
      queue.push({ url: new URL(specifier, from), via: 'import' });
    }
  };

  let inlineCount = 0;
  const withoutComments = html.replace(/<!--[\s\S]*?-->/g, '');
  for (const match of withoutComments.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    const tag = `<script${match[1] ?? ''}>`;
    const body = match[2] ?? '';
    const type = (attribute(tag, 'type') ?? '').toLowerCase();
    const isModule = type === 'module';
    if (type !== '' && type !== 'module' && type !== 'text/javascript') continue; // JSON, templates: not run
    const src = attribute(tag, 'src');
    if (src !== undefined) {
      queue.push({ url: new URL(src, pageUrl), via: 'script' });
      continue;
    }
    inlineCount += 1;
    const name = `inline #${inlineCount}`;
    scripts.push({ name, via: 'inline', bytes: Buffer.byteLength(body), gzipBytes: gzipSize(body) });
    if (isModule) await enqueueImports(body, pageUrl, `${htmlFile} (${name})`);
  }
  for (const match of withoutComments.matchAll(/<link\b[^>]*>/gi)) {
    const tag = match[0];
    if ((attribute(tag, 'rel') ?? '').toLowerCase() !== 'modulepreload') continue;
    const href = attribute(tag, 'href');
    if (href) queue.push({ url: new URL(href, pageUrl), via: 'modulepreload' });
  }

  while (queue.length > 0) {
    const next = queue.shift();
    if (!next) break;
    const file = fileForUrl(next.url, distDir, base);
    if (seen.has(file)) continue;
    seen.add(file);
    const data = await readFile(file).catch(() => {
      throw new Error(`${htmlFile} loads ${next.url.pathname}, which is not in ${distDir}`);
    });
    const name = path.relative(distDir, file).split(path.sep).join('/');
    scripts.push({ name, via: next.via, bytes: data.length, gzipBytes: gzipSize(data) });
    await enqueueImports(data.toString('utf8'), next.url, name);
  }

  return {
    page: htmlFile.split(path.sep).join('/'),
    scripts,
    totalBytes: scripts.reduce((sum, s) => sum + s.bytes, 0),
    totalGzipBytes: scripts.reduce((sum, s) => sum + s.gzipBytes, 0),
  };
}

/** Every HTML file in the build, relative to distDir. */
export async function htmlPages(distDir: string): Promise<string[]> {
  const entries = await readdir(distDir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => path.relative(distDir, path.join(entry.parentPath, entry.name)))
    .sort();
}

/** Lesson pages: lessons/<slug>/index.html. */
export function isLessonPage(htmlFile: string): boolean {
  return /^lessons\/[^/]+\/index\.html$/.test(htmlFile.split(path.sep).join('/'));
}

export function formatKB(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} KB`;
}

/** Measures every page; returns the reports and the lesson pages over budget. */
export async function checkBuild(
  distDir: string,
  base = '/',
): Promise<{ reports: FirstLoadReport[]; overBudget: FirstLoadReport[]; lessonReports: FirstLoadReport[] }> {
  const reports = await Promise.all((await htmlPages(distDir)).map((page) => measurePage(distDir, page, base)));
  const lessonReports = reports.filter((report) => isLessonPage(report.page));
  if (lessonReports.length === 0) throw new Error(`no lesson pages (lessons/<slug>/index.html) in ${distDir}`);
  const overBudget = lessonReports.filter((report) => report.totalGzipBytes > FIRST_LOAD_BUDGET_BYTES);
  return { reports, overBudget, lessonReports };
}

async function main(argv: string[]): Promise<number> {
  let distDir = 'dist';
  let base = process.env.BASE_PATH ?? '/';
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--base') base = argv[++i] ?? '/';
    else if (arg.startsWith('--base=')) base = arg.slice('--base='.length);
    else distDir = arg;
  }
  base = normaliseBase(base);
  const { reports, overBudget } = await checkBuild(distDir, base);
  console.log(`First-load JavaScript per page (before the lab is activated), gzipped; budget for lesson pages ${formatKB(FIRST_LOAD_BUDGET_BYTES)}:`);
  for (const report of reports) {
    const mark = isLessonPage(report.page) ? (report.totalGzipBytes > FIRST_LOAD_BUDGET_BYTES ? ' OVER BUDGET' : ' (lesson, within budget)') : '';
    console.log(`  ${report.page.padEnd(36)} ${formatKB(report.totalGzipBytes).padStart(9)} gzip  ${formatKB(report.totalBytes).padStart(9)} raw  ${report.scripts.length} script(s)${mark}`);
    for (const script of report.scripts) {
      console.log(`      ${script.via.padEnd(13)} ${script.name.padEnd(60)} ${formatKB(script.gzipBytes).padStart(9)} gzip`);
    }
  }
  if (overBudget.length > 0) {
    console.error(`First-load JavaScript over budget on: ${overBudget.map((r) => `${r.page} (${formatKB(r.totalGzipBytes)})`).join(', ')}`);
    return 1;
  }
  return 0;
}

if (import.meta.main) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(2);
    },
  );
}
