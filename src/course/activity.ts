// What the engine reported since a challenge started: each build's steps (cached or rebuilt, and the
// engine's reason) and each pull's layers (downloaded or "Already exists"). Built only from engine
// events, never from the commands typed, and plain data so the browser can keep it across reloads.
import type { EngineEvent } from '../engine/index.ts';
import { normalizeTaggedRef } from '../engine/store/refs.ts';

export interface StepRecord {
  readonly stepId: string;
  /** As BuildKit prints it, e.g. `[3/5] COPY . .`. */
  readonly name: string;
  readonly kind: 'internal' | 'step' | 'export';
  readonly stage?: string;
  status: 'running' | 'cached' | 'built' | 'error' | 'canceled';
  /** The engine's reason for a cache miss, e.g. `src/index.js changed content`. */
  reason?: string;
  /** The step's cache key (look it up in the build cache for its inputs). */
  key?: string;
  /** Paths the step's layer added, changed or deleted. */
  changes?: { readonly kind: 'added' | 'modified' | 'deleted'; readonly path: string }[];
  /** Bytes a `transferring context:` row reported. */
  transferred?: number;
}

export interface BuildRecord {
  readonly buildId: string;
  /** Normalised tags, e.g. `docker.io/library/app:latest`. */
  readonly tags: readonly string[];
  readonly target?: string;
  ok?: boolean;
  imageId?: string;
  readonly steps: StepRecord[];
}

export interface PullRecord {
  /** `library/node` */
  readonly repository: string;
  readonly tagOrDigest: string;
  /** Each layer's last state, bottom first. */
  readonly layers: { index: number; id: string; state: string }[];
  done: boolean;
  upToDate?: boolean;
}

export interface ActivityLog {
  readonly builds: BuildRecord[];
  readonly pulls: PullRecord[];
}

export function emptyActivity(): ActivityLog {
  return { builds: [], pulls: [] };
}

/** Only this many builds and pulls are kept: checks look at the latest ones. */
const KEEP = 12;

/** Adds one engine event to the log (mutates it). Returns true when the log changed. */
export function recordEvent(log: ActivityLog, event: EngineEvent): boolean {
  switch (event.type) {
    case 'build-start': {
      const tags = event.tags.map((t) => {
        try {
          return normalizeTaggedRef(t);
        } catch {
          return t;
        }
      });
      log.builds.push({ buildId: event.buildId, tags, ...(event.target ? { target: event.target } : {}), steps: [] });
      if (log.builds.length > KEEP) log.builds.shift();
      return true;
    }
    case 'step-start': {
      const b = buildOf(log, event.buildId);
      b?.steps.push({ stepId: event.stepId, name: event.name, kind: event.kind, ...(event.stage ? { stage: event.stage } : {}), status: 'running' });
      return !!b;
    }
    case 'step-status': {
      const s = stepOf(log, event.buildId, event.stepId);
      if (s && event.name === 'transferring context:' && event.current !== undefined) s.transferred = event.current;
      return !!s;
    }
    case 'cache-hit': {
      const s = stepOf(log, event.buildId, event.stepId);
      if (s) s.key = event.key;
      return !!s;
    }
    case 'cache-miss': {
      const s = stepOf(log, event.buildId, event.stepId);
      if (s) {
        s.key = event.key;
        s.reason = event.reason;
      }
      return !!s;
    }
    case 'layer-committed': {
      const s = stepOf(log, event.buildId, event.stepId);
      if (s) s.changes = event.changes.map((c) => ({ kind: c.kind, path: c.path }));
      return !!s;
    }
    case 'step-done': {
      const s = stepOf(log, event.buildId, event.stepId);
      if (s) s.status = event.status === 'done' ? 'built' : event.status;
      return !!s;
    }
    case 'build-done': {
      const b = buildOf(log, event.buildId);
      if (b) {
        b.ok = event.ok;
        if (event.imageId) b.imageId = event.imageId;
      }
      return !!b;
    }
    case 'pull-start':
      log.pulls.push({ repository: event.repository, tagOrDigest: event.tagOrDigest, layers: [], done: false });
      if (log.pulls.length > KEEP) log.pulls.shift();
      return true;
    case 'pull-layer-state': {
      const p = log.pulls[log.pulls.length - 1];
      if (!p || p.done) return false;
      const l = p.layers.find((x) => x.index === event.index);
      if (l) l.state = event.state;
      else p.layers.push({ index: event.index, id: event.id, state: event.state });
      return true;
    }
    case 'pull-done': {
      const p = log.pulls[log.pulls.length - 1];
      if (!p || p.done) return false;
      p.done = true;
      p.upToDate = event.upToDate;
      return true;
    }
    default:
      return false;
  }
}

function buildOf(log: ActivityLog, buildId: string): BuildRecord | undefined {
  for (let i = log.builds.length - 1; i >= 0; i--) if (log.builds[i]!.buildId === buildId) return log.builds[i];
  return undefined;
}

function stepOf(log: ActivityLog, buildId: string, stepId: string): StepRecord | undefined {
  return buildOf(log, buildId)?.steps.find((s) => s.stepId === stepId);
}

/** Reads a log kept as JSON; anything malformed gives an empty log (it is only evidence, never work). */
export function parseActivity(value: unknown): ActivityLog {
  const v = value as Partial<ActivityLog> | null;
  if (!v || !Array.isArray(v.builds) || !Array.isArray(v.pulls)) return emptyActivity();
  return { builds: v.builds.filter((b) => b && Array.isArray(b.steps) && Array.isArray(b.tags)).slice(-KEEP), pulls: v.pulls.filter((p) => p && Array.isArray(p.layers)).slice(-KEEP) };
}
