/** Saved state that this version cannot read. The message is for the learner (no JavaScript error text). */
export class SavedStateError extends Error {
  override readonly name = 'SavedStateError';
}
