// The lab's frame: toolbar (reset, export/import, copy link, screen-reader mode), save status, notices,
// the read-only banner of a second tab, and the editor and terminal islands. All state goes through
// the LabSession; this file only wires views to it.

import '../components/lab/lab.css';
import { LabSession, type SessionEvent } from '../lab/session.ts';
import { openPageStorage, type PageStorage } from '../lab/storage.ts';
import { coordinateTabs, type TabCoordinator } from '../lab/tabs.ts';
import { SHARE_PARAM } from '../lab/share-param.ts';
import { connectWorker, takeOnPageNotice } from '../lab/core/connect.ts';
import { mountTerminal, type TerminalIsland } from '../components/lab/terminal.ts';
// The editor (CodeMirror) is loaded after the terminal is up: a first command does not wait for it.
import type { EditorIsland } from '../components/lab/editor.ts';

export interface LabController {
  readonly session: LabSession;
  runCommand(text: string): Promise<number>;
}

/** How a page sets the lab up: a lesson's own workspace; an embed's settings (src/embed/config.ts reads them from its URL). */
export interface LabMountOptions {
  /** A workspace of its own (a lesson's), instead of the one the preset's sample shares with the sandbox. */
  readonly workspace?: string;
  /** A store of its own (IndexedDB database and tab lock), so two embeds on one site keep separate work. */
  readonly storageKey?: string;
  /** Parts to leave out: `editor` (with its file list), `files` (the file list only), `terminal`, `pictures`. */
  readonly hide?: readonly ('terminal' | 'editor' | 'files' | 'pictures')[];
  /** The editor shows files but does not change them; `files`: no new, rename or delete. */
  readonly readonlyEditor?: boolean;
  readonly readonlyFiles?: boolean;
  /** Files to open the lab with (path → text), in a workspace of their own that later visits reopen. */
  readonly files?: Readonly<Record<string, string>>;
  /** No share links from the page's URL (an embed's fragment holds its own settings). */
  readonly ignoreShareLinks?: boolean;
}

/** Reads a preference; storage may be refused (a sandboxed iframe), which is not an error. */
function readPref(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function writePref(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    /* storage refused: the choice lasts for this page only */
  }
}

/** A short, stable name for a set of inline files (FNV-1a over their JSON), to find their workspace again. */
function filesKey(files: Readonly<Record<string, string>>): string {
  let h = 0x811c9dc5;
  const text = JSON.stringify(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1)));
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(36);
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> & { className?: string } = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  Object.assign(e, props);
  e.append(...children);
  return e;
}

const storagePromises = new Map<string, Promise<PageStorage>>();
const tabsPromises = new Map<string, Promise<TabCoordinator>>();
const SR_KEY = 'layerlab:screen-reader-mode';

/** The shared project in the page's URL fragment, if any (read once per page load). */
let sharedFromUrl: string | null | undefined;
/** The `#lab=…` fragment, taken once (the lab's core reads it), or null. */
function takeSharedFromUrl(): string | null {
  if (sharedFromUrl !== undefined) return sharedFromUrl;
  const hash = location.hash;
  sharedFromUrl = new URLSearchParams(hash.slice(1)).has(SHARE_PARAM) ? hash : null;
  // The fragment has been read: take it out of the address bar so a reload does not open it again.
  if (sharedFromUrl) history.replaceState(history.state, '', location.pathname + location.search);
  return sharedFromUrl;
}

let current: LabSession | null = null;

/** The running session of this page (for the course's panel and picker, see course-panel.ts). */
export function currentSession(): LabSession | null {
  return current;
}

/** The editor's chunk, fetched while the session opens (its own chunk, so the terminal never waits for it). */
let editorModule: Promise<typeof import('../components/lab/editor.ts')> | null = null;

export async function startLab(root: HTMLElement, preset: string, options: LabMountOptions = {}): Promise<LabController> {
  const hide = new Set(options.hide ?? []);
  const ownWorkspace = options.workspace;
  if (!hide.has('editor')) editorModule ??= import('../components/lab/editor.ts');
  const key = options.storageKey ?? '';
  if (!storagePromises.has(key)) storagePromises.set(key, openPageStorage(options.storageKey));
  if (!tabsPromises.has(key)) tabsPromises.set(key, coordinateTabs(options.storageKey));
  const [storage, tabs] = await Promise.all([storagePromises.get(key)!, tabsPromises.get(key)!]);
  const sharedLink = options.ignoreShareLinks ? null : takeSharedFromUrl();

  root.classList.add('lab');
  if (hide.size) root.dataset.hide = [...hide].join(' ');
  const saveStatus = el('p', { className: 'lab-save' });
  saveStatus.setAttribute('role', 'status');
  const notices = el('div', { className: 'lab-notices' });
  notices.setAttribute('aria-live', 'polite');
  const resetBtn = el('button', { type: 'button', className: 'lab-button', textContent: 'Reset lab' });
  const exportBtn = el('button', { type: 'button', className: 'lab-button', textContent: 'Export .zip' });
  const importBtn = el('button', { type: 'button', className: 'lab-button', textContent: 'Import .zip' });
  const importInput = el('input', { type: 'file', accept: '.zip,application/zip', hidden: true });
  importInput.setAttribute('aria-label', 'Import a .zip');
  const linkBtn = el('button', { type: 'button', className: 'lab-button', textContent: 'Copy link' });
  const srBtn = el('button', { type: 'button', className: 'lab-button', textContent: 'Screen reader mode' });
  const toolbar = el('div', { className: 'lab-toolbar' }, resetBtn, exportBtn, importBtn, importInput, linkBtn, srBtn, saveStatus);
  toolbar.setAttribute('role', 'toolbar');
  toolbar.setAttribute('aria-label', 'Lab actions');
  const editorHost = el('div', { className: 'lab-editor-pane' });
  const termHost = el('div', { className: 'lab-terminal' });
  const termHead = el('div', { className: 'lab-pane-head' }, el('h3', { className: 'lab-pane-title', textContent: 'Terminal' }));
  const termRegion = el('section', { className: 'lab-terminal-pane' }, termHead, termHost);
  termRegion.setAttribute('aria-label', 'Terminal');
  // The pictures (layer stack, pull, store, explorer, images): loaded lazily, fed by the session's events.
  const picturesHost = el('div', { className: 'lab-views-pane' });
  let pictures: { dispose(): void } | null = null;
  // The terminal comes first, the pictures under it (as the lessons say). Beside a lesson the editor
  // and the pictures share one pane, as two tabs; a wide lab (the sandbox) shows all three at once.
  const switcher = paneTabs(root, picturesHost, editorHost, termRegion);
  const panes = el('div', { className: 'lab-panes' }, termRegion, switcher.element, picturesHost, editorHost);
  root.replaceChildren(toolbar, notices, panes);

  let session: LabSession;
  let terminal: TerminalIsland | null = null;
  let editor: EditorIsland | null = null;
  let unsub: (() => void) | null = null;

  const notice = (level: 'info' | 'warning' | 'error', message: string, actions: { label: string; run: () => void }[] = []): HTMLElement => {
    const p = el('div', { className: `lab-notice lab-notice--${level}` });
    p.setAttribute('role', level === 'error' ? 'alert' : 'status');
    // Text only: messages may quote file names or link data, which must never become markup.
    p.append(el('span', { textContent: message }));
    for (const a of actions) {
      const b = el('button', { type: 'button', className: 'lab-button', textContent: a.label });
      b.addEventListener('click', a.run);
      p.append(b);
    }
    const close = el('button', { type: 'button', className: 'lab-button lab-button--quiet', textContent: 'Dismiss' });
    close.addEventListener('click', () => p.remove());
    p.append(close);
    notices.append(p);
    return p;
  };

  const showSave = (): void => {
    const labels = { saved: 'Saved', saving: 'Saving…', error: 'Not saved', memory: 'Not saved (memory only)' } as const;
    saveStatus.textContent = labels[session.saveState];
    saveStatus.title = session.saveMessage;
    saveStatus.dataset.state = session.saveState;
  };

  let readonlyBanner: HTMLElement | null = null;
  let saveErrorNotice: HTMLElement | null = null;

  const mountViews = async (opts: { sharedLink?: string; workspaceId?: string } = {}): Promise<void> => {
    unsub?.();
    terminal?.dispose();
    editor?.dispose();
    current?.dispose();
    // Which workspace this preset's sample last had open (its own, or one made from a shared link).
    const sampleKey = `current:${preset.split(/[@#]/)[0] ?? preset}`;
    // A lesson's lab has a workspace of its own (ownWorkspace), so its challenges never touch the sandbox's files.
    const remembered = opts.sharedLink || opts.workspaceId ? undefined : (ownWorkspace ?? (await storage.kv.get<string>(sampleKey).catch(() => undefined)));
    const connect = connectWorker(storage.kind === 'memory' ? { kind: 'memory', ...(storage.reason ? { reason: storage.reason } : {}) } : { kind: 'indexeddb', ...(options.storageKey ? { storageKey: options.storageKey } : {}) });
    session = await LabSession.create({ preset, storage, role: tabs.role, connect, ...(opts.sharedLink ? { sharedLink: opts.sharedLink } : {}), workspaceId: opts.workspaceId ?? remembered });
    // Beside the storage notice: where no Worker may start, the engine shares the page's thread (once).
    const onPage = takeOnPageNotice();
    if (onPage) notice('warning', onPage);
    if (!session.readOnly && !options.files && !ownWorkspace) void storage.kv.set(sampleKey, session.workspaceId).catch(() => undefined);
    current = session;
    unsub = session.subscribe((e: SessionEvent) => {
      if (e.type === 'save') {
        showSave();
        // One notice for storage failures, however many saves fail (a full disk fails every one).
        if (e.state === 'error') {
          if (saveErrorNotice?.isConnected) saveErrorNotice.querySelector('span')!.textContent = e.message;
          else saveErrorNotice = notice('error', e.message);
        }
      } else if (e.type === 'notice') notice(e.level, e.message);
      // A file opened for the learner (a challenge's solution writing it) is shown where they look.
      else if (e.type === 'open-file') switcher.showEditor();
    });
    editor = null;
    const editorLoading = el('p', { className: 'lab-editor-loading', textContent: 'Loading the editor…' });
    editorLoading.setAttribute('role', 'status');
    editorHost.replaceChildren(editorLoading);
    termHost.replaceChildren();
    terminal = mountTerminal(termHost, session, { screenReaderMode: readPref(SR_KEY) === 'on', hintHost: termHead });
    const forSession = session;
    // Mounted as soon as its chunk is here (usually already, as it loads while the session opens).
    if (editorModule) void editorModule.then(
      (m) => {
        if (current !== forSession) return;
        editorHost.replaceChildren();
        editor = m.mountEditor(editorHost, forSession, { readOnly: options.readonlyEditor, fixedFiles: options.readonlyFiles });
      },
      (err: unknown) => {
        if (current !== forSession) return;
        editorLoading.textContent = `The editor could not be loaded (${err instanceof Error ? err.message : String(err)}). Reload the page to try again; the terminal works meanwhile.`;
      },
    );
    pictures?.dispose();
    if (!hide.has('pictures')) void import('../components/views/mount.ts').then((m) => m.mountViews(picturesHost, forSession)).then((h) => {
      if (current === forSession) pictures = h;
      else h.dispose();
    });
    srBtn.setAttribute('aria-pressed', String(terminal.screenReaderMode));
    for (const b of [resetBtn, importBtn]) b.disabled = session.readOnly;
    showSave();
    readonlyBanner?.remove();
    readonlyBanner = null;
    if (session.readOnly) {
      readonlyBanner = notice('warning', 'The lab is open in another tab. This tab is read-only, so the two never overwrite each other.', [
        {
          label: 'Take over here',
          run: async () => {
            await tabs.takeOver();
            await mountViews({ workspaceId: session.workspaceId });
          },
        },
      ]);
    }
  };

  tabs.onLost(async (release, lapsed) => {
    // Another tab takes over: save, then become read-only (after a lapsed lease the other tab owns the data already).
    if (!lapsed) await current?.persist();
    release();
    await mountViews({ workspaceId: current?.workspaceId });
  });
  tabs.onAvailable(async () => {
    await mountViews({ workspaceId: current?.workspaceId });
  });

  if (storage.kind === 'memory' && storage.reason) notice('warning', storage.reason);
  if (!options.ignoreShareLinks) sharedFromUrl = null;
  if (options.files) {
    // Inline files (an embed's) go over the preset's sample, in a workspace of their own: made once,
    // and reopened as the learner left it on later visits.
    const filesWorkspace = `embed-${filesKey(options.files)}`;
    await mountViews({ workspaceId: filesWorkspace });
    const appliedKey = `applied:${filesWorkspace}`;
    if (current && !current.readOnly && !(await storage.kv.get<boolean>(appliedKey).catch(() => undefined))) {
      for (const [path, text] of Object.entries(options.files)) {
        const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
        if (dir) await current.workspace.mkdir(dir, { recursive: true });
        await current.saveFile(path, text);
      }
      await storage.kv.set(appliedKey, true).catch(() => undefined);
    }
  } else if (sharedLink && tabs.role === 'owner') {
    await mountViews({ sharedLink });
    const opened = current?.sharedOpened;
    if (current?.shareError) notice('error', `${current.shareError} Your own work was not touched.`);
    if (opened) {
      const prevId = preset.split(/[@#]/)[0] ?? preset;
      notice('info', `The shared project (${opened.files} files) was opened in a new workspace. Your own work is kept.`, [
        { label: 'Back to my workspace', run: () => void mountViews({ workspaceId: prevId }) },
      ]);
      if (opened.refused.length) notice('warning', `Not opened (a .git folder, or a name the lab refuses): ${opened.refused.join(', ')}`);
    }
  } else {
    await mountViews();
    if (sharedLink) notice('warning', 'A shared project could not be opened because this tab is read-only. Take over first, then open the link again.');
  }

  resetBtn.addEventListener('click', async () => {
    const checkpoints = session.checkpoints();
    const target = session.checkpoint ?? checkpoints[checkpoints.length - 1];
    const risky = await session.hasUnsavedWork();
    if (risky && !window.confirm(`Reset the lab to ${session.sampleName}${target ? ` at ${target}` : ''}? Your uncommitted changes and your own commits in this sample will be lost. (Export a .zip first to keep them.)`)) return;
    try {
      await session.resetLab(session.checkpoint);
    } catch (err) {
      notice('error', `Reset failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  });

  exportBtn.addEventListener('click', async () => {
    const zip = await session.exportZip();
    const blob = new Blob([zip as BlobPart], { type: 'application/zip' });
    const a = el('a', { href: URL.createObjectURL(blob), download: `${session.sampleName}.zip` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  });

  importBtn.addEventListener('click', () => importInput.click());
  importInput.addEventListener('change', async () => {
    const file = importInput.files?.[0];
    importInput.value = '';
    if (!file) return;
    if ((await session.hasUnsavedWork()) && !window.confirm(`Replace the files of this workspace with ${file.name}? Uncommitted changes will be lost (the git history stays).`)) return;
    try {
      const n = await session.importZip(new Uint8Array(await file.arrayBuffer()));
      notice('info', `Imported ${n} files from ${file.name}. Use git status to see what changed.`);
    } catch (err) {
      notice('error', err instanceof Error ? err.message : String(err));
    }
  });

  linkBtn.addEventListener('click', async () => {
    const { fragment, omitted } = await session.shareFragment();
    const url = `${location.origin}${location.pathname}${location.search}#${fragment}`;
    let copied = false;
    try {
      await navigator.clipboard.writeText(url);
      copied = true;
    } catch {
      copied = false;
    }
    const skipped = omitted.length ? ` Left out (too large or not text): ${omitted.join(', ')}.` : '';
    const p = notice('info', copied ? `Link copied.${skipped}` : `Copy this link:${skipped}`);
    const field = el('input', { type: 'text', readOnly: true, value: url, className: 'lab-link-field' });
    field.setAttribute('aria-label', 'Link to this project');
    p.insertBefore(field, p.children[1] ?? null);
    if (!copied) field.select();
  });

  srBtn.addEventListener('click', () => {
    if (!terminal) return;
    const on = !terminal.screenReaderMode;
    terminal.setScreenReaderMode(on);
    writePref(SR_KEY, on ? 'on' : 'off');
    srBtn.setAttribute('aria-pressed', String(on));
  });

  return {
    get session() {
      return session;
    },
    runCommand: (text) => session.runCommand(text),
  };
}

let paneSerial = 0;

/**
 * The pictures and the editor as two tabs of one pane. Ctrl-Shift-E switches from anywhere in the lab:
 * to the editor, focused, and from the editor back to the pictures and the terminal. Where the lab is
 * wide enough for three panes, lab.css hides the tabs and shows both panes.
 */
function paneTabs(root: HTMLElement, pictures: HTMLElement, editor: HTMLElement, terminal: HTMLElement): { element: HTMLElement; showEditor(): void } {
  const n = ++paneSerial;
  const panels = [pictures, editor];
  const tabs = ['Pictures', 'Editor'].map((label, i) => {
    const tab = el('button', { type: 'button', className: 'lab-switch__tab', textContent: label, id: `lab-tab-${n}-${i}`, onclick: () => show(i) });
    tab.setAttribute('role', 'tab');
    tab.setAttribute('aria-controls', (panels[i]!.id = `lab-pane-${n}-${i}`));
    panels[i]!.setAttribute('role', 'tabpanel');
    panels[i]!.setAttribute('aria-labelledby', tab.id);
    return tab;
  });
  const list = el('div', { className: 'lab-switch__tabs', onkeydown: (ev: KeyboardEvent) => {
    const i = ({ ArrowLeft: 1 - shown, ArrowRight: 1 - shown, Home: 0, End: 1 } as Record<string, number>)[ev.key];
    if (i === undefined) return;
    ev.preventDefault();
    show(i, tabs);
  } }, ...tabs);
  list.setAttribute('role', 'tablist');
  list.setAttribute('aria-label', 'Lab panes');
  let shown = 0;
  const show = (i: number, focus?: { focus(): void } | HTMLElement[] | null): void => {
    shown = i;
    panels.forEach((p, j) => {
      p.hidden = j !== i;
      tabs[j]!.setAttribute('aria-selected', String(j === i));
      tabs[j]!.tabIndex = j === i ? 0 : -1;
    });
    (Array.isArray(focus) ? focus[i] : focus)?.focus();
  };
  show(0);
  root.addEventListener('keydown', (ev) => {
    if (!ev.ctrlKey || !ev.shiftKey || ev.altKey || ev.code !== 'KeyE') return;
    ev.preventDefault();
    if (editor.contains(document.activeElement)) show(0, terminal.querySelector('textarea'));
    else show(1, editor.querySelector<HTMLElement>('.cm-content') ?? tabs[1]);
  });
  return {
    element: el('div', { className: 'lab-switch' }, list, el('p', { className: 'lab-hint', textContent: 'Ctrl-Shift-E switches between the pictures and the editor.' })),
    showEditor: () => show(1),
  };
}

/** Adds a "Run" button to every lesson code block marked with data-lab-run. */
export function wireRunButtons(doc: Document, run: (text: string) => Promise<number>, revealTerminal: () => void): void {
  for (const block of doc.querySelectorAll<HTMLElement>('[data-lab-run]')) {
    if (block.querySelector('[data-lab-run-button]')) continue;
    const text = block.dataset.labRun ?? '';
    if (!text) continue;
    const b = el('button', { type: 'button', className: 'lab-button lab-run-button', textContent: 'Run' });
    b.dataset.labRunButton = '';
    b.setAttribute('aria-label', `Run in the lab: ${text}`);
    // Focus stays on the button, so the next step's button is one Tab away; the terminal comes into view.
    b.addEventListener('click', () => {
      revealTerminal();
      void run(text);
    });
    block.append(b);
  }
}
