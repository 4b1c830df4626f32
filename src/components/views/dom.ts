// Small DOM helpers shared by the views. Text is always set as text, never parsed as markup.
import { dockerSize } from '../../shell/units.ts';

type Attrs = Record<string, string | number | boolean | undefined | null | EventListener>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Node | string | null | undefined | false)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') e.addEventListener(k.slice(2), v as EventListener);
    else if (k === 'class') e.className = String(v);
    else if (k === 'text') e.textContent = String(v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) e.append(c);
  return e;
}

/** Sizes as docker prints them (3 significant digits, decimal units), with a space for reading: `7.81 MB`. */
export function size(bytes: number): string {
  return dockerSize(bytes).replace(/^([0-9.e+]+)([a-zA-Z]+)$/, '$1 $2');
}

/** `sha256:abc…` → `abc` (12 hex), as docker shortens IDs. */
export function shortDigest(digest: string): string {
  const i = digest.indexOf(':');
  return (i >= 0 ? digest.slice(i + 1) : digest).slice(0, 12);
}

/**
 * Most main-thread time a view's drawing takes in one animation frame. A drawing with more to do stops
 * there and finishes in the next frame (its items remember what they last showed, so nothing is redone).
 */
export const FRAME_BUDGET_MS = 6;

/**
 * Calls `fn` at most once per animation frame, however often `schedule` is called. `fn` gets a deadline
 * (a performance.now() value) and returns true when it stopped early with work left (then it runs again
 * next frame). `flush` does all pending work now, with no deadline.
 */
export function frameBatch(fn: (deadline: number) => boolean | void): { schedule(): void; cancel(): void; flush(): void; readonly pending: boolean } {
  let id: number | null = null;
  const run = (deadline: number): void => {
    if (fn(deadline) === true) batch.schedule();
  };
  const batch = {
    schedule() {
      if (id !== null) return;
      id = requestAnimationFrame(() => {
        id = null;
        run(performance.now() + FRAME_BUDGET_MS);
      });
    },
    cancel() {
      if (id !== null) cancelAnimationFrame(id);
      id = null;
    },
    flush() {
      if (id === null) return;
      batch.cancel();
      while (fn(Infinity) === true) { /* no deadline: never stops early */ }
    },
    get pending() {
      return id !== null;
    },
  };
  return batch;
}

/** Sets an attribute only when its value changes (a same-value write still invalidates style). */
export function setAttr(el: Element, name: string, value: string): void {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

/** Sets text only when it changes. */
export function setText(el: Node, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

/** `docker.io/library/alpine:3.21` → `alpine:3.21`; `docker.io/learner/app:1` → `learner/app:1`. */
export function familiar(ref: string): string {
  return ref.replace(/^docker\.io\/library\//, '').replace(/^docker\.io\//, '');
}
