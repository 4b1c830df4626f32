import type { Env, EscapeToken } from './types.ts';
import { ExpansionError } from './types.ts';

export class ShellLexer {
  escape: EscapeToken;
  constructor(escape: EscapeToken = '\\') {
    this.escape = escape;
  }
}

/** BuildKit's ProcessWord: expand one word (quotes removed). Throws ExpansionError. */
export function expandWord(_word: string, _env: Env, _escape: EscapeToken = '\\'): string {
  throw new ExpansionError('not implemented yet');
}

/** BuildKit's ProcessWords: expand and split into words on unquoted whitespace. Throws ExpansionError. */
export function expandWords(_word: string, _env: Env, _escape: EscapeToken = '\\'): string[] {
  throw new ExpansionError('not implemented yet');
}
