// The editor's Dockerfile problems without @codemirror/lint: each problem's range is underlined
// (a mark decoration, lab-problem--<severity>) and listed in a "Problems" region below the editor,
// whose items move the cursor there. F8 / Shift-F8 step through them from the keyboard and announce
// each one to screen readers; a list of buttons also serves them better than hover tooltips.

import { StateEffect, StateField, type EditorState, type Extension, type Text } from '@codemirror/state';
import { Decoration, EditorView, type DecorationSet } from '@codemirror/view';
import type { EditorDiagnostic } from '../../lab/diagnostics.ts';

export interface Problem {
  readonly from: number;
  readonly to: number;
  /** 1-based line, for the list. */
  readonly line: number;
  readonly severity: EditorDiagnostic['severity'];
  readonly message: string;
  /** BuildKit's rule name, when the problem comes from a build check. */
  readonly rule?: string;
  readonly url?: string;
}

/** Document ranges for the engine's line/column diagnostics (an empty range widens to its line). */
export function toProblems(doc: Text, diags: readonly EditorDiagnostic[]): Problem[] {
  const lineOf = (n: number) => doc.line(Math.min(Math.max(1, n), doc.lines));
  const pos = (line: number, column: number): number => {
    const l = lineOf(line);
    return Math.min(l.from + Math.max(0, column), l.to);
  };
  const out = diags.map((d): Problem => {
    let from = pos(d.startLine, d.startColumn);
    let to = pos(d.endLine, d.endColumn);
    if (to <= from) ({ from, to } = lineOf(d.startLine));
    const p: Problem = { from, to, line: doc.lineAt(from).number, severity: d.severity, message: d.message };
    return d.source === 'dockerfile parse error' ? p : { ...p, rule: d.source, ...(d.url ? { url: d.url } : {}) };
  });
  return out.sort((a, b) => a.from - b.from);
}

export function describe(p: Problem): string {
  return `Line ${p.line}, ${p.severity}: ${p.message}`;
}

interface Located {
  readonly from: number;
  readonly to: number;
  readonly problem: Problem;
}

interface ProblemState {
  readonly marks: DecorationSet;
  readonly located: readonly Located[];
}

export const setProblems = StateEffect.define<readonly Problem[]>();

const problemField = StateField.define<ProblemState>({
  create: () => ({ marks: Decoration.none, located: [] }),
  update(value, tr) {
    for (const e of tr.effects) {
      if (!e.is(setProblems)) continue;
      const ps = e.value.filter((p) => p.to <= tr.state.doc.length);
      return {
        marks: Decoration.set(
          ps
            .filter((p) => p.to > p.from)
            .map((p) => Decoration.mark({ class: `lab-problem lab-problem--${p.severity}`, attributes: { title: describe(p) } }).range(p.from, p.to)),
          true,
        ),
        located: ps.map((p) => ({ from: p.from, to: p.to, problem: p })),
      };
    }
    if (!tr.docChanged) return value;
    return {
      marks: value.marks.map(tr.changes),
      located: value.located.map((l) => {
        const from = tr.changes.mapPos(l.from, 1);
        return { from, to: Math.max(from, tr.changes.mapPos(l.to, -1)), problem: l.problem };
      }),
    };
  },
  // Outer decorations wrap the highlighter's tokens, so one problem stays one underlined element.
  provide: (f) => EditorView.outerDecorations.from(f, (v) => v.marks),
});

/** The state field; problems are set with the setProblems effect. */
export const problems: Extension = problemField;

function located(state: EditorState): readonly Located[] {
  return state.field(problemField, false)?.located ?? [];
}

/** Puts the cursor on a problem (where it is now, after any edits) and focuses the editor. */
export function goToProblem(view: EditorView, p: Problem): void {
  const at = located(view.state).find((l) => l.problem === p);
  const from = Math.min(at?.from ?? p.from, view.state.doc.length);
  view.dispatch({ selection: { anchor: from }, scrollIntoView: true });
  view.focus();
}

/** F8 / Shift-F8: select the next (or previous) problem, wrapping around, and announce it. */
export function stepProblem(view: EditorView, dir: 1 | -1): boolean {
  const all = located(view.state);
  if (all.length === 0) return false;
  const at = view.state.selection.main.from;
  const target = dir > 0 ? (all.find((l) => l.from > at) ?? all[0]!) : ([...all].reverse().find((l) => l.from < at) ?? all[all.length - 1]!);
  view.dispatch({
    selection: { anchor: target.from, head: target.to },
    scrollIntoView: true,
    effects: EditorView.announce.of(describe(target.problem)),
  });
  return true;
}

export interface ProblemsPanel {
  readonly element: HTMLElement;
  /** Shows the list (null: hides the region, the file is not a Dockerfile). */
  show(problems: readonly Problem[] | null): void;
  /** Moves focus into the list; false when there is no list to go to. */
  focus(): boolean;
}

export function problemsPanel(view: () => EditorView): ProblemsPanel {
  const id = `lab-problems-${Math.random().toString(36).slice(2, 8)}`;
  const section = document.createElement('section');
  section.className = 'lab-problems';
  section.setAttribute('aria-labelledby', id);
  section.tabIndex = -1;
  section.hidden = true;
  const heading = document.createElement('h3');
  heading.className = 'lab-pane-title';
  heading.id = id;
  heading.textContent = 'Problems';
  const none = document.createElement('p');
  none.className = 'lab-problems__none';
  none.textContent = 'No problems';
  const list = document.createElement('ul');
  list.className = 'lab-problems__list';
  section.append(heading, none, list);
  section.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      view().focus();
    }
  });
  let shown = '';

  return {
    element: section,
    show(ps) {
      section.hidden = ps === null;
      const key = ps === null ? '' : JSON.stringify(ps.map((p) => [p.line, p.severity, p.message, p.rule]));
      if (key === shown) return; // unchanged: keep the DOM (and a screen reader's place) as it is
      shown = key;
      none.hidden = !!ps && ps.length > 0;
      list.replaceChildren(
        ...(ps ?? []).map((p) => {
          const item = document.createElement('li');
          item.className = `lab-problems__item lab-problems__item--${p.severity}`;
          const go = document.createElement('button');
          go.type = 'button';
          go.className = 'lab-problems__go';
          const where = document.createElement('span');
          where.className = 'lab-problems__line';
          where.textContent = `Line ${p.line},`;
          const severity = document.createElement('span');
          severity.className = 'lab-problems__severity';
          severity.textContent = `${p.severity}:`;
          go.append(where, ' ', severity, ' ', p.message);
          go.addEventListener('click', () => goToProblem(view(), p));
          item.append(go);
          if (p.rule) {
            const rule = document.createElement(p.url ? 'a' : 'span');
            rule.className = 'lab-problems__rule';
            rule.textContent = p.rule;
            if (rule instanceof HTMLAnchorElement) {
              rule.href = p.url!;
              rule.target = '_blank';
              rule.rel = 'noopener';
              rule.title = `${p.rule} in Docker's documentation (opens in a new tab)`;
            }
            item.append(' ', rule);
          }
          return item;
        }),
      );
    },
    focus() {
      if (section.hidden) return false;
      const first = list.querySelector('button');
      (first ?? section).focus();
      return true;
    },
  };
}
