// Stage scheduling on the simulated clock. BuildKit runs independent stages in parallel: every stage's
// FROM starts when the build does, and a step starts when its stage's previous step ended and what it
// reads is ready (the build context, or the stage or image it copies from). Each stage is a lane; the
// build ends when the last lane does.
import type { Instruction } from '../dockerfile/index.ts';
import { fromVertex, type BaseInfo } from './base.ts';
import { throwIfCanceled } from './failure.ts';
import { stageRef, type BuildPlan } from './plan.ts';
import type { Progress } from './progress.ts';
import { inheritStage, initStage, pendingStage, type StageState } from './stage.ts';
import type { WorkSlice } from '../yield.ts';

export interface ScheduleHooks {
  /** Runs once every FROM has started, before any step: the build context is loaded here. */
  readonly afterFrom: () => Promise<void>;
  /** Runs an instruction in the state `st` of its stage. */
  readonly dispatch: (st: StageState, inst: Instruction) => Promise<void>;
  readonly yielder: WorkSlice;
  readonly signal: AbortSignal | undefined;
}

/**
 * Starts every stage at the same moment (the FROM vertices of stages on an image or scratch, then those of
 * images read with `--from`), then runs the stages in file order (dependencies always come earlier), each
 * step on its stage's lane. `states` receives every stage's state as it goes.
 */
export async function runSchedule(
  progress: Progress,
  plan: BuildPlan,
  bases: ReadonlyMap<string, BaseInfo>,
  states: Map<number, StageState>,
  hooks: ScheduleHooks,
): Promise<void> {
  const multi = plan.stages.length > 1;
  const t0 = progress.t;
  /** When each stage's (or image's) FROM vertex ended. */
  const fromEnd = new Map<number | string, number>();
  /** When each stage's last step ended. */
  const laneEnd = new Map<number, number>();
  for (const i of plan.order) {
    progress.t = t0;
    const s = plan.stages[i]!;
    const b = plan.baseOf[i];
    const label = multi ? (s.name ?? `stage-${i}`) : '';
    let total = typeof b === 'string' ? 1 : 0;
    for (const inst of s.instructions) if (inst.kind === 'RUN' || inst.kind === 'COPY' || inst.kind === 'ADD' || inst.kind === 'WORKDIR') total++;
    if (typeof b === 'number') {
      // Based on an earlier stage: it starts from that stage's result once it has run (below).
      states.set(i, pendingStage(s, i, label, total));
      continue;
    }
    const st = await initStage(progress, s, i, label, total, b === null ? undefined : bases.get(b)!);
    states.set(i, st);
    fromEnd.set(i, progress.t);
  }
  for (const ref of plan.implicitImages.keys()) {
    progress.t = t0;
    const base = bases.get(ref)!;
    await fromVertex(progress, `FROM ${base.pinned}`, base, undefined);
    fromEnd.set(ref, progress.t);
  }
  progress.t = t0;
  await hooks.afterFrom();
  const contextReady = progress.t;

  for (const i of plan.order) {
    let st = states.get(i)!;
    const b = plan.baseOf[i];
    if (typeof b === 'number') {
      st = inheritStage(plan.stages[i]!, i, st.label, st.cmdTotal, states.get(b)!);
      states.set(i, st);
      progress.t = laneEnd.get(b) ?? t0;
    } else progress.t = fromEnd.get(i) ?? t0;
    for (const inst of plan.stages[i]!.instructions) {
      await hooks.yielder.maybe();
      throwIfCanceled(hooks.signal);
      // A step waits for what it reads: the build context, or the stage or image it copies from.
      const waits: number[] = [];
      const froms: string[] = [];
      if (inst.kind === 'COPY' && inst.flags.from) froms.push(inst.flags.from);
      else if (inst.kind === 'COPY' || inst.kind === 'ADD') waits.push(contextReady);
      if (inst.kind === 'RUN') for (const m of inst.flags.mount) if (m.type === 'bind') m.from ? froms.push(m.from) : waits.push(contextReady);
      for (const f of froms) {
        const ref = stageRef(plan, f, i, inst);
        waits.push(typeof ref === 'number' ? (laneEnd.get(ref) ?? t0) : (fromEnd.get(ref) ?? t0));
      }
      progress.t = Math.max(progress.t, ...waits);
      await hooks.dispatch(st, inst);
    }
    laneEnd.set(i, progress.t);
  }
  progress.t = Math.max(t0, ...laneEnd.values());
}
