// Runs a challenge headlessly: opens its starting state in a fresh in-memory lab, runs a script (the
// headless CLI's format: one command per line, blank lines and # comments skipped, container shells
// fed the following lines) or the reference solution, then checks. Used by `layerlab check` and tests.
import { createLabEngine, type LabEngine } from '../engine/index.ts';
import { createInMemoryGitWorkspace, type GitWorkspace } from '../workspace/git-workspace.ts';
import { writeSampleHistory, parsePreset } from '../workspace/samples.ts';
import { createLabShell, type ShellIO } from '../shell/index.ts';
import { runScriptText } from '../shell/script.ts';
import { SAMPLES } from '../samples/index.ts';
import { openStartingState } from './start.ts';
import { emptyActivity, recordEvent, type ActivityLog } from './activity.ts';
import { checkChallenge } from './checker.ts';
import { labContainers } from '../engine/container/index.ts';
import type { Challenge, CheckContext, SolutionStep, Verdict } from './types.ts';

export interface HeadlessRun {
  readonly verdict: Verdict;
  readonly engine: LabEngine;
  readonly workspace: GitWorkspace;
  readonly activity: ActivityLog;
  /** Status of the last command. */
  readonly status: number;
}

const quietIO: ShellIO = { stdout: () => undefined, stderr: () => undefined, tty: false, columns: 80 };

/**
 * `onStep`, when given, is told each command line before it runs and each file written (the CLI echoes
 * a solution's steps so a teacher can follow it).
 */
export async function runChallenge(challenge: Challenge, steps: readonly SolutionStep[], io: ShellIO = quietIO, onStep?: (line: string) => void): Promise<HeadlessRun> {
  const engine = createLabEngine();
  const workspace = await createInMemoryGitWorkspace();
  await openStartingState(engine, workspace, SAMPLES, challenge.start);
  // The sample's git history follows at the first git command, as in the CLI.
  const { sample, checkpoint } = parsePreset(challenge.start.preset);
  let kick: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (kick = resolve));
  workspace.track(gate.then(() => writeSampleHistory(workspace, SAMPLES[sample]!, checkpoint)), kick);
  const activity = emptyActivity();
  const baselineContainers = new Set(labContainers(engine).list(true).map((c) => c.id));
  const off = engine.subscribe((e) => void recordEvent(activity, e));
  const shell = createLabShell({ workspace, engine });
  let status = 0;
  const runText = async (text: string): Promise<void> => {
    status = await runScriptText(shell, text, io, (line, kind) => {
      if (kind === 'command') onStep?.(line);
      return shell.run(line, io);
    }, status);
  };
  for (const step of steps) {
    if ('run' in step) await runText(step.run);
    else {
      onStep?.(`(editor) save ${step.write}`);
      const dir = step.write.includes('/') ? step.write.slice(0, step.write.lastIndexOf('/')) : '';
      if (dir) await workspace.mkdir(dir, { recursive: true });
      await workspace.writeFile(step.write, step.content);
    }
  }
  off();
  const ctx: CheckContext = { engine, workspace, activity, baselineContainers };
  return { verdict: await checkChallenge(challenge, ctx), engine, workspace, activity, status };
}
