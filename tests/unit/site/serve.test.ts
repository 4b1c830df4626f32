import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve } from '../../tools/serve.ts';
import { normaliseBase } from '../../../src/components/site/paths.ts';

let root: string;
let server: Server;
let origin: string;

/** A raw request, so that paths such as /%2e%2e/ reach the server unnormalised. */
function get(
  pathname: string,
  method = 'GET',
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${origin}${pathname}`, { method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  const parent = await mkdtemp(path.join(tmpdir(), 'layerlab-serve-'));
  root = path.join(parent, 'site');
  await mkdir(path.join(root, 'lessons', 'one'), { recursive: true });
  await mkdir(path.join(root, '_astro'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<h1>home</h1>');
  await writeFile(path.join(root, '404.html'), '<h1>not found page</h1>');
  await writeFile(path.join(root, 'lessons', 'one', 'index.html'), '<h1>lesson one</h1>');
  await writeFile(path.join(root, '_astro', 'app.js'), 'export {};');
  await writeFile(path.join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await writeFile(path.join(parent, 'secret.txt'), 'outside the site');
  const started = await serve({ root, base: '/layerlab/', port: 0, host: '127.0.0.1' });
  server = started.server;
  origin = `http://127.0.0.1:${new URL(started.url).port}`;
  expect(started.url).toMatch(/^http:\/\/localhost:\d+\/layerlab\/$/);
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(path.dirname(root), { recursive: true, force: true });
});

describe('normaliseBase', () => {
  it('gives "/" or a path with leading and trailing slashes', () => {
    expect(normaliseBase(undefined)).toBe('/');
    expect(normaliseBase('')).toBe('/');
    expect(normaliseBase('/')).toBe('/');
    expect(normaliseBase('layerlab')).toBe('/layerlab/');
    expect(normaliseBase('/docs/layerlab')).toBe('/docs/layerlab/');
  });
});

describe('the static server under a base path', () => {
  it('serves index.html for directory paths, with an HTML content type', async () => {
    const home = await get('/layerlab/');
    expect(home.status).toBe(200);
    expect(home.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(home.body).toBe('<h1>home</h1>');
    expect((await get('/layerlab/lessons/one/')).body).toBe('<h1>lesson one</h1>');
  });

  it('serves assets with their content types', async () => {
    const script = await get('/layerlab/_astro/app.js');
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await get('/layerlab/favicon.svg')).headers['content-type']).toBe('image/svg+xml');
  });

  it('redirects the server root and slash-less directories', async () => {
    const root = await get('/');
    expect(root.status).toBe(301);
    expect(root.headers.location).toBe('/layerlab/');
    const bare = await get('/layerlab/lessons/one');
    expect(bare.status).toBe(301);
    expect(bare.headers.location).toBe('/layerlab/lessons/one/');
  });

  it('answers 404 with the site 404 page for missing paths and paths outside the base', async () => {
    for (const missing of ['/layerlab/nope/', '/layerlab/nope.js', '/lessons/one/']) {
      const reply = await get(missing);
      expect(reply.status, missing).toBe(404);
      expect(reply.body).toBe('<h1>not found page</h1>');
    }
  });

  it('never serves files outside its root', async () => {
    for (const attack of ['/layerlab/../secret.txt', '/layerlab/%2e%2e/secret.txt', '/layerlab/..%2fsecret.txt']) {
      const reply = await get(attack);
      expect(reply.body, attack).not.toContain('outside the site');
    }
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get('/layerlab/', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect((await get('/layerlab/', 'POST')).status).toBe(405);
  });
});
