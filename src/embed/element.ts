// <layerlab-lab>: the element a documentation author puts in a page. It makes and manages the lab's
// iframe (the site's /embed/ page), keeps its height to the content, follows the host's theme when
// asked, and turns the protocol's messages into Promises (methods) and DOM events (layerlab-*).
// Built on its own into embed/layerlab.js (src/pages/embed/layerlab.js.ts); it must stay small and
// leak no CSS or globals: everything lives in a shadow root and this module's scope.

import { envelope, parseLabMessage, PROTOCOL_VERSION, type Snapshot } from './protocol.ts';

const ATTRS = ['preset', 'challenge', 'views', 'readonly', 'run', 'theme', 'network', 'storage-key'] as const;
const CSS =
  ':host{display:block;contain:content}iframe{display:block;width:100%;border:0;min-height:120px}' +
  '.poster{display:flex;flex-wrap:wrap;gap:.75em;align-items:center;padding:1em;border:1px solid #6b7079;border-radius:8px;font:1rem/1.4 system-ui,sans-serif}' +
  'button{font:inherit;padding:.4em .9em;border-radius:6px;border:1px solid #0b5cad;background:#0b5cad;color:#fff;cursor:pointer}' +
  'button:focus-visible{outline:3px solid #0b5cad;outline-offset:2px}';
const FILE_TYPES: Record<string, string | null> = { 'text/x-dockerfile': 'Dockerfile', 'text/x-layerlab-file': null };

/** Where this script was loaded from: the site that serves the lab, unless the element's `src` says otherwise. */
const scriptUrl = (document.currentScript as HTMLScriptElement | null)?.src ?? location.href;

function toBase64Url(text: string): string {
  let bin = '';
  for (const b of new TextEncoder().encode(text)) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The host page's theme: Starlight and Docusaurus set data-theme on <html>; else the system's. */
function hostTheme(): 'light' | 'dark' {
  const t = document.documentElement.dataset.theme;
  if (t === 'light' || t === 'dark') return t;
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

interface Pending {
  resolve(value: unknown): void;
  reject(reason: Error): void;
}

export class LayerlabLab extends HTMLElement {
  private frame: HTMLIFrameElement | null = null;
  private root: ShadowRoot;
  private ready = false;
  private queue: unknown[] = [];
  private pending = new Map<string, Pending>();
  private nextId = 0;
  private siteOrigin = '';
  private stop: (() => void)[] = [];

  constructor() {
    super();
    this.root = this.attachShadow({ mode: 'open' });
  }

  connectedCallback(): void {
    if (this.frame || this.stop.length) return;
    // A constructed style sheet: a host's Content-Security-Policy without 'unsafe-inline' styles allows it.
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    this.root.adoptedStyleSheets = [sheet];
    const poster = document.createElement('div');
    poster.className = 'poster';
    poster.setAttribute('part', 'poster');
    const label = document.createElement('span');
    label.textContent = 'Layerlab: a Docker lab that runs in your browser.';
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'Start the lab';
    button.addEventListener('click', () => this.load(true));
    poster.append(label, button);
    this.root.replaceChildren(poster);
    const loading = this.getAttribute('loading') ?? 'lazy';
    if (loading === 'eager') this.load(false);
    else if (loading !== 'click') {
      const io = new IntersectionObserver((entries) => {
        if (entries.some((e) => e.isIntersecting)) this.load(false);
      });
      io.observe(this);
      this.stop.push(() => io.disconnect());
    }
  }

  disconnectedCallback(): void {
    for (const f of this.stop) f();
    this.stop = [];
    for (const p of this.pending.values()) p.reject(new Error('the lab was removed from the page'));
    this.pending.clear();
    this.frame = null;
    this.ready = false;
  }

  /** The iframe's URL: the site's embed page with this element's settings. */
  private frameUrl(): URL {
    const site = new URL(this.getAttribute('src') ?? new URL('..', scriptUrl).href, location.href);
    const url = new URL('embed/', site.href.endsWith('/') ? site : `${site.href}/`);
    for (const name of ATTRS) {
      const v = this.getAttribute(name);
      if (v !== null) url.searchParams.set(name, v);
    }
    url.searchParams.set('origin', location.origin);
    const files: Record<string, string> = {};
    for (const s of this.querySelectorAll('script')) {
      const fixed = FILE_TYPES[s.type];
      const path = fixed === undefined ? undefined : (fixed ?? s.dataset.path);
      if (path) files[path] = (s.textContent ?? '').replace(/^\n/, '');
    }
    if (Object.keys(files).length) url.hash = `files=${toBase64Url(JSON.stringify(files))}`;
    return url;
  }

  private load(focus: boolean): void {
    if (this.frame) return;
    for (const f of this.stop) f();
    this.stop = [];
    const url = this.frameUrl();
    this.siteOrigin = url.origin;
    const frame = document.createElement('iframe');
    frame.title = this.getAttribute('title') ?? 'Layerlab lab';
    frame.src = url.href;
    frame.allow = 'clipboard-write';
    const fixed = this.getAttribute('height');
    if (fixed) frame.style.height = /^\d+$/.test(fixed) ? `${fixed}px` : fixed;
    const onMessage = (e: MessageEvent): void => {
      if (e.source !== frame.contentWindow || e.origin !== this.siteOrigin) return;
      const msg = parseLabMessage(e.data);
      if (msg) this.receive(msg, frame);
    };
    addEventListener('message', onMessage);
    this.stop.push(() => removeEventListener('message', onMessage));
    if (this.getAttribute('theme') === 'host') {
      const send = (): void => void this.request('theme', { theme: hostTheme() }).catch(() => undefined);
      const mo = new MutationObserver(send);
      mo.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme', 'class'] });
      const mq = matchMedia('(prefers-color-scheme: dark)');
      mq.addEventListener('change', send);
      this.stop.push(() => mo.disconnect(), () => mq.removeEventListener('change', send));
    }
    this.frame = frame;
    this.root.replaceChildren(frame);
    if (focus) frame.focus();
  }

  private receive(msg: { type: string; id?: string; payload: unknown }, frame: HTMLIFrameElement): void {
    if (msg.id !== undefined && (msg.type === 'reply' || msg.type === 'error')) {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.type === 'reply') p.resolve(msg.payload);
      else p.reject(new Error(String((msg.payload as { message?: unknown } | null)?.message ?? 'the lab refused the request')));
      return;
    }
    if (msg.type === 'resize') {
      const h = Number((msg.payload as { height?: unknown } | null)?.height);
      if (!this.getAttribute('height') && Number.isFinite(h) && h > 0) frame.style.height = `${Math.min(Math.ceil(h), 4000)}px`;
      return;
    }
    if (msg.type === 'ready') {
      this.ready = true;
      for (const m of this.queue) frame.contentWindow?.postMessage(m, this.siteOrigin);
      this.queue = [];
      if (this.getAttribute('theme') === 'host') void this.request('theme', { theme: hostTheme() }).catch(() => undefined);
    }
    this.dispatchEvent(new CustomEvent(`layerlab-${msg.type}`, { detail: msg.payload, bubbles: true, composed: true }));
  }

  /** Sends a request; messages sent before the lab is ready are queued, not lost. */
  private request<T>(type: string, payload: object = {}): Promise<T> {
    const id = `r${++this.nextId}`;
    const message = envelope(type, payload, id);
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      if (!this.frame) this.load(false);
      if (this.ready) this.frame?.contentWindow?.postMessage(message, this.siteOrigin);
      else this.queue.push(message);
    });
  }

  run(command: string): Promise<{ code: number; output: string }> {
    return this.request('run', { command });
  }
  reset(): Promise<void> {
    return this.request('reset');
  }
  check(): Promise<{ challenge: string; pass: boolean; diagnosis: string }> {
    return this.request('check');
  }
  snapshot(): Promise<Snapshot> {
    return this.request('snapshot');
  }
  restore(snapshot: Snapshot): Promise<void> {
    return this.request('restore', { snapshot });
  }
  /** The protocol version this element speaks. */
  static get protocolVersion(): number {
    return PROTOCOL_VERSION;
  }
}

if (!customElements.get('layerlab-lab')) customElements.define('layerlab-lab', LayerlabLab);
