// The editor island: a file tree of the build context and a CodeMirror 6 editor. Edits are saved to
// the workspace (so `git status` sees them); Dockerfiles get the engine's parser and lint diagnostics.

import { EditorState, Compartment, type Extension } from '@codemirror/state';
import { EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection, highlightSpecialChars } from '@codemirror/view';
import { standardKeymap, history, historyKeymap, indentWithTab, indentMore, indentLess, toggleComment, moveLineUp, moveLineDown } from '@codemirror/commands';
import { syntaxHighlighting, HighlightStyle, bracketMatching, StreamLanguage, indentOnInput } from '@codemirror/language';
import { tags as t } from '@lezer/highlight';
import { linter, lintGutter, lintKeymap, type Diagnostic as CmDiagnostic } from '@codemirror/lint';
import type { LabSession } from '../../lab/session.ts';
import { dockerfileDiagnostics } from '../../lab/diagnostics.ts';

export interface EditorIsland {
  open(path: string): Promise<void>;
  readonly currentPath: string | null;
  dispose(): void;
}

/** Token colours from CSS variables (lab.css), so both site themes keep AA contrast. */
const labHighlight = HighlightStyle.define([
  { tag: [t.keyword, t.controlKeyword, t.moduleKeyword, t.operatorKeyword], color: 'var(--lab-hl-keyword)' },
  { tag: [t.string, t.special(t.string), t.regexp], color: 'var(--lab-hl-string)' },
  { tag: [t.comment, t.lineComment, t.blockComment], color: 'var(--lab-hl-comment)', fontStyle: 'italic' },
  { tag: [t.number, t.bool, t.atom, t.null], color: 'var(--lab-hl-number)' },
  { tag: [t.definition(t.variableName), t.function(t.variableName), t.variableName, t.propertyName], color: 'var(--lab-hl-name)' },
  { tag: [t.typeName, t.className, t.tagName, t.attributeName], color: 'var(--lab-hl-type)' },
  { tag: [t.meta, t.processingInstruction], color: 'var(--lab-hl-comment)' },
  { tag: t.invalid, color: 'var(--lab-hl-invalid)' },
]);

export function isDockerfile(path: string): boolean {
  const name = path.split('/').pop() ?? '';
  return name === 'Dockerfile' || name.startsWith('Dockerfile.') || name.endsWith('.Dockerfile') || name.endsWith('.dockerfile');
}

async function languageFor(path: string): Promise<Extension> {
  const name = path.split('/').pop() ?? '';
  const ext = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
  if (isDockerfile(path)) {
    const { dockerFile } = await import('@codemirror/legacy-modes/mode/dockerfile');
    return StreamLanguage.define(dockerFile);
  }
  // The stream-based (legacy) modes highlight as well for these small files and weigh a fraction of the
  // Lezer grammars, which keeps the lab within its download budget.
  if (['js', 'mjs', 'cjs', 'jsx'].includes(ext)) {
    const { javascript } = await import('@codemirror/legacy-modes/mode/javascript');
    return StreamLanguage.define(javascript);
  }
  if (['ts', 'tsx'].includes(ext)) {
    const { typescript } = await import('@codemirror/legacy-modes/mode/javascript');
    return StreamLanguage.define(typescript);
  }
  if (ext === 'json') {
    const { json } = await import('@codemirror/legacy-modes/mode/javascript');
    return StreamLanguage.define(json);
  }
  if (ext === 'py') {
    const { python } = await import('@codemirror/legacy-modes/mode/python');
    return StreamLanguage.define(python);
  }
  if (ext === 'go') {
    const { go } = await import('@codemirror/legacy-modes/mode/go');
    return StreamLanguage.define(go);
  }
  if (ext === 'html' || ext === 'htm') {
    const { html } = await import('@codemirror/legacy-modes/mode/xml');
    return StreamLanguage.define(html);
  }
  return [];
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> & { className?: string } = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  Object.assign(e, props);
  e.append(...children);
  return e;
}

export function mountEditor(host: HTMLElement, session: LabSession): EditorIsland {
  const language = new Compartment();
  const lint = new Compartment();
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
  const hint = el('p', { className: 'lab-editor__hint', textContent: 'Press Esc then Tab to leave the editor. Ctrl-Shift-M lists the problems.' });
  hint.id = `lab-editor-hint-${Math.random().toString(36).slice(2, 8)}`;
  const bar = el('div', { className: 'lab-editor__bar' }, title, buildBtn);
  const cmHost = el('div', { className: 'lab-editor__cm' });
  const editorCol = el('div', { className: 'lab-editor' }, bar, cmHost, hint);
  host.append(filesNav, editorCol);

  const scheduleSave = (): void => {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = setTimeout(() => void flushSave(), 350);
    session.noteEditPending(true);
  };

  // The save in flight, so a flush also waits for one that has already started.
  let inFlight: Promise<void> = Promise.resolve();
  const flushSave = async (): Promise<void> => {
    if (saveTimer) {
      clearTimeout(saveTimer);
      saveTimer = null;
    }
    const text = currentPath && !session.readOnly ? view.state.doc.toString() : lastSaved;
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
    inFlight = (async () => {
      await previous;
      try {
        await session.saveFile(path, text);
      } catch (err) {
        session.notice('error', `Could not save ${path}: ${err instanceof Error ? err.message : String(err)}`);
      } finally {
        release();
      }
    })();
    return inFlight;
  };
  // A command typed in the terminal right after an edit sees the edit.
  const offFlush = session.beforeCommand(flushSave);

  const contentLabel = (path: string | null) => EditorView.contentAttributes.of({ 'aria-label': path ? `Editor: ${path}` : 'Editor', 'aria-describedby': hint.id });

  const view = new EditorView({
    parent: cmHost,
    state: EditorState.create({
      doc: '',
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightSpecialChars(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        highlightActiveLine(),
        syntaxHighlighting(labHighlight),
        keymap.of([
          ...standardKeymap,
          ...historyKeymap,
          ...lintKeymap,
          indentWithTab,
          { key: 'Mod-]', run: indentMore },
          { key: 'Mod-[', run: indentLess },
          { key: 'Mod-/', run: toggleComment },
          { key: 'Alt-ArrowUp', run: moveLineUp },
          { key: 'Alt-ArrowDown', run: moveLineDown },
        ]),
        lintGutter(),
        language.of([]),
        lint.of([]),
        readOnly.of(EditorState.readOnly.of(session.readOnly)),
        label.of(contentLabel(null)),
        EditorView.updateListener.of((u) => {
          if (u.docChanged && !loading) scheduleSave();
        }),
      ],
    }),
  });

  const dockerLinter = linter(
    async (v): Promise<CmDiagnostic[]> => {
      const text = v.state.doc.toString();
      const files = await session.workspace.listFiles().catch(() => [] as string[]);
      const ignoreText = files.includes('.dockerignore') ? new TextDecoder().decode(await session.workspace.readFile('.dockerignore').catch(() => new Uint8Array())) : null;
      const diags = dockerfileDiagnostics(text, { files, dockerignore: ignoreText === null ? null : ignoreText.split('\n') });
      const doc = v.state.doc;
      const pos = (line: number, column: number): number => {
        const l = doc.line(Math.min(Math.max(1, line), doc.lines));
        return Math.min(l.from + Math.max(0, column), l.to);
      };
      return diags.map((d) => {
        let from = pos(d.startLine, d.startColumn);
        let to = pos(d.endLine, d.endColumn);
        if (to <= from) {
          const l = doc.line(Math.min(Math.max(1, d.startLine), doc.lines));
          from = l.from;
          to = l.to;
        }
        return { from, to, severity: d.severity, message: d.message, source: d.source };
      });
    },
    { delay: 300 },
  );

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
    const lang = await languageFor(path);
    loading = true;
    view.dispatch({
      changes: { from: 0, to: view.state.doc.length, insert: text },
      effects: [language.reconfigure(lang), lint.reconfigure(isDockerfile(path) ? dockerLinter : []), label.reconfigure(contentLabel(path))],
    });
    loading = false;
    await renderTree();
  };

  /** After the shell or git changed files: refresh the tree, and the open file when it has no unsaved edits. */
  let refreshTimer: ReturnType<typeof setTimeout> | null = null;
  const refresh = (): void => {
    if (refreshTimer) clearTimeout(refreshTimer);
    refreshTimer = setTimeout(async () => {
      await renderTree();
      if (!currentPath) return;
      const st = await session.workspace.stat(currentPath);
      if (!st) {
        currentPath = null;
        title.textContent = '';
        loading = true;
        view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: '' }, effects: [lint.reconfigure([]), label.reconfigure(contentLabel(null))] });
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
  for (const b of [newBtn, renameBtn, deleteBtn]) b.disabled = session.readOnly;

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
      offFlush();
      unsubscribe();
      if (refreshTimer) clearTimeout(refreshTimer);
      view.destroy();
      host.replaceChildren();
    },
  };
}
