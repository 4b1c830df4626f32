// The terminal island: xterm.js with a readline-like prompt over the lab session's shell.

import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import '@xterm/xterm/css/xterm.css';
import type { LabSession } from '../../lab/session.ts';
import { TERMINAL_THEMES } from './terminal-theme.ts';
import type { ShellIO } from '../../shell/index.ts';
import { applyKey, splitPaste, commonPrefix, redrawSequence, EMPTY_LINE, insert, type LineState } from '../../lab/line-editor.ts';

export interface TerminalIsland {
  focus(): void;
  setScreenReaderMode(on: boolean): void;
  readonly screenReaderMode: boolean;
  dispose(): void;
}

function cssVar(el: HTMLElement, name: string, fallback: string): string {
  const v = getComputedStyle(el).getPropertyValue(name).trim();
  return v || fallback;
}

export function mountTerminal(host: HTMLElement, session: LabSession, options: { screenReaderMode?: boolean; hintHost?: HTMLElement } = {}): TerminalIsland {
  // The site's theme: the toggle's choice (html[data-theme]) wins over the system setting.
  const systemDark = matchMedia('(prefers-color-scheme: dark)');
  const isDark = (): boolean => {
    const chosen = document.documentElement.dataset.theme;
    return chosen === 'dark' || (chosen !== 'light' && systemDark.matches);
  };
  const themeFor = (dark: boolean) => TERMINAL_THEMES[dark ? 'dark' : 'light'];
  const term = new Terminal({
    convertEol: true,
    cursorBlink: true,
    scrollback: 5000,
    fontFamily: cssVar(document.documentElement, '--font-mono', 'ui-monospace, Menlo, Consolas, monospace'),
    fontSize: 14,
    screenReaderMode: options.screenReaderMode ?? false,
    theme: themeFor(isDark()),
  });
  const retheme = (): void => {
    term.options.theme = themeFor(isDark());
  };
  const themeObserver = new MutationObserver(retheme);
  themeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  systemDark.addEventListener('change', retheme);
  const fit = new FitAddon();
  term.loadAddon(fit);
  // No link addon: the lab's output has no link a learner would follow (a registry's API address in an
  // error, a distribution's home page in /etc/os-release), and it cost 1.1 KB gzipped of the budget.
  term.open(host);
  term.textarea?.setAttribute('aria-label', 'Terminal');

  // Leaving by keyboard (WCAG 2.1.2). Tab is the shell's completion key, so, as in the lab's editor
  // and JupyterLab's terminal, Esc then Tab (or Shift-Tab) moves focus on: xterm leaves that Tab to
  // the browser.
  const hint = document.createElement('p');
  hint.className = 'lab-hint';
  hint.id = `lab-terminal-hint-${Math.random().toString(36).slice(2, 8)}`;
  hint.textContent = 'Press Esc then Tab (or Shift-Tab) to leave the terminal.';
  (options.hintHost ?? host).append(hint);
  term.textarea?.setAttribute('aria-describedby', hint.id);
  let escaped = false;
  term.attachCustomKeyEventHandler((ev) => {
    if (ev.type !== 'keydown') return true;
    // The lab's own shortcut (Ctrl-Shift-E: the editor and the pictures) is the lab's.
    if (ev.ctrlKey && ev.shiftKey && ev.code === 'KeyE') return false;
    if (ev.key === 'Tab' && escaped) return (escaped = false);
    if (!['Shift', 'Control', 'Alt', 'Meta'].includes(ev.key)) escaped = ev.key === 'Escape';
    return true;
  });
  // Screen reader mode. xterm's own live region reads every character the terminal prints, so each
  // redraw of the prompt was read again ("lab:/$ dlab:/$ do…"): it is kept silent, and this region
  // says each command's output once, when the command has finished (the screen reader itself echoes
  // the learner's keys).
  const said = document.createElement('div');
  said.className = 'visually-hidden';
  said.setAttribute('aria-live', 'polite');
  host.after(said);
  const silenceEcho = (): void => host.querySelector('.live-region')?.setAttribute('aria-live', 'off');
  const announce = (text: string): void => {
    if (!term.options.screenReaderMode) return;
    // Emptied first, so that the same output twice in a row is read twice.
    said.textContent = '';
    setTimeout(() => (said.textContent = text), 50);
  };
  const row = (): number => term.buffer.active.baseY + term.buffer.active.cursorY;
  let outputFrom = 0;
  /** The lines written since outputFrom; a long output is summed up: its length, then its last lines. */
  const outputSince = (): string => {
    const lines = readLines(outputFrom, row());
    while (lines.length && !lines[lines.length - 1]!.trim()) lines.pop();
    return lines.length > 20 ? `${lines.length} lines of output, ending: ${lines.slice(-20).join('\n')}` : lines.join('\n');
  };
  const readLines = (from: number, to: number): string[] => {
    const b = term.buffer.active;
    const lines: string[] = [];
    for (let i = Math.max(0, from); i < Math.min(to, b.length); i++) {
      const l = b.getLine(i);
      if (l?.isWrapped && lines.length) lines[lines.length - 1] += l.translateToString(false);
      else if (l) lines.push(l.translateToString(false));
    }
    return lines.map((l) => l.trimEnd());
  };
  try {
    fit.fit();
  } catch {
    /* not laid out yet */
  }

  let line: LineState = EMPTY_LINE;
  let cursorCells = 0;
  let running = false;
  let abort: AbortController | null = null;
  let lastWasTab = false;
  const pending: { text: string; resolve: (code: number) => void }[] = [];

  const prompt = (): string => session.shell.prompt({ color: true });

  const redraw = (): void => {
    const r = redrawSequence(prompt(), line, cursorCells, term.cols);
    cursorCells = r.cursorCells;
    term.write(r.seq);
  };

  const showPrompt = (): void => {
    line = EMPTY_LINE;
    cursorCells = 0;
    redraw();
  };

  const write = (s: string): void => {
    if (s) term.write(s);
  };

  const moveToLineEnd = (): void => {
    // Leave the cursor after the whole (possibly wrapped) input before printing below it.
    const end = { ...line, cursor: line.text.length };
    const r = redrawSequence(prompt(), end, cursorCells, term.cols);
    cursorCells = r.cursorCells;
    term.write(r.seq);
  };

  const runLine = async (text: string): Promise<number> => {
    moveToLineEnd();
    term.write('\r\n', () => (outputFrom = row()));
    line = EMPTY_LINE;
    cursorCells = 0;
    if (!text.trim()) {
      showPrompt();
      return 0;
    }
    session.recordHistory(text);
    return runJob((io) => session.execute(text, io));
  };

  /** Ctrl-D on an empty line: a container's shell exits as with `exit`; the lab's own shell has nowhere to exit to. */
  const endInput = async (): Promise<void> => {
    if (!session.shell.container) {
      term.write('\x07');
      return;
    }
    term.write('\r\n');
    line = EMPTY_LINE;
    cursorCells = 0;
    await runJob((io) => session.endInput(io));
  };

  const runJob = async (start: (io: ShellIO) => Promise<number>): Promise<number> => {
    running = true;
    host.dataset.running = 'true';
    abort = new AbortController();
    let code = 0;
    try {
      // `rows` is beyond the shell's ShellIO contract: a progress display may use it to fit its frames
      // to the terminal's height, as BuildKit's does.
      const io: ShellIO & { readonly rows: number } = { stdout: write, stderr: write, tty: true, columns: term.cols, rows: term.rows, signal: abort.signal };
      code = await start(io);
    } finally {
      running = false;
      abort = null;
    }
    // Like zsh and fish, start the prompt on a fresh line when the output did not end with one.
    await new Promise<void>((resolve) => term.write('', resolve));
    if (term.buffer.active.cursorX !== 0) term.write('\r\n');
    if (term.options.screenReaderMode) {
      await new Promise<void>((resolve) => term.write('', resolve));
      announce(outputSince() || `Done${code ? `, exit status ${code}` : ''}.`);
    }
    showPrompt();
    // Finished-command count and state, for tests and tools that drive the terminal.
    host.dataset.completed = String(Number(host.dataset.completed ?? '0') + 1);
    host.dataset.running = 'false';
    void drain();
    return code;
  };

  const drain = async (): Promise<void> => {
    if (running) return;
    const next = pending.shift();
    if (!next) return;
    line = { text: next.text, cursor: next.text.length };
    redraw();
    next.resolve(await runLine(next.text));
  };

  const complete = async (secondTab: boolean): Promise<void> => {
    const res = await session.shell.complete(line.text, line.cursor);
    const word = line.text.slice(res.start, line.cursor);
    const cands = res.candidates;
    if (cands.length === 0) {
      term.write('\x07');
      return;
    }
    const replaceWord = (w: string): void => {
      line = { text: line.text.slice(0, res.start) + w + line.text.slice(line.cursor), cursor: res.start + w.length };
      redraw();
    };
    if (cands.length === 1) {
      const c = cands[0]!;
      replaceWord(c.endsWith('/') || c.endsWith('=') ? c : c + ' ');
      return;
    }
    const prefix = commonPrefix(cands);
    if (prefix.length > word.length) {
      replaceWord(prefix);
      return;
    }
    if (secondTab) {
      moveToLineEnd();
      const width = Math.max(...cands.map((c) => c.length)) + 2;
      const perRow = Math.max(1, Math.floor(term.cols / width));
      let out = '\r\n';
      cands.forEach((c, i) => {
        out += c.padEnd(width);
        if ((i + 1) % perRow === 0 || i === cands.length - 1) out += '\r\n';
      });
      term.write(out);
      announce(cands.join(', '));
      cursorCells = 0;
      term.write(prompt());
      redraw();
    } else term.write('\x07');
  };

  const onKey = async (data: string): Promise<void> => {
    if (running) {
      if (data.includes('\x03')) {
        abort?.abort();
        term.write('^C');
      }
      return;
    }
    // Pasted text spanning lines: run each complete line in turn, leave the rest at the prompt.
    if (data.length > 1 && /[\r\n]/.test(data) && !data.startsWith('\x1b[')) {
      const { lines, rest } = splitPaste(data);
      if (lines.length > 0) {
        const first = line.text.slice(0, line.cursor) + lines[0] + line.text.slice(line.cursor);
        const queued = [first, ...lines.slice(1)];
        const last = queued.pop()!;
        for (const q of queued) pending.push({ text: q, resolve: () => undefined });
        pending.push({ text: last, resolve: () => undefined });
        if (rest) pending.push({ text: `\u0000rest:${rest}`, resolve: () => undefined });
        line = EMPTY_LINE;
        await drainPaste();
        return;
      }
    }
    const action = applyKey(line, data);
    const secondTab = lastWasTab && action.type === 'complete';
    lastWasTab = action.type === 'complete';
    switch (action.type) {
      case 'edit':
        line = action.state;
        session.history.reset();
        redraw();
        break;
      case 'submit':
        await runLine(action.line);
        break;
      case 'interrupt':
        moveToLineEnd();
        term.write('^C\r\n');
        session.history.reset();
        showPrompt();
        break;
      case 'eof':
        await endInput();
        break;
      case 'clear-screen':
        term.write('\x1b[H\x1b[2J');
        cursorCells = 0;
        term.write(prompt());
        redraw();
        break;
      case 'complete':
        await complete(secondTab);
        break;
      case 'history': {
        const h = session.history.move(action.direction, line.text);
        if (h !== null) {
          line = { text: h, cursor: h.length };
          redraw();
        }
        break;
      }
      default:
        break;
    }
  };

  const drainPaste = async (): Promise<void> => {
    while (pending.length > 0 && !running) {
      const next = pending.shift()!;
      if (next.text.startsWith('\u0000rest:')) {
        line = insert(EMPTY_LINE, next.text.slice('\u0000rest:'.length));
        redraw();
        return;
      }
      line = { text: next.text, cursor: next.text.length };
      redraw();
      next.resolve(await runLine(next.text));
    }
  };

  // Keys are handled one after another, even when a handler awaits (completion, a running command).
  let chain: Promise<void> = Promise.resolve();
  const dataSub = term.onData((data) => {
    if (running && data.includes('\x03')) {
      void onKey(data);
      return;
    }
    chain = chain.then(() => onKey(data)).catch((err) => console.error(err));
  });

  const selSub = term.onSelectionChange(() => {
    const s = term.getSelection();
    if (s && navigator.clipboard?.writeText) navigator.clipboard.writeText(s).catch(() => undefined);
  });

  session.setRunner(
    (text) =>
      new Promise<number>((resolve) => {
        chain = chain.then(async () => {
          if (running) {
            pending.push({ text, resolve });
            return;
          }
          line = { text, cursor: text.length };
          redraw();
          resolve(await runLine(text));
        });
      }),
  );

  // The whole buffer as text (scrollback included), for tests and for tools that read the terminal.
  (host as HTMLElement & { readTerminalBuffer?: () => string }).readTerminalBuffer = () => readLines(0, term.buffer.active.length).join('\n').replace(/\s+$/, '');

  const ro = new ResizeObserver(() => {
    try {
      fit.fit();
    } catch {
      /* hidden */
    }
  });
  ro.observe(host);

  term.write(
    'Welcome to the Layerlab lab. It all runs in your\r\n' +
      'browser: a simulated Docker engine, a git repository\r\n' +
      'with the sample project, and a small shell.\r\n' +
      'Type \x1b[1mhelp\x1b[0m for the commands, or try \x1b[1mdocker build -t app .\x1b[0m\r\n\r\n',
  );
  showPrompt();
  silenceEcho();

  return {
    focus: () => term.focus(),
    setScreenReaderMode(on) {
      term.options.screenReaderMode = on;
      silenceEcho();
    },
    get screenReaderMode() {
      return term.options.screenReaderMode ?? false;
    },
    dispose() {
      session.setRunner(null);
      dataSub.dispose();
      selSub.dispose();
      ro.disconnect();
      themeObserver.disconnect();
      systemDark.removeEventListener('change', retheme);
      abort?.abort();
      term.dispose();
      hint.remove();
      said.remove();
    },
  };
}
