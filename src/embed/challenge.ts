// A course challenge inside an embed (`challenge=LESSON/CHALLENGE`): the lab opens the challenge's
// starting state once, records the builds and pulls the check needs, and answers `check()` with the
// course's own checker (src/course/). Loaded only when an embed names a challenge.

import type { LabController } from '../app/lab-app.ts';
import { CHALLENGE_PRESETS } from '../course/presets.ts';
import { emptyActivity, parseActivity, recordEvent, type ActivityLog } from '../course/activity.ts';
import type { CheckResult } from './bridge.ts';

interface RunState {
  activity: ActivityLog;
  baseline: string[];
}

export interface EmbeddedChallenge {
  check(): Promise<CheckResult>;
  /** Back to the challenge's starting state (the embed's `reset()`). */
  reset(): Promise<void>;
}

/** The challenge's preset, to open the lab with (undefined when there is no such challenge). */
export async function challengePreset(id: string): Promise<string | undefined> {
  return Object.hasOwn(CHALLENGE_PRESETS, id) ? CHALLENGE_PRESETS[id] : undefined;
}

export async function openEmbeddedChallenge(lab: LabController, id: string): Promise<EmbeddedChallenge | undefined> {
  if (!Object.hasOwn(CHALLENGE_PRESETS, id)) return undefined;
  const key = `embed-challenge:${id}`;
  const session = () => lab.session;
  const saved = await session().storage.kv.get<{ activity?: unknown; baseline?: unknown }>(key).catch(() => undefined);
  let run: RunState;
  const save = (): void => void session().storage.kv.set(key, run).catch(() => undefined);
  const openStart = async (): Promise<void> => {
    await session().openChallengeStart(id);
    run = { activity: emptyActivity(), baseline: session().engine.containerIds() };
    save();
  };
  if (saved && Array.isArray(saved.baseline)) run = { activity: parseActivity(saved.activity), baseline: saved.baseline.filter((b): b is string => typeof b === 'string') };
  else await openStart();
  let subscribed = session();
  const listen = () =>
    session().subscribe((e) => {
      if (e.type === 'engine' && recordEvent(run.activity, e.event)) save();
    });
  let unsubscribe = listen();
  const follow = (): void => {
    if (session() === subscribed) return;
    unsubscribe();
    subscribed = session();
    unsubscribe = listen();
  };
  return {
    async check() {
      follow();
      const s = session();
      const v = await s.check(id, run.activity, run.baseline);
      return { challenge: id, pass: v.pass, diagnosis: v.message };
    },
    async reset() {
      follow();
      await openStart();
    },
  };
}
