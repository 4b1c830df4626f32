// WORKDIR: sets the working directory and, unless it is `/`, creates it as a cacheable step (BuildKit's
// mkdir, owned by the current USER).
import { emptyDir, getNode, normalizePath, resolvePath, setNode } from '../fs/index.ts';
import type { WorkdirInstruction } from '../dockerfile/index.ts';
import { BuildFailure, linesOf } from './failure.ts';
import type { HandlerScope } from './scope.ts';
import { nextStepName, recordHistory, type StageState } from './stage.ts';
import { userIds } from './users.ts';
import * as T from './timing.ts';

export type WorkdirScope = Pick<HandlerScope, 'progress' | 'escape' | 'historyCreated' | 'step'>;

export async function applyWorkdir(scope: WorkdirScope, st: StageState, inst: WorkdirInstruction): Promise<void> {
  const wd = normalizePath(inst.path, st.config.WorkingDir || '/');
  st.config.WorkingDir = wd;
  if (wd === '/') {
    recordHistory(st, scope.historyCreated, 'WORKDIR /', true);
    return;
  }
  const name = nextStepName(st, inst, scope.escape);
  await scope.step(st, inst, name, { kind: 'WORKDIR', op: { path: wd, user: st.config.User ?? '' } }, async () => {
    const uid = await userIds(st.root, st.config.User ?? '', inst);
    let root = st.root;
    const parts = wd.split('/').filter(Boolean);
    let cur = '';
    for (const p of parts) {
      cur += '/' + p;
      const real = resolvePath(root, cur, true);
      const node = getNode(root, real);
      if (!node) root = setNode(root, real, emptyDir({ mode: 0o755, uid: uid.uid, gid: uid.gid }));
      else if (node.type !== 'dir') throw new BuildFailure(`mkdir ${wd}: not a directory`, { lines: linesOf(inst) });
    }
    scope.progress.t += T.FILE_OP_MS;
    return { root, logs: [] };
  });
  recordHistory(st, scope.historyCreated, `WORKDIR ${wd}`, false);
}
