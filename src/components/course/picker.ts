// Opens any challenge's starting state in the sandbox's lab, through the lab session. The starting
// state comes from the page (ChallengePicker.astro writes it as JSON), so the course's checks are
// never loaded here.
import type { LabSession } from '../../lab/session.ts';
import { parseStartingState } from '../../course/starting-state.ts';

export interface PickedChallenge {
  /** The starting state, as JSON. */
  readonly start: string;
  readonly title: string;
  readonly goal: string;
}

/** Returns the sentence to show the learner. */
export async function openChallengeInSandbox(picked: PickedChallenge, session: LabSession | null): Promise<string> {
  const start = parseStartingState(picked.start);
  if (!start) return 'There is no such challenge.';
  if (!session) return 'Start the lab first.';
  if (session.readOnly) return 'This tab is read-only: the lab is open in another tab.';
  await session.openStartingState(start);
  return `Opened the starting state of “${picked.title}”. Goal: ${picked.goal}`;
}
