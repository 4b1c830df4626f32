// The build view: the layer stack. Base image layers at the bottom; each committed step lands on top
// with its instruction, size and short digest; cached steps show as reused; the first miss shows its
// reason and the layers above it are invalidated, then rebuilt. Multi-stage builds get one stack per
// stage, skipped stages are greyed, COPY --from points at its source stage, and the final image's
// stack is highlighted.
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

export function mount(host: HTMLElement, ctx: ViewsContext): ViewInstance {
  const summary = h('p', { class: 'lstack-summary' });
  // Announced when a build starts and when it ends, not on every step.
  const announce = h('p', { class: 'visually-hidden', role: 'status' });
  const stages = h('div', { class: 'lstack-stages' });
  const root = h('div', { class: 'lstack' }, summary, stages, announce);
  host.replaceChildren(root);
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
      parts.push(h('p', { class: 'lstack-arrow' }, h('span', { 'aria-hidden': 'true' }, '⤴ '), 'copies files from ',
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
    const pic = ctx.stack.current;
    if (!pic) {
      setText(summary, 'No build yet. Run docker build -t app . in the terminal, and the layers appear here as the engine commits them.');
      return false;
    }
    if (pic.buildId !== shownBuild) {
      shownBuild = pic.buildId;
      stages.replaceChildren();
      stageEls.clear();
    }
    const c = countStates(pic);
    const status = pic.status === 'running' ? 'Building' : pic.status === 'done' ? 'Built' : 'Build failed';
    const text = `${status}${pic.tags.length ? ` ${pic.tags.map(familiar).join(', ')}` : ''}: ${c.built} built, ${c.cached} cached${c.invalidated ? `, ${c.invalidated} invalidated` : ''}${c.building ? `, ${c.building} building` : ''}${c.error ? `, ${c.error} failed` : ''}.`;
    setText(summary, text);
    const said = pic.status === 'running' ? 'Build started.' : text;
    setText(announce, said);
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
      if (stages.children[n] !== el.section) stages.insertBefore(el.section, stages.children[n] ?? null);
      const isImage = s.final || (pic.status === 'running' && s === lastStage);
      const sectionClass = `lstack-stage${s.skipped ? ' is-skipped' : ''}${s.final ? ' is-final' : ''}`;
      if (el.section.className !== sectionClass) el.section.className = sectionClass;
      setText(el.heading, stageTitle(s, pic));
      setAttr(el.list, 'aria-label', isImage ? 'Image layers' : `Layers of stage ${s.name || 'main'}${s.skipped ? ' (skipped)' : ''}`);
      const all = [...s.baseItems, ...s.items];
      const keep = new Set<string>();
      all.forEach((item, i) => {
        const key = `${item.state === 'base' ? 'b' : 's'}:${item.key}`;
        keep.add(key);
        let li = el!.items.get(key);
        const inFinal = item.layer && s.final ? (finalIndex.get(item.layer.digest) ?? -1) : -1;
        const signature = signatureOf(item, pic, inFinal);
        const stale = !li || shownSig.get(li) !== signature;
        // Past this frame's budget, stale items wait for the next frame (new ones are not inserted empty).
        if (stale && performance.now() > deadline) {
          more = true;
          if (!li) return;
        }
        if (!li) {
          li = h('li', { class: 'lstack-item is-new' });
          li.addEventListener('animationend', () => li!.classList.remove('is-new'), { once: true });
          el!.items.set(key, li);
        }
        if (el!.list.children[i] !== li) el!.list.insertBefore(li, el!.list.children[i] ?? null);
        if (stale && !more) renderItem(li, signature, item, pic, inFinal);
      });
      for (const [key, li] of el.items) if (!keep.has(key)) {
        li.remove();
        el.items.delete(key);
      }
      if (s.skipped && el.list.children.length === 0 && !more) {
        el.list.append(h('li', { class: 'lstack-item state-skipped', 'aria-label': 'Stage not built: skipped' }, h('span', { class: 'lstack-badge', 'aria-hidden': 'true' }, '⊘ skipped'), ' No step of this stage was needed.'));
      }
    });
    for (const [name, el] of stageEls) if (!pic.stages.some((s) => s.name === name)) {
      el.section.remove();
      stageEls.delete(name);
    }
    return more;
  };
  const batch = frameBatch(render);
  render();
  return {
    update(kind) {
      if (kind === 'build' || kind === 'store') batch.schedule();
    },
    flush: () => batch.flush(),
    dispose() {
      batch.cancel();
      root.remove();
    },
  };
}
