// The syntax tree of the lab's POSIX sh subset.

export type WordPart =
  | { t: 'lit'; v: string; q: boolean }
  | { t: 'var'; name: string; op?: string; arg?: Word; q: boolean; len?: boolean }
  | { t: 'cmd'; body: List; q: boolean }
  | { t: 'arith'; expr: string; q: boolean }
  | { t: 'tilde'; user: string };

export interface Word {
  parts: WordPart[];
}

export interface Redir {
  fd: number;
  /** '>', '>>', '<', '>&', '<&', '>|' */
  op: string;
  target: Word;
}

export interface Assign {
  name: string;
  value: Word;
}

export interface SimpleCommand {
  kind: 'simple';
  assigns: Assign[];
  words: Word[];
  redirs: Redir[];
  line: number;
}

export interface IfCommand {
  kind: 'if';
  clauses: { cond: List; body: List }[];
  elseBody?: List;
  redirs: Redir[];
  line: number;
}

export interface ForCommand {
  kind: 'for';
  name: string;
  items?: Word[];
  body: List;
  redirs: Redir[];
  line: number;
}

export interface WhileCommand {
  kind: 'while';
  until: boolean;
  cond: List;
  body: List;
  redirs: Redir[];
  line: number;
}

export interface GroupCommand {
  kind: 'group' | 'subshell';
  body: List;
  redirs: Redir[];
  line: number;
}

export interface FunctionDef {
  kind: 'func';
  name: string;
  body: Command;
  redirs: Redir[];
  line: number;
}

export type Command = SimpleCommand | IfCommand | ForCommand | WhileCommand | GroupCommand | FunctionDef;

export interface Pipeline {
  bang: boolean;
  commands: Command[];
}

export interface AndOr {
  first: Pipeline;
  rest: { op: '&&' | '||'; pipeline: Pipeline }[];
}

export interface List {
  items: AndOr[];
}

/**
 * A syntax error, a construct outside the lab's subset (`unsupported` names it), or a lab limit the
 * parser reached (`limit` names it; the message is already in plain words).
 */
export class ShellSyntaxError extends Error {
  readonly line: number;
  readonly unsupported: string | undefined;
  readonly limit: string | undefined;
  /** For syntax errors: the unexpected token, or 'end of file'. */
  readonly token: string;
  readonly expecting: string | undefined;
  constructor(message: string, line: number, opts: { unsupported?: string; token?: string; expecting?: string; limit?: string } = {}) {
    super(message);
    this.line = line;
    this.unsupported = opts.unsupported;
    this.limit = opts.limit;
    this.token = opts.token ?? '';
    this.expecting = opts.expecting;
  }
}
