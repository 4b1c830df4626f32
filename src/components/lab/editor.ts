// The editor island: a file tree of the build context and a CodeMirror 6 editor. Edits are saved to
// the workspace (so `git status` sees them); Dockerfiles get the engine's parser and lint diagnostics,
// underlined and listed under the editor (problems.ts). Highlighting is our own (highlight/).

import { EditorState, Compartment } from '@codemirror/state';
import { EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter } from '@codemirror/view';
import { history } from '@codemirror/commands';
import { editorKeymap } from './editor-keys.ts';
import type { LabSession } from '../../lab/session.ts';
import { isDockerfile, languageOf } from './highlight/languages.ts';
import { languageExtension } from './highlight/view.ts';
import { problems, problemsPanel, setProblems, stepProblem, toProblems } from './problems.ts';

export interface EditorIsland {
  open(path: string): Promise<void>;
  readonly currentPath: string | null;
  dispose(): void;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> & { className?: string } = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  Object.assign(e, props);
  e.append(...children);
  return e;
}

export interface EditorOptions {
  /** Files can be read, not changed (an embed's `readonly=editor`). */
  readonly readOnly?: boolean;
  /** No new, rename or delete (an embed's `readonly=files`). */
  readonly fixedFiles?: boolean;
}

export function mountEditor(host: HTMLElement, session: LabSession, options: EditorOptions = {}): EditorIsland {
  const viewOnly = session.readOnly || options.readOnly === true;
  const language = new Compartment();
  const readOnly = new Compartment();
  const label = new Compartment();
  let currentPath: string | null = null;
  let lastSaved = '';
  let saveTimer: ReturnType<typeof setTimeout> | null = null;
  let loading = false;

  const filesNav = el('nav', { className: 'lab-files' });
  filesNav.setAttribute('aria-label', 'Files');
  const fileList = el('ul', { className: 'lab-files__list' });
  const newBtn = el('button', { type: 'button', className: 'lab-button', textContent: 'New file' });
  const renameBtn = el('button', { type: 'button', className: 'lab-button', textContent: 'Rename' });
  const deleteBtn = el('button', { type: 'button', className: 'lab-button', textContent: 'Delete' });
  const fileActions = el('div', { className: 'lab-files__actions' }, newBtn, renameBtn, deleteBtn);
  filesNav.append(el('h3', { className: 'lab-pane-title', textContent: 'Files' }), fileList, fileActions);

  const title = el('span', { className: 'lab-editor__path', textContent: '' });
  const buildBtn = el('button', { type: 'button', className: 'lab-button lab-button--primary', textContent: 'Build' });
  buildBtn.title = 'Runs docker build -t app . in the terminal';
  const hint = el('p', { className: 'lab-editor__hint', textContent: 'Press Esc then Tab to leave the editor. F8 goes to the next problem, Ctrl-Shift-M to the list of problems.' });
  hint.id = `lab-editor-hint-${Math.random().toString(36).slice(2, 8)}`;
  const bar = el('div', { className: 'lab-editor__bar' }, title, buildBtn);
  const cmHost = el('div', { className: 'lab-editor__cm' });
  const panel = problemsPanel(() => view);
  const editorCol = el('div', { className: 'lab-editor' }, bar, cmHost, hint, panel.element);
  host.append(filesNav, editorCol);

  const scheduleSave = (): void => {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = setTimeout(() => void flushSave(), 350);
    session.noteEditPending(true);
  };

  // An edit must survive a reload, a closed tab or a link followed within the save pause. A storage
  // write started while the page goes away may never complete, so the page also writes the pending
  // edit synchronously to a journal in localStorage; the next load replays it, then clears it.
  const journalKey = `layerlab:unsaved-edit:${session.workspaceId}`;
  const journaling = session.storage.kind !== 'memory' && !session.readOnly;
  let savesUnderWay = 0;
  const clearJournal = (): void => {
    try {
      localStorage.removeItem(journalKey);
    } catch {
      /* no localStorage: nothing was journaled */
    }
  };
  const onPageHide = (): void => {
    if (!journaling || !currentPath) return;
    if (saveTimer || savesUnderWay > 0) {
      try {
        localStorage.setItem(journalKey, JSON.stringify({ path: currentPath, text: view.state.doc.toString() }));
      } catch {
        /* full or missing localStorage: the save below is the only chance */
      }
    }
    void flushSave();
  };
  const onVisibility = (): void => {
    if (document.visibilityState === 'hidden') onPageHide();
  };
  window.addEventListener('pagehide', onPageHide);
  document.addEventListener('visibilitychange', onVisibility);
  const replayed: Promise<void> = (async () => {
    let entry: { path?: unknown; text?: unknown } | null = null;
    try {
      entry = journaling ? JSON.parse(localStorage.getItem(journalKey)!) : null;
    } catch {
      /* nothing (readable) was journaled */
    }
    if (typeof entry?.path !== 'string' || typeof entry.text !== 'string') return;
    // Saved, then forgotten; when the save fails the journal stays for the next load.
    await session.saveFile(entry.path, entry.text).then(clearJournal, () => undefined);
  })();

  // The save in flight, so a flush also waits for one that has already started.
  let inFlight: Promise<void> = Promise.resolve();
  const flushSave = async (): Promise<void> => {
    await replayed;
    if (saveTimer) {
      clearTimeout(saveTimer);
      saveTimer = null;
    }
    const text = currentPath && !viewOnly ? view.state.doc.toString() : lastSaved;
    if (!currentPath || text === lastSaved) {
      session.noteEditPending(false);
      return inFlight;
    }
    const path = currentPath;
    lastSaved = text;
    // The edit is handed to a save now, so the status stays "Saving…" until that save is on disk.
    const release = session.holdSave();
    session.noteEditPending(false);
    const previous = inFlight;
    savesUnderWay++;
    inFlight = (async () => {
      await previous;
      try {
        await session.saveFile(path, text);
        // Stored: the journal is only needed while an edit is not.
        if (savesUnderWay === 1 && !saveTimer && journaling) clearJournal();
      } catch (err) {
        session.notice('error', `Could not save ${path}: ${err instanceof Error ? err.message : String(err)}`);
      } finally {
        savesUnderWay--;
        release();
      }
    })();
    return inFlight;
  };
  // A command typed in the terminal right after an edit sees the edit.
  const offFlush = session.beforeCommand(flushSave);

  const contentLabel = (path: string | null) => EditorView.contentAttributes.of({ 'aria-label': path ? `Editor: ${path}` : 'Editor', 'aria-describedby': hint.id, tabindex: '0' });

  const view = new EditorView({
    parent: cmHost,
    state: EditorState.create({
      doc: '',
      extensions: [
        // Not drawSelection() nor highlightSpecialChars(), about 4 KB gzipped together, which the lab's
        // budget spends better elsewhere. The editor keeps one selection (no secondary ones to draw),
        // so the browser's own selection and caret show it (its highlight may leave gaps between
        // lines). An invisible character is not drawn as a placeholder; in a Dockerfile the engine
        // reads a no-break space as a space, as BuildKit does, and the parser's error names the line
        // of any other stray character.
        lineNumbers(),
        highlightActiveLineGutter(),
        history(),
        highlightActiveLine(),
        problems,
        keymap.of([
          { key: 'F8', run: (v) => stepProblem(v, 1) },
          { key: 'Shift-F8', run: (v) => stepProblem(v, -1) },
          { key: 'Mod-Shift-m', run: () => panel.focus() },
          ...editorKeymap,
        ]),
        language.of([]),
        // A read-only editor (another tab owns the lab, or an embed's readonly=editor) stays focusable and
        // readable (CodeMirror marks it aria-readonly) but takes no change from the learner: typing,
        // pasting, and key commands alike.
        readOnly.of(EditorState.readOnly.of(viewOnly)),
        EditorState.transactionFilter.of((tr) => (tr.docChanged && viewOnly && !loading ? [] : tr)),
        label.of(contentLabel(null)),
        EditorView.updateListener.of((u) => {
          if (u.docChanged && !loading) scheduleSave();
          if (u.docChanged && currentPath && isDockerfile(currentPath)) scheduleCheck();
        }),
      ],
    }),
  });

  // Dockerfile problems: the engine's parse error and build checks, 300 ms after the last keystroke.
  let checkTimer: ReturnType<typeof setTimeout> | null = null;
  let checkRun = 0;
  let disposed = false;
  const check = async (): Promise<void> => {
    const run = ++checkRun;
    if (disposed) return;
    if (!currentPath || !isDockerfile(currentPath)) {
      panel.show(null);
      view.dispatch({ effects: setProblems.of([]) });
      return;
    }
    const doc = view.state.doc;
    // The engine's parser and build checks run in the lab's core, off the page's thread.
    const diagnostics = await session.diagnoseDockerfile(doc.toString()).catch(() => []);
    // A newer check (or an edit) superseded this one while it ran.
    if (disposed || run !== checkRun || view.state.doc !== doc) return;
    const found = toProblems(doc, diagnostics);
    view.dispatch({ effects: setProblems.of(found) });
    panel.show(found);
  };
  function scheduleCheck(delay = 300): void {
    if (checkTimer) clearTimeout(checkTimer);
    checkTimer = setTimeout(() => {
      checkTimer = null;
      void check();
    }, delay);
  }

  const renderTree = async (): Promise<void> => {
    const files = await session.workspace.listFiles().catch(() => [] as string[]);
    const items: HTMLLIElement[] = [];
    const shownDirs = new Set<string>();
    for (const path of files) {
      const parts = path.split('/');
      // Folder rows (not buttons) above the files they hold.
      for (let i = 1; i < parts.length; i++) {
        const dir = parts.slice(0, i).join('/');
        if (shownDirs.has(dir)) continue;
        shownDirs.add(dir);
        const row = el('span', { className: 'lab-files__dir', textContent: `${parts[i - 1]}/` });
        row.style.paddingInlineStart = `${0.5 + (i - 1)}rem`;
        items.push(el('li', {}, row));
      }
      const btn = el('button', { type: 'button', className: 'lab-files__file', textContent: parts[parts.length - 1] ?? path });
      btn.style.paddingInlineStart = `${0.5 + parts.length - 1}rem`;
      btn.title = path;
      btn.setAttribute('aria-label', path);
      if (path === currentPath) btn.setAttribute('aria-current', 'true');
      btn.addEventListener('click', () => void open(path));
      items.push(el('li', {}, btn));
    }
    fileList.replaceChildren(...items);
  };

  const open = async (path: string): Promise<void> => {
    await flushSave();
    let text: string;
    try {
      text = new TextDecoder().decode(await session.workspace.readFile(path));
    } catch (err) {
      session.notice('error', `Could not open ${path}: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    currentPath = path;
    lastSaved = text;
    title.textContent = path;
    loading = true;
    view.dispatch({
      changes: { from: 0, to: view.state.doc.length, insert: text },
      effects: [language.reconfigure(languageExtension(languageOf(path))), setProblems.of([]), label.reconfigure(contentLabel(path))],
    });
    loading = false;
    scheduleCheck(0);
    await renderTree();
  };

  /** After the shell or git changed files: refresh the tree, and the open file when it has no unsaved edits. */
  let refreshTimer: ReturnType<typeof setTimeout> | null = null;
  const refresh = (): void => {
    if (refreshTimer) clearTimeout(refreshTimer);
    refreshTimer = setTimeout(async () => {
      await renderTree();
      // A changed .dockerignore or build context changes the build checks.
      scheduleCheck();
      if (!currentPath) return;
      const st = await session.workspace.stat(currentPath);
      if (!st) {
        currentPath = null;
        title.textContent = '';
        loading = true;
        view.dispatch({
          changes: { from: 0, to: view.state.doc.length, insert: '' },
          effects: [language.reconfigure([]), setProblems.of([]), label.reconfigure(contentLabel(null))],
        });
        loading = false;
        const files = await session.workspace.listFiles();
        if (files.includes('Dockerfile')) await open('Dockerfile');
        return;
      }
      const onDisk = new TextDecoder().decode(await session.workspace.readFile(currentPath));
      const doc = view.state.doc.toString();
      if (onDisk !== doc && doc === lastSaved && !saveTimer) {
        lastSaved = onDisk;
        loading = true;
        view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: onDisk } });
        loading = false;
      }
    }, 60);
  };

  const unsubscribe = session.subscribe((event) => {
    if (event.type === 'files') refresh();
    if (event.type === 'open-file') void open(event.path);
  });

  buildBtn.addEventListener('click', async () => {
    await flushSave();
    void session.runCommand('docker build -t app .');
  });
  newBtn.addEventListener('click', async () => {
    const name = window.prompt('Name of the new file (for example src/util.js):');
    if (!name) return;
    const path = name.replace(/^\/+/, '');
    try {
      await session.createFile(path);
      await open(path);
    } catch (err) {
      session.notice('error', `Could not create ${path}: ${err instanceof Error ? err.message : String(err)}`);
    }
  });
  renameBtn.addEventListener('click', async () => {
    if (!currentPath) return;
    const to = window.prompt(`Rename ${currentPath} to:`, currentPath);
    if (!to || to === currentPath) return;
    await flushSave();
    try {
      await session.renameFile(currentPath, to.replace(/^\/+/, ''));
      await open(to.replace(/^\/+/, ''));
    } catch (err) {
      session.notice('error', `Could not rename ${currentPath}: ${err instanceof Error ? err.message : String(err)}`);
    }
  });
  deleteBtn.addEventListener('click', async () => {
    if (!currentPath) return;
    if (!window.confirm(`Delete ${currentPath}? You can get it back with git restore if it was committed.`)) return;
    const path = currentPath;
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = null;
    try {
      await session.deleteFile(path);
    } catch (err) {
      session.notice('error', `Could not delete ${path}: ${err instanceof Error ? err.message : String(err)}`);
    }
  });
  for (const b of [newBtn, renameBtn, deleteBtn]) b.disabled = viewOnly || options.fixedFiles === true;

  void (async () => {
    await renderTree();
    const files = await session.workspace.listFiles();
    const first = files.includes('Dockerfile') ? 'Dockerfile' : files[0];
    if (first) await open(first);
  })();

  return {
    open,
    get currentPath() {
      return currentPath;
    },
    dispose() {
      void flushSave();
      window.removeEventListener('pagehide', onPageHide);
      document.removeEventListener('visibilitychange', onVisibility);
      offFlush();
      unsubscribe();
      if (refreshTimer) clearTimeout(refreshTimer);
      if (checkTimer) clearTimeout(checkTimer);
      disposed = true;
      view.destroy();
      host.replaceChildren();
    },
  };
}
