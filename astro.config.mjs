// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';

// The build and the site must make no request to any other host. Astro's anonymous usage
// telemetry would post to telemetry.astro.build, so it is off unless someone opts in explicitly.
process.env.ASTRO_TELEMETRY_DISABLED ??= '1';

/**
 * BASE_PATH deploys the site under a sub-path, e.g. BASE_PATH=/layerlab/ for a project page.
 * It is normalised to start and end with "/" so that `${base}lessons/` is always a valid path.
 * @param {string | undefined} raw
 */
function normaliseBase(raw) {
  const trimmed = (raw ?? '').trim().replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '/' : `/${trimmed}/`;
}

export default defineConfig({
  base: normaliseBase(process.env.BASE_PATH),
  trailingSlash: 'always',
  build: { format: 'directory' },
  integrations: [mdx()],
  devToolbar: { enabled: false },
  markdown: {
    shikiConfig: {
      themes: { light: 'github-light-high-contrast', dark: 'github-dark' },
      defaultColor: false,
    },
  },
});
