// The challenge panel of a lesson page, handed the page's running lab session. ChallengePanel.astro
// imports this once the lab is running. It imports the lab's frame (already loaded by then), so what the
// panel and the lab both use stays in the lab's chunks instead of being split out of them.
import { currentSession } from './lab-app.ts';
import { mountChallengePanel } from '../components/course/panel.ts';

export function mountPanel(root: HTMLElement, lesson: string): Promise<() => void> {
  return mountChallengePanel(root, lesson, currentSession);
}
