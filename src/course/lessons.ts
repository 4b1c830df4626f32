// The challenges of one lesson, loaded when a page needs them. Each lesson's challenge file is a chunk
// of its own, so a lesson page loads only its own lesson's checks and an embed only the one it names
// (the lab's budget check, src/lab/tools/bundle-size.ts, counts them so). catalog.ts holds the same
// lessons imported whole, for the headless CLI, the tests and the pages built ahead of time; a unit
// test keeps the two lists the same.
import type { Challenge, ChallengeSpec } from './types.ts';

type LessonFile = () => Promise<{ readonly default: readonly ChallengeSpec[] }>;

/** Lesson slug → its challenge file, in course order. */
export const LESSON_FILES: Readonly<Record<string, LessonFile>> = {
  'what-is-an-image': () => import('../../content/challenges/what-is-an-image.ts'),
  'layers-by-hand': () => import('../../content/challenges/layers-by-hand.ts'),
  'dockerfile-steps': () => import('../../content/challenges/dockerfile-steps.ts'),
  'build-cache': () => import('../../content/challenges/build-cache.ts'),
  'build-context': () => import('../../content/challenges/build-context.ts'),
  'deleting-files': () => import('../../content/challenges/deleting-files.ts'),
  'multi-stage': () => import('../../content/challenges/multi-stage.ts'),
  'tags-and-digests': () => import('../../content/challenges/tags-and-digests.ts'),
  'sharing-layers': () => import('../../content/challenges/sharing-layers.ts'),
  capstone: () => import('../../content/challenges/capstone.ts'),
};

/** A lesson file's challenges with their ids (`lesson/name`). */
export function withIds(lesson: string, specs: readonly ChallengeSpec[]): Challenge[] {
  return specs.map(({ name, ...spec }) => ({ ...spec, id: `${lesson}/${name}`, lesson }));
}

/** The challenges of a lesson; none for a lesson without challenges (or no such lesson). */
export async function loadLessonChallenges(lesson: string): Promise<Challenge[]> {
  const file = Object.hasOwn(LESSON_FILES, lesson) ? LESSON_FILES[lesson] : undefined;
  return file ? withIds(lesson, (await file()).default) : [];
}

/** One challenge by its id (`lesson/name`), loading only its lesson. */
export async function loadChallenge(id: string): Promise<Challenge | undefined> {
  const lesson = id.slice(0, Math.max(0, id.indexOf('/')));
  return (await loadLessonChallenges(lesson)).find((c) => c.id === id);
}
