/** A lexing failure with BuildKit's text; ShellLexer wraps it as ExpansionError("failed to process …"). */
export class LexError extends Error {}
