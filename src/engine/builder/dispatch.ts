// Phase 2, per instruction: expands the instruction's words (all but RUN, CMD, ENTRYPOINT, ARG and
// ONBUILD, which BuildKit expands later or not at all) and hands it to its handler.
import { expandInstruction, type Instruction } from '../dockerfile/index.ts';
import { applyCopy } from './copy.ts';
import { BuildFailure, linesOf } from './failure.ts';
import { applyMetadata } from './metadata.ts';
import { applyRun } from './run.ts';
import type { HandlerScope } from './scope.ts';
import type { StageState } from './stage.ts';
import { applyWorkdir } from './workdir.ts';

export async function dispatch(scope: HandlerScope, st: StageState, raw: Instruction): Promise<void> {
  let inst: Instruction = raw;
  const needsExpansion = raw.kind !== 'RUN' && raw.kind !== 'CMD' && raw.kind !== 'ENTRYPOINT' && raw.kind !== 'ARG' && raw.kind !== 'ONBUILD';
  if (needsExpansion) {
    try {
      inst = expandInstruction(raw, st.runEnv, scope.escape);
    } catch (e) {
      throw new BuildFailure(e instanceof Error ? e.message : String(e), { lines: linesOf(raw) });
    }
  }
  switch (inst.kind) {
    case 'FROM':
      return;
    case 'WORKDIR':
      return applyWorkdir(scope, st, inst);
    case 'RUN':
      return applyRun(scope, st, inst);
    case 'COPY':
    case 'ADD':
      return applyCopy(scope, st, inst);
    default:
      applyMetadata(scope, st, inst);
  }
}
