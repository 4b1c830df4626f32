/**
 * Types of the Dockerfile front end. Every value here is plain data (structured-clone friendly).
 * Lines are 1-based, columns 0-based (UTF-16 code units of the source line).
 */

export interface Position {
  line: number;
  column: number;
}

export interface SourceRange {
  start: Position;
  end: Position;
}

export type EscapeToken = '\\' | '`';

export type Severity = 'warning' | 'error' | 'hint';

export interface Diagnostic {
  /** BuildKit rule name (e.g. "JSONArgsRecommended") or our own, prefixed "Layerlab/". */
  rule: string;
  message: string;
  severity: Severity;
  range: SourceRange;
  /** BuildKit's documentation link for BuildKit rules. */
  url?: string;
  /** BuildKit's one-line rule description, where the rule is BuildKit's. */
  description?: string;
  /** Slug of the lesson that explains it (our own layer hints). */
  lesson?: string;
}

export interface DockerfileError {
  /** Full BuildKit wording, e.g. "dockerfile parse error on line 3: unknown instruction: RUNN (did you mean RUN?)". */
  message: string;
  range?: SourceRange;
  line?: number;
}

/** A `--name=value` flag as written after the instruction keyword (quotes and escapes already processed). */
export interface RawFlag {
  /** The processed text, e.g. "--from=build" (what BuildKit's AST dump prints). */
  text: string;
  /** The name without dashes, e.g. "from" ("" for a malformed flag). */
  name: string;
  /** The value after "=", undefined when there was no "=". */
  value?: string;
  range: SourceRange;
}

/** One argument word of the AST, after flags. */
export interface Token {
  value: string;
  range: SourceRange;
}

export interface Heredoc {
  /** Delimiter word with quotes removed, e.g. "EOF". */
  name: string;
  /** Body: every line with its newline, the terminator excluded (tabs stripped when chomp). */
  content: string;
  /** False when any part of the delimiter was quoted (`<<'EOF'`, `<<"EOF"`). */
  expand: boolean;
  /** True for `<<-`: leading tabs are removed from body lines and the terminator. */
  chomp: boolean;
  /** File descriptor before `<<`, e.g. 3 for `3<<EOF`. */
  fileDescriptor?: number;
  /** From the `<<` marker through the terminator line. */
  range: SourceRange;
}

export type CommandLine = { form: 'shell'; command: string } | { form: 'exec'; args: string[] };

export type InstructionKind =
  | 'FROM'
  | 'RUN'
  | 'COPY'
  | 'ADD'
  | 'WORKDIR'
  | 'ENV'
  | 'ARG'
  | 'LABEL'
  | 'CMD'
  | 'ENTRYPOINT'
  | 'EXPOSE'
  | 'USER'
  | 'VOLUME'
  | 'STOPSIGNAL'
  | 'SHELL'
  | 'HEALTHCHECK'
  | 'MAINTAINER'
  | 'ONBUILD';

export interface InstructionBase {
  kind: InstructionKind;
  /** The keyword as the user wrote it (e.g. "run"). */
  keyword: string;
  /** Whole instruction: keyword through the last continuation line or heredoc terminator. */
  range: SourceRange;
  /** BuildKit's Node.Original: the logical line (continuations joined, comment lines dropped). */
  original: string;
  /** Flags as written, with ranges (typed values are in `flags`). */
  rawFlags: RawFlag[];
  /** AST argument words after the flags, with ranges. */
  tokens: Token[];
  /** Comment lines directly above the instruction (without "#"), as BuildKit's PrevComment. */
  comments: string[];
}

export interface FromInstruction extends InstructionBase {
  kind: 'FROM';
  /** Base image or stage reference, unexpanded. */
  image: string;
  /** Stage name as written after AS (not lower-cased). */
  stageName?: string;
  /** The AS keyword as written, if present. */
  asKeyword?: string;
  flags: { platform?: string };
}

export type MountType = 'bind' | 'cache' | 'tmpfs' | 'secret' | 'ssh';

export interface MountSpec {
  type: MountType;
  /** The flag value as written (unexpanded), e.g. "type=cache,target=/root/.npm". */
  raw: string;
  target?: string;
  source?: string;
  from?: string;
  readOnly: boolean;
  id?: string;
  sharing?: 'shared' | 'private' | 'locked';
  mode?: number;
  uid?: number;
  gid?: number;
  required?: boolean;
  env?: string;
  size?: number;
}

export interface RunInstruction extends InstructionBase {
  kind: 'RUN';
  cmd: CommandLine;
  heredocs: Heredoc[];
  flags: {
    mount: MountSpec[];
    /** BuildKit's default is "default". */
    network: 'default' | 'none' | 'host';
    /** BuildKit's default is "sandbox". */
    security: 'sandbox' | 'insecure';
    device: string[];
  };
}

export interface CopyInstruction extends InstructionBase {
  kind: 'COPY';
  /** Source paths (heredoc sources are in `heredocs`, in order). */
  sources: string[];
  dest: string;
  heredocs: Heredoc[];
  /** True when written in JSON form. */
  json: boolean;
  flags: {
    from?: string;
    chown?: string;
    chmod?: string;
    link: boolean;
    parents: boolean;
    exclude: string[];
  };
}

export interface AddInstruction extends InstructionBase {
  kind: 'ADD';
  /** Source paths or URLs (heredoc sources are in `heredocs`, in order). */
  sources: string[];
  dest: string;
  heredocs: Heredoc[];
  json: boolean;
  flags: {
    chown?: string;
    chmod?: string;
    link: boolean;
    keepGitDir?: boolean;
    checksum?: string;
    unpack?: boolean;
    exclude: string[];
  };
}

export interface WorkdirInstruction extends InstructionBase {
  kind: 'WORKDIR';
  path: string;
  flags: Record<string, never>;
}

/** ENV/LABEL pair as written: unexpanded, quotes kept (expandInstruction expands and unquotes). */
export interface KeyValuePair {
  key: string;
  value: string;
  /** True for the legacy `KEY value` form (no "="). */
  legacy: boolean;
}

export interface EnvInstruction extends InstructionBase {
  kind: 'ENV';
  pairs: KeyValuePair[];
  flags: Record<string, never>;
}

export interface LabelInstruction extends InstructionBase {
  kind: 'LABEL';
  pairs: KeyValuePair[];
  flags: Record<string, never>;
}

/** One ARG declaration: the default is unexpanded with quotes kept (see expandInstruction / argValue). */
export interface ArgDecl {
  name: string;
  value?: string;
}

export interface ArgInstruction extends InstructionBase {
  kind: 'ARG';
  args: ArgDecl[];
  flags: Record<string, never>;
}

export interface CmdInstruction extends InstructionBase {
  kind: 'CMD';
  cmd: CommandLine;
  flags: Record<string, never>;
}

export interface EntrypointInstruction extends InstructionBase {
  kind: 'ENTRYPOINT';
  cmd: CommandLine;
  flags: Record<string, never>;
}

export interface ExposeInstruction extends InstructionBase {
  kind: 'EXPOSE';
  ports: string[];
  flags: Record<string, never>;
}

export interface UserInstruction extends InstructionBase {
  kind: 'USER';
  user: string;
  flags: Record<string, never>;
}

export interface VolumeInstruction extends InstructionBase {
  kind: 'VOLUME';
  volumes: string[];
  flags: Record<string, never>;
}

export interface StopsignalInstruction extends InstructionBase {
  kind: 'STOPSIGNAL';
  signal: string;
  flags: Record<string, never>;
}

export interface ShellInstruction extends InstructionBase {
  kind: 'SHELL';
  shell: string[];
  flags: Record<string, never>;
}

export interface HealthcheckInstruction extends InstructionBase {
  kind: 'HEALTHCHECK';
  /**
   * As stored in the image config: ["NONE"], ["CMD", ...args] (exec form) or ["CMD-SHELL", command].
   */
  test: string[];
  /** Durations in nanoseconds (Go time.Duration), as in the image config; 0/undefined when not given. */
  flags: {
    interval?: number;
    timeout?: number;
    startPeriod?: number;
    startInterval?: number;
    retries?: number;
  };
}

export interface MaintainerInstruction extends InstructionBase {
  kind: 'MAINTAINER';
  maintainer: string;
  flags: Record<string, never>;
}

export interface OnbuildInstruction extends InstructionBase {
  kind: 'ONBUILD';
  /** The trigger text as stored in the image config (everything after "ONBUILD "). */
  expression: string;
  /**
   * The trigger parsed as an instruction. BuildKit only parses a trigger when an image built from this
   * Dockerfile is used as a base, so an invalid trigger does not fail this build: it is reported in
   * `triggerError` and `trigger` is absent.
   */
  trigger?: Instruction;
  triggerError?: string;
  flags: Record<string, never>;
}

export type Instruction =
  | FromInstruction
  | RunInstruction
  | CopyInstruction
  | AddInstruction
  | WorkdirInstruction
  | EnvInstruction
  | LabelInstruction
  | ArgInstruction
  | CmdInstruction
  | EntrypointInstruction
  | ExposeInstruction
  | UserInstruction
  | VolumeInstruction
  | StopsignalInstruction
  | ShellInstruction
  | HealthcheckInstruction
  | MaintainerInstruction
  | OnbuildInstruction;

export interface Stage {
  index: number;
  /** Stage name lower-cased as BuildKit stores it (`FROM x AS Build` gives "build"). */
  name?: string;
  /** The base image or stage name exactly as written (unexpanded). */
  baseName: string;
  /** The --platform value as written (unexpanded). */
  platform?: string;
  /** From the FROM line to the end of the stage's last instruction. */
  range: SourceRange;
  from: FromInstruction;
  /** The stage's instructions after FROM (FROM itself is `from`). */
  instructions: Instruction[];
}

export interface Directives {
  escape: EscapeToken;
  syntax?: string;
  check?: string;
}

export interface Dockerfile {
  directives: Directives;
  /** ARG instructions before the first FROM (visible only to FROM lines). */
  metaArgs: ArgInstruction[];
  stages: Stage[];
  /** Source lines (BOM removed, line endings removed). */
  lines: string[];
  /** Parser warnings, e.g. empty continuation lines (same as ParseResult.warnings). */
  parseWarnings: Diagnostic[];
}

export type ParseResult =
  | { ok: true; dockerfile: Dockerfile; warnings: Diagnostic[] }
  | { ok: false; error: DockerfileError; warnings: Diagnostic[] };

export interface LintContext {
  /** Paths (relative to the context root, "/"-separated) present in the build context. */
  files?: string[];
  /** Patterns of .dockerignore; null or undefined when the context has no .dockerignore. */
  dockerignore?: string[] | null;
}

/** A thrown expansion failure, with BuildKit's message (e.g. "syntax error: bad substitution"). */
export class ExpansionError extends Error {
  /** The lexer's own message without the "failed to process ..." wrapper, e.g. "X: is not allowed to be unset". */
  reason: string;
  constructor(message: string, reason?: string) {
    super(message);
    this.name = 'ExpansionError';
    this.reason = reason ?? message;
  }
}

export type Env = ReadonlyMap<string, string> | Readonly<Record<string, string>>;
