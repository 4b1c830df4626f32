// A stand-in for a documentation site that embeds the lab, for the embed's browser tests: it serves
// whatever HTML a test registers (PUT /any/path.html with the page as body), on loopback only, on two
// ports (a host origin and a second, "foreign" origin). Pages live in memory and die with the server.
//
// Usage: npx node tests/tools/embed-host.ts --port 4630 [--port 4631 ...]

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

const MAX_PAGE_BYTES = 1024 * 1024;
const pages = new Map<string, string>();

function handle(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const key = `${req.headers.host ?? ''}${url.pathname}`;
  if (req.method === 'PUT') {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.byteLength;
      if (size > MAX_PAGE_BYTES) req.destroy();
      else chunks.push(c);
    });
    req.on('end', () => {
      pages.set(key, Buffer.concat(chunks).toString('utf8'));
      res.writeHead(204).end();
    });
    return;
  }
  if (url.pathname === '/') {
    res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' }).end('embed test host\n');
    return;
  }
  const page = pages.get(key);
  if (page === undefined) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n');
    return;
  }
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(page);
}

const ports: number[] = [];
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) if (argv[i] === '--port') ports.push(Number(argv[++i]));
if (ports.length === 0) ports.push(4630);
for (const port of ports) {
  createServer(handle).listen(port, '127.0.0.1', () => console.log(`embed host at http://127.0.0.1:${port}/`));
}
