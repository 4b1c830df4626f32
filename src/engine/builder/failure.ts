// How a build fails: BuildKit's wording, the Dockerfile lines to show, the vertex it belongs to.
import type { Instruction } from '../dockerfile/index.ts';

/** The first and last Dockerfile line of an instruction (1-based), for the error snippet. */
export interface LineSpan {
  readonly start: number;
  readonly end: number;
}

/** A build failure with BuildKit's wording; `lines` points the snippet at the Dockerfile. */
export class BuildFailure extends Error {
  readonly lines?: LineSpan;
  readonly stepId?: string;
  readonly canceled: boolean;
  readonly vertexMessage?: string;
  constructor(message: string, opts: { lines?: LineSpan; stepId?: string; canceled?: boolean; vertexMessage?: string } = {}) {
    super(message);
    this.lines = opts.lines;
    this.stepId = opts.stepId;
    this.canceled = opts.canceled ?? false;
    this.vertexMessage = opts.vertexMessage;
  }
}

export function linesOf(inst: Instruction): LineSpan {
  return { start: inst.range.start.line, end: inst.range.end.line };
}

/** What BuildKit reports when the client cancels the build (its context is canceled). */
export function canceledFailure(stepId?: string): BuildFailure {
  return new BuildFailure('Canceled: context canceled', { stepId, canceled: true });
}

/** Throws the cancel failure once `signal` is aborted. */
export function throwIfCanceled(signal: AbortSignal | undefined, stepId?: string): void {
  if (signal?.aborted) throw canceledFailure(stepId);
}
