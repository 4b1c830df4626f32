// A small static file server for the built site (no dependencies, localhost only by default).
//
// Usage: npx node tests/tools/serve.ts [dir=dist] [--port 4321] [--host 127.0.0.1] [--base /layerlab/]
// The base path defaults to the BASE_PATH environment variable, as in astro.config.mjs, so a build
// made with BASE_PATH=/layerlab/ is served at http://localhost:4321/layerlab/.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { normaliseBase } from '../../src/components/site/paths.ts';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
  '.gz': 'application/gzip',
  '.tar': 'application/x-tar',
  '.bin': 'application/octet-stream',
};

export interface ServeOptions {
  readonly root: string;
  readonly base?: string;
  readonly port?: number;
  readonly host?: string;
}

export type Resolution =
  | { readonly kind: 'file'; readonly file: string }
  | { readonly kind: 'redirect'; readonly location: string }
  | { readonly kind: 'not-found' };

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

async function isDirectory(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Maps a request path to a file under root, the way static hosts do: the base path is required,
 * "dir/" serves dir/index.html, "dir" redirects to "dir/", and nothing outside root is reachable.
 */
export async function resolveRequest(root: string, base: string, rawPath: string, search = ''): Promise<Resolution> {
  let pathname: string;
  try {
    pathname = decodeURIComponent(rawPath);
  } catch {
    return { kind: 'not-found' };
  }
  if (pathname.includes('\0')) return { kind: 'not-found' };
  if (base !== '/' && (pathname === '/' || pathname === base.slice(0, -1))) {
    return { kind: 'redirect', location: base };
  }
  if (!pathname.startsWith(base)) return { kind: 'not-found' };
  const relative = pathname.slice(base.length);
  const absoluteRoot = path.resolve(root);
  const target = path.resolve(absoluteRoot, `.${path.posix.sep}${relative}`);
  if (target !== absoluteRoot && !target.startsWith(absoluteRoot + path.sep)) return { kind: 'not-found' };
  if (pathname.endsWith('/')) {
    const index = path.join(target, 'index.html');
    return (await isFile(index)) ? { kind: 'file', file: index } : { kind: 'not-found' };
  }
  if (await isFile(target)) return { kind: 'file', file: target };
  if (await isDirectory(target)) return { kind: 'redirect', location: `${rawPath}/${search}` };
  return { kind: 'not-found' };
}

function send(res: ServerResponse, status: number, file: string, method: string): void {
  const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
  res.writeHead(status, {
    'Content-Type': type,
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
    // As many static hosts do for public files. An embed inside <iframe sandbox="allow-scripts"> has an
    // opaque origin, so the browser fetches the lab's module scripts as cross-origin requests.
    'Access-Control-Allow-Origin': '*',
  });
  if (method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}

export function createStaticServer(options: ServeOptions): Server {
  const root = path.resolve(options.root);
  const base = normaliseBase(options.base);
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    void resolveRequest(root, base, url.pathname, url.search).then(async (resolution) => {
      if (resolution.kind === 'file') {
        send(res, 200, resolution.file, method);
      } else if (resolution.kind === 'redirect') {
        res.writeHead(301, { Location: resolution.location }).end();
      } else {
        const notFound = path.join(root, '404.html');
        if (await isFile(notFound)) send(res, 404, notFound, method);
        else res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n');
      }
    });
  });
}

/** Starts the server and resolves with its URL once it listens. */
export function serve(options: ServeOptions): Promise<{ server: Server; url: string }> {
  const server = createStaticServer(options);
  const host = options.host ?? '127.0.0.1';
  const base = normaliseBase(options.base);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4321, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : options.port;
      const shownHost = host === '127.0.0.1' || host === '::1' || host === '0.0.0.0' ? 'localhost' : host;
      resolve({ server, url: `http://${shownHost}:${port}${base}` });
    });
  });
}

function parseArgs(argv: string[]): ServeOptions {
  let root = 'dist';
  let port = Number(process.env.PORT ?? 4321);
  let host = process.env.HOST ?? '127.0.0.1';
  let base = process.env.BASE_PATH;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    const [flag, inline] = arg.startsWith('--') ? arg.split('=', 2) : [arg, undefined];
    const value = (): string => inline ?? argv[++i] ?? '';
    if (flag === '--port') port = Number(value());
    else if (flag === '--host') host = value();
    else if (flag === '--base') base = value();
    else if (!arg.startsWith('--')) root = arg;
    else throw new Error(`unknown option ${arg}`);
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid port ${port}`);
  return { root, port, host, base };
}

if (import.meta.main) {
  try {
    const options = parseArgs(process.argv.slice(2));
    if (!(await isFile(path.join(options.root, 'index.html')))) {
      console.error(`No built site in ${path.resolve(options.root)} (no index.html). Run "npm run build" first.`);
      process.exit(1);
    }
    const { url } = await serve(options);
    console.log(`Layerlab is served at ${url}  (from ${options.root}/; press Ctrl+C to stop)`);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') console.error('That port is in use. Choose another with PORT=4322 npm start.');
    else console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
