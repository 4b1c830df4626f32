// Pull and push schedulers: turn layer descriptors into a typed event timeline in simulated time.
// Transfers in flight share the network's bandwidth equally (processor sharing); each request costs
// one round trip before bytes move. Docker's limits apply: 3 concurrent downloads, 5 uploads, and
// layers unpack in order, each only after the one below it.
import { shortId } from '../units.ts';
import { EXTRACT_BYTES_PER_SECOND, type NetworkProfile } from './network.ts';
import type {
  PullEvent,
  PullLayerState,
  PushEvent,
  PushLayerState,
} from './events.ts';

/** docker's `max-concurrent-downloads` default. */
export const MAX_CONCURRENT_DOWNLOADS = 3;
/** docker's `max-concurrent-uploads` default. */
export const MAX_CONCURRENT_UPLOADS = 5;

/** docker's progress reader reports every 512 KiB, or every 1% when that is smaller... */
const UPDATE_EVERY = 512 * 1024;
/** ...reading 32 KiB at a time (io.Copy's buffer), ... */
const READ_CHUNK = 32 * 1024;
/** ...and at most once per 100 ms, except the final update. */
const MIN_UPDATE_INTERVAL_MS = 100;

export interface PullLayerInput {
  /** Compressed blob digest (manifest layer digest). */
  readonly digest: string;
  /** Compressed blob size: the bytes that cross the network. */
  readonly compressedSize: number;
  /** Uncompressed tar size: what extraction writes. */
  readonly size: number;
  /** True when the local store already holds this layer: `Already exists`, no bytes move. */
  readonly present: boolean;
}

export interface PullPlanInput {
  readonly tagOrDigest: string;
  readonly repository: string;
  readonly layers: readonly PullLayerInput[];
  /** Digest the reference resolved to (index digest for multi-platform images). */
  readonly digest: string;
  /** True when the tag resolved through an image index (one more manifest round trip). */
  readonly viaIndex?: boolean;
  /** True when the local tag already points at this exact image. */
  readonly upToDate?: boolean;
  readonly network: NetworkProfile;
  readonly maxConcurrent?: number;
}

export interface TransferJob {
  readonly index: number;
  readonly size: number;
  /** Round trips before the first byte (request set-up). */
  readonly roundTripsBefore: number;
  /** Round trips after the last byte (e.g. the closing PUT of an upload). */
  readonly roundTripsAfter: number;
}

export interface TransferCallbacks {
  start(index: number, at: number): void;
  progress(index: number, at: number, current: number, total: number): void;
  done(index: number, at: number): void;
}

interface Active {
  job: TransferJob;
  phase: 'before' | 'bytes' | 'after';
  phaseEnd: number;
  done: number;
  lastUpdate: number;
  lastEmitAt: number;
  step: number;
}

function progressStep(size: number): number {
  const onePercent = Math.floor(0.01 * size);
  return Math.max(Math.min(UPDATE_EVERY, onePercent), READ_CHUNK);
}

/**
 * Runs jobs in order with at most `slots` at once, sharing `bytesPerSecond` between the jobs that are
 * moving bytes. Calls back in time order. Returns the time the last job finished.
 */
export function simulateTransfers(
  jobs: readonly TransferJob[],
  startAt: number,
  network: NetworkProfile,
  slots: number,
  cb: TransferCallbacks,
): number {
  const perMs = network.bytesPerSecond / 1000;
  const queue = [...jobs];
  const active: Active[] = [];
  let now = startAt;
  const launch = (): void => {
    while (active.length < slots && queue.length > 0) {
      const job = queue.shift()!;
      cb.start(job.index, now);
      active.push({
        job,
        phase: 'before',
        phaseEnd: now + job.roundTripsBefore * network.latencyMs,
        done: 0,
        lastUpdate: 0,
        lastEmitAt: -Infinity,
        step: progressStep(job.size),
      });
    }
  };
  launch();
  while (active.length > 0) {
    // Settle phase changes that are due now (zero-length phases included).
    let changed = true;
    while (changed) {
      changed = false;
      for (let i = 0; i < active.length; i++) {
        const a = active[i]!;
        if (a.phase === 'before' && a.phaseEnd <= now) {
          a.phase = 'bytes';
          changed = true;
        }
        if (a.phase === 'bytes' && a.done >= a.job.size) {
          if (a.lastUpdate < a.job.size || a.job.size === 0) cb.progress(a.job.index, now, a.job.size, a.job.size);
          a.lastUpdate = a.job.size;
          a.phase = 'after';
          a.phaseEnd = now + a.job.roundTripsAfter * network.latencyMs;
          changed = true;
        }
        if (a.phase === 'after' && a.phaseEnd <= now) {
          cb.done(a.job.index, now);
          active.splice(i, 1);
          i--;
          changed = true;
        }
      }
      if (changed) launch();
    }
    if (active.length === 0) break;
    const moving = active.filter((a) => a.phase === 'bytes');
    const rate = moving.length > 0 ? perMs / moving.length : 0;
    let next = Infinity;
    for (const a of active) {
      if (a.phase === 'bytes') next = Math.min(next, now + (a.job.size - a.done) / rate);
      else next = Math.min(next, a.phaseEnd);
    }
    for (const a of moving) {
      const target = Math.min(a.job.size, a.done + rate * (next - now));
      // Progress reports between `a.done` and `target`, as docker's progress reader makes them.
      while (a.lastUpdate + a.step < target && a.lastUpdate + a.step < a.job.size) {
        const bytes = Math.min(a.job.size, Math.ceil((a.lastUpdate + a.step + 1) / READ_CHUNK) * READ_CHUNK);
        if (bytes >= a.job.size) break;
        const at = now + (bytes - a.done) / rate;
        if (at > next) break;
        if (at - a.lastEmitAt >= MIN_UPDATE_INTERVAL_MS) {
          cb.progress(a.job.index, at, bytes, a.job.size);
          a.lastEmitAt = at;
        }
        a.lastUpdate = bytes;
      }
      const finishAt = now + (a.job.size - a.done) / rate;
      a.done = finishAt <= next + 1e-9 || a.job.size - target < 1e-6 ? a.job.size : target;
    }
    now = next;
  }
  return now;
}

/** Progress reports for reading `total` bytes evenly over `[start, end]` (extraction). */
function evenProgress(total: number, start: number, end: number, emit: (at: number, current: number) => void): void {
  const step = progressStep(total);
  let lastUpdate = 0;
  let lastEmitAt = -Infinity;
  const duration = end - start;
  while (lastUpdate + step < total) {
    const bytes = Math.ceil((lastUpdate + step + 1) / READ_CHUNK) * READ_CHUNK;
    if (bytes >= total) break;
    const at = start + (duration * bytes) / total;
    if (at - lastEmitAt >= MIN_UPDATE_INTERVAL_MS) {
      emit(at, bytes);
      lastEmitAt = at;
    }
    lastUpdate = bytes;
  }
  emit(end, total);
}

/**
 * Every event of a pull, in time order. Layers present locally print `Already exists` and move no bytes;
 * the rest download (at most `maxConcurrent` at once) and unpack in layer order.
 */
export function schedulePull(input: PullPlanInput): PullEvent[] {
  const { network, layers } = input;
  const slots = input.maxConcurrent ?? MAX_CONCURRENT_DOWNLOADS;
  const events: PullEvent[] = [];
  // Token, manifest (and the platform manifest when the tag names an index).
  const resolved = network.latencyMs * (input.viaIndex ? 3 : 2);
  events.push({ type: 'pull-start', at: resolved, tagOrDigest: input.tagOrDigest, repository: input.repository, layers: layers.length });
  const ids = layers.map((l) => shortId(l.digest));
  const state = (index: number, at: number, s: PullLayerState): void => {
    events.push({ type: 'pull-layer-state', at, index, id: ids[index]!, digest: layers[index]!.digest, state: s });
  };
  const missing: TransferJob[] = [];
  layers.forEach((l, index) => {
    if (l.present) state(index, resolved, 'already-exists');
    else {
      state(index, resolved, 'pulling-fs-layer');
      missing.push({ index, size: l.compressedSize, roundTripsBefore: 1, roundTripsAfter: 0 });
    }
  });
  missing.slice(slots).forEach((job) => state(job.index, resolved, 'waiting'));

  const downloadDone = new Map<number, number>();
  const timeline: PullEvent[] = [];
  simulateTransfers(missing, resolved, network, slots, {
    start(index, at) {
      timeline.push({ type: 'pull-layer-state', at, index, id: ids[index]!, digest: layers[index]!.digest, state: 'downloading' });
    },
    progress(index, at, current, total) {
      timeline.push({ type: 'pull-layer-progress', at, index, id: ids[index]!, phase: 'downloading', current, total });
    },
    done(index, at) {
      downloadDone.set(index, at);
      timeline.push({ type: 'pull-layer-state', at, index, id: ids[index]!, digest: layers[index]!.digest, state: 'verifying-checksum' });
      timeline.push({ type: 'pull-layer-state', at, index, id: ids[index]!, digest: layers[index]!.digest, state: 'download-complete' });
    },
  });
  // Extraction, strictly bottom to top.
  let extractedAt = resolved;
  layers.forEach((l, index) => {
    if (l.present) return;
    const start = Math.max(downloadDone.get(index)!, extractedAt);
    const end = start + (l.size / EXTRACT_BYTES_PER_SECOND) * 1000;
    timeline.push({ type: 'pull-layer-state', at: start, index, id: ids[index]!, digest: l.digest, state: 'extracting' });
    evenProgress(l.compressedSize, start, end, (at, current) =>
      timeline.push({ type: 'pull-layer-progress', at, index, id: ids[index]!, phase: 'extracting', current, total: l.compressedSize }),
    );
    timeline.push({ type: 'pull-layer-state', at: end, index, id: ids[index]!, digest: l.digest, state: 'pull-complete' });
    extractedAt = end;
  });
  // Stable sort by time keeps each layer's own order (state before its progress, progress before done).
  timeline.sort((a, b) => a.at - b.at);
  events.push(...timeline);
  const bytesDownloaded = missing.reduce((n, j) => n + j.size, 0);
  events.push({
    type: 'pull-done',
    at: extractedAt,
    digest: input.digest,
    upToDate: missing.length === 0 && (input.upToDate ?? false),
    bytesDownloaded,
  });
  return events;
}

export interface PushLayerInput {
  readonly digest: string;
  readonly diffId: string;
  readonly compressedSize: number;
  /** What the registry answers for this blob. */
  readonly remote: 'exists' | 'mountable' | 'missing';
  /** For `mountable`: the repository to mount from, e.g. `library/alpine`. */
  readonly mountFrom?: string;
}

export interface PushPlanInput {
  /** e.g. `docker.io/learner/app` */
  readonly repository: string;
  readonly tag: string;
  /** Bottom first. */
  readonly layers: readonly PushLayerInput[];
  readonly manifestDigest: string;
  readonly manifestSize: number;
  readonly network: NetworkProfile;
  readonly maxConcurrent?: number;
}

/** Every event of a push, in time order. Docker lists layers top first; so do these events. */
export function schedulePush(input: PushPlanInput): PushEvent[] {
  const { network, layers } = input;
  const slots = input.maxConcurrent ?? MAX_CONCURRENT_UPLOADS;
  const events: PushEvent[] = [];
  // Token round trip before anything else.
  const t0 = network.latencyMs;
  events.push({ type: 'push-start', at: 0, repository: input.repository, layers: layers.length });
  const ids = layers.map((l) => shortId(l.diffId));
  const order = layers.map((_, i) => layers.length - 1 - i);
  const state = (list: PushEvent[], index: number, at: number, s: PushLayerState, from?: string): void => {
    list.push({ type: 'push-layer-state', at, index, id: ids[index]!, digest: layers[index]!.digest, state: s, ...(from ? { from } : {}) });
  };
  for (const index of order) state(events, index, t0, 'preparing');
  order.slice(slots).forEach((index) => state(events, index, t0, 'waiting'));
  const jobs: TransferJob[] = order.map((index) => {
    const l = layers[index]!;
    // HEAD the blob first; a mount is one POST; an upload is POST, PATCH (the bytes) and PUT.
    if (l.remote === 'exists') return { index, size: 0, roundTripsBefore: 1, roundTripsAfter: 0 };
    if (l.remote === 'mountable') return { index, size: 0, roundTripsBefore: 2, roundTripsAfter: 0 };
    return { index, size: l.compressedSize, roundTripsBefore: 2, roundTripsAfter: 1 };
  });
  const timeline: PushEvent[] = [];
  const end = simulateTransfers(jobs, t0, network, slots, {
    start() {},
    progress(index, at, current, total) {
      if (layers[index]!.remote !== 'missing') return;
      timeline.push({ type: 'push-layer-progress', at, index, id: ids[index]!, current, total });
    },
    done(index, at) {
      const l = layers[index]!;
      if (l.remote === 'exists') state(timeline, index, at, 'layer-already-exists');
      else if (l.remote === 'mountable') state(timeline, index, at, 'mounted', l.mountFrom);
      else state(timeline, index, at, 'pushed');
    },
  });
  timeline.sort((a, b) => a.at - b.at);
  // 'pushing' state is implied by the first progress report of each uploaded layer.
  const withPushing: PushEvent[] = [];
  const seen = new Set<number>();
  for (const e of timeline) {
    if (e.type === 'push-layer-progress' && !seen.has(e.index)) {
      seen.add(e.index);
      state(withPushing, e.index, e.at, 'pushing');
    }
    withPushing.push(e);
  }
  events.push(...withPushing);
  const bytesUploaded = layers.reduce((n, l) => n + (l.remote === 'missing' ? l.compressedSize : 0), 0);
  events.push({
    type: 'push-done',
    at: end + network.latencyMs,
    tag: input.tag,
    digest: input.manifestDigest,
    size: input.manifestSize,
    bytesUploaded,
  });
  return events;
}
