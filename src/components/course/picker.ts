// Opens any challenge's starting state in the sandbox's lab, through the lab session.
import type { LabSession } from '../../lab/session.ts';
import { challengeById } from '../../course/catalog.ts';
import { openStartingState } from '../../course/start.ts';

/** Returns the sentence to show the learner. */
export async function openChallengeInSandbox(id: string, session: LabSession | null): Promise<string> {
  const challenge = challengeById(id);
  if (!challenge) return 'There is no such challenge.';
  if (!session) return 'Start the lab first.';
  if (session.readOnly) return 'This tab is read-only: the lab is open in another tab.';
  await session.replaceState((engine, workspace, samples) => openStartingState(engine, workspace, samples, challenge.start));
  return `Opened the starting state of “${challenge.title}”. Goal: ${challenge.goal.replaceAll('`', '')}`;
}
