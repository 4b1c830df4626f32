// Challenges as data: what a lesson's lab challenge starts from, what its goal is (a check over the
// engine's state, never over the commands typed), how a miss is explained, and a reference solution.
// Pure TypeScript with no DOM: the browser's challenge panel, the headless CLI (`layerlab check`) and
// the unit tests run the same checks.
import type { LabEngine } from '../engine/index.ts';
import type { Workspace } from '../workspace/types.ts';
import type { ActivityLog } from './activity.ts';

/** The lab state a challenge opens with. */
export interface StartingState {
  /** The sample project and checkpoint (`node-app@step-1`); must be the lesson's own preset sample. */
  readonly preset: string;
  /** Files written over the checkpoint's files; `null` removes a file. */
  readonly files?: Readonly<Record<string, string | null>>;
  /** Images the local store holds when the challenge starts (pulled from the lab's catalogue). */
  readonly images?: readonly string[];
  /** Images the local store must not hold when the challenge starts (removed if present). */
  readonly absentImages?: readonly string[];
}

/** One step of a reference solution: a command typed in the terminal, or a file saved in the editor. */
export type SolutionStep = { readonly run: string } | { readonly write: string; readonly content: string };

/** What a check can look at. */
export interface CheckContext {
  readonly engine: LabEngine;
  readonly workspace: Workspace;
  /** Builds and pulls the engine reported since the challenge started. */
  readonly activity: ActivityLog;
  /** Containers that existed before the challenge started (the check leaves them out). */
  readonly baselineContainers: ReadonlySet<string>;
}

/** A usual mistake, tested in order (most specific first): returns the explanation when it applies. */
export interface Diagnosis {
  /** Stable id, used by tests and the progress file. */
  readonly id: string;
  /** The explanation, with the engine's evidence, or undefined when this mistake is not the learner's. */
  readonly test: (ctx: CheckContext) => Promise<string | undefined> | string | undefined;
}

export interface Challenge {
  /** `lesson-slug/challenge-name`. */
  readonly id: string;
  readonly lesson: string;
  readonly title: string;
  /** The goal in one sentence. */
  readonly goal: string;
  readonly start: StartingState;
  /** True when the engine's state meets the goal. */
  readonly goalMet: (ctx: CheckContext) => Promise<boolean> | boolean;
  readonly diagnoses: readonly Diagnosis[];
  /** Said when the goal is not met and no diagnosis applies. */
  readonly notYet: string;
  /** Shown when the goal is met: what just happened, in a sentence or two. */
  readonly explanation: string;
  /** Revealed one at a time. */
  readonly hints: readonly string[];
  readonly solution: readonly SolutionStep[];
}

/** The challenge data a lesson file exports (`id` and `lesson` are filled in from where it is kept). */
export type ChallengeSpec = Omit<Challenge, 'id' | 'lesson'> & { readonly name: string };

export type Verdict =
  | { readonly pass: true; readonly message: string }
  | { readonly pass: false; readonly diagnosis: string; readonly message: string };

/** A challenge as a page shows it: everything but its checks (which run in the lab's core). */
export type ChallengeInfo = Omit<Challenge, 'goalMet' | 'diagnoses'>;
