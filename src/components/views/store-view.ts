// The store view: every local image and the layers it is made of. Each layer blob is drawn once, under
// "Layers on disk", with links to every image that uses it; images link to their layers. Disk used
// (each layer once) is set against the naive sum of image sizes.
import { h, size, shortDigest, frameBatch, familiar } from './dom.ts';
import type { ViewInstance, ViewsContext } from './context.ts';
import type { StoredImage } from '../../engine/store/types.ts';

export interface StoreFigures {
  /** Every distinct layer counted once (uncompressed tar bytes). */
  readonly diskUsed: number;
  /** Sum over images of their layers' sizes, as if nothing were shared. */
  readonly naiveSum: number;
  readonly layers: { digest: string; size: number; images: string[] }[];
}

export function storeFigures(images: readonly StoredImage[]): StoreFigures {
  const byDigest = new Map<string, { digest: string; size: number; images: string[] }>();
  let naive = 0;
  for (const img of images) {
    for (const l of img.layers) {
      naive += l.size;
      const e = byDigest.get(l.digest) ?? { digest: l.digest, size: l.size, images: [] };
      if (!e.images.includes(img.id)) e.images.push(img.id);
      byDigest.set(l.digest, e);
    }
  }
  const layers = [...byDigest.values()].sort((a, b) => b.images.length - a.images.length || b.size - a.size);
  return { diskUsed: layers.reduce((s, l) => s + l.size, 0), naiveSum: naive, layers };
}

export function mount(host: HTMLElement, ctx: ViewsContext): ViewInstance {
  const figures = h('p', { class: 'store-figures' });
  const images = h('ul', { class: 'store-images', 'aria-label': 'Local images' });
  const layers = h('ul', { class: 'store-layers', 'aria-label': 'Layers on disk' });
  // The store counts bytes on disk, as docker system df does; the other tabs show a layer's files.
  const note = h('p', { class: 'views-note' }, 'Sizes here are on disk: each layer unpacked, as docker system df counts it. The Layers, Explorer and Images tabs show a layer\'s size as docker history does: the bytes of the files it adds.');
  const root = h('div', { class: 'store' }, figures, note, h('h4', {}, 'Images'), images, h('h4', {}, 'Layers on disk (each stored once)'), layers);
  host.replaceChildren(root);
  const anchor = (digest: string) => `store-layer-${shortDigest(digest)}`;
  const nameOf = (id: string) => ctx.engine.images.tagsOf(id).map(familiar)[0] ?? `<none> ${id.slice(7, 19)}`;

  const render = (): void => {
    const list = ctx.engine.images.list();
    const f = storeFigures(list);
    const saved = f.naiveSum - f.diskUsed;
    figures.textContent = list.length
      ? `Disk used by layers: ${size(f.diskUsed)}. Sum of the image sizes: ${size(f.naiveSum)}. Shared layers save ${size(saved)}.`
      : 'The local store is empty. Build or pull an image to fill it.';
    const shared = new Set(f.layers.filter((l) => l.images.length > 1).map((l) => l.digest));
    images.replaceChildren(...list.map((img) => {
      const name = nameOf(img.id);
      const total = img.layers.reduce((s, l) => s + l.size, 0);
      const ol = h('ol', { class: 'store-chips', 'aria-label': `Layers of ${name}` }, ...img.layers.map((l, i) => h('li', {},
        h('a', { href: `#${anchor(l.digest)}`, class: `store-chip${shared.has(l.digest) ? ' is-shared' : ''}`, 'aria-label': `Layer ${i + 1}: ${shortDigest(l.digest)}, ${size(l.size)} on disk${shared.has(l.digest) ? ', shared' : ''}` },
          shortDigest(l.digest), shared.has(l.digest) ? h('span', { class: 'store-shared-tag' }, ' shared') : ''))));
      return h('li', { class: 'store-image' },
        h('span', { class: 'store-image-name' }, name), ' ', h('span', { class: 'store-image-size' }, `${size(total)} on disk in ${img.layers.length} layer${img.layers.length === 1 ? '' : 's'}`),
        ' ', h('button', { type: 'button', class: 'views-link', onclick: () => ctx.show('images', { imageId: img.id }), 'aria-label': `Details of ${name}` }, 'Details'),
        ol);
    }));
    layers.replaceChildren(...f.layers.map((l) => h('li', { id: anchor(l.digest), class: `store-layer${l.images.length > 1 ? ' is-shared' : ''}`, tabindex: '-1' },
      h('code', {}, shortDigest(l.digest)), ` ${size(l.size)} on disk · `,
      h('span', {}, l.images.length > 1 ? `shared by ${l.images.length} images: ` : 'used by '),
      ...l.images.flatMap((id, i) => [i ? ', ' : '', h('button', { type: 'button', class: 'views-link', onclick: () => ctx.show('images', { imageId: id }) }, nameOf(id))]))));
  };
  const batch = frameBatch(render);
  render();
  return {
    update(kind) {
      if (kind === 'store') batch.schedule();
    },
    dispose() {
      batch.cancel();
      root.remove();
    },
  };
}
