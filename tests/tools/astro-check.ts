// `astro check` over the site's .astro files: Astro's language server typechecks their frontmatter,
// props and scripts (the .ts files are tsc's, `npm run typecheck`). Run as `npm run lint:astro`.
// The project's TypeScript 7 has no JavaScript API yet, which the language server (and Volar under it)
// needs, so for this process `typescript` resolves to TypeScript 6, the `typescript-6` dev dependency.
// This is what @astrojs/check does, given the TypeScript that `typescript` names. Exits 1 when any
// .astro file has an error.
import { readdirSync } from 'node:fs';
import { createRequire, registerHooks } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

registerHooks({
  resolve: (specifier, context, next) => next(specifier === 'typescript' ? 'typescript-6' : specifier, context),
});
const { AstroCheck } = await import('@astrojs/language-server');

const root = fileURLToPath(new URL('../../', import.meta.url));

function astroFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return astroFiles(path);
    return e.name.endsWith('.astro') ? [path] : [];
  });
}

const files = astroFiles(join(root, 'src'));
const typescript = createRequire(import.meta.url).resolve('typescript-6');
const checker = new AstroCheck(root, typescript, join(root, 'tsconfig.json'));
const result = await checker.lint({ fileNames: files, logErrors: { level: 'warning' } });
const where = files.map((f) => relative(root, f));
console.log(`astro check: ${where.length} .astro files, ${result.errors} errors, ${result.warnings} warnings`);
process.exitCode = result.errors > 0 ? 1 : 0;
