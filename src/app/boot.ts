// Entry point of the lab's heavy code. A page's lab slot (components/site/LabSlot.astro) imports this
// lazily (when the lab scrolls into view or the learner asks for it), so nothing here may be imported
// by the lesson page's first load. Everything heavy (terminal, editor, git, engine) is reached from here
// through dynamic imports. The lab's frame (lab-app.ts) puts the islands together: terminal, editor and
// pictures, all on one lab session.

import type { LabOptions } from '../components/site/lab-slot.ts';

export type { LabOptions };

export async function mountLab(element: HTMLElement, options: LabOptions): Promise<void> {
  const { startLab, wireRunButtons } = await import('./lab-app.ts');
  const lab = await startLab(element, options.preset, { workspace: options.workspace });
  const revealTerminal = () => element.querySelector('.lab-terminal-pane')?.scrollIntoView({ block: 'nearest' });
  const focusTerminal = () => {
    revealTerminal();
    element.querySelector<HTMLElement>('.lab-terminal textarea')?.focus();
  };
  // Lesson code blocks marked data-lab-run get a "Run" button that types the command into the terminal.
  wireRunButtons(document, (text) => lab.runCommand(text), revealTerminal);
  // Other scripts on the page may ask too: dispatch `layerlab:run` with { detail: { command } }.
  document.addEventListener('layerlab:run', (event) => {
    const command = (event as CustomEvent<{ command?: unknown }>).detail?.command;
    if (typeof command === 'string') {
      focusTerminal();
      void lab.runCommand(command);
    }
  });
}
