// Layerlab's service worker: keeps every file of the built site (pages, the lab's code and its data) in a
// versioned cache, so a learner who loaded the site once can reload it, and use the lab, with no network.
// The build prepends VERSION (a hash of every file), BASE (the site's base path) and FILES (the URLs to
// keep, relative to BASE; a page is its directory URL). See precache.ts, which writes dist/sw.js.
//
// Updates: every navigation makes the browser check sw.js; when the site changed, the new worker
// caches the new files, takes over at once (skipWaiting, clients.claim) and deletes the old cache. The
// page that was open is told that the new version takes over at its next load; that next load is
// served by the new worker and says once that the site was updated.
/* global VERSION, BASE, FILES */
const PREFIX = `layerlab:${BASE}:`;
const CACHE = PREFIX + VERSION;
// Where the worker remembers, across its own restarts, that the next load is the first of a new version.
const UPDATED_KEY = `${BASE}__layerlab-updated`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // `reload`: the files come from the server, never from the HTTP cache, so an update is complete.
      await cache.addAll(FILES.map((f) => new Request(BASE + f, { cache: 'reload' })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const old = (await caches.keys()).filter((k) => k.startsWith(PREFIX) && k !== CACHE);
      await Promise.all(old.map((k) => caches.delete(k)));
      await self.clients.claim();
      if (old.length === 0) return;
      await (await caches.open(CACHE)).put(UPDATED_KEY, new Response(VERSION));
      for (const client of await self.clients.matchAll({ type: 'window' })) client.postMessage({ layerlab: 'installed', version: VERSION });
    })(),
  );
});

// A page asks once it has loaded; the first page of a new version hears that it is one.
self.addEventListener('message', (event) => {
  if (event.data?.layerlab !== 'hello') return;
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const updated = await cache.delete(UPDATED_KEY);
      event.source?.postMessage({ layerlab: updated ? 'updated' : 'current', version: VERSION });
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !url.pathname.startsWith(BASE)) return;
  event.respondWith(respond(request, url));
});

async function respond(request, url) {
  const cache = await caches.open(CACHE);
  const navigate = request.mode === 'navigate';
  // A page's query (a share link's parameters) does not change its HTML.
  const hit = await cache.match(request, { ignoreSearch: navigate });
  if (hit) return hit;
  try {
    return await fetch(request);
  } catch (error) {
    if (navigate) {
      // As the static host does: `lessons/x` is `lessons/x/`, and a page the site lacks is its 404 page.
      if (!url.pathname.endsWith('/') && (await cache.match(`${url.pathname}/`))) return Response.redirect(`${url.pathname}/${url.search}`, 301);
      const missing = await cache.match(`${BASE}404.html`);
      if (missing) return new Response(missing.body, { status: 404, headers: missing.headers });
    }
    throw error;
  }
}
