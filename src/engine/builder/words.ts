// Words in and out of the builder: Dockerfile words expanded against an environment, and strings quoted
// as Go's %q quotes them (BuildKit's messages and history lines are made with it).
import { expandWord, type EscapeToken, type Instruction } from '../dockerfile/index.ts';
import { BuildFailure, linesOf } from './failure.ts';

/** `word` with its variables expanded; a bad substitution fails the build at the instruction's lines. */
export function expandAt(word: string, env: ReadonlyMap<string, string>, escape: EscapeToken, inst: Instruction): string {
  try {
    return expandWord(word, env, escape);
  } catch (e) {
    throw new BuildFailure(e instanceof Error ? e.message : String(e), { lines: linesOf(inst) });
  }
}

/** Go's strconv.Quote for the characters Dockerfiles hold. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + '"';
}

/** A string slice as Go's %q prints it: `["a" "b"]`. */
export function goQuoteSlice(args: readonly string[]): string {
  return `[${args.map(goQuote).join(' ')}]`;
}
