// The iframe side of the embed: mounts the lab as the URL configures it, answers the host page's
// requests and sends the lab's events out. Requests are accepted only from the parent window and only
// from the allowed origins; each is validated (protocol.ts) before it acts, and each gets one reply.

import type { LabController } from '../app/lab-app.ts';
import type { SessionEvent } from '../lab/session.ts';
import type { EmbedConfig } from './config.ts';
import { envelope, parseRequest, ProtocolError, PROTOCOL_VERSION, REQUEST_TYPES, type ParsedRequest, type Snapshot } from './protocol.ts';
import { ScreenText } from './screen-text.ts';

/** What a challenge check answers (the course's checker provides it when the embed opens a challenge). */
export interface CheckResult {
  readonly challenge: string;
  readonly pass: boolean;
  readonly diagnosis: string;
}

export interface BridgeOptions {
  readonly config: EmbedConfig;
  readonly lab: LabController;
  /** Runs the configured challenge's check, if the embed opened one; it then also runs after each command. */
  readonly check?: () => Promise<CheckResult>;
  /** What `reset` restores, when not the preset (a challenge's starting state). */
  readonly reset?: () => Promise<void>;
  /** The embed's storage kind, for `ready`. */
  readonly storage: 'indexeddb' | 'memory';
  readonly setTheme: (theme: 'light' | 'dark') => void;
  /** The window that embeds us and who it is (tests pass their own). */
  readonly parent?: Window;
  readonly parentOrigin?: string | null;
}

/** The origin of the page that embeds us, when the browser tells (Chromium's ancestorOrigins, else the referrer). */
export function embedderOrigin(): string | null {
  const ancestors = (location as Location & { ancestorOrigins?: DOMStringList }).ancestorOrigins;
  if (ancestors && ancestors.length > 0) return ancestors[0] ?? null;
  try {
    return document.referrer ? new URL(document.referrer).origin : null;
  } catch {
    return null;
  }
}

export function startBridge(options: BridgeOptions): () => void {
  const { config, lab } = options;
  const parent = options.parent ?? window.parent;
  if (parent === window) return () => undefined;
  const embedder = options.parentOrigin === undefined ? embedderOrigin() : options.parentOrigin;
  // Whom we listen to: the origins the author listed, else the page that embeds us.
  const allowed = new Set(config.origins.length ? config.origins : embedder ? [embedder] : []);
  // Where our messages go: the embedder when it is allowed. A sandboxed frame without a known
  // embedder posts to '*': only the parent window receives it, and it carries no secrets beyond what
  // that page put in the lab.
  const target = embedder && allowed.has(embedder) ? embedder : allowed.size === 1 ? [...allowed][0]! : '*';
  const post = (type: string, payload?: unknown, id?: string): void => {
    try {
      parent.postMessage(envelope(type, payload, id), target);
    } catch {
      /* the host went away or refused the message: nothing to do */
    }
  };

  const session = (): LabController['session'] => lab.session;
  const stepNames = new Map<string, string>();
  const unsubscribers: (() => void)[] = [];
  let subscribed: LabController['session'] | null = null;
  let capture: ScreenText | null = null;

  const onEvent = (e: SessionEvent): void => {
    if (e.type === 'output') capture?.write(e.text);
    else if (e.type === 'command-end') {
      post('command', { line: e.line, code: e.code });
      // A challenge is checked after every command, as on the lesson page; the host hears each verdict.
      if (options.check) void options.check().then((result) => post('check', result), () => undefined);
    }
    else if (e.type === 'files') post('files', { kind: e.change.kind, paths: [...e.change.paths] });
    else if (e.type === 'notice' && e.level === 'error') post('error', { message: e.message });
    else if (e.type === 'engine') {
      const ev = e.event;
      if (ev.type === 'step-start') stepNames.set(`${ev.buildId} ${ev.stepId}`, ev.name);
      else if (ev.type === 'cache-hit' || ev.type === 'cache-miss') {
        const step = stepNames.get(`${ev.buildId} ${ev.stepId}`) ?? ev.stepId;
        post('build', { buildId: ev.buildId, step, cached: ev.type === 'cache-hit', reason: ev.type === 'cache-miss' ? ev.reason : 'cached' });
      } else if (ev.type === 'build-done') stepNames.clear();
      else if (ev.type === 'pull-layer-state') post('pull', { layer: ev.id, digest: ev.digest, state: ev.state });
      else if (ev.type === 'pull-done') post('pull', { done: true, digest: ev.digest, upToDate: ev.upToDate, bytesDownloaded: ev.bytesDownloaded });
    }
  };
  // The lab makes a new session on reset or take-over: follow whichever is current.
  const follow = (): void => {
    const s = session();
    if (s === subscribed) return;
    unsubscribers.splice(0).forEach((u) => u());
    subscribed = s;
    unsubscribers.push(s.subscribe(onEvent));
  };
  follow();

  const handle = async (req: ParsedRequest): Promise<unknown> => {
    switch (req.type) {
      case 'run': {
        const screen = new ScreenText();
        capture = screen;
        try {
          const code = await lab.runCommand(req.payload.command);
          return { code, output: screen.toString() };
        } finally {
          if (capture === screen) capture = null;
        }
      }
      case 'reset':
        if (options.reset) await options.reset();
        else await session().resetLab(session().checkpoint);
        follow();
        return {};
      case 'check': {
        if (!options.check) throw new ProtocolError('this lab was not opened with a challenge (set challenge=LESSON/CHALLENGE)', req.id);
        const result = await options.check();
        post('check', result);
        return result;
      }
      case 'snapshot': {
        const snapshot: Snapshot = { format: 'layerlab-snapshot', version: 1, zip: await session().exportZip() };
        return snapshot;
      }
      case 'restore':
        await session().importZip(req.payload.snapshot.zip);
        return {};
      case 'theme':
        options.setTheme(req.payload.theme);
        return {};
    }
  };

  const onMessage = (e: MessageEvent): void => {
    if (e.source !== parent) return;
    // A sandboxed host frame's origin is "null"; it is allowed only when the author said so.
    if (!allowed.has(e.origin)) return;
    let req: ParsedRequest;
    try {
      req = parseRequest(e.data);
    } catch (err) {
      if (err instanceof ProtocolError && err.message !== 'not a Layerlab message') post('error', { message: err.message }, err.id);
      return;
    }
    follow();
    handle(req).then(
      (payload) => post('reply', payload, req.id),
      (err: unknown) => post('error', { message: err instanceof ProtocolError ? err.message : 'the lab could not do that (see the lab for details)' }, req.id),
    );
  };
  addEventListener('message', onMessage);

  // Height follows the content, shrinking as well as growing.
  let lastHeight = 0;
  const measure = (): void => {
    const h = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (h !== lastHeight) {
      lastHeight = h;
      post('resize', { height: h });
    }
  };
  const ro = new ResizeObserver(measure);
  ro.observe(document.body);
  measure();

  post('ready', {
    version: PROTOCOL_VERSION,
    capabilities: [...REQUEST_TYPES],
    storage: options.storage,
    views: [...config.views],
    challenge: config.challenge ?? null,
  });
  for (const problem of config.problems) post('error', { message: problem });

  return () => {
    removeEventListener('message', onMessage);
    ro.disconnect();
    unsubscribers.forEach((u) => u());
  };
}
