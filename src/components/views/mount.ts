// Mounts the lab's pictures (layer stack, pull/push view, store view, layer explorer, images view) for a
// session. The models are fed only by the session's engine events and read only engine state; the
// session's pacer shows those events at the pace of the terminal's output. Each view's code loads lazily.
import type { LabSession, SessionEvent } from '../../lab/session.ts';
import { LayerStackModel, isBuildEvent } from './layer-stack-model.ts';
import { stackLookups } from './lookups.ts';
import { TransferModel, isTransferEvent } from './transfer-model.ts';
import type { ExplorerRequest, TabId, UpdateKind, ViewsContext } from './context.ts';
import { familiar } from './dom.ts';

export interface ViewsHandle {
  readonly context: ViewsContext;
  show(tab: TabId): void;
  dispose(): void;
}

export async function mountViews(host: HTMLElement, session: LabSession): Promise<ViewsHandle> {
  // The pictures read the engine only through an EngineView (the page's mirror, once the engine runs in a Worker).
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
  // The session's pacer drives the motion: the same one paces the terminal's output.
  const player = session.player;
  const reduce = typeof matchMedia === 'function' ? matchMedia('(prefers-reduced-motion: reduce)') : undefined;
  const onReduce = (): void => player.setReducedMotion(!!reduce?.matches);
  onReduce();
  reduce?.addEventListener('change', onReduce);

  // The Dockerfile's stages are read and parsed by the lab's core (the page holds no parser).
  const readStages = async (buildId: string, dockerfile: string): Promise<void> => {
    stack.setStages(buildId, await session.dockerfileStages(dockerfile).catch(() => []));
  };
  // The picture the running command is about comes into view by itself: the pull while a base image
  // or an image is fetched, the layer stack while a build runs (unless the learner chose a tab).
  let building = false;
  let panel: { show(tab: TabId, request?: ExplorerRequest): void; follow(tab: TabId): void; dispose(): void } | null = null;
  // Events arrive as the session shows them (paced with the terminal's output).
  const unsubscribe = session.subscribe((s: SessionEvent) => {
    if (s.type !== 'engine') return;
    const e = s.event;
    if (e.type === 'store-changed') notify('store');
    else if (isTransferEvent(e)) {
      transfer.apply(e);
      notify('transfer');
      // Only a command's pull is followed: a challenge's starting state pulls quietly in the background.
      if ((e.type === 'pull-start' || e.type === 'push-start') && session.busy) panel?.follow('pull');
      else if (e.type === 'pull-done' && building) panel?.follow('layers');
    } else if (isBuildEvent(e)) {
      if (e.type === 'build-start') {
        building = true;
        void readStages(e.buildId, e.dockerfile ?? 'Dockerfile');
        panel?.follow('layers');
      } else if (e.type === 'build-done') building = false;
      stack.apply(e);
      notify('build');
    }
  });

  const { mountPanel } = await import('./panel.ts');
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
    pull: (ref) => session.pull(ref),
    get networkId() {
      return session.networkId;
    },
    setNetwork: (id) => session.setNetwork(id),
    analyze: (id) => session.analyzeImage(id),
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
      panel?.dispose();
      listeners.clear();
    },
  };
}
