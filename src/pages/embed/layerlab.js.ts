// Serves embed/layerlab.js, the script that defines <layerlab-lab> for host pages. It is bundled on
// its own (not by Vite's page build) into one classic script, so an author includes it with a plain
// <script src> tag and it can find its own URL (document.currentScript) to locate the site.

import type { APIRoute } from 'astro';
import { build } from 'esbuild';
import path from 'node:path';

export const prerender = true;

/** Bundles src/embed/element.ts into a minified IIFE: no module syntax, no globals of its own. */
export async function bundleElement(): Promise<string> {
  // The page itself is bundled into dist/ at build time, so the source is found from the project root.
  const entry = path.join(process.cwd(), 'src/embed/element.ts');
  const out = await build({ entryPoints: [entry], bundle: true, minify: true, format: 'iife', target: 'es2022', write: false, legalComments: 'none' });
  return out.outputFiles[0]!.text;
}

export const GET: APIRoute = async () =>
  new Response(await bundleElement(), { headers: { 'Content-Type': 'text/javascript; charset=utf-8' } });
