// The embed's list of challenge presets is the challenges' own: every challenge, with its start's preset.
import { describe, expect, it } from 'vitest';
import { CHALLENGES } from '../../../src/course/catalog.ts';
import { CHALLENGE_PRESETS } from '../../../src/course/presets.ts';

describe('challenge presets', () => {
  it('name every challenge with its starting preset, and nothing else', () => {
    expect({ ...CHALLENGE_PRESETS }).toEqual(Object.fromEntries(CHALLENGES.map((c) => [c.id, c.start.preset])));
  });
});
