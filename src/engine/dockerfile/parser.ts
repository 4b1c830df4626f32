import type { EscapeToken, SourceRange, RawFlag, Token, Heredoc, Diagnostic } from './types.ts';

/** One parsed line of BuildKit's AST (parser.Node). */
export interface AstNode {
  /** Lower-cased instruction name. */
  value: string;
  keyword: string;
  /** Argument strings as BuildKit's Node.Next chain (for ENV/LABEL: key, value, sep triples). */
  next: string[];
  /** ONBUILD: the nested node. */
  nested?: AstNode;
  flags: RawFlag[];
  tokens: Token[];
  json: boolean;
  original: string;
  heredocs: Heredoc[];
  comments: string[];
  range: SourceRange;
}

export interface Ast {
  escape: EscapeToken;
  syntax?: string;
  check?: string;
  children: AstNode[];
  lines: string[];
  warnings: Diagnostic[];
}

/** A parse failure with BuildKit's message. */
export class DockerfileSyntaxError extends Error {
  range?: SourceRange;
  line?: number;
  constructor(message: string, range?: SourceRange) {
    super(message);
    this.name = 'DockerfileSyntaxError';
    if (range) {
      this.range = range;
      this.line = range.start.line;
    }
  }
}

export function parseAst(_text: string): Ast {
  throw new DockerfileSyntaxError('not implemented yet');
}

export function dumpAst(_text: string): string {
  throw new DockerfileSyntaxError('not implemented yet');
}
