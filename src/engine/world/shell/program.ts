// What a program (a builtin or an executable of the toy world) is handed: the calling shell, seen
// through the narrow ShellApi it may use, the world and its streams. A leaf of the container shell,
// so the programs, the interpreter and the lazily loaded extras do not import one another in a circle.
import type { List } from './ast.ts';
import type { ShellSyntaxError } from './ast.ts';
import type { Dialect, IO } from './io.ts';
import type { World } from './world.ts';

/** The part of the interpreter (interp.ts's Shell) that builtins and programs use. */
export interface ShellApi {
  readonly world: World;
  readonly dialect: Dialect;
  vars: Map<string, string>;
  exported: Set<string>;
  cwd: string;
  opts: { e: boolean; x: boolean; u: boolean; pipefail: boolean };
  positional: string[];
  argv0: string;
  named: boolean;
  status: number;
  loopDepth: number;
  currentLine: number;
  funcDepth: number;
  env(): Record<string, string>;
  abs(path: string): string;
  prefix(line?: number): string;
  shellErrorText(e: ShellSyntaxError): string;
  runScript(src: string, io: IO): Promise<number>;
  runList(list: List, io: IO): number | Promise<number>;
  exec(argv: string[], assigns: readonly (readonly [string, string])[], io: IO): number | Promise<number>;
  doReturn(code: number): never;
  makeLocal(name: string, value: string | undefined): void;
  which(name: string, path?: string): string | undefined;
  runProgram(argv: string[], env: Record<string, string>, io: IO): number | Promise<number>;
  loopSignal(kind: 'break' | 'continue', levels: number): never;
}

/**
 * A program or builtin: returns the exit status. Most programs finish at once; one that runs others (sh,
 * eval, env, find -exec, xargs) or works long returns a promise, so the RUN can give the event loop a turn.
 */
export type Program = (ctx: ProgramContext, args: string[]) => number | Promise<number>;

export interface ProgramContext {
  sh: ShellApi;
  world: World;
  io: IO;
  /** argv[0] as typed. */
  argv0: string;
  /** The applet/program name the implementation was chosen by. */
  name: string;
  /** Real path of the executable, '' for builtins. */
  path: string;
  /** Where PATH lookup found it, before following symlinks ('' for builtins). */
  via: string;
  /** 'busybox' when the executable is busybox, else 'gnu'. */
  flavor: 'busybox' | 'gnu';
  env: Record<string, string>;
  /** Write helpers. */
  out(text: string): void;
  err(text: string): void;
  /** Resolves a path against the shell's working directory. */
  abs(path: string): string;
}
