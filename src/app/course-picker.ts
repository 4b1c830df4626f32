// The sandbox's challenge picker, handed the page's running lab session (see course-panel.ts for why it
// goes through the lab's frame).
import { currentSession } from './lab-app.ts';
import { openChallengeInSandbox } from '../components/course/picker.ts';

export function openInSandbox(id: string): Promise<string> {
  return openChallengeInSandbox(id, currentSession());
}
