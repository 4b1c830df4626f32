// The build view: the layer stack. Base image layers at the bottom; each committed step lands on top
// with its instruction, size and short digest; cached steps show as reused; the first miss shows its
// reason and the layers above it are invalidated, then rebuilt. Multi-stage builds get one stack per
// stage, skipped stages are greyed, COPY --from says which stage it copies from and an arrow is drawn
// from that stage's top layer to the step, and the final image's stack is highlighted.
import { h, size, shortDigest, frameBatch, familiar, setAttr, setText } from './dom.ts';
import type { ViewInstance, ViewsContext } from './context.ts';
import { countStates, type BuildPicture, type ItemState, type StackItem, type StageStack } from './layer-stack-model.ts';

const STATE_WORD: Record<ItemState, string> = {
  base: 'base image layer', waiting: 'waiting', building: 'building', cached: 'cached', built: 'built',
  invalidated: 'invalidated', error: 'failed', canceled: 'canceled',
};
const STATE_ICON: Record<ItemState, string> = {
  base: '▤', waiting: '·', building: '…', cached: '✓', built: '+', invalidated: '✕', error: '!', canceled: '–',
};

function stageTitle(s: StageStack, pic: BuildPicture): string {
  const name = s.name ? `Stage ${s.name}` : 'Stage';
  if (s.skipped) return `${name}: skipped (not needed for the target)`;
  if (s.final) return `Final image${pic.tags.length ? `: ${pic.tags.map(familiar).join(', ')}` : ''}`;
  return `${name}${s.base ? ` (FROM ${familiar(s.base)})` : ''}`;
}

function stageAnchor(pic: BuildPicture, s: StageStack): string {
  return `lstack-${pic.buildId}-${s.name || 'main'}`.replace(/[^A-Za-z0-9_-]/g, '-');
}

export function itemName(item: StackItem): string {
  const parts = [item.state === 'base' ? (item.createdBy || 'layer') : item.instruction];
  if (item.noLayer) parts.push('no layer');
  else if (item.layer) parts.push(size(item.layer.diffSize));
  parts.push(STATE_WORD[item.state]);
  return parts.join(', ');
}

const SVG_NS = 'http://www.w3.org/2000/svg';
let arrowSerial = 0;

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: SVGElement[]): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.append(...children);
  return e;
}

/** The id of a COPY --from item's row, which its arrow names in data-to. */
function copyItemId(pic: BuildPicture, s: StageStack, item: StackItem, index: number): string {
  return `${stageAnchor(pic, s)}-step-${item.line ?? index}`;
}

interface Box {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/**
 * Where `el` sits inside `container` (its offset parent, possibly a few levels up), from offsets: they
 * ignore transforms, so a row still landing (its animation moves it) gives its resting place.
 */
function boxIn(el: HTMLElement, container: HTMLElement): Box | undefined {
  let left = 0;
  let top = 0;
  for (let e: HTMLElement | null = el; e !== container; e = e.offsetParent as HTMLElement | null) {
    if (!e) return undefined;
    left += e.offsetLeft;
    top += e.offsetTop;
  }
  return { left, top, width: el.offsetWidth, height: el.offsetHeight };
}

/**
 * The arrow's path, in the stages' coordinates, from the source's top layer to the COPY --from row, each
 * end 2 px inside its element. Side by side: from the source's right edge to the row's left edge.
 * Wrapped (the row is not to the right): out of the source's left edge, down the lane left of the
 * stages, into the row's left edge.
 */
export function arrowPath(from: Box, to: Box): string {
  const sy = from.top + from.height / 2;
  const ey = to.top + to.height / 2;
  const ex = to.left + 2;
  if (to.left >= from.left + from.width - 1) {
    const sx = from.left + from.width - 2;
    const dx = Math.max(24, (ex - sx) / 2);
    return `M${sx},${sy} C${sx + dx},${sy} ${ex - dx},${ey} ${ex},${ey}`;
  }
  const sx = from.left + 2;
  const lane = Math.min(sx, ex) / 2;
  const dir = ey >= sy ? 1 : -1;
  const r = Math.min(8, lane, Math.abs(ey - sy) / 2);
  return `M${sx},${sy} H${lane + r} Q${lane},${sy} ${lane},${sy + dir * r} V${ey - dir * r} Q${lane},${ey} ${lane + r},${ey} H${ex}`;
}

export function mount(host: HTMLElement, ctx: ViewsContext): ViewInstance {
  const summary = h('p', { class: 'lstack-summary' });
  // Announced when a build starts and when it ends, not on every step.
  const announce = h('p', { class: 'visually-hidden', role: 'status' });
  const stages = h('div', { class: 'lstack-stages' });
  const root = h('div', { class: 'lstack' }, summary, stages, announce);
  host.replaceChildren(root);
  // The COPY --from arrows: drawn over the stages, hidden from assistive technology (each row's text
  // already says which stage it copies from, with a link to it).
  const markerId = `lstack-head-${++arrowSerial}`;
  const arrowLayer = svg('svg', { class: 'lstack-arrows', 'aria-hidden': 'true', focusable: 'false' },
    svg('defs', {}, svg('marker', { id: markerId, viewBox: '0 0 10 10', refX: '9', refY: '5', markerUnits: 'userSpaceOnUse', markerWidth: '11', markerHeight: '11', orient: 'auto' },
      svg('path', { d: 'M0,0 L10,5 L0,10 z', fill: 'currentColor' }))));
  stages.append(arrowLayer);
  const arrowEls = new Map<string, { group: SVGGElement; halo: SVGPathElement; path: SVGPathElement }>();
  // What the next frame has to do: draw the rows (new events), place the arrows (the rows moved).
  let renderStale = true;
  let arrowsStale = false;
  let shownBuild = '';
  const stageEls = new Map<string, { section: HTMLElement; heading: HTMLElement; list: HTMLOListElement; items: Map<string, HTMLLIElement> }>();

  const signatureOf = (item: StackItem, pic: BuildPicture, inFinal: number): string =>
    JSON.stringify([item.state, item.layer, item.reason, item.firstMiss, item.replaced, item.copiesFrom, item.noLayer, item.position, inFinal, pic.status, pic.imageId]);
  // What each item last showed (kept off the DOM: reading it back would be work too).
  const shownSig = new WeakMap<HTMLLIElement, string>();

  const renderItem = (li: HTMLLIElement, signature: string, item: StackItem, pic: BuildPicture, inFinal: number): void => {
    shownSig.set(li, signature);
    const name = itemName(item);
    if (li.getAttribute('aria-label') !== name) li.setAttribute('aria-label', name);
    const cls = `lstack-item state-${item.state}${item.firstMiss ? ' is-first-miss' : ''}${inFinal >= 0 ? ' in-final' : ''}`;
    if (li.className.replace(' is-new', '') !== cls) li.className = cls + (li.classList.contains('is-new') ? ' is-new' : '');
    const parts: (Node | string)[] = [
      h('span', { class: 'lstack-badge', 'aria-hidden': 'true' }, `${STATE_ICON[item.state]} ${STATE_WORD[item.state]}`),
      h('code', { class: 'lstack-instr' }, item.state === 'base' ? item.createdBy || 'layer' : `${item.position ? item.position + ' ' : ''}${item.instruction}`),
      h('span', { class: 'lstack-size' }, item.noLayer ? 'no layer' : item.layer ? size(item.layer.diffSize) : ''),
      h('span', { class: 'lstack-digest' }, item.layer ? shortDigest(item.layer.digest) : ''),
    ];
    if (item.firstMiss && item.reason) parts.push(h('p', { class: 'lstack-reason' }, h('strong', {}, 'First change: '), item.reason));
    if (item.replaced && item.layer && item.replaced.digest !== item.layer.digest) {
      parts.push(h('p', { class: 'lstack-replaced' }, `Replaces invalidated layer ${shortDigest(item.replaced.digest)} (${size(item.replaced.diffSize)})`));
    }
    if (item.copiesFrom) {
      const source = pic.stages.find((s) => s.name === item.copiesFrom!.toLowerCase());
      parts.push(h('p', { class: 'lstack-arrow' }, h('span', { class: 'lstack-arrow-mark', 'aria-hidden': 'true' }, '⤴ '), 'copies files from ',
        source ? h('a', { href: `#${stageAnchor(pic, source)}` }, `stage ${item.copiesFrom}`) : `${/^[a-z0-9.-]+(\/|:)/.test(item.copiesFrom) ? 'image' : 'stage'} ${item.copiesFrom}`));
    }
    if (pic.status === 'done' && pic.imageId && inFinal >= 0) {
      const imageId = pic.imageId;
      parts.push(h('button', {
        type: 'button', class: 'lab-button lstack-explore', 'aria-label': `Explore the files of layer ${inFinal + 1}: ${item.state === 'base' ? item.createdBy : item.instruction}`,
        onclick: () => ctx.show('explorer', { imageId, layer: inFinal }),
      }, 'Files'));
    }
    li.replaceChildren(...parts);
  };

  /** Draws what changed; returns true when it ran out of its frame's time with items left to draw. */
  const render = (deadline = Infinity): boolean => {
    let more = false;
    // Whether anything that moves the rows was written (then the arrows are placed again).
    let changed = false;
    const pic = ctx.stack.current;
    if (!pic) {
      setText(summary, 'No build yet. Run docker build -t app . in the terminal, and the layers appear here as the engine commits them.');
      return false;
    }
    if (pic.buildId !== shownBuild) {
      shownBuild = pic.buildId;
      stages.replaceChildren(arrowLayer);
      stageEls.clear();
      changed = true;
    }
    const c = countStates(pic);
    const status = pic.status === 'running' ? 'Building' : pic.status === 'done' ? 'Built' : 'Build failed';
    const text = `${status}${pic.tags.length ? ` ${pic.tags.map(familiar).join(', ')}` : ''}: ${c.built} built, ${c.cached} cached${c.invalidated ? `, ${c.invalidated} invalidated` : ''}${c.building ? `, ${c.building} building` : ''}${c.error ? `, ${c.error} failed` : ''}.`;
    setText(summary, text);
    const said = pic.status === 'running' ? 'Build started.' : text;
    setText(announce, said);
    // A COPY --from arrow that wraps to the next row runs down a lane left of the stages.
    const hasCopies = pic.stages.some((s) => s.items.some((i) => i.copiesFrom));
    if (stages.classList.contains('has-copies') !== hasCopies) {
      stages.classList.toggle('has-copies', hasCopies);
      changed = true;
    }
    const finalIndex = new Map(pic.finalLayers.map((d, i) => [d, i]));
    const lastStage = pic.stages.filter((s) => !s.skipped).at(-1);
    pic.stages.forEach((s, n) => {
      let el = stageEls.get(s.name);
      if (!el) {
        const heading = h('h4', { class: 'lstack-stage-title' });
        const list = h('ol', { class: 'lstack-list' });
        const section = h('section', { class: 'lstack-stage', id: stageAnchor(pic, s) }, heading, list);
        el = { section, heading, list, items: new Map() };
        stageEls.set(s.name, el);
      }
      // Stage sections come first; the arrow layer stays after them.
      if (stages.children[n] !== el.section) {
        stages.insertBefore(el.section, stages.children[n] ?? null);
        changed = true;
      }
      const isImage = s.final || (pic.status === 'running' && s === lastStage);
      const sectionClass = `lstack-stage${s.skipped ? ' is-skipped' : ''}${s.final ? ' is-final' : ''}`;
      if (el.section.className !== sectionClass) {
        el.section.className = sectionClass;
        changed = true;
      }
      const title = stageTitle(s, pic);
      if (el.heading.textContent !== title) {
        el.heading.textContent = title;
        changed = true;
      }
      setAttr(el.list, 'aria-label', isImage ? 'Image layers' : `Layers of stage ${s.name || 'main'}${s.skipped ? ' (skipped)' : ''}`);
      const all = [...s.baseItems, ...s.items];
      const keep = new Set<string>();
      // Newest first in the DOM, as drawn (the base at the bottom) and as `docker history` lists them,
      // so reading and Tab order follow the picture; the <ol reversed> numbers count the base as 1.
      setAttr(el.list, 'reversed', '');
      let at = 0;
      for (let i = all.length - 1; i >= 0; i--) {
        const item = all[i]!;
        const key = `${item.state === 'base' ? 'b' : 's'}:${item.key}`;
        keep.add(key);
        let li = el!.items.get(key);
        const inFinal = item.layer && s.final ? (finalIndex.get(item.layer.digest) ?? -1) : -1;
        const signature = signatureOf(item, pic, inFinal);
        const stale = !li || shownSig.get(li) !== signature;
        // Past this frame's budget, stale items wait for the next frame (new ones are not inserted empty).
        if (stale && performance.now() > deadline) {
          more = true;
          if (!li) continue;
        }
        if (!li) {
          li = h('li', { class: 'lstack-item is-new' });
          li.addEventListener('animationend', () => li!.classList.remove('is-new'), { once: true });
          if (item.copiesFrom) li.id = copyItemId(pic, s, item, i);
          el!.items.set(key, li);
        }
        if (el!.list.children[at] !== li) {
          el!.list.insertBefore(li, el!.list.children[at] ?? null);
          changed = true;
        }
        at++;
        if (stale && !more) {
          renderItem(li, signature, item, pic, inFinal);
          changed = true;
        }
      }
      for (const [key, li] of el.items) if (!keep.has(key)) {
        li.remove();
        el.items.delete(key);
        changed = true;
      }
      if (s.skipped && el.list.children.length === 0 && !more) {
        changed = true;
        el.list.append(h('li', { class: 'lstack-item state-skipped', 'aria-label': 'Stage not built: skipped' }, h('span', { class: 'lstack-badge', 'aria-hidden': 'true' }, '⊘ skipped'), ' No step of this stage was needed.'));
      }
    });
    for (const [name, el] of stageEls) if (!pic.stages.some((s) => s.name === name)) {
      el.section.remove();
      stageEls.delete(name);
      changed = true;
    }
    if (changed) arrowsStale = true;
    return more;
  };

  /**
   * Places the COPY --from arrows. All layout reads come first (one layout for the whole pass), then the
   * writes; it runs only when the rows or the stages' box may have moved, and reads nothing when the
   * picture has no COPY --from from a stage.
   */
  const drawArrows = (): void => {
    const pic = ctx.stack.current;
    const wanted: { key: string; from: HTMLElement; fromId: string; to: HTMLLIElement }[] = [];
    for (const s of pic?.stages ?? []) {
      const target = stageEls.get(s.name);
      for (const item of s.items) {
        if (!item.copiesFrom || !target) continue;
        const source = stageEls.get(item.copiesFrom.toLowerCase());
        const to = target.items.get(`s:${item.key}`);
        if (!source || !to || !to.isConnected) continue;
        // The source stage's top layer (the list's first item), or its heading while it has none.
        wanted.push({ key: `${s.name}/${item.key}`, from: (source.list.firstElementChild as HTMLElement | null) ?? source.heading, fromId: source.section.id, to });
      }
    }
    for (const [key, a] of arrowEls) if (!wanted.some((w) => w.key === key)) {
      a.group.remove();
      arrowEls.delete(key);
    }
    if (wanted.length === 0) return;
    // Hidden (its tab is closed): placed when shown, since the ResizeObserver sees the box appear.
    if (stages.offsetWidth === 0) return;
    const boxes = wanted.map((w) => [boxIn(w.from, stages), boxIn(w.to, stages)] as const);
    wanted.forEach((w, i) => {
      const [from, to] = boxes[i]!;
      if (!from || !to) return;
      let a = arrowEls.get(w.key);
      if (!a) {
        // pathLength 1 lets the CSS draw the line from its start, whatever its length.
        const halo = svg('path', { class: 'lstack-copy-halo', pathLength: '1' });
        const path = svg('path', { class: 'lstack-copy-path', pathLength: '1', 'marker-end': `url(#${markerId})` });
        const group = svg('g', { class: 'lstack-copy is-new' }, halo, path);
        path.addEventListener('animationend', () => group.classList.remove('is-new'), { once: true });
        a = { group, halo, path };
        arrowLayer.append(a.group);
        arrowEls.set(w.key, a);
      }
      const d = arrowPath(from, to);
      setAttr(a.halo, 'd', d);
      setAttr(a.path, 'd', d);
      setAttr(a.path, 'data-from', w.fromId);
      setAttr(a.path, 'data-to', w.to.id);
    });
  };

  const draw = (deadline: number): boolean => {
    if (renderStale) renderStale = render(deadline);
    if (renderStale) return true;
    if (arrowsStale) {
      arrowsStale = false;
      drawArrows();
    }
    return false;
  };
  const batch = frameBatch(draw);
  draw(Infinity);
  // The stages' box changes size when the panel is resized or shown, or a stack grows: the arrows follow.
  const resized = new ResizeObserver(() => {
    if (arrowEls.size === 0 && !ctx.stack.current?.stages.some((s) => s.items.some((i) => i.copiesFrom))) return;
    arrowsStale = true;
    batch.schedule();
  });
  resized.observe(stages);
  return {
    update(kind) {
      if (kind === 'build' || kind === 'store') {
        renderStale = true;
        batch.schedule();
      }
    },
    flush: () => batch.flush(),
    dispose() {
      batch.cancel();
      resized.disconnect();
      root.remove();
    },
  };
}
