// The editor's own delete and indent commands, run on CodeMirror states without a DOM.
import { describe, it, expect } from 'vitest';
import { EditorState, EditorSelection, type StateCommand, type Transaction } from '@codemirror/state';
import { deleteCharBackward, deleteCharForward, indentMore, indentLess, indentUnitOf } from '../../../src/components/lab/editor-keys.ts';

/** Runs a command on `doc` with the given selection ranges; returns the new text and cursor heads. */
function run(command: StateCommand, doc: string, ranges: [number, number][], readOnly = false): { text: string; heads: number[]; ran: boolean } {
  let state = EditorState.create({
    doc,
    selection: EditorSelection.create(ranges.map(([a, h]) => EditorSelection.range(a, h))),
    extensions: [EditorState.allowMultipleSelections.of(true), EditorState.readOnly.of(readOnly)],
  });
  const ran = command({ state, dispatch: (tr: Transaction) => { state = tr.state; } });
  return { text: state.doc.toString(), heads: state.selection.ranges.map((r) => r.head), ran };
}

describe('deleting characters', () => {
  it('Backspace removes the character before the cursor, and a line break at a line start', () => {
    expect(run(deleteCharBackward, 'FROM alpine', [[4, 4]])).toMatchObject({ text: 'FRO alpine', heads: [3] });
    expect(run(deleteCharBackward, 'FROM a\nRUN', [[7, 7]])).toMatchObject({ text: 'FROM aRUN', heads: [6] });
  });

  it('Delete removes the character after the cursor, and the line break at a line end', () => {
    expect(run(deleteCharForward, 'FROM alpine', [[0, 0]])).toMatchObject({ text: 'ROM alpine', heads: [0] });
    expect(run(deleteCharForward, 'FROM a\nRUN', [[6, 6]])).toMatchObject({ text: 'FROM aRUN', heads: [6] });
  });

  it('removes a whole grapheme cluster, not half of a surrogate pair or an emoji sequence', () => {
    const family = '👩‍👩‍👧';
    expect(run(deleteCharBackward, `a${family}b`, [[1 + family.length, 1 + family.length]]).text).toBe('ab');
    expect(run(deleteCharForward, `a${family}b`, [[1, 1]]).text).toBe('ab');
  });

  it('removes a selection instead, for every selection', () => {
    expect(run(deleteCharBackward, 'RUN echo hi', [[0, 4], [8, 11]])).toMatchObject({ text: 'echo', heads: [0, 4] });
  });

  it('does nothing at the ends of the document, or in a read-only editor', () => {
    expect(run(deleteCharBackward, 'x', [[0, 0]]).ran).toBe(false);
    expect(run(deleteCharForward, 'x', [[1, 1]]).ran).toBe(false);
    expect(run(deleteCharBackward, 'x', [[1, 1]], true)).toMatchObject({ text: 'x', ran: false });
  });
});

describe('indenting', () => {
  it('uses the file’s own unit: a tab, the smallest space indent, or two spaces', () => {
    const unit = (doc: string): string => indentUnitOf(EditorState.create({ doc }));
    expect(unit('func main() {\n\tfmt.Println()\n}')).toBe('\t');
    expect(unit('def f():\n    if x:\n        y()')).toBe('    ');
    expect(unit('RUN a \\\n  && b')).toBe('  ');
    expect(unit('FROM alpine')).toBe('  ');
  });

  it('Tab indents every line a selection touches, once each', () => {
    const doc = 'def f():\n    a()\nb()\nc()';
    const b = doc.indexOf('b()');
    const c = doc.indexOf('c()');
    expect(run(indentMore, doc, [[b, c + 1]]).text).toBe('def f():\n    a()\n    b()\n    c()');
    // A cursor at the start of the line ends up after the new indent.
    expect(run(indentMore, 'a\n', [[2, 2]])).toMatchObject({ text: 'a\n  ', heads: [4] });
    expect(run(indentMore, 'a\nb', [[3, 3]])).toMatchObject({ text: 'a\n  b', heads: [5] });
    // Two cursors on one line indent it once.
    expect(run(indentMore, 'x\ny', [[0, 0], [1, 1]]).text).toBe('  x\ny');
  });

  it('a selection ending at a line start leaves that line alone', () => {
    expect(run(indentMore, 'a\nb\nc', [[0, 2]]).text).toBe('  a\nb\nc');
  });

  it('Shift-Tab removes up to one unit of leading space, or one tab', () => {
    expect(run(indentLess, 'x\n    y\n  z', [[2, 10]]).text).toBe('x\n  y\nz');
    expect(run(indentLess, '\t\ty', [[2, 2]]).text).toBe('\ty');
    expect(run(indentLess, 'y', [[0, 0]]).ran).toBe(false);
  });
});
