// The lab shell's contracts: how a command line runs, and how command families plug in.
import type { Workspace } from '../workspace/types.ts';
import type { LabEngine } from '../engine/index.ts';

export interface ShellIO {
  /**
   * `at`: for pull and push progress, the simulated time (ms on the transfer's timeline) the text shows;
   * the lab's terminal plays it then, with the pictures. Other output leaves it out.
   */
  stdout(s: string, at?: number): void;
  stderr(s: string, at?: number): void;
  /** True when the output goes to a terminal: ANSI colours and cursor movement are allowed. Never ANSI otherwise. */
  readonly tty: boolean;
  readonly columns: number;
  /**
   * True when the input comes from a terminal (docker's check for `-it`). Defaults to `tty`: the browser
   * terminal is both; the CLI sets it from its own stdin.
   */
  readonly stdinTty?: boolean;
  /** Ctrl-C. The running command stops, prints what docker prints (`CANCELED`) and leaves no half-written state. */
  readonly signal?: AbortSignal;
}

export interface CompletionResult {
  /** Index in the line where the completed word starts. */
  readonly start: number;
  readonly candidates: string[];
}

/** What a command sees when it runs. */
export interface CommandContext {
  /** argv without the command name(s): for `docker build -t x .` registered as `docker build`, `['-t', 'x', '.']`. */
  readonly args: string[];
  /** The words that selected the command, e.g. `['docker', 'build']`. */
  readonly command: string[];
  readonly io: ShellIO;
  readonly workspace: Workspace;
  readonly engine: LabEngine;
  readonly shell: ShellState;
  /** Standard input text when the command is fed by a here-string or pipe (not supported yet: always ''). */
  readonly stdin: string;
}

export interface ShellState {
  /** Current directory inside the workspace, absolute (`/`, `/src`). */
  cwd: string;
  /** Shell variables (`$HOME`, `$PWD`, `$?`). */
  readonly env: Map<string, string>;
  /** Resolves a path typed by the user against cwd to an absolute workspace path. */
  resolve(path: string): string;
  readonly registry: CommandRegistry;
}

export interface CommandCompletionRequest {
  /** Words before the one being completed, command words included. */
  readonly words: string[];
  /** The partial word being completed. */
  readonly partial: string;
  readonly workspace: Workspace;
  readonly engine: LabEngine;
  readonly shell: ShellState;
}

export interface CommandSpec {
  /** Command words, e.g. `ls` or `docker build` or `docker image ls`. The longest match wins. */
  readonly name: string;
  readonly aliases?: readonly string[];
  /** One line for `help`. */
  readonly summary: string;
  /** Usage line for `help <command>`, e.g. `docker build [OPTIONS] PATH`. */
  readonly usage?: string;
  /** Flags offered by tab completion. */
  readonly flags?: readonly string[];
  /** Hidden commands run but are not listed by `help`. */
  readonly hidden?: boolean;
  run(ctx: CommandContext): Promise<number>;
  /** Extra completion candidates (image names, stage names…). File paths are completed by the shell. */
  complete?(req: CommandCompletionRequest): Promise<string[]>;
}

export interface CommandRegistry {
  register(spec: CommandSpec): void;
  /** Finds the command for argv: the registered name matching the most leading words. */
  lookup(argv: readonly string[]): { spec: CommandSpec; words: number } | undefined;
  all(): readonly CommandSpec[];
}

export interface PromptOptions {
  /** ANSI colours for the workspace prompt (the browser terminal). The container prompt is always plain. */
  readonly color?: boolean;
}

/** What the lab shell knows about the container shell that receives its lines. */
export interface ActiveContainer {
  readonly id: string;
  readonly name: string;
  /** `-t`: the container shell has a terminal and a prompt. Without it the lines are its standard input. */
  readonly tty: boolean;
  /** `docker run -i…` (the shell is the container's main process) rather than `docker exec -i…`. */
  readonly main: boolean;
}

export interface LabShell {
  /**
   * Runs one line. While a container shell is active (after `docker run -it IMAGE sh`, `docker exec -it C sh`
   * or their `-i` forms) the line goes to that shell instead, until it exits.
   */
  run(line: string, io: ShellIO): Promise<number>;
  /**
   * End of input (Ctrl-D on an empty line, or the end of a script): closes the active container shell as
   * `exit` would, with the status of its last command. Returns that status; without a container shell, $?.
   */
  endInput(io: ShellIO): Promise<number>;
  /**
   * The prompt to show before the next line: `lab:/src$ ` for the workspace, the container shell's own
   * (`/ # `, `/app # `) while one is active, and '' for a container shell without a terminal (`-i` alone).
   */
  prompt(options?: PromptOptions): string;
  /** The container shell receiving lines, if any. */
  readonly container: ActiveContainer | undefined;
  readonly cwd: string;
  complete(line: string, cursor: number): Promise<CompletionResult>;
  readonly registry: CommandRegistry;
  readonly workspace: Workspace;
  readonly engine: LabEngine;
}
