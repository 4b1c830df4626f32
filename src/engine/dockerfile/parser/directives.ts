/**
 * Parser directives (`# syntax=`, `# escape=`, `# check=`) at the top of a Dockerfile, as BuildKit's
 * DirectiveParser reads them.
 */
import type { EscapeToken } from '../types.ts';
import { goTrimLeft } from '../text.ts';
import { DockerfileSyntaxError } from './ast.ts';

const DIRECTIVE_RE = /^([a-zA-Z][a-zA-Z0-9]*)[\t\n\f\r ]*=[\t\n\f\r ]*(.+?)[\t\n\f\r ]*$/s;

export interface DirectiveState {
  done: boolean;
  seen: Set<string>;
  escape: EscapeToken;
  syntax?: string;
  check?: string;
}

/** BuildKit's DirectiveParser.ParseLine + setEscapeToken. Returns true when the line was a directive. */
export function possibleDirective(d: DirectiveState, line: string, lineNo: number): boolean {
  if (d.done) return false;
  if (!line.startsWith('#')) {
    d.done = true;
    return false;
  }
  const body = goTrimLeft(line.slice(1));
  const m = DIRECTIVE_RE.exec(body);
  if (!m) {
    d.done = true;
    return false;
  }
  const key = m[1]!.toLowerCase();
  if (key !== 'syntax' && key !== 'escape' && key !== 'check') {
    d.done = true;
    return false;
  }
  const range = { start: { line: lineNo, column: 0 }, end: { line: lineNo, column: line.length } };
  if (d.seen.has(key)) throw new DockerfileSyntaxError(`only one ${key} parser directive can be used`, range);
  d.seen.add(key);
  const value = m[2]!;
  if (key === 'escape') {
    if (value !== '`' && value !== '\\') {
      throw new DockerfileSyntaxError(`invalid escape token '${value}' does not match \` or \\`, range);
    }
    d.escape = value;
  } else if (key === 'syntax') d.syntax = value;
  else d.check = value;
  return true;
}
