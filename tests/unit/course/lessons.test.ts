// The browser loads one lesson's challenges at a time (src/course/lessons.ts); the CLI, the tests and
// the pages built ahead of time import them all (src/course/catalog.ts). Both must list the same.
// The sandbox's picker opens a starting state from the JSON its page carries.
import { describe, expect, it } from 'vitest';
import { CHALLENGES, LESSONS_WITH_CHALLENGES, challengesOf } from '../../../src/course/catalog.ts';
import { LESSON_FILES, loadChallenge, loadLessonChallenges } from '../../../src/course/lessons.ts';
import { parseStartingState } from '../../../src/course/starting-state.ts';

describe('loading one lesson at a time', () => {
  it('knows the same lessons as the catalog, in course order', () => {
    expect(Object.keys(LESSON_FILES)).toEqual([...LESSONS_WITH_CHALLENGES]);
  });

  it('gives each lesson the catalog’s challenges, with the same ids and data', async () => {
    for (const lesson of LESSONS_WITH_CHALLENGES) {
      const loaded = await loadLessonChallenges(lesson);
      expect(loaded.map((c) => c.id)).toEqual(challengesOf(lesson).map((c) => c.id));
      expect(loaded.map((c) => [c.title, c.goal, c.start])).toEqual(challengesOf(lesson).map((c) => [c.title, c.goal, c.start]));
    }
  });

  it('finds one challenge by id, and nothing for ids of no challenge', async () => {
    expect((await loadChallenge('build-cache/reorder'))?.title).toBe(CHALLENGES.find((c) => c.id === 'build-cache/reorder')?.title);
    for (const id of ['build-cache/nope', 'nope/reorder', 'build-cache', '', '__proto__/x', 'constructor/x', 'toString/x']) expect(await loadChallenge(id)).toBeUndefined();
    expect(await loadLessonChallenges('hasOwnProperty')).toEqual([]);
  });
});

describe('a starting state from the sandbox page', () => {
  it('reads every challenge’s starting state back from its JSON', () => {
    for (const c of CHALLENGES) expect(parseStartingState(JSON.stringify(c.start))).toEqual(c.start);
  });

  it('refuses anything that is not one, rather than opening half of it', () => {
    for (const bad of ['', 'not json', 'null', '[]', '"node-app"', '{}', '{"preset":1}', '{"preset":"node-app","files":{"a":1}}', '{"preset":"node-app","files":[1]}', '{"preset":"node-app","images":"alpine"}', '{"preset":"node-app","absentImages":[null]}']) {
      expect(parseStartingState(bad)).toBeUndefined();
    }
    expect(parseStartingState('{"preset":"node-app","files":{"a.txt":"x","gone":null},"images":["alpine:3.21"],"extra":"<b>"}')).toEqual({ preset: 'node-app', files: { 'a.txt': 'x', gone: null }, images: ['alpine:3.21'], absentImages: undefined });
  });
});
