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
import type { Yielder } from './yield.ts';

export class Lanes {
  /** When the stages' FROM vertices started (the build's start, after the internal loads). */
  readonly t0: number;
  /** When each stage's (or image's) FROM vertex ended. */
  readonly fromEnd = new Map<number | string, number>();
  /** When each stage's last step ended. */
  readonly laneEnd = new Map<number, number>();
  /** When the build context was loaded. */
  contextReady = 0;
  constructor(t0: number) {
    this.t0 = t0;
  }

  /** When a stage's first step may start: after its base stage's lane, or its own FROM. */
  stageStart(i: number, base: BuildPlan['baseOf'][number]): number {
    return typeof base === 'number' ? (this.laneEnd.get(base) ?? this.t0) : (this.fromEnd.get(i) ?? this.t0);
  }

  /** When what an instruction reads is ready: the build context, or the stage or image it copies from. */
  inputsReady(plan: BuildPlan, stageIndex: number, inst: Instruction): number[] {
    const waits: number[] = [];
    const froms: string[] = [];
    if (inst.kind === 'COPY' && inst.flags.from) froms.push(inst.flags.from);
    else if (inst.kind === 'COPY' || inst.kind === 'ADD') waits.push(this.contextReady);
    if (inst.kind === 'RUN') for (const m of inst.flags.mount) if (m.type === 'bind') m.from ? froms.push(m.from) : waits.push(this.contextReady);
    for (const f of froms) {
      const ref = stageRef(plan, f, stageIndex, inst);
      waits.push(typeof ref === 'number' ? (this.laneEnd.get(ref) ?? this.t0) : (this.fromEnd.get(ref) ?? this.t0));
    }
    return waits;
  }

  /** When the last lane ended. */
  end(): number {
    return Math.max(this.t0, ...this.laneEnd.values());
  }
}

/**
 * Starts every stage at the same moment: the FROM vertices of stages on an image (or scratch), then
 * those of images read with `--from`. A stage on an earlier stage waits for it (see `runStages`).
 */
export async function openStages(progress: Progress, plan: BuildPlan, bases: ReadonlyMap<string, BaseInfo>): Promise<{ states: Map<number, StageState>; lanes: Lanes }> {
  const states = new Map<number, StageState>();
  const multi = plan.stages.length > 1;
  const lanes = new Lanes(progress.t);
  const t0 = lanes.t0;
  for (const i of plan.order) {
    progress.t = t0;
    const s = plan.stages[i]!;
    const b = plan.baseOf[i];
    const label = multi ? (s.name ?? `stage-${i}`) : '';
    let total = typeof b === 'string' ? 1 : 0;
    for (const inst of s.instructions) if (inst.kind === 'RUN' || inst.kind === 'COPY' || inst.kind === 'ADD' || inst.kind === 'WORKDIR') total++;
    if (typeof b === 'number') {
      states.set(i, pendingStage(s, label, total));
      continue;
    }
    const st = await initStage(progress, s, label, total, b === null ? undefined : bases.get(b)!);
    states.set(i, st);
    lanes.fromEnd.set(i, progress.t);
  }
  for (const ref of plan.implicitImages.keys()) {
    progress.t = t0;
    const base = bases.get(ref)!;
    await fromVertex(progress, `FROM ${base.pinned}`, base, undefined);
    lanes.fromEnd.set(ref, progress.t);
  }
  progress.t = t0;
  return { states, lanes };
}

/** Runs an instruction of stage `stageIndex` in state `st`. */
export type Dispatch = (st: StageState, inst: Instruction, stageIndex: number) => Promise<void>;

/** Runs the stages in file order (dependencies always come earlier), each on its own lane. */
export async function runStages(
  progress: Progress,
  plan: BuildPlan,
  states: Map<number, StageState>,
  lanes: Lanes,
  run: { readonly yielder: Yielder; readonly signal: AbortSignal | undefined; readonly dispatch: Dispatch },
): Promise<void> {
  for (const i of plan.order) {
    let st = states.get(i)!;
    const b = plan.baseOf[i];
    if (typeof b === 'number') {
      st = inheritStage(plan.stages[i]!, st.label, st.cmdTotal, states.get(b)!);
      states.set(i, st);
    }
    progress.t = lanes.stageStart(i, b);
    for (const inst of plan.stages[i]!.instructions) {
      await run.yielder.maybe();
      throwIfCanceled(run.signal);
      progress.t = Math.max(progress.t, ...lanes.inputsReady(plan, i, inst));
      await run.dispatch(st, inst, i);
    }
    st.done = true;
    lanes.laneEnd.set(i, progress.t);
  }
  progress.t = lanes.end();
}
