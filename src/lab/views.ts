// Mounts the lab's pictures (layer stack, pull/push view, store view, layer explorer, images view) for a
// session. The models are fed only by the session's engine events and read only engine state; the
// motion player paces those events so a learner can watch them. Each view's code loads lazily.
import type { LabSession, SessionEvent } from './session.ts';
import { LayerStackModel, isBuildEvent } from '../components/views/layer-stack-model.ts';
import { stackLookups, stagesOf } from '../components/views/lookups.ts';
import { TransferModel, isTransferEvent } from '../components/views/transfer-model.ts';
import { Player } from '../components/views/motion.ts';
import type { ExplorerRequest, TabId, UpdateKind, ViewsContext } from '../components/views/context.ts';
import { familiar } from '../components/views/dom.ts';

export interface ViewsHandle {
  readonly context: ViewsContext;
  show(tab: TabId): void;
  dispose(): void;
}

/** Events the pictures do not draw (log lines, sub-row progress) are not queued for playback. */
const SKIP = new Set(['log', 'step-status']);

export async function mountViews(host: HTMLElement, session: LabSession): Promise<ViewsHandle> {
  const engine = session.engine;
  const stack = new LayerStackModel(stackLookups(engine));
  const transfer = new TransferModel({
    blobSize(digest) {
      for (const img of engine.images.list()) for (const l of img.layers) if (l.digest === digest) return l.compressedSize;
      return undefined;
    },
    imagesWith(digest, exceptRef) {
      const except = engine.images.resolve(exceptRef)?.id;
      const out: string[] = [];
      for (const img of engine.images.list()) {
        if (img.id === except || !img.layers.some((l) => l.digest === digest)) continue;
        const tags = engine.images.tagsOf(img.id).map(familiar);
        out.push(tags[0] ?? img.id.slice(7, 19));
      }
      return out;
    },
  });
  const listeners = new Set<(kind: UpdateKind) => void>();
  const notify = (kind: UpdateKind): void => {
    for (const l of [...listeners]) l(kind);
  };
  const player = new Player<unknown>((event) => {
    const e = event as { type: string };
    if (e.type === 'store-changed') notify('store');
    else if (isTransferEvent(e)) {
      transfer.apply(e);
      notify('transfer');
    } else if (isBuildEvent(e)) {
      stack.apply(e);
      notify('build');
    }
  });
  const reduce = typeof matchMedia === 'function' ? matchMedia('(prefers-reduced-motion: reduce)') : undefined;
  const onReduce = (): void => player.setReducedMotion(!!reduce?.matches);
  onReduce();
  reduce?.addEventListener('change', onReduce);

  let transferSerial = 0;
  let lastGroup = '';
  let lastAt = 0;
  const readStages = async (buildId: string, dockerfile: string): Promise<void> => {
    for (const path of [dockerfile, `/${dockerfile.replace(/^\/+/, '')}`]) {
      try {
        const text = new TextDecoder().decode(await session.workspace.readFile(path));
        stack.setStages(buildId, stagesOf(text));
        return;
      } catch {
        // try the next spelling of the path
      }
    }
  };
  const unsubscribe = session.subscribe((s: SessionEvent) => {
    if (s.type !== 'engine') return;
    const e = s.event as unknown as { type: string; at?: number; buildId?: string; dockerfile?: string };
    if (SKIP.has(e.type)) return;
    // Container events (docker run, ps…) are not drawn by these pictures.
    if (e.type !== 'store-changed' && !isTransferEvent(e) && !isBuildEvent(e)) return;
    let group: string;
    let at: number;
    if (e.type === 'store-changed') {
      group = lastGroup;
      at = lastAt;
    } else if (isTransferEvent(e)) {
      if (e.type === 'pull-start' || e.type === 'push-start') transferSerial++;
      group = `transfer-${transferSerial}`;
      at = e.at;
    } else {
      group = e.buildId ?? 'engine';
      at = e.at ?? lastAt;
      if (e.type === 'build-start' && e.buildId) void readStages(e.buildId, e.dockerfile ?? 'Dockerfile');
    }
    lastGroup = group;
    lastAt = at;
    player.push(e, group, at);
  });

  const { mountPanel } = await import('../components/views/panel.ts');
  let panel: { show(tab: TabId, request?: ExplorerRequest): void; dispose(): void } | null = null;
  const context: ViewsContext = {
    engine,
    stack,
    transfer,
    player,
    onUpdate(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    runCommand: (text) => session.runCommand(text),
    hasCommand: (argv) => session.shell.registry.lookup([...argv]) !== undefined,
    show: (tab, request) => panel?.show(tab, request),
    get readOnly() {
      return session.readOnly;
    },
  } as ViewsContext;
  panel = mountPanel(host, context);
  return {
    context,
    show: (tab) => panel?.show(tab),
    dispose() {
      unsubscribe();
      reduce?.removeEventListener('change', onReduce);
      player.dispose();
      panel?.dispose();
      listeners.clear();
    },
  };
}
