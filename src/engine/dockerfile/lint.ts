import type { Diagnostic, Dockerfile, LintContext } from './types.ts';

export const BUILDKIT_RULES: Readonly<Record<string, { description: string; url: string }>> = {};

export function lintDockerfile(dockerfile: Dockerfile, _context?: LintContext): Diagnostic[] {
  return [...dockerfile.parseWarnings];
}
