// Diagnostics for the editor from the engine's Dockerfile front end: the parse error (what
// `docker build` would fail with) and BuildKit's build checks, as plain ranges the editor underlines.

import { parseDockerfile, lintDockerfile, type Diagnostic, type LintContext } from '../engine/dockerfile/index.ts';

export interface EditorDiagnostic {
  /** 1-based line, 0-based column, as the engine reports them. */
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly severity: 'error' | 'warning' | 'info';
  /** The engine's (BuildKit's) wording. */
  readonly message: string;
  /** BuildKit's documentation page for the rule, when it has one. */
  readonly url?: string;
  /** Rule name (e.g. `JSONArgsRecommended`) or `dockerfile parse error`. */
  readonly source: string;
}

function fromEngine(d: Diagnostic): EditorDiagnostic {
  return {
    startLine: d.range.start.line,
    startColumn: d.range.start.column,
    endLine: d.range.end.line,
    endColumn: d.range.end.column,
    severity: d.severity === 'hint' ? 'info' : d.severity,
    message: d.message,
    ...(d.url ? { url: d.url } : {}),
    source: d.rule,
  };
}

export function dockerfileDiagnostics(text: string, context?: LintContext): EditorDiagnostic[] {
  const result = parseDockerfile(text);
  const out: EditorDiagnostic[] = result.warnings.map(fromEngine);
  if (!result.ok) {
    const r = result.error.range;
    const line = r?.start.line ?? result.error.line ?? 1;
    out.push({
      startLine: line,
      startColumn: r?.start.column ?? 0,
      endLine: r?.end.line ?? line,
      endColumn: r?.end.column ?? Number.MAX_SAFE_INTEGER,
      severity: 'error',
      message: result.error.message,
      source: 'dockerfile parse error',
    });
    return out;
  }
  try {
    out.push(...lintDockerfile(result.dockerfile, context).map(fromEngine));
  } catch {
    /* build checks are advisory: a failure in them never hides the parse result */
  }
  return out;
}
