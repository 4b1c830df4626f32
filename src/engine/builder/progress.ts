// Progress bookkeeping of one build: the simulated clock, vertex numbers (`#N`), the events the shell
// renders as BuildKit's progress, and the cache explanations. Nothing here decides what a step does.
import type { CacheExplanation } from '../contract.ts';
import type { BuildEvent, EngineEvent } from './events.ts';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** An event as the builder emits it: the build's id is added, and the time when none is given. */
export type EventInput = DistributiveOmit<BuildEvent, 'buildId' | 'at'> & { at?: number };

export type VertexStatus = 'done' | 'cached' | 'error' | 'canceled';

export interface StatusOptions {
  current?: number;
  total?: number;
  bytes?: boolean;
  seconds?: number;
  done?: boolean;
}

export class Progress {
  readonly buildId: string;
  /** Simulated time in ms since the build started: every figure comes from the work done (timing.ts). */
  t = 0;
  /** Why each step was cached or built, in the order the steps finished (`--explain-cache`). */
  readonly explanations: CacheExplanation[] = [];
  private vertex = 0;
  private tempVertex = 0;
  /**
   * While stages run, events are held and then released in simulated-time order, so independent stages
   * show interleaved as BuildKit runs them in parallel. Vertex numbers (`#N`) follow the order in which
   * vertices start in simulated time, as BuildKit numbers them.
   */
  private buffer: BuildEvent[] | undefined;
  private readonly renamed = new Map<string, string>();
  private readonly send: (event: EngineEvent) => void;

  constructor(buildId: string, send: (event: EngineEvent) => void) {
    this.buildId = buildId;
    this.send = send;
  }

  emit(event: EventInput): void {
    const full = { ...event, buildId: this.buildId, at: event.at ?? this.t } as BuildEvent;
    if (this.buffer) this.buffer.push(full);
    else this.send(full);
  }

  /** Holds events (vertices get temporary ids) until `flush`. */
  hold(): void {
    this.buffer = [];
  }

  /** Releases held events in simulated-time order, numbering their vertices as they start (none held: nothing to do). */
  flush(): void {
    const events = this.buffer ?? [];
    this.buffer = undefined;
    const order = events.map((e, i) => ({ e, i })).sort((a, b) => a.e.at - b.e.at || a.i - b.i);
    for (const { e } of order) {
      const id = 'stepId' in e ? e.stepId : undefined;
      if (e.type === 'step-start' && id?.startsWith('@')) this.renamed.set(id, `#${++this.vertex}`);
      const out = id && this.renamed.has(id) ? ({ ...e, stepId: this.renamed.get(id)! } as BuildEvent) : e;
      this.send(out);
    }
    for (let k = 0; k < this.explanations.length; k++) {
      const x = this.explanations[k]!;
      const to = this.renamed.get(x.stepId);
      if (to) this.explanations[k] = { ...x, stepId: to };
    }
  }

  /** The vertex id the shell saw for an id given while events were held. */
  stepIdOf(id: string | undefined): string | undefined {
    return id && this.renamed.has(id) ? this.renamed.get(id) : id;
  }

  /** Starts a vertex and returns its id. */
  startVertex(name: string, kind: 'internal' | 'step' | 'export', extra: { stage?: string; line?: number } = {}): string {
    const stepId = this.buffer ? `@${++this.tempVertex}` : `#${++this.vertex}`;
    this.emit({ type: 'step-start', stepId, name, kind, ...extra });
    return stepId;
  }

  status(stepId: string, statusId: string, name: string, opts: StatusOptions = {}): void {
    this.emit({ type: 'step-status', stepId, statusId, name, done: opts.done ?? true, current: opts.current, total: opts.total, bytes: opts.bytes, seconds: opts.seconds });
  }

  finishVertex(stepId: string, status: VertexStatus, startedAt: number): void {
    this.emit({ type: 'step-done', stepId, status, durationMs: this.t - startedAt });
  }

  explain(explanation: CacheExplanation): void {
    this.explanations.push(explanation);
  }
}
