/**
 * The error an instruction parser throws, and BuildKit's stock argument-count messages. parseDockerfile
 * wraps it as `dockerfile parse error on line N: …`.
 */
import type { SourceRange } from '../types.ts';

/** An error raised while turning one AST node into an instruction (wrapped with the line by the caller). */
export class InstructionError extends Error {
  /** A narrower range than the whole instruction, e.g. the offending flag. */
  range?: SourceRange;
  constructor(message: string, range?: SourceRange) {
    super(message);
    if (range) this.range = range;
  }
}

export function errAtLeastOne(cmd: string): InstructionError {
  return new InstructionError(`${cmd} requires at least one argument`);
}
export function errExactlyOne(cmd: string): InstructionError {
  return new InstructionError(`${cmd} requires exactly one argument`);
}
export function errNoDestination(cmd: string): InstructionError {
  return new InstructionError(
    `${cmd} requires at least two arguments, but only one was provided. Destination could not be determined`,
  );
}
