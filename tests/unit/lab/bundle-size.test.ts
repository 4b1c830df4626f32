// The lab's bundle measure follows static and dynamic imports from the boot chunk and sums gzip sizes;
// per kind of lab page, it counts everything the page can load: the lab, and what the page adds.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describeLab, findLabEntry, measureFrom, measureLab, measureLabPages, measurePage, NOT_FOR_FIRST_BUILD } from '../../../src/lab/tools/bundle-size.ts';

describe('lab bundle size', () => {
  it('sums every chunk reachable from boot.*.js, and nothing else', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'labdist-'));
    try {
      const assets = join(dist, '_astro');
      mkdirSync(assets);
      const files: Record<string, string> = {
        'boot.abc.js': 'import { a } from "./a.x1.js"; export async function go() { return import("./b.x2.js").then(() => a); }',
        'a.x1.js': 'export const a = 1; ' + 'x'.repeat(500),
        'b.x2.js': 'import "./c.x3.js"; export const b = 2;',
        'c.x3.js': 'export const c = "' + 'data '.repeat(300) + '";',
        'unrelated.x4.js': 'export const u = "' + 'not part of the lab '.repeat(100) + '";',
        'LabSlot.x5.js': 'import("./boot.abc.js");',
      };
      for (const [name, code] of Object.entries(files)) writeFileSync(join(assets, name), code);
      const entry = findLabEntry(dist);
      expect(entry.endsWith('boot.abc.js')).toBe(true);
      const report = await measureFrom(entry);
      const reachable = ['boot.abc.js', 'a.x1.js', 'b.x2.js', 'c.x3.js'];
      expect(report.chunks.map((c) => c.file).sort()).toEqual([...reachable].sort());
      const expected = reachable.reduce((s, n) => s + gzipSync(Buffer.from(files[n]!)).byteLength, 0);
      expect(report.totalGzipBytes).toBe(expected);
      expect(report.totalBytes).toBe(reachable.reduce((s, n) => s + Buffer.byteLength(files[n]!), 0));
    } finally {
      rmSync(dist, { recursive: true, force: true });
    }
  });

  it('measures what a first build needs (without the editor, git and the other picture tabs) and everything; a Worker counts toward both', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'labdist-'));
    try {
      const assets = join(dist, '_astro');
      mkdirSync(assets);
      const files: Record<string, string> = {
        'boot.abc.js': 'export async function go() { const m = await import("./lab-app.q1.js"); return m; }',
        // The engine's Worker, referred to as Vite writes it (an absolute path under the base).
        'lab-app.q1.js': 'import "./shared.q2.js"; export const e = () => import("./editor.q5.js"); export const w = () => new Worker(new URL("/layerlab/_astro/engine-worker.q6.js", import.meta.url), { type: "module" }); ' + 'lab '.repeat(200),
        'shared.q2.js': 'export const s = "' + 'shared engine code '.repeat(50) + '";',
        'editor.q5.js': 'import "./shared.q2.js"; import "./cm.q7.js"; export const ed = 1;',
        'cm.q7.js': 'export const cm = "' + 'codemirror '.repeat(120) + '";',
        'engine-worker.q6.js': 'import "./shared.q2.js"; self.onmessage = () => {}; ' + 'worker '.repeat(80),
      };
      for (const [name, code] of Object.entries(files)) writeFileSync(join(assets, name), code);
      writeLabPages(dist, '<script type="module">import("/layerlab/_astro/boot.abc.js")</script>', '<script type="module" src="/layerlab/_astro/boot.abc.js"></script>');
      const gz = (names: string[]) => names.reduce((s, n) => s + gzipSync(Buffer.from(files[n]!)).byteLength, 0);
      const figures = await measureLab(dist);
      const firstBuild = ['boot.abc.js', 'lab-app.q1.js', 'shared.q2.js', 'engine-worker.q6.js'];
      expect(figures.firstBuild.chunks.map((c) => c.file).sort()).toEqual([...firstBuild].sort());
      expect(figures.firstBuild.totalGzipBytes).toBe(gz(firstBuild));
      // Everything: the editor's own chunk too, shared chunks counted once.
      expect(figures.all.chunks.map((c) => c.file).sort()).toEqual(Object.keys(files).sort());
      expect(figures.all.totalGzipBytes).toBe(gz(Object.keys(files)));
      const direct = await measureFrom(findLabEntry(dist), { stopAt: NOT_FOR_FIRST_BUILD });
      expect(direct.totalBytes).toBe(figures.firstBuild.totalBytes);
      // Every page kind loads everything behind the boot chunk here.
      expect(figures.pages.map((p) => p.kind)).toEqual(['a lesson page', 'the sandbox', 'the embed page']);
      for (const p of figures.pages) expect(p.report.totalGzipBytes).toBe(gz(Object.keys(files)));
      // Each figure is printed against its budget; these are far under them.
      const { lines, over } = describeLab(figures);
      expect(lines).toHaveLength(4);
      expect(lines[0]).toMatch(/^The lab, what a first build needs: [\d.]+ KB gzipped .* budget 400\.0 KB$/);
      expect(lines[1]).toMatch(/^Everything the lab on a lesson page can load \(lessons\/a\/index\.html\): [\d.]+ KB gzipped .* budget 460\.0 KB; the page's own inline scripts add [\d.]+ KB, not counted$/);
      expect(lines[3]).toMatch(/^Everything the lab on the embed page can load \(embed\/index\.html\): [\d.]+ KB gzipped .* budget 460\.0 KB$/);
      expect(over).toBe(false);
    } finally {
      rmSync(dist, { recursive: true, force: true });
    }
  });

  it('is over budget when any kind of lab page can load more than 460 KB, even if a first build fits', () => {
    const report = (gzipBytes: number) => ({ entry: 'x.html', chunks: [], totalBytes: gzipBytes, totalGzipBytes: gzipBytes });
    const pages = (...kb: number[]) => kb.map((k, i) => ({ kind: `kind ${i}`, pages: 1, report: report(k) }));
    expect(describeLab({ firstBuild: report(399_000), pages: pages(459_000, 460_000, 100_000) }).over).toBe(false);
    const over = describeLab({ firstBuild: report(399_000), pages: pages(459_000, 460_001, 100_000) });
    expect(over.over).toBe(true);
    expect(over.lines[2]).toMatch(/OVER BUDGET$/);
    expect(over.lines[1]).not.toMatch(/OVER BUDGET/);
    expect(describeLab({ firstBuild: report(401_000), pages: pages(401_000) }).over).toBe(true);
  });

  it('counts what each kind of page adds to the lab: the lesson page its panel and its own lesson, the embed its bridge and its largest lesson', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'labdist-'));
    try {
      const assets = join(dist, '_astro');
      mkdirSync(assets);
      const files: Record<string, string> = {
        'boot.b1.js': 'export const go = () => import("./lab-app.b2.js");',
        'lab-app.b2.js': `export const lab = ${pad('lab', 300)};`,
        'LabSlot.astro_astro_type_script_index_0_lang.b3.js': 'import("./boot.b1.js");',
        // The lesson page's panel, loaded once the lab is ready, and the loader of one lesson's challenges.
        'ChallengePanel.astro_astro_type_script_index_0_lang.b4.js': 'import("./panel.b5.js");',
        'panel.b5.js': 'import "./lab-app.b2.js"; import { load } from "./activity.b6.js"; export const p = 1;',
        'activity.b6.js': 'export const load = { a: () => import("./alpha.b7.js"), z: () => import("./zeta.b8.js") };',
        'alpha.b7.js': `import "./facts.b9.js"; export default ${pad('alpha', 20)};`,
        'zeta.b8.js': `import "./facts.b9.js"; export default ${pad('zeta', 200)};`,
        'facts.b9.js': `export const f = ${pad('facts', 30)};`,
        // The embed page: its script, the lab, a challenge and the bridge.
        'index.astro_astro_type_script_index_0_lang.c1.js': 'export const s = () => Promise.all([import("./lab-app.b2.js"), import("./challenge.c2.js"), import("./bridge.c3.js")]);',
        'challenge.c2.js': 'import "./activity.b6.js"; export const c = 1;',
        'bridge.c3.js': `export const b = ${pad('bridge', 40)};`,
        'unrelated.c4.js': `export const u = ${pad('unused', 100)};`,
      };
      for (const [name, code] of Object.entries(files)) writeFileSync(join(assets, name), code);
      const theme = 'document.documentElement.dataset.theme = "dark";';
      const lessonHtml = `<script>${theme}</script><script type="module" src="/_astro/ChallengePanel.astro_astro_type_script_index_0_lang.b4.js"></script><script type="module" src="/_astro/LabSlot.astro_astro_type_script_index_0_lang.b3.js"></script><section data-lab-slot></section>`;
      for (const lesson of ['alpha', 'zeta']) {
        mkdirSync(join(dist, 'lessons', lesson), { recursive: true });
        writeFileSync(join(dist, 'lessons', lesson, 'index.html'), lessonHtml);
      }
      writeFileSync(join(dist, 'lessons', 'index.html'), '<h1>Lessons</h1>');
      mkdirSync(join(dist, 'sandbox'));
      writeFileSync(join(dist, 'sandbox', 'index.html'), '<script type="module" src="/_astro/LabSlot.astro_astro_type_script_index_0_lang.b3.js"></script><section data-lab-slot></section>');
      mkdirSync(join(dist, 'embed'));
      writeFileSync(join(dist, 'embed', 'index.html'), '<script type="module" src="/_astro/index.astro_astro_type_script_index_0_lang.c1.js"></script><div data-embed-mount></div>');
      const gz = (names: string[]) => names.reduce((s, n) => s + gzipSync(Buffer.from(files[n]!)).byteLength, 0);
      const lab = ['boot.b1.js', 'lab-app.b2.js', 'LabSlot.astro_astro_type_script_index_0_lang.b3.js'];
      const panel = ['ChallengePanel.astro_astro_type_script_index_0_lang.b4.js', 'panel.b5.js', 'activity.b6.js', 'facts.b9.js'];

      const alpha = await measurePage(dist, 'lessons/alpha/index.html');
      expect(alpha.chunks.map((c) => c.file).sort()).toEqual([...lab, ...panel, 'alpha.b7.js'].sort());
      expect(alpha.totalGzipBytes).toBe(gz([...lab, ...panel, 'alpha.b7.js']));
      // The inline script is the page's: measured apart, not counted.
      expect(alpha.inlineGzipBytes).toBe(gzipSync(Buffer.from(theme)).byteLength);
      const zeta = await measurePage(dist, 'lessons/zeta/index.html');
      expect(zeta.chunks.map((c) => c.file)).toContain('zeta.b8.js');
      expect(zeta.chunks.map((c) => c.file)).not.toContain('alpha.b7.js');

      const embedChunks = ['lab-app.b2.js', 'index.astro_astro_type_script_index_0_lang.c1.js', 'challenge.c2.js', 'bridge.c3.js', 'activity.b6.js', 'facts.b9.js', 'zeta.b8.js'];
      const embed = await measurePage(dist, 'embed/index.html');
      expect(embed.chunks.map((c) => c.file).sort()).toEqual([...embedChunks].sort());
      expect(embed.totalGzipBytes).toBe(gz(embedChunks));

      const pages = await measureLabPages(dist);
      expect(pages.map((p) => [p.kind, p.pages, p.report.entry])).toEqual([
        ['a lesson page', 2, 'lessons/zeta/index.html'],
        ['the sandbox', 1, 'sandbox/index.html'],
        ['the embed page', 1, 'embed/index.html'],
      ]);
      expect(pages[1]!.report.totalGzipBytes).toBe(gz(lab));

      // A page with a lab that no kind covers is an error, not a page left out.
      mkdirSync(join(dist, 'workshop'));
      writeFileSync(join(dist, 'workshop', 'index.html'), '<section data-lab-slot></section>');
      await expect(measureLabPages(dist)).rejects.toThrow(/workshop\/index\.html carry a lab but are no kind of lab page/);
    } finally {
      rmSync(dist, { recursive: true, force: true });
    }
  });

  it('counts the core\'s two places to run as alternatives: the page\'s chunks plus the larger of the Worker and the on-page core, both listed', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'labdist-'));
    try {
      const assets = join(dist, '_astro');
      mkdirSync(assets);
      const files: Record<string, string> = {
        'boot.d1.js': 'export const go = () => import("./lab-app.d2.js");',
        // connect.ts as Vite writes it: the Worker by URL, the on-page core by a dynamic import.
        'lab-app.d2.js': 'import "./storage.d3.js"; export const w = () => new Worker(new URL("/_astro/worker-d4.js", import.meta.url), { type: "module" }); export const p = () => import("./in-page.d5.js");',
        'storage.d3.js': `export const st = ${pad('storage', 40)};`,
        // The Worker is a bundle of its own: its copy of the engine.
        'worker-d4.js': `import "./engine-copy.d6.js"; export const wk = ${pad('worker', 20)};`,
        'engine-copy.d6.js': `export const engine = ${pad('engine', 300)};`,
        // The on-page core shares storage with the page, and has the engine in page chunks.
        'in-page.d5.js': 'import "./storage.d3.js"; import "./engine-page.d7.js"; export const ip = 1;',
        'engine-page.d7.js': `export const engine = ${pad('enginepage', 250)};`,
      };
      for (const [name, code] of Object.entries(files)) writeFileSync(join(assets, name), code);
      writeLabPages(dist, '<script type="module">import("/_astro/boot.d1.js")</script>', '<script type="module" src="/_astro/boot.d1.js"></script>');
      const gz = (names: string[]) => names.reduce((s, n) => s + gzipSync(Buffer.from(files[n]!)).byteLength, 0);
      const page = ['boot.d1.js', 'lab-app.d2.js', 'storage.d3.js'];
      const worker = ['worker-d4.js', 'engine-copy.d6.js'];
      const inPage = ['in-page.d5.js', 'engine-page.d7.js'];
      // The fixture is made so that the Worker is the larger; otherwise this test proves nothing.
      expect(gz(worker)).toBeGreaterThan(gz(inPage));
      const figures = await measureLab(dist);
      for (const r of [figures.firstBuild, figures.all, ...figures.pages.map((p) => p.report)]) {
        expect(r.chunks.map((c) => c.file).sort()).toEqual([...page, ...worker].sort());
        expect(r.totalGzipBytes).toBe(gz([...page, ...worker]));
        expect(r.coreAlternatives?.map((a) => [a.entry, a.gzipBytes, a.counted])).toEqual([
          ['in-page.d5.js', gz(inPage), false],
          ['worker-d4.js', gz(worker), true],
        ]);
      }
      const { lines } = describeLab(figures);
      expect(lines[0]).toMatch(/; the core runs in one of: in-page\.d5\.js \+[\d.]+ KB or worker-d4\.js \+[\d.]+ KB \(counted\)$/);

      // When the on-page core grows past the Worker, it is the one counted.
      files['engine-page.d7.js'] = `export const engine = ${pad('enginepage', 600)};`;
      writeFileSync(join(assets, 'engine-page.d7.js'), files['engine-page.d7.js']);
      expect(gz(inPage)).toBeGreaterThan(gz(worker));
      const sandbox = (await measureLab(dist)).pages[1]!.report;
      expect(sandbox.chunks.map((c) => c.file).sort()).toEqual([...page, ...inPage].sort());
      expect(sandbox.totalGzipBytes).toBe(gz([...page, ...inPage]));
    } finally {
      rmSync(dist, { recursive: true, force: true });
    }
  });

  it('says clearly when there is no build to measure', () => {
    expect(() => findLabEntry(join(tmpdir(), 'no-such-dist-' + process.pid))).toThrow(/build the site first/);
  });
});

/** A lesson page, the sandbox and the embed page, loading the lab as the fixture's pages do. */
/** A string literal of n words that gzip cannot fold away, so a chunk's gzipped size grows with n. */
function pad(word: string, n: number): string {
  return `"${Array.from({ length: n }, (_, i) => `${word}${i * 7919 % 1000}`).join(' ')}"`;
}

function writeLabPages(dist: string, lesson: string, other: string): void {
  for (const [dir, html] of [['lessons/a', lesson], ['sandbox', other], ['embed', other]] as const) {
    mkdirSync(join(dist, dir), { recursive: true });
    // The site's pages carry the theme's inline script; the embed page does not.
    const theme = dir === 'embed' ? '' : '<script>let theme = 1;</script>';
    writeFileSync(join(dist, dir, 'index.html'), `<!doctype html>${theme}${html}<section data-lab-slot></section>`);
  }
}
