// Writes the site's service worker (dist/sw.js) after a build: the worker's code (sw.js beside this
// file) with the list of files to keep offline, made from the built files themselves, and a version
// that is a hash of all of them, so any change to the site gives a new worker (a new cache) and an
// unchanged site gives the very same sw.js (no needless update).
import { createHash } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const SERVICE_WORKER_FILE = 'sw.js';

/** Built files a learner never needs offline: the worker itself, and the README's screenshots. */
const LEFT_OUT = [/^sw\.js$/, /^screenshots\//, /\.map$/];

export interface Precache {
  /** URLs to keep, relative to the base path; `lessons/x/index.html` is kept as `lessons/x/`. */
  readonly files: readonly string[];
  readonly version: string;
}

async function walk(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix + entry.name;
    if (entry.isDirectory()) out.push(...(await walk(path.join(dir, entry.name), `${rel}/`)));
    else if (entry.isFile()) out.push(rel);
  }
  return out;
}

/** The list and version for the built site in `dir`. */
export async function precacheFor(dir: string): Promise<Precache> {
  const files = (await walk(dir)).filter((f) => !LEFT_OUT.some((re) => re.test(f))).sort();
  const hash = createHash('sha256');
  const urls: string[] = [];
  for (const f of files) {
    hash.update(`${f}\0`).update(await readFile(path.join(dir, f))).update('\0');
    urls.push(f === 'index.html' ? '' : f.endsWith('/index.html') ? f.slice(0, -'index.html'.length) : f);
  }
  return { files: urls, version: hash.digest('hex').slice(0, 16) };
}

/** Writes `dir/sw.js` for a site served under `base` (e.g. `/` or `/layerlab/`); returns what it keeps. */
export async function writeServiceWorker(dir: string, base: string): Promise<Precache> {
  const precache = await precacheFor(dir);
  const body = await readFile(new URL('./sw.js', import.meta.url), 'utf8');
  const head = `const VERSION = ${JSON.stringify(precache.version)};\nconst BASE = ${JSON.stringify(base)};\nconst FILES = ${JSON.stringify(precache.files)};\n`;
  await writeFile(path.join(dir, SERVICE_WORKER_FILE), head + body);
  return precache;
}
