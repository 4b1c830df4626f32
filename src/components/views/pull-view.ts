// The pull and push view: the registry on one side, the local store on the other, and one bar per layer.
// Bars fill in simulated time as the registry's events arrive; at most 3 move at once (docker's limit),
// the rest say "Waiting"; layers the store already holds say "Already exists" at once, with links to the
// images that use them. A summary line says what travelled and what was already here.
import { h, size, frameBatch, setAttr, setText } from './dom.ts';
import type { ViewInstance, ViewsContext } from './context.ts';
import { statusText, summarize, movingCount, type TransferLayer, type TransferPicture } from './transfer-model.ts';
import { NETWORK_PRESETS, type NetworkPresetId } from '../../engine/registry/network.ts';

function layerStatus(l: TransferLayer): string {
  const base = statusText(l.state, l.from);
  if ((l.state === 'downloading' || l.state === 'extracting' || l.state === 'pushing') && l.total > 0) {
    return `${base} ${size(l.current)} / ${size(l.total)}`;
  }
  return base;
}

function fraction(l: TransferLayer): number {
  if (l.state === 'already-exists' || l.state === 'layer-already-exists' || l.state === 'mounted' || l.state === 'pull-complete' || l.state === 'pushed') return 1;
  if (l.state === 'download-complete' || l.state === 'verifying-checksum') return 1;
  if (l.total > 0) return Math.min(1, l.current / l.total);
  return 0;
}

export function summaryLine(pic: TransferPicture): string {
  const s = summarize(pic);
  if (pic.kind === 'pull') {
    if (pic.done && pic.upToDate) return `Image is up to date: nothing downloaded, ${size(s.total)} already here.`;
    return `downloaded ${size(s.moved)} of ${size(s.total)}, ${size(s.present)} already here`;
  }
  return `uploaded ${size(s.moved)} of ${size(s.total)}, ${size(s.present)} already on the registry`;
}

export function mount(host: HTMLElement, ctx: ViewsContext): ViewInstance {
  const netSel = h('select', { class: 'pull-net', id: `pull-net-${Math.random().toString(36).slice(2, 8)}` });
  for (const [id, p] of Object.entries(NETWORK_PRESETS)) {
    netSel.append(h('option', { value: id, selected: ctx.networkId === id }, `${p.label} (${size(p.bytesPerSecond)}/s, ${p.latencyMs} ms round trip)`));
  }
  netSel.addEventListener('change', () => {
    ctx.setNetwork(netSel.value as NetworkPresetId);
  });
  const netLabel = h('label', { class: 'pull-net-label', for: netSel.id }, 'Bandwidth for the next pull or push ');
  const title = h('h4', { class: 'pull-title' });
  const diagram = h('div', { class: 'pull-diagram', 'aria-hidden': 'true' },
    h('span', { class: 'pull-box' }, 'Registry (docker.io)'), h('span', { class: 'pull-wire' }, '⟶'), h('span', { class: 'pull-box' }, 'Local image store'));
  const list = h('ol', { class: 'pull-list', 'aria-label': 'Pull progress' });
  const summary = h('p', { class: 'pull-summary' });
  // Announced once per pull or push, when it finishes (the bars change too often to announce).
  const announce = h('p', { class: 'visually-hidden', role: 'status' });
  // What travels is each layer's compressed archive: these sizes are not the ones docker history shows.
  const note = h('p', { class: 'views-note' }, 'Sizes here are compressed, as the layers travel (the content size of docker images); docker history shows the files each layer adds.');
  const root = h('div', { class: 'pull' }, h('p', { class: 'pull-net-row' }, netLabel, netSel), title, diagram, list, summary, note, announce);
  host.replaceChildren(root);
  let shown = 0;
  interface Row { li: HTMLLIElement; id: HTMLElement; fill: HTMLElement; status: HTMLElement; links: HTMLElement; state: string; text: string; scale: number }
  const rows = new Map<number, Row>();

  /** Draws what changed; returns true when it ran out of its frame's time with rows left to draw. */
  const render = (deadline = Infinity): boolean => {
    let more = false;
    const pic = ctx.transfer.current;
    if (ctx.networkId !== netSel.value && ctx.networkId in NETWORK_PRESETS) netSel.value = ctx.networkId;
    if (!pic) {
      setText(title, 'No pull yet');
      setText(summary, 'Try docker pull alpine:3.21 in the terminal, then docker pull node:22-alpine.');
      return false;
    }
    if (pic.serial !== shown) {
      shown = pic.serial;
      list.replaceChildren();
      rows.clear();
      list.setAttribute('aria-label', pic.kind === 'pull' ? 'Pull progress' : 'Push progress');
      root.dataset.kind = pic.kind;
    }
    const t = `${pic.kind === 'pull' ? 'Pulling' : 'Pushing'} ${pic.title}${pic.done ? ' (done)' : ''}`;
    setText(title, t);
    for (const l of pic.layers) {
      let row = rows.get(l.index);
      const text = layerStatus(l);
      const scale = fraction(l);
      const stateKey = `${l.state}|${l.from ?? ''}`;
      if (row && row.state === stateKey && row.text === text && row.scale === scale && (!l.usedBy.length || row.links.childElementCount)) continue;
      // Past this frame's budget, the rows left wait for the next frame.
      if (performance.now() > deadline) {
        more = true;
        break;
      }
      if (!row) {
        const id = h('code', { class: 'pull-id' }, l.id);
        const fill = h('span', { class: 'pull-fill' });
        const bar = h('span', { class: 'pull-bar', 'aria-hidden': 'true' }, fill);
        const status = h('span', { class: 'pull-status' });
        const links = h('span', { class: 'pull-links' });
        const li = h('li', { class: 'pull-item' }, id, bar, status, links);
        row = { li, id, fill, status, links, state: '', text: '', scale: -1 };
        rows.set(l.index, row);
        list.append(row.li);
      }
      // The accessible name and the state attribute change with the layer's state only; the byte counts
      // (visible text) and the bar (a compositor-only transform) change as bytes arrive.
      if (row.state !== stateKey) {
        row.state = stateKey;
        row.li.setAttribute('aria-label', `${l.id}: ${statusText(l.state, l.from)}`);
        row.li.dataset.state = l.state;
      }
      if (row.text !== text) {
        row.text = text;
        row.status.textContent = text;
      }
      if (row.scale !== scale) {
        row.scale = scale;
        row.fill.style.transform = `scaleX(${scale})`;
      }
      if (l.usedBy.length && !row.links.childElementCount) {
        row.links.append('used by ');
        l.usedBy.forEach((name, i) => {
          if (i) row!.links.append(', ');
          const img = ctx.engine.images.resolve(name);
          row!.links.append(h('button', {
            type: 'button', class: 'views-link', onclick: () => img && ctx.show('images', { imageId: img.id }),
          }, name));
        });
      }
    }
    const moving = movingCount(pic);
    const s = `${summaryLine(pic)}${!pic.done && moving ? ` · ${moving} moving now` : ''}`;
    setText(summary, s);
    const said = pic.done ? `${pic.kind === 'pull' ? 'Pull' : 'Push'} of ${pic.title} complete: ${summaryLine(pic)}.` : '';
    setText(announce, said);
    return more;
  };
  const batch = frameBatch(render);
  render();
  return {
    update(kind) {
      if (kind === 'transfer') batch.schedule();
    },
    flush: () => batch.flush(),
    dispose() {
      batch.cancel();
      root.remove();
    },
  };
}
