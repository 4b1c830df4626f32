import type { Diagnostic, LintContext, ParseResult } from './types.ts';
import { parseDockerfile } from './instructions.ts';
import { lintDockerfile } from './lint.ts';

/**
 * Everything an editor needs in one call: the parse result and a flat list of diagnostics — the parse
 * error (rule "Layerlab/ParseError", severity "error", BuildKit's message) or the build checks and hints.
 */
export function diagnoseDockerfile(text: string, context?: LintContext): { result: ParseResult; diagnostics: Diagnostic[] } {
  const result = parseDockerfile(text);
  if (!result.ok) {
    const range = result.error.range ?? { start: { line: 1, column: 0 }, end: { line: 1, column: 0 } };
    return {
      result,
      diagnostics: [...result.warnings, { rule: 'Layerlab/ParseError', message: result.error.message, severity: 'error', range }],
    };
  }
  return { result, diagnostics: lintDockerfile(result.dockerfile, context) };
}
