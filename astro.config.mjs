// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { normaliseBase } from './src/components/site/paths.ts';
import { labAliases } from './src/lab/tools/vite-shims.ts';
import { offline } from './src/integrations/offline/index.ts';
import { contentSecurityPolicy } from './src/integrations/csp.ts';

// The build and the site must make no request to any other host. Astro's anonymous usage
// telemetry would post to telemetry.astro.build, so it is off unless someone opts in explicitly.
process.env.ASTRO_TELEMETRY_DISABLED ??= '1';

export default defineConfig({
  // BASE_PATH deploys the site under a sub-path, e.g. BASE_PATH=/layerlab/ for a project page.
  base: normaliseBase(process.env.BASE_PATH),
  trailingSlash: 'always',
  build: { format: 'directory' },
  // After the build, in this order: contentSecurityPolicy() puts a policy with the inline scripts'
  // hashes into every page; offline() then writes sw.js, the service worker that keeps the finished
  // site for offline use.
  integrations: [mdx(), contentSecurityPolicy(), offline()],
  devToolbar: { enabled: false },
  vite: {
    // In the site build, isomorphic-git's pako and sha.js are replaced by small stand-ins over the fflate
    // and WebCrypto the lab already uses (src/lab/tools/vite-shims.ts): ~20 KB gzipped less. Node (the
    // CLI, unit tests) keeps the real packages.
    resolve: { alias: labAliases() },
    // Modern browsers only. Astro's client build already uses esnext and minifies (its default).
    // @lezer/common does not declare `sideEffects: false` as CodeMirror's own packages do, so the bundler
    // would keep all of it for the one class @codemirror/commands imports for commands the lab does not
    // use; saying it has none lets unused code go (about 6 KB gzipped). Its top level only defines.
    // The lab core's Web Worker (src/lab/core/worker.ts) is an ES module, so its lazy chunks (git, the
    // shell's help, the saved-state schemas) stay lazy inside it, as they are on the page.
    worker: {
      format: 'es',
      rolldownOptions: { treeshake: { moduleSideEffects: (id) => !/\/node_modules\/@lezer\//.test(id) } },
    },
    build: {
      target: 'esnext',
      rolldownOptions: { treeshake: { moduleSideEffects: (id) => !/\/node_modules\/@lezer\//.test(id) } },
    },
  },
  markdown: {
    shikiConfig: {
      themes: { light: 'github-light-high-contrast', dark: 'github-dark' },
      defaultColor: false,
    },
  },
});
