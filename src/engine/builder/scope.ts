// What the instruction handlers may use from the build they run in. Each handler takes only the part
// it needs (a Pick of this), never the whole build.
import type { EngineBuildRequest as BuildRequest } from '../parts.ts';
import type { DirNode } from '../fs/index.ts';
import type { EscapeToken, Instruction } from '../dockerfile/index.ts';
import type { LoadedContext } from './context.ts';
import type { Progress } from './progress.ts';
import type { StageState } from './stage.ts';
import type { RunStep } from './step.ts';

/** The filesystem a `--from` names: an earlier stage's result, or an image's. */
export interface FromSource {
  readonly fromStage: boolean;
  readonly root: DirNode;
}

export interface HandlerScope {
  readonly progress: Progress;
  /** The Dockerfile's escape token (`# escape=`). */
  readonly escape: EscapeToken;
  /** `--build-arg` values. */
  readonly buildArgs: Readonly<Record<string, string>>;
  /** Global ARG values (an ARG in a stage without a default takes the global one). */
  readonly metaArgs: ReadonlyMap<string, string | undefined>;
  /** The time each history entry is written with: SOURCE_DATE_EPOCH, or none. */
  readonly historyCreated: string | undefined;
  readonly signal: AbortSignal | undefined;
  /** Runs a cacheable step (step.ts). */
  readonly step: RunStep;
  /** The build context after .dockerignore, when some stage copies from it. */
  readonly context: LoadedContext | undefined;
  /** `RUN --mount=type=cache` directories by id; they outlive the build (the build cache keeps them). */
  readonly cacheMounts: Map<string, DirNode>;
  readonly replayRun: BuildRequest['replayRun'];
  /** What a `--from` in stage `st` reads (fails for a stage that is not earlier). */
  readFrom(st: StageState, from: string, inst: Instruction): FromSource;
  /** A ref id as BuildKit names a snapshot in "failed to calculate checksum of ref …". */
  refId(seed: string): Promise<string>;
}
