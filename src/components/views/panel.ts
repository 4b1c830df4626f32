// The views panel: motion controls and one tab per picture. Each tab's code is loaded the first time
// the tab opens (the layer stack opens first).
import './views.css';
import { h } from './dom.ts';
import { SPEEDS, MAX_GAP_MS, FAST_FACTOR, type PlayerState } from './motion.ts';
import type { ExplorerRequest, TabId, UpdateKind, ViewInstance, ViewModule, ViewsContext } from './context.ts';

const TABS: { id: TabId; label: string; load: () => Promise<ViewModule> }[] = [
  { id: 'layers', label: 'Layers', load: () => import('./layer-stack-view.ts') },
  { id: 'pull', label: 'Pull', load: () => import('./pull-view.ts') },
  { id: 'store', label: 'Store', load: () => import('./store-view.ts') },
  { id: 'explorer', label: 'Explorer', load: () => import('./explorer-view.ts') },
  { id: 'images', label: 'Images', load: () => import('./images-view.ts') },
];

let panelSerial = 0;

export function mountPanel(host: HTMLElement, ctx: ViewsContext): { show(tab: TabId, request?: ExplorerRequest): void; follow(tab: TabId): void; dispose(): void } {
  const serial = ++panelSerial;
  const idOf = (tab: TabId, part: string) => `views-${serial}-${tab}-${part}`;

  // Motion controls.
  const playBtn = h('button', { type: 'button', class: 'lab-button views-play', 'aria-pressed': 'false' }, 'Pause');
  const stepBtn = h('button', { type: 'button', class: 'lab-button' }, 'Step');
  const finishBtn = h('button', { type: 'button', class: 'lab-button' }, 'Skip to end');
  const speedSel = h('select', { class: 'views-speed', 'aria-label': 'Animation speed' });
  for (const s of SPEEDS) speedSel.append(h('option', { value: String(s), selected: s === 1 }, `${s}×`));
  // The live status only changes on pause, resume, reduced motion or when the pictures catch up; the
  // count of events still to show is not announced (it changes many times a second).
  const motionStatus = h('span', { class: 'views-motion-status', role: 'status' });
  const pendingText = h('span', { class: 'views-motion-status' });
  let lastPendingPaint = 0;
  const controls = h('div', { class: 'views-controls', role: 'toolbar', 'aria-label': 'Animation controls' },
    playBtn, stepBtn, finishBtn, h('label', { class: 'views-speed-label' }, 'Speed ', speedSel), motionStatus, pendingText);
  const note = h('p', { class: 'views-note' },
    `In this lab, the terminal and the pictures replay the engine's events together, ${FAST_FACTOR} times faster than the times the terminal prints (longer runs faster still), and a wait longer than ${MAX_GAP_MS / 1000} s is shortened.`);

  const tablist = h('div', { class: 'views-tabs', role: 'tablist', 'aria-label': 'Pictures' });
  const panels = h('div', { class: 'views-panels' });
  // Once the learner picks a tab, the pictures stop switching tabs to follow the running command.
  let chosen = false;
  const tabs = new Map<TabId, { tab: HTMLButtonElement; panel: HTMLElement; view?: ViewInstance; loading?: Promise<ViewInstance>; missed: Set<UpdateKind> }>();
  for (const t of TABS) {
    const tab = h('button', {
      type: 'button', role: 'tab', id: idOf(t.id, 'tab'), 'aria-controls': idOf(t.id, 'panel'), 'aria-selected': 'false', tabindex: '-1', class: 'views-tab',
    }, t.label);
    const panel = h('div', { role: 'tabpanel', id: idOf(t.id, 'panel'), 'aria-labelledby': idOf(t.id, 'tab'), class: 'views-panel', hidden: true });
    tabs.set(t.id, { tab, panel, missed: new Set() });
    tablist.append(tab);
    panels.append(panel);
    tab.addEventListener('click', () => {
      chosen = true;
      void show(t.id);
    });
  }
  tablist.addEventListener('keydown', (ev) => {
    const ids = TABS.map((t) => t.id);
    const cur = ids.findIndex((id) => tabs.get(id)!.tab === document.activeElement);
    if (cur < 0) return;
    let next = -1;
    if (ev.key === 'ArrowRight') next = (cur + 1) % ids.length;
    else if (ev.key === 'ArrowLeft') next = (cur - 1 + ids.length) % ids.length;
    else if (ev.key === 'Home') next = 0;
    else if (ev.key === 'End') next = ids.length - 1;
    if (next < 0) return;
    ev.preventDefault();
    chosen = true;
    const tab = tabs.get(ids[next]!)!.tab;
    tab.focus();
    // A view that loads late (its module, its first drawing) may take focus back to its tab only while
    // it is still the open tab and focus has not moved on: a learner who arrowed past it keeps their place.
    void show(ids[next]!).then(() => {
      const here = document.activeElement;
      if (active === ids[next] && (here === null || here === document.body || tablist.contains(here)) && here !== tab) tab.focus();
    });
  });

  const root = h('section', { class: 'views', 'aria-label': 'Pictures of the engine' }, controls, note, tablist, panels);
  host.replaceChildren(root);
  const lab = host.closest('.lab');
  const slot = host.closest('.lab-slot');
  lab?.classList.add('lab--views');
  slot?.classList.add('lab-slot--views');

  const load = (id: TabId): Promise<ViewInstance> => {
    const entry = tabs.get(id)!;
    if (entry.view) return Promise.resolve(entry.view);
    entry.loading ??= TABS.find((t) => t.id === id)!.load().then((m) => {
      entry.view = m.mount(entry.panel, ctx);
      return entry.view;
    });
    return entry.loading;
  };

  let active: TabId | null = null;
  async function show(id: TabId, request?: ExplorerRequest): Promise<void> {
    if (active !== id) {
      for (const [tid, e] of tabs) {
        const on = tid === id;
        e.tab.setAttribute('aria-selected', String(on));
        e.tab.tabIndex = on ? 0 : -1;
        e.panel.hidden = !on;
      }
      active = id;
    }
    const view = await load(id);
    // A hidden view skips its drawing; it catches up when shown.
    const entry = tabs.get(id)!;
    for (const kind of entry.missed) view.update(kind);
    entry.missed.clear();
    if (request) view.open?.(request);
    // A view that arrives (or catches up) while the player is idle is drawn before "idle" is said again.
    if (active === id) renderMotion(ctx.player.state);
  }

  const unsubscribe = ctx.onUpdate((kind) => {
    for (const [id, e] of tabs) {
      if (!e.view) continue;
      if (id === active) e.view.update(kind);
      else e.missed.add(kind);
    }
  });

  // The player's state as the pictures show it, in the DOM (data-player on the panel, and the status
  // text): "playing" while events wait to be shown, "paused", and "idle" only once the open picture has
  // drawn the last event played (its pending frame is drawn at once), so "Up to date." is exact.
  let shownPlayer = '';
  let shownPaused: boolean | undefined;
  let shownEmpty: boolean | undefined;
  const renderMotion = (s: PlayerState): void => {
    // Runs after every played event: it writes only what changed (a same-value write still costs style work).
    if (s.paused !== shownPaused) {
      shownPaused = s.paused;
      playBtn.textContent = s.paused ? 'Play' : 'Pause';
      playBtn.setAttribute('aria-pressed', String(s.paused));
      playBtn.setAttribute('aria-label', s.paused ? 'Play (animation is paused)' : 'Pause the animation');
    }
    if (shownEmpty !== (s.pending === 0)) {
      shownEmpty = s.pending === 0;
      stepBtn.disabled = s.pending === 0;
      finishBtn.disabled = s.pending === 0;
    }
    let player = s.paused ? 'paused' : s.pending ? 'playing' : 'idle';
    if (player !== 'playing') {
      // Idle, or paused (a step was just taken): nothing moves until the next event, so the open
      // picture draws what it has now rather than in its next frame.
      const view = active ? tabs.get(active)!.view : undefined;
      // The open picture's code is still loading: not idle yet (show() calls back here once it is mounted).
      if (active && !view) {
        if (player === 'idle') player = 'playing';
      } else view?.flush?.();
    }
    if (player !== shownPlayer) {
      shownPlayer = player;
      root.dataset.player = player;
    }
    const text = `${player === 'paused' ? 'Paused.' : player === 'playing' ? 'Playing.' : 'Up to date.'}${s.reducedMotion ? ' Reduced motion: changes appear without movement.' : ''}`;
    if (motionStatus.textContent !== text) motionStatus.textContent = text;
    const now = performance.now();
    if (s.pending === 0 || now - lastPendingPaint > 500) {
      lastPendingPaint = now;
      const p = s.pending ? `${s.pending} event${s.pending === 1 ? '' : 's'} to show` : '';
      if (pendingText.textContent !== p) pendingText.textContent = p;
    }
    if (root.classList.contains('views--still') !== s.reducedMotion) root.classList.toggle('views--still', s.reducedMotion);
  };
  const offMotion = ctx.player.onChange(renderMotion);
  renderMotion(ctx.player.state);
  playBtn.addEventListener('click', () => (ctx.player.state.paused ? ctx.player.resume() : ctx.player.pause()));
  stepBtn.addEventListener('click', () => ctx.player.step());
  finishBtn.addEventListener('click', () => ctx.player.finish());
  speedSel.addEventListener('change', () => ctx.player.setSpeed(Number(speedSel.value)));

  // Every view keeps its model current even before its tab opens; the layer stack opens first. The
  // other tabs' code loads when the browser is idle, so their pictures are ready when first opened.
  void show('layers');
  const idle = (globalThis as { requestIdleCallback?: (fn: () => void) => number }).requestIdleCallback ?? ((fn: () => void) => setTimeout(fn, 200));
  idle(() => void load('pull'));

  return {
    show: (tab, request) => {
      chosen = true;
      void show(tab, request);
    },
    follow: (tab) => {
      if (!chosen && active !== tab) void show(tab);
    },
    dispose() {
      unsubscribe();
      offMotion();
      for (const e of tabs.values()) e.view?.dispose();
      root.remove();
      lab?.classList.remove('lab--views');
      slot?.classList.remove('lab-slot--views');
    },
  };
}
