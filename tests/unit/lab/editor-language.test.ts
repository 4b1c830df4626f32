// The editor's language extension without a CodeMirror Language: toggleComment still uses the file's
// comment syntax (the commentTokens language data we provide).
import { describe, expect, it } from 'vitest';
import { EditorState, type Transaction } from '@codemirror/state';
import { toggleComment } from '@codemirror/commands';
import { languageOf } from '../../../src/components/lab/highlight/languages.ts';
import { languageExtension } from '../../../src/components/lab/highlight/view.ts';

function toggled(path: string, doc: string): string {
  let state = EditorState.create({ doc, extensions: languageExtension(languageOf(path)) });
  toggleComment({ state, dispatch: (tr: Transaction) => (state = tr.state) });
  return state.doc.toString();
}

describe('toggleComment per file', () => {
  it('uses # in a Dockerfile, // in JavaScript and <!-- --> in HTML', () => {
    expect(toggled('Dockerfile', 'RUN echo hi')).toBe('# RUN echo hi');
    expect(toggled('Dockerfile', '# RUN echo hi')).toBe('RUN echo hi');
    expect(toggled('src/index.js', 'let a = 1;')).toBe('// let a = 1;');
    expect(toggled('app.py', 'print(1)')).toBe('# print(1)');
    expect(toggled('index.html', '<p>hi</p>')).toBe('<!-- <p>hi</p> -->');
  });
});
