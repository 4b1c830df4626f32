// The terminal's line editing follows bash/readline's emacs bindings; expectations are what bash does.
import { describe, expect, it } from 'vitest';
import { applyKey, splitPaste, History, commonPrefix, redrawSequence, wordLeft, wordRight, type LineState } from '../../../src/lab/line-editor.ts';

function press(state: LineState, ...keys: string[]): LineState {
  let s = state;
  for (const k of keys) {
    const a = applyKey(s, k);
    if (a.type === 'edit') s = a.state;
  }
  return s;
}

const at = (text: string, cursor = text.length): LineState => ({ text, cursor });

describe('line editing keys', () => {
  it('types text at the cursor and moves with the arrows', () => {
    const s = press(at(''), 'd', 'o', 'c', 'k', 'r', '\x1b[D', 'e');
    expect(s).toEqual({ text: 'docker', cursor: 5 });
  });

  it('Home/End and Ctrl-A/Ctrl-E jump to the ends', () => {
    expect(press(at('git status'), '\x1b[H').cursor).toBe(0);
    expect(press(at('git status', 0), '\x1b[F').cursor).toBe(10);
    expect(press(at('git status'), '\x01').cursor).toBe(0);
    expect(press(at('git status', 2), '\x05').cursor).toBe(10);
  });

  it('Ctrl-U kills to the start, Ctrl-K to the end', () => {
    expect(press(at('docker images', 7), '\x15')).toEqual({ text: 'images', cursor: 0 });
    expect(press(at('docker images', 6), '\x0b')).toEqual({ text: 'docker', cursor: 6 });
  });

  it('Ctrl-W deletes the previous whitespace-delimited word, as unix-word-rubout does', () => {
    expect(press(at('docker build -t app:v1'), '\x17')).toEqual({ text: 'docker build -t ', cursor: 16 });
    expect(press(at('ls src/app  '), '\x17')).toEqual({ text: 'ls ', cursor: 3 });
  });

  it('Alt-B and Alt-F move by alphanumeric words', () => {
    // readline words are runs of letters and digits: "app:v1" is two words.
    expect(wordLeft('docker build -t app:v1', 22)).toBe(20);
    expect(wordLeft('docker build -t app:v1', 20)).toBe(16);
    expect(wordRight('docker build', 0)).toBe(6);
    expect(wordRight('docker build', 6)).toBe(12);
    expect(press(at('docker build'), '\x1bb').cursor).toBe(7);
    expect(press(at('docker build', 0), '\x1bf').cursor).toBe(6);
  });

  it('Backspace and Delete remove around the cursor', () => {
    expect(press(at('abc', 2), '\x7f')).toEqual({ text: 'ac', cursor: 1 });
    expect(press(at('abc', 1), '\x1b[3~')).toEqual({ text: 'ac', cursor: 1 });
    expect(press(at('abc', 0), '\x7f')).toEqual({ text: 'abc', cursor: 0 });
  });

  it('Enter submits, Ctrl-C interrupts, Ctrl-L clears, Tab completes, arrows browse history', () => {
    expect(applyKey(at('ls'), '\r')).toEqual({ type: 'submit', line: 'ls' });
    expect(applyKey(at('ls'), '\x03').type).toBe('interrupt');
    expect(applyKey(at('ls'), '\x0c').type).toBe('clear-screen');
    expect(applyKey(at('ls'), '\t').type).toBe('complete');
    expect(applyKey(at('ls'), '\x1b[A')).toEqual({ type: 'history', direction: -1 });
    expect(applyKey(at('ls'), '\x1b[B')).toEqual({ type: 'history', direction: 1 });
  });

  it('drops control characters from typed text and ignores unknown escape sequences', () => {
    expect(press(at(''), 'a\x07b')).toEqual({ text: 'ab', cursor: 2 });
    expect(applyKey(at('x'), '\x1b[15~').type).toBe('none');
  });
});

describe('paste', () => {
  it('splits pasted lines to run and keeps an unfinished last line', () => {
    expect(splitPaste('echo a\recho b\rgit st')).toEqual({ lines: ['echo a', 'echo b'], rest: 'git st' });
    expect(splitPaste('\x1b[200~ls\r\n\x1b[201~')).toEqual({ lines: ['ls'], rest: '' });
  });
});

describe('history', () => {
  it('moves back and forth and returns to the draft', () => {
    const h = new History(['ls', 'git status']);
    expect(h.move(-1, 'dra')).toBe('git status');
    expect(h.move(-1, 'git status')).toBe('ls');
    expect(h.move(-1, 'ls')).toBeNull();
    expect(h.move(1, 'ls')).toBe('git status');
    expect(h.move(1, 'git status')).toBe('dra');
    expect(h.move(1, 'dra')).toBeNull();
  });

  it('skips blank lines and immediate repeats, and keeps at most the limit', () => {
    const h = new History([], 3);
    for (const l of ['a', 'a', ' ', 'b', 'c', 'd']) h.push(l);
    expect(h.list()).toEqual(['b', 'c', 'd']);
  });
});

describe('completion and redraw helpers', () => {
  it('finds the common prefix of candidates', () => {
    expect(commonPrefix(['build', 'builder', 'buildx'])).toBe('build');
    expect(commonPrefix(['images', 'image'])).toBe('image');
    expect(commonPrefix([])).toBe('');
  });

  it('redraws a wrapped line and puts the cursor back where it belongs', () => {
    // Prompt "$ " (2 cells) + 10 characters on a 8-column terminal: the line spans rows 0-1.
    const { seq, cursorCells } = redrawSequence('$ ', { text: '0123456789', cursor: 3 }, 0, 8);
    expect(cursorCells).toBe(5);
    // Written from the start of the row, cleared below, then one row up (end is on row 1, cursor on row 0), column 5.
    expect(seq).toBe('\r$ 0123456789\x1b[J\x1b[1A\r\x1b[5C');
    // From a cursor 12 cells in (row 1), the redraw first goes up one row.
    expect(redrawSequence('$ ', { text: 'ab', cursor: 2 }, 12, 8).seq.startsWith('\x1b[1A\r')).toBe(true);
  });
});
