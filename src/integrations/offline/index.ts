// The Astro integration that makes the site work offline: after the build it writes dist/sw.js with the
// built files to keep (precache.ts). src/layouts/Base.astro registers the worker.
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { writeServiceWorker } from './precache.ts';

export function offline(): AstroIntegration {
  let base = '/';
  return {
    name: 'layerlab-offline',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base.endsWith('/') ? config.base : `${config.base}/`;
      },
      'astro:build:done': async ({ dir, logger }) => {
        const { files, version } = await writeServiceWorker(fileURLToPath(dir), base);
        logger.info(`sw.js: ${files.length} files kept for offline use (version ${version})`);
      },
    },
  };
}
