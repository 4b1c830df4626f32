// Entry point of the lab's heavy code. Pages import this lazily (when the lab scrolls into view or
// the learner asks for it), so nothing here may be imported by the lesson page's first load.
// Placeholder until the lab issue lands; the signature is the contract with the page.

export interface LabOptions {
  /** Which sample project and checkpoint the lab opens with, from the lesson's frontmatter. */
  readonly preset: string;
}

export async function mountLab(element: HTMLElement, options: LabOptions): Promise<void> {
  const note = document.createElement('p');
  note.textContent = `The lab (preset "${options.preset}") is not built yet.`;
  element.replaceChildren(note);
}
