/**
 * Build checks. BuildKit's rules (frontend/dockerfile/linter/ruleset.go, applied where
 * instructions/parse.go and dockerfile2llb/{convert,validations,convert_expose}.go apply them) keep
 * BuildKit's names, messages and links. Our own layer and cache hints use the "Layerlab/" prefix.
 *
 * This module runs the rule families in lint/ in BuildKit's order; findings on the same position keep
 * that order after the sort by line.
 */
import type { Diagnostic, Dockerfile, LintContext } from './types.ts';
import { ShellLexer } from './lexer.ts';
import { commentChecks, makeSink, parseCheck } from './lint/sink.ts';
import { casingRules, fromRules, stageNameRules } from './lint/stage-rules.ts';
import { fromArgRules } from './lint/from-args.ts';
import { dispatchRules } from './lint/dispatch-rules.ts';
import { layerHints } from './lint/layer-hints.ts';

export { BUILDKIT_RULES } from './lint/rules.ts';

/**
 * Applies BuildKit's build checks that fit a learner's Dockerfile plus our own layer hints.
 * The parser's warnings (NoEmptyContinuation) are included. `# check=skip=...;error=true` is honoured for
 * BuildKit rules (error=true makes them errors, as `docker build` then fails).
 * Each list is ordered by line.
 */
export function lintDockerfile(dockerfile: Dockerfile, context: LintContext = {}): Diagnostic[] {
  const check = parseCheck(dockerfile.directives.check);
  const sink = makeSink(check, commentChecks(dockerfile));
  for (const w of dockerfile.parseWarnings) sink.add(w.rule, w.message, w.range);
  const escape = dockerfile.directives.escape;
  const lex = new ShellLexer(escape);
  const stages = dockerfile.stages;
  fromRules(stages, sink);
  stageNameRules(stages, sink);
  casingRules(stages, sink);
  const globals = fromArgRules(dockerfile, lex, sink);
  dispatchRules(stages, context, lex, globals, sink);
  layerHints(dockerfile, context, sink);
  return sink.out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column);
}
