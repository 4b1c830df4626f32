// Puts the engine's events on the pacer's timelines, in the order the engine emitted them, and
// hands each one on when it is shown. A build is one timeline (its events' simulated times); a pull
// or push is another. A base image that a build pulls is shown during the FROM step that fetched it,
// as BuildKit shows the download under that step: the pull's events are held until that step's
// window is queued, then placed in it, their times stretched onto the step's.
import type { EngineEvent } from '../engine/index.ts';
import type { Pacer, Timing } from './pacer.ts';

interface HeldPull {
  readonly repository: string;
  readonly ref: string;
  readonly events: EngineEvent[];
  /** The FROM step (`buildId:stepId`) the pull is shown in, once it has started. */
  key?: string;
  stepStart?: number;
}

type Timed = { readonly type: string; readonly at?: number; readonly buildId?: string };

export class EnginePlayback {
  private readonly pacer: Pacer;
  private readonly deliver: (event: EngineEvent) => void;
  private transferSerial = 0;
  private lastGroup = '';
  private lastAt = 0;
  /** The build being emitted (between its build-start and build-done), if any. */
  private building: string | undefined;
  private held: HeldPull[] = [];
  /** The pull being held, until its store-changed has been held too. */
  private holding: HeldPull | undefined;

  constructor(pacer: Pacer, deliver: (event: EngineEvent) => void) {
    this.pacer = pacer;
    this.deliver = deliver;
  }

  /** The timeline output about the latest pull or push belongs to (its progress lines carry times). */
  transferTiming(at: number): Timing {
    return { group: `transfer-${this.transferSerial}`, at };
  }

  handle(event: EngineEvent): void {
    const e = event as Timed;
    const show = (): void => this.deliver(event);
    if (e.type.startsWith('pull-') || e.type.startsWith('push-')) {
      if (e.type === 'pull-start' || e.type === 'push-start') this.transferSerial++;
      if (this.building !== undefined && e.type === 'pull-start') {
        const p = event as Extract<EngineEvent, { type: 'pull-start' }>;
        this.holding = { repository: p.repository, ref: p.tagOrDigest, events: [] };
        this.held.push(this.holding);
      }
      if (this.holding) {
        this.holding.events.push(event);
        return;
      }
      this.queue(show, { group: `transfer-${this.transferSerial}`, at: e.at ?? 0 });
      return;
    }
    if (e.type === 'store-changed') {
      if (this.holding) {
        this.holding.events.push(event);
        this.holding = undefined;
        return;
      }
      this.queue(show, { group: this.lastGroup, at: this.lastAt });
      return;
    }
    if (e.buildId !== undefined && e.at !== undefined) {
      this.holding = undefined;
      this.buildEvent(event, show, { group: e.buildId, at: e.at });
      return;
    }
    // Anything else (containers) is not timed: it is shown after what came before it.
    this.queue(show, { group: this.lastGroup, at: this.lastAt });
  }

  private queue(show: () => void, timing: Timing, key?: string): void {
    this.lastGroup = timing.group;
    this.lastAt = timing.at;
    this.pacer.event(show, timing, key);
  }

  private buildEvent(event: EngineEvent, show: () => void, timing: Timing): void {
    if (event.type === 'build-start') this.building = event.buildId;
    if (event.type === 'step-start' && / FROM /.test(` ${event.name}`)) {
      const pull = this.held.find((h) => h.key === undefined && (event.name.includes(`${h.repository}:${h.ref}@`) || event.name.includes(`${h.repository}@${h.ref}`)));
      if (pull) {
        pull.key = `${event.buildId}:${event.stepId}`;
        pull.stepStart = event.at;
      }
    }
    const stepId = 'stepId' in event ? event.stepId : undefined;
    const key = stepId !== undefined ? `${timing.group}:${stepId}` : undefined;
    const pull = key !== undefined ? this.held.find((h) => h.key === key) : undefined;
    if (event.type === 'build-done') {
      // Pulls with no FROM step to be shown in (a failed build) are shown before its end.
      for (const h of this.held) for (const e of h.events) this.queue(() => this.deliver(e), timing);
      this.held = [];
      this.building = undefined;
    }
    if (pull && event.type === 'step-done') {
      // The step's window is queued up to its end: the pull goes in it, and the step ends after it.
      this.held = this.held.filter((h) => h !== pull);
      this.placePull(pull, pull.stepStart ?? timing.at, timing.at, timing.group);
    }
    this.queue(show, timing, pull ? key : undefined);
  }

  /** Places a held pull's events in its FROM step's window, times mapped from the pull's span onto it. */
  private placePull(pull: HeldPull, start: number, end: number, group: string): void {
    const times = pull.events.map((e) => (e as Timed).at).filter((t): t is number => t !== undefined);
    const first = Math.min(...times);
    const last = Math.max(...times);
    const span = last - first;
    let at = start;
    for (const e of pull.events) {
      const t = (e as Timed).at;
      if (t !== undefined) at = span > 0 ? start + ((t - first) / span) * (end - start) : start;
      this.pacer.insert(() => this.deliver(e), { group, at }, pull.key!);
    }
  }
}
