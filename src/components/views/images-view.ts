// The images view (after Docker Desktop's Images tab): search the registry, pull, list local images, and
// an image's details: its layers earliest first with command and size, its packages found by scanning
// the image's own package databases, and matches against a small bundled advisory set (sample data).
import { h, size, shortDigest, familiar, frameBatch } from './dom.ts';
import { imageSizes } from '../../engine/store/sizes.ts';
import type { ExplorerRequest, ViewInstance, ViewsContext } from './context.ts';
import { ADVISORY_DATA_LABEL } from '../../engine/analysis/advisories.ts';
import type { ImageAnalysis } from '../../engine/analysis/image.ts';

export function mount(host: HTMLElement, ctx: ViewsContext): ViewInstance {
  const uid = Math.random().toString(36).slice(2, 8);
  const registry = () => ctx.engine.registry;
  const query = h('input', { type: 'search', id: `img-q-${uid}`, class: 'img-query', placeholder: 'ubuntu', autocomplete: 'off' });
  const results = h('ul', { class: 'img-results', 'aria-label': 'Search results' });
  const searchStatus = h('p', { class: 'img-search-status', role: 'status' });
  const form = h('form', { role: 'search', class: 'img-search', 'aria-label': 'Search the registry' },
    h('label', { for: query.id }, 'Search the registry (Docker Hub in this lab) '), query, h('button', { type: 'submit', class: 'lab-button' }, 'Search'));
  const localBody = h('tbody');
  const local = h('table', { class: 'img-local' },
    h('caption', {}, 'Local images'),
    h('thead', {}, h('tr', {}, ...['Repository', 'Tag', 'Image ID', 'Disk usage', 'Content size', 'Actions'].map((t) => h('th', { scope: 'col' }, t)))),
    localBody);
  // The figures `docker images` prints (its tree view): disk usage is the unpacked layers plus the
  // content; content size is what the registry stores, compressed.
  const sizesNote = h('p', { class: 'views-note' }, 'Disk usage and content size as docker images shows them. A layer\'s size (in the details, the Layers and Explorer tabs) is the bytes of the files it adds, as docker history shows it.');
  const listPane = h('div', { class: 'img-list' }, form, searchStatus, results, local, sizesNote);
  const details = h('div', { class: 'img-details', hidden: true });
  const root = h('div', { class: 'images' }, listPane, details);
  host.replaceChildren(root);

  const analyses = new Map<string, ImageAnalysis>();
  let detailId = '';
  let layerFilter: number | null = null;

  const doSearch = (): void => {
    const term = query.value.trim();
    if (!term) {
      results.replaceChildren();
      searchStatus.textContent = 'Type a name, such as ubuntu, and press Search.';
      return;
    }
    const found = registry().search(term);
    searchStatus.textContent = `${found.length} repositor${found.length === 1 ? 'y' : 'ies'} found for “${term}”.`;
    results.replaceChildren(...found.map((r) => {
      const path = r.name.includes('/') ? r.name : `library/${r.name}`;
      const tags = registry().tags(path);
      const tagSel = h('select', { 'aria-label': `Tag of ${r.name}` }, ...tags.map((t) => h('option', { value: t, selected: t === 'latest' }, t)));
      const pullBtn = h('button', { type: 'button', class: 'lab-button lab-button--primary', disabled: ctx.readOnly || tags.length === 0 }, 'Pull');
      const sync = () => pullBtn.setAttribute('aria-label', `Pull ${r.name}:${tagSel.value}`);
      sync();
      tagSel.addEventListener('change', sync);
      pullBtn.addEventListener('click', () => void pull(`${r.name}:${tagSel.value}`, pullBtn));
      return h('li', { class: 'img-result' },
        h('span', { class: 'img-result-name' }, r.name), r.official ? h('span', { class: 'img-official' }, ' Docker Official Image') : '',
        h('span', { class: 'img-stars' }, ` · ${r.stars.toLocaleString('en')} stars`),
        h('p', { class: 'img-desc' }, r.description), tagSel, ' ', pullBtn);
    }));
  };
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    doSearch();
  });

  const pull = async (ref: string, btn: HTMLButtonElement): Promise<void> => {
    btn.disabled = true;
    searchStatus.textContent = `Pulling ${ref}…`;
    try {
      if (ctx.hasCommand(['docker', 'pull'])) {
        const code = await ctx.runCommand(`docker pull ${ref}`);
        searchStatus.textContent = code === 0 ? `Pulled ${ref}. It is listed under Local images.` : `docker pull ${ref} failed; the terminal shows why.`;
      } else {
        const out = await ctx.pull(ref);
        searchStatus.textContent = out.ok ? `Pulled ${ref}. It is listed under Local images.` : out.error;
      }
    } finally {
      btn.disabled = ctx.readOnly;
    }
  };

  const renderLocal = (): void => {
    const rows: HTMLTableRowElement[] = [];
    for (const img of ctx.engine.images.list()) {
      const tags = ctx.engine.images.tagsOf(img.id).map(familiar);
      const names = tags.length ? tags : ['<none>:<none>'];
      for (const t of names) {
        const at = t.lastIndexOf(':');
        const repo = t.slice(0, at);
        const tag = t.slice(at + 1);
        const sizes = imageSizes(img);
        rows.push(h('tr', {},
          h('td', {}, repo), h('td', {}, tag), h('td', {}, h('code', {}, img.id.slice(7, 19))), h('td', {}, size(sizes.unpacked + sizes.content)), h('td', {}, size(sizes.content)),
          h('td', {},
            h('button', { type: 'button', class: 'lab-button', 'aria-label': `Details of ${t}`, onclick: () => openDetails(img.id) }, 'Details'), ' ',
            h('button', { type: 'button', class: 'lab-button', 'aria-label': `Explore the files of ${t}`, onclick: () => ctx.show('explorer', { imageId: img.id }) }, 'Explore'))));
      }
    }
    if (rows.length === 0) rows.push(h('tr', {}, h('td', { colspan: 6 }, 'No local images yet: search, then pull one.')));
    localBody.replaceChildren(...rows);
  };

  // Analyses come from the lab's core; the details show once one has arrived (then it is kept).
  const asked = new Set<string>();
  const analysisOf = (id: string): ImageAnalysis | undefined => {
    if (!ctx.engine.images.get(id)) return undefined;
    const a = analyses.get(id);
    if (!a && !asked.has(id)) {
      asked.add(id);
      void ctx.analyze(id).then((got) => {
        asked.delete(id);
        if (!got) return;
        analyses.set(id, got);
        if (detailId !== id) return;
        // The details were opened while the analysis was on its way: show them, with focus on their title.
        const waiting = details.contains(document.activeElement) || document.activeElement === document.body;
        renderDetails();
        if (waiting) details.querySelector<HTMLElement>('.img-details-title')?.focus();
      }, () => asked.delete(id));
    }
    return a;
  };

  const renderDetails = (): void => {
    const img = ctx.engine.images.get(detailId);
    const a = analysisOf(detailId);
    if (!img) {
      closeDetails();
      return;
    }
    if (!a) {
      details.replaceChildren(h('p', { role: 'status', tabindex: '-1', class: 'img-details-title' }, 'Reading the image’s layers…'));
      return;
    }
    const name = ctx.engine.images.tagsOf(img.id).map(familiar)[0] ?? img.id.slice(7, 19);
    const back = h('button', { type: 'button', class: 'lab-button', onclick: () => closeDetails() }, '← All images');
    const layers = h('ol', { class: 'img-layers', 'aria-label': 'Layers, earliest first' }, ...a.layers.map((l) => h('li', {},
      h('button', {
        type: 'button', class: 'img-layer', 'aria-pressed': String(layerFilter === l.index),
        'aria-label': `Layer ${l.index + 1}: ${l.createdBy.replace(/ # buildkit$/, '') || shortDigest(l.digest)}, ${size(l.diffSize)}`,
        onclick: () => {
          layerFilter = layerFilter === l.index ? null : l.index;
          renderDetails();
        },
      }, h('span', { class: 'img-layer-n' }, `${l.index + 1}`), ' ', h('code', {}, l.createdBy.replace(/ # buildkit$/, '') || shortDigest(l.digest)), ' ', h('span', { class: 'img-layer-size' }, size(l.diffSize))))));
    const pkgs = a.packages.packages.filter((p) => layerFilter === null || p.layer === layerFilter);
    const pkgTable = h('table', { class: 'img-packages' },
      h('caption', {}, layerFilter === null ? `Packages (${pkgs.length})` : `Packages installed by layer ${layerFilter + 1} (${pkgs.length})`),
      h('thead', {}, h('tr', {}, ...['Name', 'Version', 'Type', 'Layer', 'Found in'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, ...(pkgs.length ? pkgs.map((p) => h('tr', {}, h('td', {}, p.name), h('td', {}, p.version), h('td', {}, p.manager), h('td', {}, String(p.layer + 1)), h('td', {}, h('code', {}, p.path))))
        : [h('tr', {}, h('td', { colspan: 5 }, layerFilter === null ? 'No package database found in this image.' : 'This layer installed no packages.'))])));
    const findings = a.findings.filter((f) => layerFilter === null || f.package.layer === layerFilter);
    const vulnTable = h('table', { class: 'img-vulns' },
      h('caption', {}, `Vulnerabilities (${findings.length}) — sample data`),
      h('thead', {}, h('tr', {}, ...['Advisory', 'Severity', 'Package', 'Installed', 'Fixed in', 'Summary'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, ...(findings.length ? findings.map((f) => h('tr', {},
        h('td', {}, f.advisory.id), h('td', {}, h('span', { class: `img-sev sev-${f.advisory.severity}` }, f.advisory.severity)), h('td', {}, f.package.name), h('td', {}, f.package.version),
        h('td', {}, f.advisory.fixed ?? 'not fixed'), h('td', {}, f.advisory.summary)))
        : [h('tr', {}, h('td', { colspan: 6 }, 'No package matches the sample advisories.'))])));
    details.replaceChildren(
      back,
      h('h4', { class: 'img-details-title', tabindex: '-1' }, `Image details: ${name}`),
      h('p', {}, `ID ${img.id.slice(7, 19)} · ${a.layers.length} layer${a.layers.length === 1 ? '' : 's'} · disk usage ${size(imageSizes(img).unpacked + imageSizes(img).content)}, content size ${size(imageSizes(img).content)}. Each layer's size is the files it adds, as in docker history. Select a layer to filter the packages to it.`),
      layers,
      layerFilter !== null ? h('button', { type: 'button', class: 'lab-button', onclick: () => { layerFilter = null; renderDetails(); } }, 'Show packages of all layers') : '',
      pkgTable,
      h('p', { class: 'img-sample-note', role: 'note' }, ADVISORY_DATA_LABEL),
      vulnTable,
    );
  };

  const openDetails = (id: string): void => {
    detailId = id;
    layerFilter = null;
    listPane.hidden = true;
    details.hidden = false;
    renderDetails();
    details.querySelector<HTMLElement>('.img-details-title')?.focus();
  };
  const closeDetails = (): void => {
    detailId = '';
    details.hidden = true;
    listPane.hidden = false;
    renderLocal();
  };

  const batch = frameBatch(() => {
    renderLocal();
    if (detailId) renderDetails();
  });
  renderLocal();
  doSearch();
  return {
    update(kind) {
      if (kind !== 'store') return;
      for (const id of [...analyses.keys()]) if (!ctx.engine.images.get(id)) analyses.delete(id);
      batch.schedule();
    },
    open(request: ExplorerRequest) {
      if (ctx.engine.images.get(request.imageId)) openDetails(request.imageId);
    },
    dispose() {
      batch.cancel();
      root.remove();
    },
  };
}
