// Typed events of pulls and pushes, in simulated time. The shell renders them as docker's text; the
// lab's pull view animates them. Plain data (structured-clone friendly).

/** Simulated ms since the pull or push started. */
export type SimMs = number;

/** A layer's state as docker's progress lines name it. */
export type PullLayerState =
  | 'pulling-fs-layer'
  | 'already-exists'
  | 'waiting'
  | 'downloading'
  | 'verifying-checksum'
  | 'download-complete'
  | 'extracting'
  | 'pull-complete';

export type PushLayerState =
  | 'preparing'
  | 'waiting'
  | 'pushing'
  | 'pushed'
  | 'layer-already-exists'
  | 'mounted';

export interface PullStartEvent {
  readonly type: 'pull-start';
  readonly at: SimMs;
  /** The tag or digest the CLI prints before `: Pulling from`, e.g. `3.21`. */
  readonly tagOrDigest: string;
  /** Repository path, e.g. `library/alpine`. */
  readonly repository: string;
  /** Number of layers in the image. */
  readonly layers: number;
}

export interface PullLayerStateEvent {
  readonly type: 'pull-layer-state';
  readonly at: SimMs;
  /** Layer position, bottom first. */
  readonly index: number;
  /** 12-hex short ID of the compressed blob digest (what docker prints). */
  readonly id: string;
  readonly digest: string;
  readonly state: PullLayerState;
}

export interface PullLayerProgressEvent {
  readonly type: 'pull-layer-progress';
  readonly at: SimMs;
  readonly index: number;
  readonly id: string;
  readonly phase: 'downloading' | 'extracting';
  /** Bytes of the compressed blob moved (downloading) or read while unpacking (extracting). */
  readonly current: number;
  readonly total: number;
}

export interface PullDoneEvent {
  readonly type: 'pull-done';
  readonly at: SimMs;
  /** What the tag resolved to (index digest for multi-platform images). */
  readonly digest: string;
  /** True when nothing was downloaded and the tag already pointed at this image locally. */
  readonly upToDate: boolean;
  /** Bytes that crossed the network (compressed layers; manifests and config excluded). */
  readonly bytesDownloaded: number;
}

export interface PushStartEvent {
  readonly type: 'push-start';
  readonly at: SimMs;
  /** e.g. `docker.io/learner/app` */
  readonly repository: string;
  readonly layers: number;
}

export interface PushLayerStateEvent {
  readonly type: 'push-layer-state';
  readonly at: SimMs;
  /** Layer position, bottom first (docker lists them top first). */
  readonly index: number;
  /** 12-hex short ID (of the DiffID, as the classic push prints). */
  readonly id: string;
  readonly digest: string;
  readonly state: PushLayerState;
  /** For `mounted`: the repository the blob was mounted from, e.g. `library/alpine`. */
  readonly from?: string;
}

export interface PushLayerProgressEvent {
  readonly type: 'push-layer-progress';
  readonly at: SimMs;
  readonly index: number;
  readonly id: string;
  readonly current: number;
  readonly total: number;
}

export interface PushDoneEvent {
  readonly type: 'push-done';
  readonly at: SimMs;
  readonly tag: string;
  readonly digest: string;
  /** Manifest byte length. */
  readonly size: number;
  readonly bytesUploaded: number;
}

export type PullEvent = PullStartEvent | PullLayerStateEvent | PullLayerProgressEvent | PullDoneEvent;
export type PushEvent = PushStartEvent | PushLayerStateEvent | PushLayerProgressEvent | PushDoneEvent;
export type TransferEvent = PullEvent | PushEvent;
