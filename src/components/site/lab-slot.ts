export interface LabOptions {
  /** Which sample project and checkpoint the lab opens with, from the lesson's frontmatter. */
  readonly preset: string;
  /** A workspace of its own (a lesson's), instead of the one the preset's sample shares with the sandbox. */
  readonly workspace?: string;
}

/** What the lab's lazy entry module provides (src/app/boot.ts). */
export interface LabModule {
  mountLab(element: HTMLElement, options: LabOptions): Promise<void>;
}

export type SlotState = 'idle' | 'loading' | 'ready' | 'error';

/**
 * Wires one lab slot: the lab's code is imported the first time the slot comes near the viewport or
 * its "Start the lab" button is pressed, whichever happens first. On a failure the slot says what went
 * wrong and the button stays available to try again.
 *
 * The slot's markup (LabSlot.astro) provides [data-lab-start], [data-lab-status] and [data-lab-mount];
 * its state is mirrored in data-state so that styles and tests can follow it.
 */
export function activateOnDemand(slot: HTMLElement, load: () => Promise<LabModule>): void {
  const button = slot.querySelector<HTMLButtonElement>('[data-lab-start]');
  const status = slot.querySelector<HTMLElement>('[data-lab-status]');
  const mount = slot.querySelector<HTMLElement>('[data-lab-mount]');
  if (!button || !status || !mount) return;
  const preset = slot.dataset.preset ?? '';
  const workspace = slot.dataset.workspace || undefined;
  let observer: IntersectionObserver | undefined;

  const setState = (state: SlotState): void => {
    slot.dataset.state = state;
  };

  const start = async (): Promise<void> => {
    if (slot.dataset.state === 'loading' || slot.dataset.state === 'ready') return;
    observer?.disconnect();
    setState('loading');
    button.disabled = true;
    status.textContent = 'Loading the lab…';
    try {
      const lab = await load();
      await lab.mountLab(mount, { preset, ...(workspace ? { workspace } : {}) });
      status.textContent = '';
      setState('ready');
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      console.error('Layerlab: the lab failed to start', error);
      status.textContent = `The lab could not start: ${reason}. Try again, or reload the page.`;
      button.disabled = false;
      setState('error');
    }
  };

  button.addEventListener('click', () => void start());

  // On a metered connection (Save-Data) wait for the button instead of loading on sight.
  const saveData = (navigator as Navigator & { connection?: { saveData?: boolean } }).connection?.saveData === true;
  if (saveData || typeof IntersectionObserver === 'undefined') return;
  observer = new IntersectionObserver(
    (entries) => {
      if (entries.some((entry) => entry.isIntersecting)) void start();
    },
    { rootMargin: '200px 0px' },
  );
  observer.observe(slot);
}
