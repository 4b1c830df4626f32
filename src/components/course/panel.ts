// The challenge panel on a lesson page: goal, Check, the verdict with its diagnosis, hints one at a
// time, "Show solution" (replayed in the lab), "Reset challenge", and the lesson's progress (exported
// and imported on the lesson list).
// Loaded lazily once the lab is running. It talks to the lab only through the lab session: it reads
// the engine's state, listens to the session's events and runs commands through its command runner.
import type { LabSession, SessionEvent } from '../../lab/session.ts';
import { emptyActivity, parseActivity, recordEvent, type ActivityLog } from '../../course/activity.ts';
import type { ChallengeInfo as Challenge, Verdict } from '../../course/types.ts';
import { markDone, readProgress } from './progress.ts';

const ACTIVE_KEY = (lesson: string) => `layerlab:course:active:${lesson}`;
const RUN_KEY = (id: string) => `layerlab:course:run:${id}`;

interface ChallengeRun {
  activity: ActivityLog;
  baseline: string[];
  hints: number;
}

function load<T>(key: string): T | undefined {
  try {
    const v = localStorage.getItem(key);
    return v === null ? undefined : (JSON.parse(v) as T);
  } catch {
    return undefined;
  }
}

function save(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    /* storage full or blocked: the panel keeps working for this page */
  }
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> & { className?: string } = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  Object.assign(e, props);
  e.append(...children);
  return e;
}

/** Text with `code` spans, as the challenge data writes them, rendered as text and <code> nodes (never markup). */
export function richText(text: string): Node[] {
  return text.split(/(`[^`]+`)/).filter(Boolean).map((part) => (part.startsWith('`') && part.endsWith('`') && part.length > 2 ? el('code', { textContent: part.slice(1, -1) }) : document.createTextNode(part)));
}

/** `currentSession` gives the page's running lab session (the lab may replace it, e.g. on a reset). */
export async function mountChallengePanel(root: HTMLElement, lesson: string, currentSession: () => LabSession | null): Promise<() => void> {
  const challenges = (await currentSession()?.lessonChallenges(lesson).catch(() => [])) ?? [];
  if (challenges.length === 0) return () => undefined;
  let session: LabSession | null = currentSession();
  let active: Challenge = challenges.find((c) => c.id === load<string>(ACTIVE_KEY(lesson))) ?? challenges[0]!;
  let run: ChallengeRun = readRun(active);
  let busy = false;
  let lastMessage = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  let unsubscribe: (() => void) | null = null;

  function readRun(c: Challenge): ChallengeRun {
    const saved = load<Partial<ChallengeRun>>(RUN_KEY(c.id));
    return {
      activity: parseActivity(saved?.activity),
      baseline: Array.isArray(saved?.baseline) ? saved!.baseline.filter((x): x is string => typeof x === 'string') : [],
      hints: typeof saved?.hints === 'number' ? Math.max(0, Math.min(saved.hints, c.hints.length)) : 0,
    };
  }

  const body = el('div', { className: 'challenge-panel__body' });
  const summary = el('p', { className: 'challenge-panel__progress' });
  // Export and import live on the lesson list, with the progress of every lesson.
  const listLink = el('a', { href: root.dataset.lessonsHref ?? '../', textContent: 'the lesson list' });
  const footer = el('div', { className: 'challenge-panel__footer' }, summary, el('p', { className: 'challenge-panel__note' }, 'Progress is kept in this browser. To move it to another machine, export it from ', listLink, '.'));
  root.querySelector('[data-challenge-static]')?.remove();
  root.append(body, footer);

  const verdictFor = new Map<string, HTMLElement>();

  function render(): void {
    const done = readProgress().done;
    const doneHere = challenges.filter((c) => done[c.id]).length;
    summary.textContent = `${doneHere} of ${challenges.length} ${challenges.length === 1 ? 'challenge' : 'challenges'} in this lesson done.`;
    body.replaceChildren();
    verdictFor.clear();
    challenges.forEach((c, i) => {
      const isActive = c === active;
      const headingId = `challenge-${c.id.replace(/[^a-z0-9]+/g, '-')}`;
      // A group, not an article: the lesson text is the page's one article.
      const art = el('div', { className: `challenge${isActive ? ' challenge--active' : ''}${done[c.id] ? ' challenge--done' : ''}` });
      art.setAttribute('role', 'group');
      art.setAttribute('aria-labelledby', headingId);
      art.dataset.challenge = c.id;
      const h = el('h3', { id: headingId }, `Challenge ${i + 1}: ${c.title}`);
      if (done[c.id]) h.append(' ', el('span', { className: 'challenge__badge', textContent: 'Done' }));
      art.append(h, el('p', { className: 'challenge__goal' }, el('strong', { textContent: 'Goal: ' }), ...richText(c.goal)));
      const verdict = el('div', { className: 'challenge__verdict' });
      verdict.setAttribute('role', 'status');
      verdict.setAttribute('aria-live', 'polite');
      verdictFor.set(c.id, verdict);
      if (!isActive) {
        const start = el('button', { type: 'button', className: 'button button--secondary', textContent: 'Start this challenge' });
        start.addEventListener('click', () => void switchTo(c));
        art.append(el('div', { className: 'challenge__actions' }, start), verdict);
        if (done[c.id]) verdict.textContent = 'Done.';
        body.append(art);
        return;
      }
      const check = el('button', { type: 'button', className: 'button', textContent: 'Check' });
      check.addEventListener('click', () => void runCheck(true));
      const hint = el('button', { type: 'button', className: 'button button--secondary', textContent: run.hints === 0 ? 'Show a hint' : 'Next hint' });
      hint.disabled = run.hints >= c.hints.length;
      hint.addEventListener('click', () => {
        run.hints = Math.min(run.hints + 1, c.hints.length);
        saveRun();
        render();
        body.querySelector<HTMLElement>('.challenge__hints li:last-child')?.focus();
      });
      const solution = el('button', { type: 'button', className: 'button button--secondary', textContent: 'Show solution' });
      solution.addEventListener('click', () => void showSolution());
      const reset = el('button', { type: 'button', className: 'button button--secondary', textContent: 'Reset challenge' });
      reset.addEventListener('click', () => void resetChallenge(true));
      for (const b of [check, solution, reset]) b.disabled = busy || !session || session.readOnly;
      art.append(el('div', { className: 'challenge__actions' }, check, hint, solution, reset), verdict);
      if (run.hints > 0) {
        const list = el('ol', { className: 'challenge__hints' });
        list.setAttribute('aria-label', 'Hints');
        for (const text of c.hints.slice(0, run.hints)) {
          const li = el('li', {}, ...richText(text));
          li.tabIndex = -1;
          list.append(li);
        }
        art.append(list);
      }
      body.append(art);
    });
    if (lastMessage) showVerdictText(lastVerdict);
  }

  let lastVerdict: Verdict | null = null;

  function showVerdictText(v: Verdict | null): void {
    const region = verdictFor.get(active.id);
    if (!region || !v) return;
    region.replaceChildren();
    region.dataset.verdict = v.pass ? 'done' : 'miss';
    if (v.pass) region.append(el('strong', { textContent: 'Done! ' }), el('span', {}, el('span', { textContent: 'What just happened: ' }), ...richText(v.message)));
    else region.append(el('strong', { textContent: 'Not yet. ' }), ...richText(v.message));
  }

  function saveRun(): void {
    save(RUN_KEY(active.id), run);
  }

  async function runCheck(announce: boolean): Promise<void> {
    // The lab opens a new session when a tab takes over: follow it.
    if (currentSession() !== session) listen();
    if (!session) return;
    const v = await session.check(active.id, run.activity, run.baseline);
    const wasDone = !!readProgress().done[active.id];
    if (v.pass && !wasDone) markDone(active.id);
    const message = `${v.pass}:${v.message}`;
    // After a command or an edit, the region changes only when the verdict does, so a screen reader is not flooded.
    if (!announce && message === lastMessage && !(v.pass && !wasDone)) return;
    lastMessage = message;
    lastVerdict = v;
    if (v.pass && !wasDone) render();
    else if (announce) {
      // Empty it first so the same text is announced again after "Check".
      verdictFor.get(active.id)?.replaceChildren();
      await new Promise((r) => setTimeout(r, 50));
    }
    showVerdictText(v);
  }

  function scheduleCheck(): void {
    clearTimeout(timer);
    timer = setTimeout(() => void runCheck(false), 250);
  }

  function listen(): void {
    unsubscribe?.();
    session = currentSession();
    if (!session) return;
    unsubscribe = session.subscribe((e: SessionEvent) => {
      if (e.type === 'engine') {
        if (recordEvent(run.activity, e.event)) saveRun();
      } else if (e.type === 'command-end') scheduleCheck();
      else if (e.type === 'files' && !busy) scheduleCheck();
    });
  }

  async function openStart(c: Challenge): Promise<void> {
    session = currentSession();
    if (!session) return;
    busy = true;
    render();
    try {
      await session.openStartingState(c.start);
      run = { activity: emptyActivity(), baseline: containerIds(session), hints: run.hints };
      lastMessage = '';
      lastVerdict = null;
      saveRun();
    } catch {
      // The cause stays out of the page: the learner gets what to do, not an error text.
      session.notice('error', 'The challenge’s starting state could not be opened. Press “Reset challenge” to try again, or reload the page.');
    } finally {
      busy = false;
      render();
    }
  }

  async function switchTo(c: Challenge): Promise<void> {
    if (!window.confirm(`Start “${c.title}”? The files of this lesson’s lab go back to the challenge’s start. Your images, containers and other lessons are kept.`)) return;
    active = c;
    save(ACTIVE_KEY(lesson), c.id);
    run = readRun(c);
    await openStart(c);
    body.querySelector<HTMLElement>('.challenge--active h3')?.focus();
  }

  async function resetChallenge(ask: boolean): Promise<void> {
    if (ask && !window.confirm(`Reset “${active.title}”? The files of this lesson’s lab go back to the challenge’s start. Your images, containers and other lessons are kept.`)) return;
    await openStart(active);
  }

  async function showSolution(): Promise<void> {
    if (!window.confirm('Show the solution? The lab resets this challenge and then runs the solution step by step, so you can watch it.')) return;
    await openStart(active);
    session = currentSession();
    if (!session) return;
    busy = true;
    render();
    try {
      for (const step of active.solution) {
        if ('write' in step) {
          await session.saveFile(step.write, step.content);
          session.openFile(step.write);
        } else {
          for (const line of step.run.split('\n').filter((l) => l.trim() && !l.trim().startsWith('#'))) await session.runCommand(line);
        }
      }
    } finally {
      busy = false;
      render();
    }
    await runCheck(true);
  }

  /** Ids of the containers the engine holds now (the check leaves them out). */
  function containerIds(s: LabSession): string[] {
    return s.engine.containerIds();
  }

  listen();
  render();
  // The first visit opens the first challenge's start in this lesson's own workspace; later visits keep the work.
  if (load<string>(ACTIVE_KEY(lesson)) === undefined) {
    save(ACTIVE_KEY(lesson), active.id);
    void openStart(active).then(() => runCheck(false));
  } else void runCheck(false);
  return () => {
    unsubscribe?.();
    clearTimeout(timer);
  };
}

