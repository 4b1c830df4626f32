// Where a lesson's lab sits on a narrow screen. Side by side (70rem and wider) the lab is a column of
// its own beside the prose. In one column it would come after the whole lesson, far from the commands
// that use it, so it moves into the prose: after the first command block, and, when a "Run" button is
// pressed, after that button's block. The button stays where it was on the screen (the page scrolls
// by what moved above it), so running a step never jumps the page.

const WIDE = '(min-width: 70rem)';

export function placeLabNearCommands(doc: Document, lab: HTMLElement): void {
  const home = { parent: lab.parentElement, next: lab.nextSibling };
  const firstCommand = doc.querySelector<HTMLElement>('.lesson-prose [data-lab-run]');
  if (!home.parent || !firstCommand) return;
  const wide = matchMedia(WIDE);

  const place = (): void => {
    if (wide.matches) {
      if (lab.parentElement !== home.parent) home.parent!.insertBefore(lab, home.next);
    } else if (lab.parentElement === home.parent) firstCommand.after(lab);
  };
  place();
  wide.addEventListener('change', place);

  // Capture phase: the lab is in place before the button's own handler brings the terminal into view.
  doc.addEventListener(
    'click',
    (event) => {
      if (wide.matches) return;
      const button = (event.target as Element | null)?.closest?.('[data-lab-run-button]');
      const block = button?.closest<HTMLElement>('.lesson-prose [data-lab-run]');
      if (!button || !block || block.nextElementSibling === lab) return;
      const before = button.getBoundingClientRect().top;
      block.after(lab);
      window.scrollBy({ top: button.getBoundingClientRect().top - before, behavior: 'instant' });
    },
    true,
  );
}
