/**
 * Dockerfile front end: parse, expand and lint Dockerfiles as BuildKit's Dockerfile frontend does.
 *
 * Public API (stable names; may grow):
 *  - parseDockerfile(text)            -> ParseResult (typed instructions, stages, directives, warnings)
 *  - dumpAst(text)                    -> BuildKit's AST dump (`(from "scratch")\n...`), throws DockerfileSyntaxError
 *  - expandWord / expandWords         -> BuildKit's shell lexer (ProcessWord / ProcessWords)
 *  - expandInstruction(inst, env)     -> copy of the instruction with the fields BuildKit expands expanded
 *  - vertexName(inst, env)            -> progress name of RUN/COPY/ADD/WORKDIR with known variables substituted
 *  - lintDockerfile(dockerfile, ctx)  -> BuildKit build checks + our own layer hints (includes parse warnings)
 *  - diagnoseDockerfile(text, ctx)    -> parse + lint in one call, the parse error as a diagnostic (for editors)
 *  - buildMetaArgs / argValue / defaultArgs -> ARG scope: globals before FROM, stage re-declarations, platform args
 *
 * Notes for callers:
 *  - Pass `dockerfile.directives.escape` as the `escape` argument of the expansion helpers: a file with
 *    `# escape=\`` escapes with the backtick.
 *  - Typed values are as written (unexpanded, quotes kept); expandInstruction gives what the builder uses.
 *  - lintDockerfile already contains the parser's warnings (NoEmptyContinuation); do not add
 *    ParseResult.warnings to its output again.
 *  - Lines are 1-based, columns 0-based, in every range.
 */
export * from './types.ts';
export { parseDockerfile, MAX_DOCKERFILE_BYTES } from './instructions.ts';
export { parseAst, dumpAst, DockerfileSyntaxError } from './parser.ts';
export type { AstNode, Ast } from './parser.ts';
export { expandWord, expandWords, ShellLexer } from './lexer.ts';
export {
  expandInstruction,
  vertexName,
  toEnvMap,
  buildMetaArgs,
  argValue,
  defaultArgs,
  summarizeHeredoc,
  PREDEFINED_ARGS,
  PROXY_ARGS,
} from './expand.ts';
export type { Platform } from './expand.ts';
export type { LexerOptions, ProcessResult } from './lexer.ts';
export { INSTRUCTION_NAMES } from './instructions.ts';
export { parseMount } from './instructions/mount.ts';
export { chompHeredoc } from './instructions/node-input.ts';
export { lintDockerfile, BUILDKIT_RULES } from './lint.ts';

export { diagnoseDockerfile } from './diagnose.ts';
