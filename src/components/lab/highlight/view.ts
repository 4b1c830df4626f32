// The highlighter as a CodeMirror view plugin: tokens become mark decorations with our classes
// (lab-tok-*, coloured in lab.css). The lab's files are small, so the whole text is tokenized again
// on each change; large documents are capped and re-highlighted after a pause in typing.

import { EditorState, RangeSetBuilder, StateEffect, type Extension, type Text } from '@codemirror/state';
import { Decoration, ViewPlugin, type DecorationSet, type EditorView, type ViewUpdate } from '@codemirror/view';
import type { FileLanguage } from './languages.ts';
import type { TokenKind } from './token.ts';

/** Only this much of a document is highlighted, so a pasted megabyte never freezes the tab. */
export const HIGHLIGHT_LIMIT = 200_000;
/** Above this length, highlighting waits for a pause in typing. */
const IMMEDIATE_LIMIT = 20_000;

const KINDS: readonly TokenKind[] = ['keyword', 'string', 'comment', 'number', 'name', 'type', 'meta', 'invalid'];
const MARKS = Object.fromEntries(KINDS.map((k) => [k, Decoration.mark({ class: `lab-tok-${k}` })])) as Record<TokenKind, Decoration>;

const rehighlight = StateEffect.define<null>();

function highlighter(lang: FileLanguage): Extension {
  const build = (doc: Text): DecorationSet => {
    const builder = new RangeSetBuilder<Decoration>();
    const text = doc.sliceString(0, Math.min(doc.length, HIGHLIGHT_LIMIT));
    let last = 0;
    for (const t of lang.tokenize(text)) {
      // The builder needs sorted ranges; a tokenizer slip must not break the editor.
      if (t.from < last || t.to <= t.from) continue;
      builder.add(t.from, t.to, MARKS[t.kind]);
      last = t.to;
    }
    return builder.finish();
  };
  return ViewPlugin.fromClass(
    class {
      decorations: DecorationSet;
      private timer: ReturnType<typeof setTimeout> | null = null;
      private readonly view: EditorView;
      constructor(view: EditorView) {
        this.view = view;
        this.decorations = build(view.state.doc);
      }
      update(u: ViewUpdate): void {
        if (u.transactions.some((tr) => tr.effects.some((e) => e.is(rehighlight)))) {
          this.decorations = build(u.state.doc);
        } else if (u.docChanged) {
          if (u.state.doc.length <= IMMEDIATE_LIMIT) this.decorations = build(u.state.doc);
          else {
            this.decorations = this.decorations.map(u.changes);
            if (this.timer) clearTimeout(this.timer);
            this.timer = setTimeout(() => {
              this.timer = null;
              this.view.dispatch({ effects: rehighlight.of(null) });
            }, 200);
          }
        }
      }
      destroy(): void {
        if (this.timer) clearTimeout(this.timer);
      }
    },
    { decorations: (p) => p.decorations },
  );
}

/** Highlighting and comment syntax for a file; nothing for a language we do not know. */
export function languageExtension(lang: FileLanguage | null): Extension {
  if (!lang) return [];
  return [highlighter(lang), EditorState.languageData.of(() => [{ commentTokens: lang.comments }])];
}
