// The pull and push view's state, folded from the registry's typed events. The adapter below accepts
// anything from the engine's event stream and keeps only pull/push events, so this view does not
// depend on how the registry's event types are unioned into the engine's.
import type {
  PullLayerState,
  PushLayerState,
  TransferEvent,
} from '../../engine/registry/events.ts';

const TRANSFER_TYPES = new Set([
  'pull-start', 'pull-layer-state', 'pull-layer-progress', 'pull-done',
  'push-start', 'push-layer-state', 'push-layer-progress', 'push-done',
]);

/** Typed adapter: true for the registry's pull/push events. */
export function isTransferEvent(e: unknown): e is TransferEvent {
  return typeof e === 'object' && e !== null && TRANSFER_TYPES.has((e as { type?: unknown }).type as string);
}

export type TransferState = PullLayerState | PushLayerState;

/** Status text as docker prints it for each state. */
export function statusText(state: TransferState, from?: string): string {
  switch (state) {
    case 'pulling-fs-layer': return 'Pulling fs layer';
    case 'already-exists': return 'Already exists';
    case 'waiting': return 'Waiting';
    case 'downloading': return 'Downloading';
    case 'verifying-checksum': return 'Verifying Checksum';
    case 'download-complete': return 'Download complete';
    case 'extracting': return 'Extracting';
    case 'pull-complete': return 'Pull complete';
    case 'preparing': return 'Preparing';
    case 'pushing': return 'Pushing';
    case 'pushed': return 'Pushed';
    case 'layer-already-exists': return 'Layer already exists';
    case 'mounted': return from ? `Mounted from ${from}` : 'Mounted';
  }
}

export interface TransferLayer {
  readonly index: number;
  readonly id: string;
  readonly digest: string;
  state: TransferState;
  from?: string;
  phase?: 'downloading' | 'extracting' | 'pushing';
  current: number;
  total: number;
  /** Compressed blob size, from the store (known for every layer once the image is local). */
  size: number;
  /** Images in the store (other than this one) that already hold the layer. */
  usedBy: string[];
}

export interface TransferPicture {
  readonly kind: 'pull' | 'push';
  readonly serial: number;
  /** `library/alpine:3.21` (pull) or `docker.io/learner/app` (push). */
  readonly title: string;
  readonly repository: string;
  readonly tagOrDigest: string;
  layers: TransferLayer[];
  done: boolean;
  upToDate: boolean;
  /** Bytes that crossed the network (from pull-done / push-done when finished). */
  moved: number;
  digest?: string;
}

export interface TransferLookups {
  /** Compressed size of a layer blob the local store holds. */
  blobSize(digest: string): number | undefined;
  /** Names (familiar tags, or short IDs) of local images holding the blob, excluding `exceptRef`'s image. */
  imagesWith(digest: string, exceptRef: string): string[];
}

export class TransferModel {
  current: TransferPicture | undefined;
  private serial = 0;
  private readonly lookups: TransferLookups;

  constructor(lookups: TransferLookups) {
    this.lookups = lookups;
  }

  apply(e: TransferEvent): void {
    switch (e.type) {
      case 'pull-start':
        this.current = { kind: 'pull', serial: ++this.serial, title: `${e.repository}:${e.tagOrDigest}`, repository: e.repository, tagOrDigest: e.tagOrDigest, layers: [], done: false, upToDate: false, moved: 0 };
        return;
      case 'push-start':
        this.current = { kind: 'push', serial: ++this.serial, title: e.repository, repository: e.repository, tagOrDigest: '', layers: [], done: false, upToDate: false, moved: 0 };
        return;
      case 'pull-layer-state':
      case 'push-layer-state': {
        const pic = this.current;
        if (!pic) return;
        const layer = this.layer(pic, e.index, e.id, e.digest);
        layer.state = e.state;
        if (e.type === 'push-layer-state' && e.from) layer.from = e.from;
        if (e.state === 'already-exists' || e.state === 'layer-already-exists' || e.state === 'mounted') {
          layer.usedBy = this.lookups.imagesWith(e.digest, `${pic.repository}:${pic.tagOrDigest}`);
        }
        if (e.state === 'download-complete' || e.state === 'verifying-checksum' || e.state === 'pushed') layer.current = layer.total || layer.size;
        return;
      }
      case 'pull-layer-progress': {
        const pic = this.current;
        if (!pic) return;
        const layer = pic.layers.find((l) => l.index === e.index);
        if (!layer) return;
        layer.phase = e.phase;
        layer.current = e.current;
        layer.total = e.total;
        if (e.phase === 'downloading') {
          layer.size = e.total;
          pic.moved = pic.layers.reduce((s, l) => s + (l.phase === 'downloading' ? l.current : l.state === 'already-exists' ? 0 : isPastDownload(l.state) ? l.size : 0), 0);
        }
        return;
      }
      case 'push-layer-progress': {
        const pic = this.current;
        if (!pic) return;
        const layer = pic.layers.find((l) => l.index === e.index);
        if (!layer) return;
        layer.phase = 'pushing';
        layer.current = e.current;
        layer.total = e.total;
        layer.size = e.total;
        pic.moved = pic.layers.reduce((s, l) => s + (l.phase === 'pushing' ? l.current : 0), 0);
        return;
      }
      case 'pull-done':
        if (!this.current) return;
        this.current.done = true;
        this.current.upToDate = e.upToDate;
        this.current.moved = e.bytesDownloaded;
        this.current.digest = e.digest;
        return;
      case 'push-done':
        if (!this.current) return;
        this.current.done = true;
        this.current.moved = e.bytesUploaded;
        this.current.digest = e.digest;
        return;
    }
  }

  private layer(pic: TransferPicture, index: number, id: string, digest: string): TransferLayer {
    let l = pic.layers.find((x) => x.index === index);
    if (!l) {
      l = { index, id, digest, state: 'waiting', current: 0, total: 0, size: this.lookups.blobSize(digest) ?? 0, usedBy: [] };
      pic.layers.push(l);
      pic.layers.sort((a, b) => a.index - b.index);
    }
    return l;
  }
}

function isPastDownload(state: TransferState): boolean {
  return state === 'verifying-checksum' || state === 'download-complete' || state === 'extracting' || state === 'pull-complete';
}

export interface TransferSummary {
  readonly total: number;
  readonly present: number;
  readonly moved: number;
}

/** Figures for the summary line: total compressed bytes, bytes already here, bytes moved so far. */
export function summarize(pic: TransferPicture): TransferSummary {
  let total = 0;
  let present = 0;
  for (const l of pic.layers) {
    total += l.size;
    if (l.state === 'already-exists' || l.state === 'layer-already-exists' || l.state === 'mounted') present += l.size;
  }
  return { total, present, moved: pic.moved };
}

/** The number of layers whose bytes are moving right now (docker allows 3 downloads at once). */
export function movingCount(pic: TransferPicture): number {
  return pic.layers.filter((l) => l.state === 'downloading' || l.state === 'pushing').length;
}
