// The sandbox's challenge picker, handed the page's running lab session (see course-panel.ts for why it
// goes through the lab's frame).
import { currentSession } from './lab-app.ts';
import { openChallengeInSandbox, type PickedChallenge } from '../components/course/picker.ts';

export function openInSandbox(picked: PickedChallenge): Promise<string> {
  return openChallengeInSandbox(picked, currentSession());
}
