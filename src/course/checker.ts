// The checker: goal first, then the diagnoses in order, most specific first. Pure engine-side code.
import type { Challenge, CheckContext, Verdict } from './types.ts';

export async function checkChallenge(challenge: Challenge, ctx: CheckContext): Promise<Verdict> {
  try {
    if (await challenge.goalMet(ctx)) return { pass: true, message: challenge.explanation };
    for (const d of challenge.diagnoses) {
      const message = await d.test(ctx);
      if (message) return { pass: false, diagnosis: d.id, message };
    }
    return { pass: false, diagnosis: 'not-yet', message: challenge.notYet };
  } catch {
    // A check reads state only; should it ever fail, the learner gets a plain miss, not an error text.
    return { pass: false, diagnosis: 'unreadable', message: 'The check could not read the lab’s state just now. Run another command, then press Check again.' };
  }
}
