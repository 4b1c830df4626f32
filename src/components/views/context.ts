// What every view gets: engine state to read, the models folded from engine events, the motion player,
// and a way to ask the lab to run a command (typed into the terminal, as a lesson's "Run" button does).
// Views change the lab only through these, which the session carries out (src/components/views/mount.ts).
import type { EngineView } from '../../lab/core/snapshot.ts';
import type { ImageAnalysis } from '../../engine/analysis/image.ts';
import type { NetworkPresetId, PullOutcome } from '../../engine/registry/index.ts';
import type { LayerStackModel } from './layer-stack-model.ts';
import type { TransferModel } from './transfer-model.ts';
import type { MotionControls } from './motion.ts';

export type TabId = 'layers' | 'pull' | 'store' | 'explorer' | 'images';

export type UpdateKind = 'build' | 'transfer' | 'store';

export interface ExplorerRequest {
  readonly imageId: string;
  readonly layer?: number;
}

export interface ViewsContext {
  /** The engine's state, read-only (the page's mirror of the engine; see src/lab/core/snapshot.ts). */
  readonly engine: EngineView;
  readonly stack: LayerStackModel;
  readonly transfer: TransferModel;
  /** The lab's one pace: it drives the terminal's output and these pictures together. */
  readonly player: MotionControls;
  /** Called after every played event that changed a model, and when the store changed. */
  onUpdate(listener: (kind: UpdateKind) => void): () => void;
  /** Runs a command in the lab's terminal (the learner sees it typed). */
  runCommand(text: string): Promise<number>;
  /** Pulls without the terminal, through the session's queue (for a shell without `docker pull`). */
  pull(ref: string): Promise<PullOutcome>;
  /** The simulated network's preset in use, and the learner's choice of it (kept by the session). */
  readonly networkId: string;
  setNetwork(id: NetworkPresetId): void;
  /** A stored image's analysis (layers, wasted space, packages, advisories), computed by the lab's core. */
  analyze(imageId: string): Promise<ImageAnalysis | undefined>;
  /** True when the lab shell has the command (e.g. `docker pull`). */
  hasCommand(argv: readonly string[]): boolean;
  /** Shows another tab (e.g. the explorer on a chosen image and layer). */
  show(tab: TabId, request?: ExplorerRequest): void;
  readonly readOnly: boolean;
}

export interface ViewInstance {
  update(kind: UpdateKind): void;
  /** The explorer and images view accept a request to open an image. */
  open?(request: ExplorerRequest): void;
  /** Draws any pending change now (the panel calls it before it reports the pictures up to date). */
  flush?(): void;
  dispose(): void;
}

export type ViewModule = { mount(host: HTMLElement, ctx: ViewsContext): ViewInstance };
