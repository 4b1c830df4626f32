// The editor's key bindings. Most commands come from @codemirror/commands; deleting a character and
// indenting are our own, because CodeMirror's versions ask the language package for an indent unit,
// and importing them pulls @codemirror/language and the Lezer parser runtime into the lab (about
// 6 KB gzipped) although the lab highlights without them (./highlight/).

import { EditorSelection, findClusterBreak, type EditorState, type StateCommand } from '@codemirror/state';
import type { KeyBinding } from '@codemirror/view';
import {
  cursorCharLeft, selectCharLeft, cursorCharRight, selectCharRight,
  cursorGroupLeft, selectGroupLeft, cursorGroupRight, selectGroupRight,
  cursorLineUp, selectLineUp, cursorLineDown, selectLineDown,
  cursorPageUp, selectPageUp, cursorPageDown, selectPageDown,
  cursorLineBoundaryBackward, selectLineBoundaryBackward, cursorLineBoundaryForward, selectLineBoundaryForward,
  cursorDocStart, selectDocStart, cursorDocEnd, selectDocEnd,
  deleteGroupBackward, deleteGroupForward, insertNewlineKeepIndent, selectAll,
  historyKeymap, toggleComment, moveLineUp, moveLineDown,
} from '@codemirror/commands';

/** Deletes each selection, or else one character (a whole grapheme cluster, or a line break) beside each cursor. */
function deleteChar(forward: boolean): StateCommand {
  return ({ state, dispatch }) => {
    if (state.readOnly) return false;
    const tr = state.changeByRange((range) => {
      if (!range.empty) return { changes: { from: range.from, to: range.to }, range: EditorSelection.cursor(range.from) };
      const line = state.doc.lineAt(range.head);
      const col = range.head - line.from;
      let from = range.head;
      let to = range.head;
      if (forward) to = col === line.length ? Math.min(state.doc.length, line.to + 1) : line.from + findClusterBreak(line.text, col, true);
      else from = col === 0 ? Math.max(0, line.from - 1) : line.from + findClusterBreak(line.text, col, false);
      return { changes: { from, to }, range: EditorSelection.cursor(from) };
    });
    if (tr.changes.empty) return false;
    dispatch(state.update(tr, { scrollIntoView: true, userEvent: forward ? 'delete.forward' : 'delete.backward' }));
    return true;
  };
}

export const deleteCharBackward = deleteChar(false);
export const deleteCharForward = deleteChar(true);

/**
 * The file's own indent unit: a tab if any line is indented with one (Go), else the smallest run of
 * leading spaces on an indented line (2 or 4 in the samples), else two spaces.
 */
export function indentUnitOf(state: EditorState): string {
  let smallest = 0;
  const lines = Math.min(state.doc.lines, 2000);
  for (let n = 1; n <= lines; n++) {
    const text = state.doc.line(n).text;
    if (text.startsWith('\t')) return '\t';
    const spaces = /^ +(?=\S)/.exec(text)?.[0].length ?? 0;
    if (spaces > 0 && (smallest === 0 || spaces < smallest)) smallest = spaces;
  }
  return ' '.repeat(smallest === 0 || smallest > 8 ? 2 : smallest);
}

/** Indents (or, with `out`, dedents by up to one unit) every line a selection touches. */
function indentLines(out: boolean): StateCommand {
  return ({ state, dispatch }) => {
    if (state.readOnly) return false;
    const unit = indentUnitOf(state);
    const seen = new Set<number>();
    const changes: { from: number; to?: number; insert?: string }[] = [];
    for (const range of state.selection.ranges) {
      const first = state.doc.lineAt(range.from).number;
      // A selection that ends at the very start of a line does not take that line with it.
      const last = state.doc.lineAt(range.to > range.from && state.doc.lineAt(range.to).from === range.to ? range.to - 1 : range.to).number;
      for (let n = first; n <= last; n++) {
        if (seen.has(n)) continue;
        seen.add(n);
        const line = state.doc.line(n);
        if (!out) {
          changes.push({ from: line.from, insert: unit });
          continue;
        }
        const lead = /^[ \t]*/.exec(line.text)![0];
        const drop = lead.startsWith('\t') ? 1 : Math.min(lead.length, unit === '\t' ? 4 : unit.length);
        if (drop > 0) changes.push({ from: line.from, to: line.from + drop });
      }
    }
    if (changes.length === 0) return false;
    const changeSet = state.changes(changes);
    // assoc 1: a cursor at the start of an indented line ends up after the new indent, not before it.
    dispatch(state.update({ changes: changeSet, selection: state.selection.map(changeSet, 1), userEvent: out ? 'delete.dedent' : 'input.indent' }));
    return true;
  };
}

export const indentMore = indentLines(false);
export const indentLess = indentLines(true);

/** The platform-standard editing keys, plus history, comments, line moves and indentation. */
export const editorKeymap: readonly KeyBinding[] = [
  { key: 'ArrowLeft', run: cursorCharLeft, shift: selectCharLeft, preventDefault: true },
  { key: 'ArrowRight', run: cursorCharRight, shift: selectCharRight, preventDefault: true },
  { key: 'Mod-ArrowLeft', mac: 'Alt-ArrowLeft', run: cursorGroupLeft, shift: selectGroupLeft, preventDefault: true },
  { key: 'Mod-ArrowRight', mac: 'Alt-ArrowRight', run: cursorGroupRight, shift: selectGroupRight, preventDefault: true },
  { mac: 'Cmd-ArrowLeft', run: cursorLineBoundaryBackward, shift: selectLineBoundaryBackward, preventDefault: true },
  { mac: 'Cmd-ArrowRight', run: cursorLineBoundaryForward, shift: selectLineBoundaryForward, preventDefault: true },
  { key: 'ArrowUp', run: cursorLineUp, shift: selectLineUp, preventDefault: true },
  { key: 'ArrowDown', run: cursorLineDown, shift: selectLineDown, preventDefault: true },
  { mac: 'Cmd-ArrowUp', run: cursorDocStart, shift: selectDocStart },
  { mac: 'Cmd-ArrowDown', run: cursorDocEnd, shift: selectDocEnd },
  { key: 'PageUp', run: cursorPageUp, shift: selectPageUp },
  { key: 'PageDown', run: cursorPageDown, shift: selectPageDown },
  { key: 'Home', run: cursorLineBoundaryBackward, shift: selectLineBoundaryBackward, preventDefault: true },
  { key: 'End', run: cursorLineBoundaryForward, shift: selectLineBoundaryForward, preventDefault: true },
  { key: 'Mod-Home', run: cursorDocStart, shift: selectDocStart },
  { key: 'Mod-End', run: cursorDocEnd, shift: selectDocEnd },
  { key: 'Enter', run: insertNewlineKeepIndent, shift: insertNewlineKeepIndent },
  { key: 'Mod-a', run: selectAll },
  { key: 'Backspace', run: deleteCharBackward, shift: deleteCharBackward, preventDefault: true },
  { key: 'Delete', run: deleteCharForward, preventDefault: true },
  { key: 'Mod-Backspace', mac: 'Alt-Backspace', run: deleteGroupBackward, preventDefault: true },
  { key: 'Mod-Delete', mac: 'Alt-Delete', run: deleteGroupForward, preventDefault: true },
  ...historyKeymap,
  { key: 'Tab', run: indentMore, shift: indentLess },
  { key: 'Mod-]', run: indentMore },
  { key: 'Mod-[', run: indentLess },
  { key: 'Mod-/', run: toggleComment },
  { key: 'Alt-ArrowUp', run: moveLineUp },
  { key: 'Alt-ArrowDown', run: moveLineDown },
];
