// The highlighter's list of instruction words is the parser's: the words BuildKit's parser accepts.
import { describe, expect, it } from 'vitest';
import { INSTRUCTION_WORDS } from '../../../src/engine/dockerfile/instruction-names.ts';
import { INSTRUCTION_NAMES } from '../../../src/engine/dockerfile/instructions/dispatch.ts';

describe('instruction words', () => {
  it('are the parser table’s words', () => {
    expect([...INSTRUCTION_WORDS]).toEqual([...INSTRUCTION_NAMES]);
  });
});
