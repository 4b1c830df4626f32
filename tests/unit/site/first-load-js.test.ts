import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { checkBuild, measurePage, FIRST_LOAD_BUDGET_BYTES } from '../../tools/first-load-js.ts';

// A hand-made build output: the page loads entry.js (which statically imports shared.js and
// dynamically imports lab.js, which imports heavy.js), preloads pre.js, and has two inline scripts.
const files: Record<string, string> = {
  '_astro/entry.js': `import{s as a}from"./shared.js";export*from"./reexport.js";a();document.querySelector("button").onclick=()=>import("./lab.js");`,
  '_astro/shared.js': 'export function s(){return "shared "+"x".repeat(200)}',
  '_astro/reexport.js': 'export const r=1;',
  '_astro/pre.js': 'export const p="preloaded";',
  '_astro/lab.js': 'import"./heavy.js";export async function mountLab(){}',
  '_astro/heavy.js': `export const big="${'y'.repeat(5000)}";`,
  '_astro/inline-dep.js': 'export const d=2;',
};
const inlineClassic = 'document.documentElement.dataset.theme="dark";';
const inlineModule = 'import{d}from"/sub/_astro/inline-dep.js";console.log(d);';
const page = `<!doctype html><html><head>
<script>${inlineClassic}</script>
<!-- <script src="/sub/_astro/heavy.js"></script> -->
<link rel="modulepreload" href="/sub/_astro/pre.js">
<script type="application/json">{"not":"code"}</script>
</head><body>
<script type="module">${inlineModule}</script>
<script type="module" src="../../_astro/entry.js"></script>
</body></html>`;

const gz = (text: string): number => gzipSync(Buffer.from(text)).length;
let dist: string;

beforeAll(async () => {
  dist = await mkdtemp(path.join(tmpdir(), 'layerlab-first-load-'));
  await mkdir(path.join(dist, '_astro'), { recursive: true });
  await mkdir(path.join(dist, 'lessons', 'one'), { recursive: true });
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dist, name), text);
  await writeFile(path.join(dist, 'lessons', 'one', 'index.html'), page);
  await writeFile(path.join(dist, 'index.html'), '<!doctype html><title>home</title>');
});

afterAll(async () => {
  await rm(dist, { recursive: true, force: true });
});

describe('measurePage', () => {
  it('counts scripts, preloads, inline scripts and static imports, but not dynamic imports', async () => {
    const report = await measurePage(dist, 'lessons/one/index.html', '/sub/');
    const names = report.scripts.map((script) => script.name).sort();
    expect(names).toEqual(
      [
        '_astro/entry.js',
        '_astro/inline-dep.js',
        '_astro/pre.js',
        '_astro/reexport.js',
        '_astro/shared.js',
        'inline #1',
        'inline #2',
      ].sort(),
    );
    const firstLoadFiles = ['_astro/entry.js', '_astro/shared.js', '_astro/reexport.js', '_astro/pre.js', '_astro/inline-dep.js'];
    const expectedGzip =
      firstLoadFiles.reduce((sum, name) => sum + gz(files[name] ?? ''), 0) + gz(inlineClassic) + gz(inlineModule);
    const expectedRaw =
      firstLoadFiles.reduce((sum, name) => sum + Buffer.byteLength(files[name] ?? ''), 0) +
      Buffer.byteLength(inlineClassic) +
      Buffer.byteLength(inlineModule);
    expect(report.totalGzipBytes).toBe(expectedGzip);
    expect(report.totalBytes).toBe(expectedRaw);
  });

  it('fails when a script comes from another host', async () => {
    const broken = await mkdtemp(path.join(tmpdir(), 'layerlab-first-load-'));
    await writeFile(path.join(broken, 'cdn.html'), '<script src="https://cdn.example.com/x.js"></script>');
    await expect(measurePage(broken, 'cdn.html', '/')).rejects.toThrow(/another host/);
    await rm(broken, { recursive: true, force: true });
  });

  it('fails when a page loads a script that is not in the build', async () => {
    const broken = await mkdtemp(path.join(tmpdir(), 'layerlab-first-load-'));
    await writeFile(path.join(broken, 'missing.html'), '<script type="module" src="/_astro/nope.js"></script>');
    await expect(measurePage(broken, 'missing.html', '/')).rejects.toThrow(/not in/);
    await rm(broken, { recursive: true, force: true });
  });
});

describe('checkBuild', () => {
  it('applies the budget to lesson pages', async () => {
    const { lessonReports, overBudget } = await checkBuild(dist, '/sub/');
    expect(lessonReports.map((report) => report.page)).toEqual(['lessons/one/index.html']);
    expect(overBudget).toEqual([]);
    expect(FIRST_LOAD_BUDGET_BYTES).toBe(60_000);
  });

  it('reports a lesson page over 60 KB gzipped', async () => {
    const big = path.join(dist, 'lessons', 'big');
    await mkdir(big, { recursive: true });
    // Random bytes do not compress: 80,000 of them, base64-encoded, stay above 60,000 bytes gzipped.
    const noise = randomBytes(80_000).toString('base64');
    await writeFile(path.join(dist, '_astro', 'big.js'), `export const n=${JSON.stringify(noise)};`);
    await writeFile(path.join(big, 'index.html'), '<script type="module" src="/sub/_astro/big.js"></script>');
    const { overBudget } = await checkBuild(dist, '/sub/');
    expect(overBudget.map((report) => report.page)).toEqual(['lessons/big/index.html']);
    expect(overBudget[0]?.totalGzipBytes ?? 0).toBeGreaterThan(60_000);
  });
});
