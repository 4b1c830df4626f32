// Every challenge of the course, in lesson order, imported whole: for the headless CLI, the tests and
// the pages built ahead of time. The challenge data lives with its lesson in
// content/challenges/<lesson>.ts; this file only lists those files. In the browser, lessons.ts loads
// one lesson's file at a time.
import type { Challenge, ChallengeSpec } from './types.ts';
import { withIds } from './lessons.ts';
import whatIsAnImage from '../../content/challenges/what-is-an-image.ts';
import layersByHand from '../../content/challenges/layers-by-hand.ts';
import dockerfileSteps from '../../content/challenges/dockerfile-steps.ts';
import buildCache from '../../content/challenges/build-cache.ts';
import buildContext from '../../content/challenges/build-context.ts';
import deletingFiles from '../../content/challenges/deleting-files.ts';
import multiStage from '../../content/challenges/multi-stage.ts';
import tagsAndDigests from '../../content/challenges/tags-and-digests.ts';
import sharingLayers from '../../content/challenges/sharing-layers.ts';
import capstone from '../../content/challenges/capstone.ts';

const BY_LESSON: ReadonlyArray<readonly [string, readonly ChallengeSpec[]]> = [
  ['what-is-an-image', whatIsAnImage],
  ['layers-by-hand', layersByHand],
  ['dockerfile-steps', dockerfileSteps],
  ['build-cache', buildCache],
  ['build-context', buildContext],
  ['deleting-files', deletingFiles],
  ['multi-stage', multiStage],
  ['tags-and-digests', tagsAndDigests],
  ['sharing-layers', sharingLayers],
  ['capstone', capstone],
];

export const CHALLENGES: readonly Challenge[] = BY_LESSON.flatMap(([lesson, specs]) => withIds(lesson, specs));

/** The lessons with a challenge file, in course order. */
export const LESSONS_WITH_CHALLENGES: readonly string[] = BY_LESSON.map(([lesson]) => lesson);

export function challengeById(id: string): Challenge | undefined {
  return CHALLENGES.find((c) => c.id === id);
}

export function challengesOf(lesson: string): Challenge[] {
  return CHALLENGES.filter((c) => c.lesson === lesson);
}
