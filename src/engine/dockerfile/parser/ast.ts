/**
 * The shape of BuildKit's parsed Dockerfile (parser.Node and parser.Result) and the error the parser
 * throws. A leaf: every step of the parser builds or reads these.
 */
import type { Diagnostic, EscapeToken, Heredoc, RawFlag, SourceRange, Token } from '../types.ts';

/** One parsed line of BuildKit's AST (parser.Node). */
export interface AstNode {
  /** Lower-cased instruction name. */
  value: string;
  /** The instruction word as written. */
  keyword: string;
  /** Argument strings as BuildKit's Node.Next chain (for ENV/LABEL: key, value, sep triples). */
  next: string[];
  /** ONBUILD: the nested node. */
  nested?: AstNode;
  flags: RawFlag[];
  tokens: Token[];
  /** JSON (exec) form. */
  json: boolean;
  /** BuildKit's Node.Original. */
  original: string;
  heredocs: Heredoc[];
  comments: string[];
  range: SourceRange;
  keywordRange: SourceRange;
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
