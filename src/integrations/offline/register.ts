// Registers the offline service worker (sw.js, written by precache.ts at build time) and shows, in a
// small notice, what it says about updates: a new version has been installed and takes over at the next
// load, or this load is the first of a new version. Kept tiny: every page loads it.
const NOTICES: Record<string, string> = {
  installed: 'A new version of Layerlab is ready. It takes over when you next load a page.',
  updated: 'Layerlab was updated. This page runs the new version.',
};

function notice(text: string): void {
  const box = document.createElement('div');
  box.setAttribute('role', 'status');
  box.className = 'offline-notice';
  box.style.cssText =
    'position:fixed;inset-inline-end:1rem;inset-block-end:1rem;z-index:100;max-width:24rem;display:flex;gap:.75rem;align-items:center;' +
    'padding:.75rem 1rem;border:2px solid var(--note-border);border-radius:var(--radius);background:var(--note-bg);color:var(--text)';
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'button button--secondary';
  close.textContent = 'Dismiss';
  close.addEventListener('click', () => box.remove());
  box.append(text, close);
  document.querySelector('.offline-notice')?.remove();
  document.body.append(box);
}

if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  const sw = navigator.serviceWorker;
  let told = '';
  sw.addEventListener('message', (event: MessageEvent<{ layerlab?: string }>) => {
    const kind = event.data?.layerlab ?? '';
    // A page that heard "installed" still runs the old version: it must not also say "updated".
    if (!NOTICES[kind] || told === 'installed') return;
    told = kind;
    notice(NOTICES[kind]!);
  });
  const base = import.meta.env.BASE_URL.replace(/\/?$/, '/');
  // After the page's own load, so that caching the whole site never delays the first page.
  const register = (): void => {
    sw.register(`${base}sw.js`, { scope: base }).catch(() => {
      /* no worker (a private window, a host without it): the site works online as before */
    });
  };
  if (document.readyState === 'complete') register();
  else addEventListener('load', register, { once: true });
  void sw.ready.then(() => sw.controller?.postMessage({ layerlab: 'hello' }));
}
