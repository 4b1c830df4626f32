// The layer explorer (after dive): pick an image and a layer to see its file tree with added, modified
// and removed marks and sizes, per layer or combined; the image's efficiency score and wasted bytes as
// dive computes them; and files deleted in a later layer that the image still ships.
import { h, size, shortDigest, familiar } from './dom.ts';
import { diffSize } from '../../engine/store/sizes.ts';
import type { ExplorerRequest, ViewInstance, ViewsContext } from './context.ts';
import { efficiency, layerTree, onlyChanges, shippedButHidden, stackRoots, type EfficiencyReport, type Mark, type ShippedReport, type TreeEntry, type TreeMode } from '../../engine/analysis/index.ts';
import type { StoredImage } from '../../engine/store/types.ts';
import type { DirNode } from '../../engine/fs/index.ts';
import { historyOf } from './lookups.ts';

const MARK_TEXT: Record<Mark, string> = { added: 'added', modified: 'modified', removed: 'removed', unchanged: 'unchanged' };
const MARK_SIGN: Record<Mark, string> = { added: '+', modified: '~', removed: '−', unchanged: ' ' };
/** Directories opened at first, up to this many visible rows. */
const AUTO_OPEN_ROWS = 250;

interface Analysis {
  roots: DirNode[];
  efficiency: EfficiencyReport;
  shipped: ShippedReport;
  createdBy: string[];
}

export function mount(host: HTMLElement, ctx: ViewsContext): ViewInstance {
  const cache = new Map<string, Analysis>();
  const uid = Math.random().toString(36).slice(2, 8);
  const imageSel = h('select', { id: `ex-image-${uid}`, class: 'ex-image' });
  const layerList = h('ol', { class: 'ex-layers', 'aria-label': 'Layers of the image' });
  const modeLayer = h('input', { type: 'radio', name: `ex-mode-${uid}`, value: 'layer', checked: true });
  const modeAll = h('input', { type: 'radio', name: `ex-mode-${uid}`, value: 'combined' });
  const onlyBox = h('input', { type: 'checkbox', checked: true });
  const options = h('div', { class: 'ex-options' },
    h('fieldset', { class: 'ex-mode' }, h('legend', {}, 'Show'), h('label', {}, modeLayer, ' this layer\'s changes'), h('label', {}, modeAll, ' all changes since the first layer')),
    h('label', { class: 'ex-only' }, onlyBox, ' only changed files'));
  const score = h('div', { class: 'ex-score' });
  const treeTitle = h('h4', { class: 'ex-tree-title', id: `ex-tree-title-${uid}` });
  const tree = h('ul', { role: 'tree', class: 'ex-tree', 'aria-labelledby': treeTitle.id });
  const legend = h('p', { class: 'ex-legend' }, 'Marks: + added, ~ modified, − removed; ⚠ deleted in a later layer but still shipped.');
  const empty = h('p', { class: 'ex-empty' });
  const body = h('div', { class: 'ex-body' },
    h('div', { class: 'ex-side' }, h('label', { for: imageSel.id }, 'Image '), imageSel, layerList, options, score),
    h('div', { class: 'ex-main' }, treeTitle, legend, tree));
  const root = h('div', { class: 'explorer' }, empty, body);
  host.replaceChildren(root);

  let imageId = '';
  let layer = 0;
  let mode: TreeMode = 'layer';
  let focusPath = '/';
  const open = new Set<string>();

  const analysis = (img: StoredImage): Analysis => {
    let a = cache.get(img.id);
    if (!a) {
      const roots = stackRoots(img.layers);
      a = { roots, efficiency: efficiency(img.layers, roots), shipped: shippedButHidden(img.layers, roots), createdBy: historyOf(img) };
      cache.set(img.id, a);
    }
    return a;
  };
  const nameOf = (id: string) => ctx.engine.images.tagsOf(id).map(familiar)[0] ?? `<none> ${id.slice(7, 19)}`;

  const renderImages = (): void => {
    const list = ctx.engine.images.list();
    if (!list.some((i) => i.id === imageId)) {
      imageId = list.at(-1)?.id ?? '';
      layer = Math.max(0, (list.at(-1)?.layers.length ?? 1) - 1);
    }
    imageSel.replaceChildren(...list.map((img) => h('option', { value: img.id, selected: img.id === imageId }, nameOf(img.id))));
    empty.hidden = list.length > 0;
    body.hidden = list.length === 0;
    empty.textContent = 'No images yet. Build or pull one, then pick a layer here to see its files.';
  };

  const renderLayers = (img: StoredImage, a: Analysis): void => {
    layerList.replaceChildren(...img.layers.map((l, i) => h('li', {},
      h('button', {
        type: 'button', class: 'ex-layer', 'aria-pressed': String(i === layer),
        onclick: () => {
          layer = i;
          open.clear();
          renderAll();
        },
      }, h('span', { class: 'ex-layer-n' }, `${i + 1}`), ' ', h('code', {}, (a.createdBy[i] ?? '').replace(/ # buildkit$/, '') || shortDigest(l.digest)), ' ', h('span', { class: 'ex-layer-size' }, size(diffSize(l.changes)))))));
  };

  const renderScore = (a: Analysis, img: StoredImage): void => {
    const e = a.efficiency;
    const top = e.inefficiencies.filter((x) => x.cumulativeSize > 0).slice(0, 6);
    const shippedHere = a.shipped.items.slice(0, 8);
    score.replaceChildren(
      h('h4', {}, 'Efficiency (as dive computes it)'),
      h('p', {}, `Score: ${(Math.floor(e.score * 10000) / 100).toFixed(2)} %. Potential wasted space: ${size(e.wastedBytes)} of ${size(e.totalBytes)} of files.`),
      top.length ? h('ul', { class: 'ex-ineff', 'aria-label': 'Files counted as wasted' }, ...top.map((x) => h('li', {}, h('code', {}, x.path), ` ${size(x.cumulativeSize)} in layers ${x.layers.map((n) => n + 1).join(', ')}`))) : h('p', {}, 'No file is stored twice.'),
      h('h4', {}, 'Deleted later but still shipped'),
      shippedHere.length
        ? h('ul', { class: 'ex-shipped', 'aria-label': 'Deleted later but still shipped' }, ...shippedHere.map((s) => h('li', {},
            h('span', { 'aria-hidden': 'true' }, '⚠ '), h('code', {}, s.path), ` ${size(s.size)}: written in layer ${s.writtenIn + 1}, ${s.how} in layer ${s.hiddenIn + 1}`)))
        : h('p', {}, `Nothing: no layer of ${nameOf(img.id)} hides bytes an earlier layer ships.`),
    );
  };

  let rows: HTMLElement[] = [];
  const renderTree = (a: Analysis, img: StoredImage): void => {
    let t: TreeEntry | undefined = layerTree(img.layers, layer, { mode, roots: a.roots });
    if (onlyBox.checked) t = onlyChanges(t) ?? { ...t, children: [] };
    const hidden = new Set(a.shipped.items.filter((s) => s.writtenIn === layer).map((s) => s.path));
    treeTitle.textContent = `Files ${mode === 'layer' ? 'in' : 'up to'} layer ${layer + 1} of ${nameOf(img.id)}${onlyBox.checked ? ' (changed only)' : ''}`;
    // Open directories with changes until enough rows are visible.
    if (open.size === 0) {
      let budget = AUTO_OPEN_ROWS;
      const queue: TreeEntry[] = [t];
      while (queue.length && budget > 0) {
        const e = queue.shift()!;
        if (!e.children || (e.changed === 0 && e.path !== '/')) continue;
        open.add(e.path);
        budget -= e.children.length;
        queue.push(...e.children);
      }
    }
    rows = [];
    const item = (e: TreeEntry, level: number, pos: number, count: number): HTMLLIElement => {
      const isDir = e.kind === 'dir';
      const expanded = isDir && open.has(e.path);
      const shipped = hidden.has(e.path);
      const label = `${e.name}, ${isDir ? 'directory' : e.kind === 'symlink' ? `link to ${e.target}` : 'file'}, ${size(e.size)}, ${MARK_TEXT[e.mark]}${shipped ? ', deleted later but still shipped' : ''}`;
      const li = h('li', {
        role: 'treeitem', 'aria-level': level, 'aria-setsize': count, 'aria-posinset': pos, 'aria-label': label, tabindex: e.path === focusPath ? '0' : '-1',
        class: `ex-item mark-${e.mark}${shipped ? ' is-shipped' : ''}`, 'data-path': e.path,
        ...(isDir ? { 'aria-expanded': String(expanded) } : {}),
      }, h('span', { class: 'ex-row', style: `--level:${level}` },
        h('span', { class: 'ex-mark', 'aria-hidden': 'true' }, MARK_SIGN[e.mark]),
        h('span', { class: 'ex-twisty', 'aria-hidden': 'true' }, isDir ? (expanded ? '▾' : '▸') : ''),
        h('span', { class: 'ex-name' }, e.name + (isDir ? '/' : '') + (e.kind === 'symlink' ? ` → ${e.target}` : '')),
        h('span', { class: 'ex-size' }, size(e.size)),
        h('span', { class: 'ex-mark-word' }, e.mark === 'unchanged' ? '' : MARK_TEXT[e.mark]),
        shipped ? h('span', { class: 'ex-shipped-tag' }, '⚠ deleted later, still shipped') : ''));
      rows.push(li);
      if (expanded && e.children?.length) {
        const group = h('ul', { role: 'group' });
        e.children.forEach((c, i) => group.append(item(c, level + 1, i + 1, e.children!.length)));
        li.append(group);
      }
      return li;
    };
    const top = t.children ?? [];
    tree.replaceChildren(...top.map((c, i) => item(c, 1, i + 1, top.length)));
    if (!tree.querySelector('[tabindex="0"]') && rows[0]) rows[0].tabIndex = 0;
    if (top.length === 0) tree.append(h('li', { role: 'treeitem', 'aria-level': 1, tabindex: '0', 'aria-label': 'No changed files in this layer' }, 'No changed files in this layer.'));
  };

  const renderAll = (keepFocus = false): void => {
    renderImages();
    const img = ctx.engine.images.get(imageId);
    if (!img) {
      tree.replaceChildren();
      return;
    }
    if (layer >= img.layers.length) layer = Math.max(0, img.layers.length - 1);
    const a = analysis(img);
    renderLayers(img, a);
    renderScore(a, img);
    if (img.layers.length === 0) {
      tree.replaceChildren(h('li', { role: 'treeitem', 'aria-level': 1, tabindex: '0' }, 'This image has no layers.'));
      return;
    }
    renderTree(a, img);
    if (keepFocus) (tree.querySelector<HTMLElement>(`[data-path="${CSS.escape(focusPath)}"]`) ?? rows[0])?.focus();
  };

  imageSel.addEventListener('change', () => {
    imageId = imageSel.value;
    const img = ctx.engine.images.get(imageId);
    layer = Math.max(0, (img?.layers.length ?? 1) - 1);
    open.clear();
    renderAll();
  });
  for (const r of [modeLayer, modeAll]) r.addEventListener('change', () => {
    mode = modeAll.checked ? 'combined' : 'layer';
    open.clear();
    renderAll();
  });
  onlyBox.addEventListener('change', () => {
    open.clear();
    renderAll();
  });

  // Tree keyboard: Up/Down move, Right opens or enters, Left closes or goes to the parent, Home/End, Enter/Space toggle.
  tree.addEventListener('keydown', (ev) => {
    const cur = (ev.target as HTMLElement).closest<HTMLElement>('[role="treeitem"]');
    if (!cur) return;
    const visible = [...tree.querySelectorAll<HTMLElement>('[role="treeitem"]')];
    const i = visible.indexOf(cur);
    const path = cur.dataset.path ?? '';
    const isDir = cur.hasAttribute('aria-expanded');
    const expanded = cur.getAttribute('aria-expanded') === 'true';
    const move = (el: HTMLElement | undefined) => {
      if (!el) return;
      for (const r of visible) r.tabIndex = -1;
      el.tabIndex = 0;
      focusPath = el.dataset.path ?? '/';
      el.focus();
    };
    const toggle = (on: boolean) => {
      if (on) open.add(path);
      else open.delete(path);
      focusPath = path;
      renderAll(true);
    };
    switch (ev.key) {
      case 'ArrowDown': move(visible[i + 1]); break;
      case 'ArrowUp': move(visible[i - 1]); break;
      case 'Home': move(visible[0]); break;
      case 'End': move(visible.at(-1)); break;
      case 'ArrowRight':
        if (isDir && !expanded) toggle(true);
        else if (isDir) move(visible[i + 1]);
        break;
      case 'ArrowLeft':
        if (isDir && expanded) toggle(false);
        else move(cur.parentElement?.closest<HTMLElement>('[role="treeitem"]') ?? undefined);
        break;
      case 'Enter':
      case ' ':
        if (isDir) toggle(!expanded);
        break;
      default:
        return;
    }
    ev.preventDefault();
  });
  tree.addEventListener('click', (ev) => {
    const cur = (ev.target as HTMLElement).closest<HTMLElement>('[role="treeitem"]');
    if (!cur?.hasAttribute('aria-expanded')) return;
    const path = cur.dataset.path ?? '';
    if (open.has(path)) open.delete(path);
    else open.add(path);
    focusPath = path;
    renderAll(true);
  });

  renderAll();
  return {
    update(kind) {
      if (kind !== 'store') return;
      for (const id of [...cache.keys()]) if (!ctx.engine.images.get(id)) cache.delete(id);
      renderAll();
    },
    open(request: ExplorerRequest) {
      if (!ctx.engine.images.get(request.imageId)) return;
      imageId = request.imageId;
      layer = request.layer ?? Math.max(0, (ctx.engine.images.get(imageId)?.layers.length ?? 1) - 1);
      open.clear();
      renderAll();
    },
    dispose() {
      root.remove();
    },
  };
}
