// Entry point of the lab's heavy code. Pages import this lazily (when the lab scrolls into view or
// the learner asks for it), so nothing here may be imported by the lesson page's first load.
// Everything heavy (terminal, editor, git, engine) is reached from here through dynamic imports.

export interface LabOptions {
  /** Which sample project and checkpoint the lab opens with, from the lesson's frontmatter. */
  readonly preset: string;
  /** A workspace of its own (a lesson's), instead of the one the preset's sample shares with the sandbox. */
  readonly workspace?: string;
}

export async function mountLab(element: HTMLElement, options: LabOptions): Promise<void> {
  const { startLab, wireRunButtons } = await import('../components/lab/lab-app.ts');
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
