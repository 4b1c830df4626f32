// The terminal's line editor, as plain data and functions (no DOM), so it can be tested in Node.
// It follows readline/bash's emacs bindings: arrows, Home/End, Ctrl-A/E/U/K/W, Alt-B/F, Delete, history.

export interface LineState {
  readonly text: string;
  /** Cursor position as an index into `text` (0…text.length). */
  readonly cursor: number;
}

export type KeyAction =
  | { type: 'edit'; state: LineState }
  | { type: 'submit'; line: string }
  | { type: 'interrupt' }
  | { type: 'clear-screen' }
  | { type: 'complete' }
  | { type: 'eof' }
  | { type: 'history'; direction: -1 | 1 }
  | { type: 'none' };

export const EMPTY_LINE: LineState = { text: '', cursor: 0 };

const isWordChar = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_]/.test(c);

/** Start of the word before the cursor, as Alt-B moves (skip non-word characters, then the word). */
export function wordLeft(text: string, cursor: number): number {
  let i = cursor;
  while (i > 0 && !isWordChar(text[i - 1])) i--;
  while (i > 0 && isWordChar(text[i - 1])) i--;
  return i;
}

/** End of the word after the cursor, as Alt-F moves. */
export function wordRight(text: string, cursor: number): number {
  let i = cursor;
  while (i < text.length && !isWordChar(text[i])) i++;
  while (i < text.length && isWordChar(text[i])) i++;
  return i;
}

/** Ctrl-W: deletes back to the previous whitespace (unix-word-rubout). */
export function rubout(state: LineState): LineState {
  let i = state.cursor;
  while (i > 0 && state.text[i - 1] === ' ') i--;
  while (i > 0 && state.text[i - 1] !== ' ') i--;
  return { text: state.text.slice(0, i) + state.text.slice(state.cursor), cursor: i };
}

export function insert(state: LineState, s: string): LineState {
  return { text: state.text.slice(0, state.cursor) + s + state.text.slice(state.cursor), cursor: state.cursor + s.length };
}

/** Interprets one key sequence (as xterm's onData delivers it) against the current line. */
export function applyKey(state: LineState, data: string): KeyAction {
  const { text, cursor } = state;
  const edit = (t: string, c: number): KeyAction => ({ type: 'edit', state: { text: t, cursor: Math.max(0, Math.min(c, t.length)) } });
  switch (data) {
    case '\r':
    case '\n':
      return { type: 'submit', line: text };
    case '\x03':
      return { type: 'interrupt' };
    case '\x0c':
      return { type: 'clear-screen' };
    case '\t':
      return { type: 'complete' };
    case '\x04':
      if (text.length === 0) return { type: 'eof' };
      return edit(text.slice(0, cursor) + text.slice(cursor + 1), cursor);
    case '\x7f':
    case '\b':
      if (cursor === 0) return { type: 'none' };
      return edit(text.slice(0, cursor - 1) + text.slice(cursor), cursor - 1);
    case '\x1b[3~':
      return edit(text.slice(0, cursor) + text.slice(cursor + 1), cursor);
    case '\x1b[D':
    case '\x1bOD':
    case '\x02':
      return edit(text, cursor - 1);
    case '\x1b[C':
    case '\x1bOC':
    case '\x06':
      return edit(text, cursor + 1);
    case '\x1b[A':
    case '\x1bOA':
    case '\x10':
      return { type: 'history', direction: -1 };
    case '\x1b[B':
    case '\x1bOB':
    case '\x0e':
      return { type: 'history', direction: 1 };
    case '\x1b[H':
    case '\x1bOH':
    case '\x1b[1~':
    case '\x01':
      return edit(text, 0);
    case '\x1b[F':
    case '\x1bOF':
    case '\x1b[4~':
    case '\x05':
      return edit(text, text.length);
    case '\x15':
      return edit(text.slice(cursor), 0);
    case '\x0b':
      return edit(text.slice(0, cursor), cursor);
    case '\x17':
      return { type: 'edit', state: rubout(state) };
    case '\x1bb':
    case '\x1b[1;3D':
    case '\x1b[1;5D':
      return edit(text, wordLeft(text, cursor));
    case '\x1bf':
    case '\x1b[1;3C':
    case '\x1b[1;5C':
      return edit(text, wordRight(text, cursor));
    case '\x1bd':
      return edit(text.slice(0, cursor) + text.slice(wordRight(text, cursor)), cursor);
    case '\x1b\x7f':
      return edit(text.slice(0, wordLeft(text, cursor)) + text.slice(cursor), wordLeft(text, cursor));
    default:
      break;
  }
  if (data.startsWith('\x1b')) return { type: 'none' };
  // Printable text (typed or pasted on one line). Control characters are dropped.
  // eslint-disable-next-line no-control-regex
  const printable = data.replace(/[\u0000-\u001f\u007f]/g, '');
  if (!printable) return { type: 'none' };
  return { type: 'edit', state: insert(state, printable) };
}

/**
 * Splits pasted text into complete lines (to run one after another) and the unfinished last line
 * (left on the prompt for the learner to finish). Bracketed-paste markers are removed.
 */
export function splitPaste(data: string): { lines: string[]; rest: string } {
  const clean = data.replace(/\x1b\[20[01]~/g, '').replace(/\r\n/g, '\n').replace(/\r/g, '\n');
  const parts = clean.split('\n');
  const rest = parts.pop() ?? '';
  return { lines: parts, rest };
}

/** Command history with bash-like navigation: a draft line is kept while browsing. */
export class History {
  private entries: string[];
  private index: number;
  private draft = '';
  readonly limit: number;

  constructor(entries: readonly string[] = [], limit = 500) {
    this.entries = entries.slice(-limit);
    this.index = this.entries.length;
    this.limit = limit;
  }

  list(): readonly string[] {
    return this.entries;
  }

  /** Adds a submitted line (blank lines and immediate repeats are not recorded, as with HISTCONTROL=ignoredups). */
  push(line: string): void {
    const t = line.trim();
    if (t && this.entries[this.entries.length - 1] !== line) {
      this.entries.push(line);
      if (this.entries.length > this.limit) this.entries.shift();
    }
    this.index = this.entries.length;
    this.draft = '';
  }

  /** Moves through history; returns the line to show, or null when there is nowhere to go. */
  move(direction: -1 | 1, current: string): string | null {
    if (this.index === this.entries.length) this.draft = current;
    const next = this.index + direction;
    if (next < 0 || next > this.entries.length) return null;
    this.index = next;
    return next === this.entries.length ? this.draft : this.entries[next]!;
  }

  reset(): void {
    this.index = this.entries.length;
    this.draft = '';
  }
}

/** Longest common prefix of completion candidates. */
export function commonPrefix(words: readonly string[]): string {
  if (words.length === 0) return '';
  let p = words[0]!;
  for (const w of words) while (!w.startsWith(p)) p = p.slice(0, -1);
  return p;
}

/** Visible width of a string that may hold ANSI colour sequences. */
export function visibleLength(s: string): number {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').length;
}

/**
 * The escape sequence that redraws the prompt and line in place, given where the cursor was left
 * (`prevCursorCells`, cells from the prompt's start) and the terminal width. Long lines wrap.
 */
export function redrawSequence(prompt: string, state: LineState, prevCursorCells: number, columns: number): { seq: string; cursorCells: number } {
  const cols = Math.max(1, columns);
  const promptLen = visibleLength(prompt);
  const upRows = Math.floor(prevCursorCells / cols);
  let seq = upRows > 0 ? `\x1b[${upRows}A` : '';
  seq += '\r' + prompt + state.text + '\x1b[J';
  const end = promptLen + state.text.length;
  // At an exact multiple of the width the cursor waits in the last column; move it to the next row.
  if (end > 0 && end % cols === 0) seq += '\r\n';
  const endRow = Math.floor(end / cols);
  const target = promptLen + state.cursor;
  const tRow = Math.floor(target / cols);
  const tCol = target % cols;
  if (endRow > tRow) seq += `\x1b[${endRow - tRow}A`;
  seq += '\r' + (tCol > 0 ? `\x1b[${tCol}C` : '');
  return { seq, cursorCells: target };
}
