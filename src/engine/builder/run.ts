// RUN: the command (shell or exec form, heredocs), its mounts (cache, tmpfs, bind), its environment
// (proxy build args are passed to the process but kept out of the cache key and history), and the
// interpreter that runs it in the stage's filesystem.
import { emptyDir, getNode, normalizePath, setNode, type DirNode, type FsNode } from '../fs/index.ts';
import type { RunInstruction } from '../dockerfile/index.ts';
import { cleanRelative } from '../dockerfile/patterns.ts';
import { runShell } from '../world/index.ts';
import { BuildFailure, linesOf, throwIfCanceled } from './failure.ts';
import { checkMountDepth } from './layer-depth.ts';
import type { HandlerScope } from './scope.ts';
import { nextStepName, recordHistory, type StageState } from './stage.ts';
import type { StepResult } from './step.ts';
import { userExists } from './users.ts';
import { goQuote } from './words.ts';
import * as T from './timing.ts';

const PROXY_ARGS = new Set(['HTTP_PROXY', 'HTTPS_PROXY', 'FTP_PROXY', 'NO_PROXY', 'ALL_PROXY']);
const isProxyArg = (k: string): boolean => PROXY_ARGS.has(k.toUpperCase());

export type RunScope = Pick<
  HandlerScope,
  'progress' | 'escape' | 'buildArgs' | 'historyCreated' | 'signal' | 'step' | 'context' | 'cacheMounts' | 'replayRun' | 'readFrom'
>;

export async function applyRun(scope: RunScope, st: StageState, inst: RunInstruction): Promise<void> {
  const { progress } = scope;
  const args = runArgv(st, inst);
  for (const m of inst.flags.mount) {
    if (m.type === 'secret' || m.type === 'ssh') throw new BuildFailure(`In this lab, RUN --mount=type=${m.type} is not supported`, { lines: linesOf(inst) });
  }
  const name = nextStepName(st, inst, scope.escape);
  const env: Record<string, string> = {};
  for (const [k, v] of st.runEnv) if (!isProxyArg(k) || st.argNames.has(k)) env[k] = v;
  const cwd = st.config.WorkingDir || '/';
  const user = st.config.User ?? '';
  const mounts = inst.flags.mount.map((m) => m.raw).join(' ');
  const runtimeEnv: Record<string, string> = { ...env };
  for (const [k, v] of Object.entries(scope.buildArgs)) if (isProxyArg(k) && !(k in runtimeEnv)) runtimeEnv[k] = v;
  await scope.step(
    st,
    inst,
    name,
    { kind: 'RUN', op: { command: JSON.stringify(args), cwd, user, network: inst.flags.network ?? 'default', mounts }, env },
    // The step's work: mount, run, collect the output, unmount (a cache mount's content is kept for next time).
    async (stepId, started): Promise<StepResult> => {
      if (user) {
        const name = user.split(':')[0]!;
        if (!userExists(st.root, name)) throw new BuildFailure(`unable to find user ${name}: no matching entries in passwd file`, { stepId, lines: linesOf(inst) });
      }
      const replayed = scope.replayRun?.({
        stage: st.stage.name ?? '',
        index: st.stage.instructions.filter((i) => i.kind === 'RUN').indexOf(inst),
        command: inst.cmd.form === 'exec' ? args.join(' ') : args.at(-1)!,
      }, st.root);
      if (replayed) {
        progress.t = started + T.FILE_OP_MS;
        return { root: replayed, logs: [] };
      }
      let root = st.root;
      const restores: { target: string; node: FsNode | undefined }[] = [];
      for (const m of inst.flags.mount) {
        const target = normalizePath(m.target ?? '', cwd);
        const prior = getNode(root, target);
        restores.push({ target, node: prior });
        if (m.type === 'cache') {
          const id = m.id ?? target;
          root = setNode(root, target, scope.cacheMounts.get(id) ?? emptyDir());
        } else if (m.type === 'tmpfs') {
          root = setNode(root, target, emptyDir({ mode: 0o1777 }));
        } else if (m.type === 'bind') {
          let srcRoot: DirNode;
          if (m.from) {
            const from = scope.readFrom(st, m.from, inst);
            if (!from.fromStage) throw new BuildFailure('In this lab, RUN --mount=from=<image> is not supported', { lines: linesOf(inst) });
            srcRoot = from.root;
          } else srcRoot = scope.context?.root ?? emptyDir();
          const node = getNode(srcRoot, '/' + cleanRelative(m.source ?? '.').replace(/^\.$/, ''));
          if (!node) throw new BuildFailure(`failed to compute cache key: "/${cleanRelative(m.source ?? '.')}": not found`, { lines: linesOf(inst) });
          root = setNode(root, target, node);
        }
      }
      checkMountDepth(st.layers, (m) => new BuildFailure(m, { stepId, lines: linesOf(inst) }));
      const result = await runShell({ root, argv: args, env: runtimeEnv, cwd, user: user || 'root', signal: scope.signal, network: inst.flags.network === 'none' ? 'none' : 'default' });
      throwIfCanceled(scope.signal, stepId);
      if (result.startError !== undefined) {
        // The process never started: runc prints its error and exits 1, which BuildKit reports as the
        // step's exit code (runc run.go and utils.go fatal; buildkit executor/runcexecutor exitError).
        progress.t = started + 1;
        progress.emit({ type: 'log', stepId, stream: 'stderr', text: `runc run failed: unable to start container process: error during container init: ${result.startError}`, at: progress.t });
        throw new BuildFailure(`process ${goQuote(args.join(' '))} did not complete successfully: exit code: 1`, { stepId, lines: linesOf(inst) });
      }
      const logs: StepResult['logs'] = [];
      const lines: { stream: 'stdout' | 'stderr'; text: string }[] = [];
      for (const chunk of result.output) {
        const parts = chunk.text.split('\n');
        if (parts.at(-1) === '') parts.pop();
        for (const p of parts) lines.push({ stream: chunk.stream, text: p });
      }
      const dur = Math.max(1, result.durationMs);
      lines.forEach((l, k) => logs.push({ ...l, at: started + Math.round(((k + 1) * dur) / (lines.length + 1)) }));
      progress.t = started + dur;
      if (result.limitExceeded) {
        for (const l of logs) progress.emit({ type: 'log', stepId, stream: l.stream, text: l.text, at: l.at });
        throw new BuildFailure(`process ${goQuote(args.join(' '))} was stopped: this lab's ${result.limitExceeded} limit was exceeded`, { stepId, lines: linesOf(inst) });
      }
      if (result.exitCode !== 0) {
        for (const l of logs) progress.emit({ type: 'log', stepId, stream: l.stream, text: l.text, at: l.at });
        throw new BuildFailure(`process ${goQuote(args.join(' '))} did not complete successfully: exit code: ${result.exitCode}`, { stepId, lines: linesOf(inst) });
      }
      let out = result.root;
      for (const r of restores.reverse()) {
        const m = inst.flags.mount[restores.length - 1 - restores.indexOf(r)];
        if (m?.type === 'cache') {
          const after = getNode(out, r.target);
          if (after?.type === 'dir') scope.cacheMounts.set(m.id ?? r.target, after);
        }
        out = r.node ? setNode(out, r.target, r.node) : removeIfPresent(out, r.target);
      }
      return { root: out, logs };
    },
  );
  const history = runCommandString(args, st.buildArgs, st.runEnv);
  recordHistory(st, scope.historyCreated, `RUN ${history} # buildkit`, false);
}

/** The process's argv: exec form as written, shell form through the stage's SHELL (a lone heredoc is the script). */
function runArgv(st: StageState, inst: RunInstruction): string[] {
  if (inst.cmd.form === 'exec') return [...inst.cmd.args];
  let command = inst.cmd.command;
  if (inst.heredocs.length === 1 && /^\s*\d*<<-?\s*['"]?\w+['"]?\s*$/.test(command)) {
    const h = inst.heredocs[0]!;
    if (h.content.startsWith('#!')) throw new BuildFailure('In this lab, a RUN heredoc with a #! line is not supported', { lines: linesOf(inst) });
    command = h.content;
  } else if (inst.heredocs.length > 0) {
    for (const h of inst.heredocs) command += '\n' + h.content + h.name;
  }
  return [...(st.config.Shell ?? ['/bin/sh', '-c']), command];
}

/** BuildKit's `runCommandString`: `|N K=V … args…` when ARGs are declared in the stage. */
function runCommandString(args: readonly string[], buildArgs: readonly { key: string; value?: string }[], env: ReadonlyMap<string, string>): string {
  const tmp: string[] = [];
  for (const a of buildArgs) {
    if (isProxyArg(a.key) && a.value === undefined) continue;
    const v = env.get(a.key) ?? a.value ?? '';
    tmp.push(`${a.key}=${v}`);
  }
  const prefix = tmp.length ? [`|${tmp.length}`, ...tmp] : [];
  return [...prefix, ...args].join(' ');
}

function removeIfPresent(root: DirNode, path: string): DirNode {
  return getNode(root, path) ? removeNode(root, path) : root;
}

function removeNode(root: DirNode, path: string): DirNode {
  const parts = path.split('/').filter(Boolean);
  const go = (dir: DirNode, i: number): DirNode => {
    const name = parts[i]!;
    const child = dir.entries.get(name);
    if (!child) return dir;
    const entries = new Map(dir.entries);
    if (i === parts.length - 1) entries.delete(name);
    else if (child.type === 'dir') entries.set(name, go(child, i + 1));
    return { ...dir, entries };
  };
  return go(root, 0);
}
