// Adds a Content-Security-Policy <meta> tag to every built page, after the build, so the hashes of the
// page's inline scripts (the theme script, Astro's small inlined modules) are those of the final HTML.
// No 'unsafe-eval' anywhere. Styles keep 'unsafe-inline': the code highlighter writes style attributes,
// and the terminal and editor add <style> elements at run time. frame-ancestors cannot be set from a
// meta tag; the Embedding page tells hosts that can send headers what to send.

import type { AstroIntegration } from 'astro';
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const INLINE_SCRIPT = /<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g;

/** The policy for a page whose inline scripts are `scripts` (their exact text). */
export function policyFor(scripts: readonly string[]): string {
  const hashes = [...new Set(scripts.map((s) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`))];
  return [
    "default-src 'self'",
    ["script-src 'self'", ...hashes].join(' '),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

/** Puts the policy into one page's HTML, right after its charset declaration. */
export function withPolicy(html: string): string {
  if (html.includes('http-equiv="Content-Security-Policy"')) return html;
  const scripts = [...html.matchAll(INLINE_SCRIPT)].map((m) => m[1] ?? '').filter((s) => s.length > 0);
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policyFor(scripts)}">`;
  return html.replace(/<meta charset="utf-8"\s*\/?>/i, (m) => `${m}${meta}`);
}

async function htmlFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await htmlFiles(full)));
    else if (entry.name.endsWith('.html')) out.push(full);
  }
  return out;
}

export function contentSecurityPolicy(): AstroIntegration {
  return {
    name: 'layerlab-csp',
    hooks: {
      'astro:build:done': async ({ dir }) => {
        for (const file of await htmlFiles(fileURLToPath(dir))) {
          const html = await readFile(file, 'utf8');
          const next = withPolicy(html);
          if (next !== html) await writeFile(file, next);
        }
      },
    },
  };
}
