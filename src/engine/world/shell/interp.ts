// The interpreter for the lab's sh subset. One Shell holds variables, options and the working
// directory; the World it points at holds the filesystem and the limits, shared with subshells.
import { basename, normalizePath } from '../../fs/index.ts';
import {
  ShellSyntaxError, type AndOr, type Command, type List, type Pipeline, type Redir, type SimpleCommand, type Word,
} from './ast.ts';
import { parseScript } from './parse.ts';
import { FsError, LimitError, AbortedError, ERRNO_TEXT, type World } from './world.ts';
import { ExitSignal, LoopSignal, ReturnSignal } from './signals.ts';
import type { Dialect, IO } from './io.ts';
import { expandNoSplit, expandWord, getVar } from './expand.ts';
import { openRedirections, type Redirected } from './redirect.ts';
import type { Program, ProgramContext, ShellApi } from './program.ts';

export type { Dialect, IO, Sink } from './io.ts';
export { ExitSignal };

export type { Program, ProgramContext, ShellApi } from './program.ts';

export interface ProgramTable {
  builtins: Record<string, Program>;
  programs: Record<string, Program>;
}

let TABLE: ProgramTable = { builtins: {}, programs: {} };
export function installPrograms(table: ProgramTable): void {
  TABLE = table;
}

/** `table[name]` only for the table's own entries: a command named `valueOf` or `__proto__` must not reach Object.prototype. */
export function own<T>(table: Record<string, T>, name: string): T | undefined {
  return Object.hasOwn(table, name) ? table[name] : undefined;
}

export class Shell implements ShellApi {
  readonly world: World;
  readonly dialect: Dialect;
  vars: Map<string, string>;
  exported: Set<string>;
  cwd: string;
  opts = { e: false, x: false, u: false, pipefail: false };
  positional: string[];
  argv0: string;
  /** ash: the script came from a file or `-c … name`, so messages carry "line N:". */
  named = false;
  status = 0;
  /** > 0 while evaluating a condition (if/while test, non-final && || member, !): set -e is ignored there. */
  private condDepth = 0;
  /** The status of the last command substitution in the running simple command (set by commandSubst). */
  substStatus: number | undefined;
  loopDepth = 0;
  currentLine = 1;
  functions = new Map<string, Command>();
  funcDepth = 0;
  /** Saved values of variables made `local` in the running function calls. */
  private localFrames: Map<string, string | undefined>[] = [];

  constructor(world: World, dialect: Dialect, env: Record<string, string>, cwd: string, argv0: string, positional: string[] = []) {
    this.world = world;
    this.dialect = dialect;
    this.vars = new Map(Object.entries(env));
    this.exported = new Set(Object.keys(env));
    this.cwd = cwd;
    this.argv0 = argv0;
    this.positional = positional;
    if (!this.vars.has('PWD')) {
      this.vars.set('PWD', cwd);
      this.exported.add('PWD');
    }
    if (!this.vars.has('IFS')) this.vars.set('IFS', ' \t\n');
  }

  clone(): Shell {
    const s = new Shell(this.world, this.dialect, {}, this.cwd, this.argv0, [...this.positional]);
    s.vars = new Map(this.vars);
    s.exported = new Set(this.exported);
    s.opts = { ...this.opts };
    s.status = this.status;
    s.currentLine = this.currentLine;
    s.functions = new Map(this.functions);
    s.funcDepth = this.funcDepth;
    s.named = this.named;
    return s;
  }

  env(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const name of this.exported) {
      const v = this.vars.get(name);
      if (v !== undefined) out[name] = v;
    }
    return out;
  }

  abs(path: string): string {
    return normalizePath(path, this.cwd);
  }

  // ---- messages in each shell's own wording ----

  /** Prefix for shell diagnostics: `/bin/sh: ` (ash), `/bin/sh: 1: ` (dash), `/bin/bash: line 1: ` (bash). */
  prefix(line = this.currentLine): string {
    if (this.dialect === 'dash') return `${this.argv0}: ${line}: `;
    if (this.dialect === 'bash') return `${this.argv0}: line ${line}: `;
    // busybox ash_vmsg(): "line N: " only when the shell has a command name, which `sh -c '…'`
    // without a $0 argument leaves unset (shell/ash.c, procargs/setarg0).
    return this.named ? `${this.argv0}: line ${line}: ` : `${this.argv0}: `;
  }

  notFoundMessage(name: string): string {
    if (this.dialect === 'bash') return `${this.prefix()}${name}: command not found\n`;
    return `${this.prefix()}${name}: not found\n`;
  }

  syntaxErrorMessage(e: ShellSyntaxError): string {
    const expecting = e.expecting ? ` (expecting "${e.expecting}")` : '';
    if (this.dialect === 'bash') {
      if (e.token === 'end of file') return `${this.argv0}: -c: line ${e.line}: syntax error: unexpected end of file\n`;
      return `${this.argv0}: -c: line ${e.line}: syntax error near unexpected token \`${e.token}'\n`;
    }
    // ash and dash name a token by its class: end of file, newline, redirection and word bare,
    // operators and keywords in quotes (busybox shell/ash.c tokname(); dash src/mktokens).
    const tok = ['end of file', 'newline'].includes(e.token) ? e.token
      : /^[0-9]*(<|>)/.test(e.token) ? 'redirection'
        : OPERATOR_TOKENS.has(e.token) || KEYWORDS.has(e.token) ? `"${e.token}"` : 'word';
    if (this.dialect === 'dash') return `${this.argv0}: ${e.line}: Syntax error: ${tok} unexpected${expecting}\n`;
    return `${this.prefix(e.line)}syntax error: unexpected ${tok}${expecting}\n`;
  }

  // ---- running ----

  /** What the shell prints for a ShellSyntaxError: its own syntax error, or the lab's plain words. */
  shellErrorText(e: ShellSyntaxError): string {
    if (e.limit) return `${this.prefix(e.line)}${e.message}.\n`;
    if (e.unsupported) return `${this.prefix(e.line)}${e.message}. In this lab, RUN understands a POSIX sh subset; this construct is outside it.\n`;
    return this.syntaxErrorMessage(e);
  }

  /** Parses and runs a script; syntax errors and unsupported constructs end it with status 2. */
  async runScript(src: string, io: IO): Promise<number> {
    let list: List;
    try {
      list = parseScript(src);
    } catch (e) {
      if (e instanceof ShellSyntaxError) {
        io.stderr.write(this.shellErrorText(e));
        return 2;
      }
      throw e;
    }
    this.world.enter();
    try {
      return await this.runList(list, io);
    } catch (e) {
      if (e instanceof ExitSignal) return e.code;
      if (e instanceof LoopSignal) return 0;
      if (e instanceof ReturnSignal) return e.code;
      if (e instanceof ShellSyntaxError) {
        io.stderr.write(this.shellErrorText(e));
        return 2;
      }
      throw e;
    } finally {
      this.world.leave();
    }
  }

  // The interpreter is asynchronous so a RUN can give the event loop a turn (world.ts pace), but most
  // commands have nothing to wait for: the hot path (lists, pipelines of one command, simple commands,
  // builtins and programs) returns a number at once and a promise only from where something must wait.

  runList(list: List, io: IO): Status {
    const items = list.items;
    let status = 0;
    for (let i = 0; i < items.length; i++) {
      const r = this.runAndOr(items[i]!, io);
      if (typeof r !== 'number') return this.runListRest(items, i, r, io);
      status = r;
    }
    return status;
  }

  private async runListRest(items: readonly AndOr[], i: number, pending: Promise<number>, io: IO): Promise<number> {
    let status = await pending;
    for (i++; i < items.length; i++) status = await this.runAndOr(items[i]!, io);
    return status;
  }

  private runAndOr(item: AndOr, io: IO): Status {
    if (item.rest.length > 0) return this.runAndOrChain(item, io);
    const r = this.runPipeline(item.first, io);
    return typeof r === 'number' ? this.andOrDone(r, item.first) : r.then((status) => this.andOrDone(status, item.first));
  }

  /** A lone pipeline's end: its status is the shell's, and under set -e a failure ends the shell. */
  private andOrDone(status: number, p: Pipeline): number {
    this.status = status;
    if (this.opts.e && status !== 0 && this.condDepth === 0 && !p.bang) throw new ExitSignal(status);
    return status;
  }

  private async runAndOrChain(item: AndOr, io: IO): Promise<number> {
    const all = [item.first, ...item.rest.map((r) => r.pipeline)];
    const ops = item.rest.map((r) => r.op);
    let status: number;
    let lastRan = 0;
    this.condDepth += all.length > 1 ? 1 : 0;
    try {
      status = await this.runPipeline(all[0]!, io);
      for (let i = 0; i < ops.length; i++) {
        const run = ops[i] === '&&' ? status === 0 : status !== 0;
        if (!run) continue;
        if (i === ops.length - 1) this.condDepth -= all.length > 1 ? 1 : 0;
        status = await this.runPipeline(all[i + 1]!, io);
        if (i === ops.length - 1) this.condDepth += all.length > 1 ? 1 : 0;
        lastRan = i + 1;
      }
    } finally {
      this.condDepth -= all.length > 1 ? 1 : 0;
    }
    this.status = status;
    const lastPipeline = all[lastRan]!;
    if (this.opts.e && status !== 0 && this.condDepth === 0 && lastRan === all.length - 1 && !lastPipeline.bang) throw new ExitSignal(status);
    return status;
  }

  private runPipeline(p: Pipeline, io: IO): Status {
    if (p.bang || p.commands.length !== 1) return this.runPipelineFull(p, io);
    const r = this.runCommand(p.commands[0]!, io);
    return typeof r === 'number' ? (this.status = r) : r.then((status) => (this.status = status));
  }

  private async runPipelineFull(p: Pipeline, io: IO): Promise<number> {
    if (p.bang) this.condDepth++;
    let status: number;
    try {
      if (p.commands.length === 1) status = await this.runCommand(p.commands[0]!, io);
      else {
        let input = io.stdin;
        status = 0;
        let failed = 0;
        for (let i = 0; i < p.commands.length; i++) {
          const cmd = p.commands[i]!;
          const last = i === p.commands.length - 1;
          let buf = '';
          const stageIo: IO = { stdin: input, stdout: last ? io.stdout : { write: (t) => { buf = this.world.grow(buf, t); } }, stderr: io.stderr };
          const sub = this.clone();
          try {
            status = await sub.runCommand(cmd, stageIo);
          } catch (e) {
            if (e instanceof ExitSignal) status = e.code;
            else throw e;
          }
          input = buf;
          if (status !== 0) failed = status;
        }
        if (this.opts.pipefail && status === 0) status = failed;
      }
    } finally {
      if (p.bang) this.condDepth--;
    }
    if (p.bang) status = status === 0 ? 1 : 0;
    this.status = status;
    return status;
  }

  runCommand(cmd: Command, io: IO): Status {
    this.currentLine = cmd.line;
    if (cmd.kind === 'simple') return this.runSimple(cmd, io);
    return this.runCompoundCommand(cmd, io);
  }

  private async runCompoundCommand(cmd: Exclude<Command, SimpleCommand>, io: IO): Promise<number> {
    const r = await this.openRedirs(cmd.redirs, io);
    if (!r) return this.dialect === 'dash' ? 2 : 1;
    try {
      return await this.runCompound(cmd, r.io);
    } finally {
      r.finish();
    }
  }

  private async runCompound(cmd: Exclude<Command, SimpleCommand>, io: IO): Promise<number> {
    switch (cmd.kind) {
      case 'func':
        this.functions.set(cmd.name, cmd.body);
        return 0;
      case 'group':
        return await this.runList(cmd.body, io);
      case 'subshell': {
        const sub = this.clone();
        this.world.enter();
        try {
          return await sub.runList(cmd.body, io);
        } catch (e) {
          if (e instanceof ExitSignal) return e.code;
          throw e;
        } finally {
          this.world.leave();
        }
      }
      case 'if': {
        for (const clause of cmd.clauses) {
          this.world.step();
          if (await this.runCondition(clause.cond, io) === 0) return await this.runList(clause.body, io);
        }
        return cmd.elseBody ? await this.runList(cmd.elseBody, io) : 0;
      }
      case 'for': {
        const items: string[] = [];
        if (cmd.items) for (const w of cmd.items) items.push(...await this.expandWord(w, io));
        else items.push(...this.positional);
        let next = 0;
        return this.runLoop(cmd.body, io, () => {
          if (next >= items.length) return false;
          this.world.step();
          this.vars.set(cmd.name, items[next++]!);
          return true;
        });
      }
      case 'while':
        return this.runLoop(cmd.body, io, () => {
          this.world.step();
          const c = this.runCondition(cmd.cond, io);
          const pass = (status: number): boolean => (cmd.until ? status !== 0 : status === 0);
          return typeof c === 'number' ? pass(c) : c.then(pass);
        });
    }
  }

  /** An if or while condition: set -e is ignored while it runs. */
  private runCondition(cond: List, io: IO): Status {
    this.condDepth++;
    let r: Status;
    try {
      r = this.runList(cond, io);
    } catch (e) {
      this.condDepth--;
      throw e;
    }
    if (typeof r === 'number') {
      this.condDepth--;
      return r;
    }
    return r.finally(() => this.condDepth--);
  }

  /**
   * A for or while loop: `nextPass` readies each pass and says whether there is one. The status is
   * the last completed body's; break and continue aimed at this loop end here, one aimed at an
   * outer loop goes on up a level lower.
   */
  private async runLoop(body: List, io: IO, nextPass: () => boolean | Promise<boolean>): Promise<number> {
    let status = 0;
    this.loopDepth++;
    try {
      for (;;) {
        const more = nextPass();
        if (!(typeof more === 'boolean' ? more : await more)) break;
        // Each pass may give the event loop a turn, so an endless loop can be interrupted (world.ts pace).
        const turn = this.world.pace();
        if (turn) await turn;
        try {
          const r = this.runList(body, io);
          status = typeof r === 'number' ? r : await r;
        } catch (e) {
          if (!(e instanceof LoopSignal)) throw e;
          if (e.levels > 1) {
            e.levels--;
            throw e;
          }
          if (e.kind === 'break') break;
        }
      }
    } finally {
      this.loopDepth--;
    }
    return status;
  }

  private runSimple(cmd: SimpleCommand, io: IO): Status {
    this.world.step();
    const turn = this.world.pace();
    if (turn) return turn.then(() => this.expandSimple(cmd, io));
    return this.expandSimple(cmd, io);
  }

  /** A simple command's words and assignments, at once unless an expansion must wait (then expandSimpleRest). */
  private expandSimple(cmd: SimpleCommand, io: IO): Status {
    this.substStatus = undefined;
    const argv: string[] = [];
    const assigns: (readonly [string, string])[] = [];
    for (let i = 0; i < cmd.words.length; i++) {
      const fields = this.expandWord(cmd.words[i]!, io);
      if (!Array.isArray(fields)) return this.expandSimpleRest(cmd, io, argv, assigns, i, fields);
      argv.push(...fields);
    }
    for (let i = 0; i < cmd.assigns.length; i++) {
      const a = cmd.assigns[i]!;
      const value = this.expandNoSplit(a.value, io);
      if (typeof value !== 'string') return this.expandSimpleRest(cmd, io, argv, assigns, cmd.words.length + i, value);
      assigns.push([a.name, value]);
    }
    return this.runExpanded(cmd, argv, assigns, io);
  }

  /** The rest of a simple command's expansions, in order, from item `at` (words, then assignments) whose value is `pending`. */
  private async expandSimpleRest(
    cmd: SimpleCommand, io: IO, argv: string[], assigns: (readonly [string, string])[], at: number, pending: Promise<string[]> | Promise<string>,
  ): Promise<number> {
    const words = cmd.words.length;
    for (let i = at; i < words + cmd.assigns.length; i++) {
      if (i < words) {
        const fields = i === at ? await (pending as Promise<string[]>) : await this.expandWord(cmd.words[i]!, io);
        argv.push(...fields);
      } else {
        const a = cmd.assigns[i - words]!;
        assigns.push([a.name, i === at ? await (pending as Promise<string>) : await this.expandNoSplit(a.value, io)]);
      }
    }
    return this.runExpanded(cmd, argv, assigns, io);
  }

  private runExpanded(cmd: SimpleCommand, argv: string[], assigns: readonly (readonly [string, string])[], io: IO): Status {
    if (this.opts.x) {
      const shown = [...assigns.map(([k, v]) => `${k}=${quoteForTrace(v)}`), ...argv.map(quoteForTrace)].join(' ');
      io.stderr.write(`+ ${shown}\n`);
    }
    if (argv.length === 0) {
      for (const [k, v] of assigns) this.vars.set(k, v);
      const opened = this.openRedirs(cmd.redirs, io);
      const done = (r: Redirected | undefined): number => {
        if (!r) return this.dialect === 'dash' ? 2 : 1;
        r.finish();
        return this.substStatus ?? 0;
      };
      return opened instanceof Promise ? opened.then(done) : done(opened);
    }
    const opened = this.openRedirs(cmd.redirs, io);
    return opened instanceof Promise ? opened.then((r) => this.execRedirected(r, argv, assigns)) : this.execRedirected(opened, argv, assigns);
  }

  /** Runs argv with its redirections open; they are closed (files written) when it ends, however it ends. */
  private execRedirected(r: Redirected | undefined, argv: string[], assigns: readonly (readonly [string, string])[]): Status {
    if (!r) return this.dialect === 'dash' ? 2 : 1;
    let status: Status;
    try {
      status = this.exec(argv, assigns, r.io);
    } catch (e) {
      r.finish();
      throw e;
    }
    if (typeof status === 'number') {
      r.finish();
      return status;
    }
    return status.finally(() => r.finish());
  }

  /** Runs argv: a builtin, or a program found through PATH. */
  exec(argv: string[], assigns: readonly (readonly [string, string])[], io: IO): Status {
    const name = argv[0]!;
    const builtin = own(TABLE.builtins, name);
    if (this.functions.has(name) && !SPECIAL_BUILTINS.has(name)) return this.callFunction(this.functions.get(name)!, argv.slice(1), assigns, io);
    if (builtin && !(name === '[[' && this.dialect === 'dash') && !(name === 'source' && this.dialect === 'dash')) {
      const ctx = this.context(io, name, name, '', 'gnu');
      // A non-special builtin's assignments hold only while it runs.
      if (SPECIAL_BUILTINS.has(name) || assigns.length === 0) return builtin(ctx, argv.slice(1));
      const saved = new Map(this.vars);
      const savedExported = new Set(this.exported);
      const restore = (): void => {
        this.vars = saved;
        this.exported = savedExported;
      };
      for (const [k, v] of assigns) this.vars.set(k, v);
      let status: Status;
      try {
        status = builtin(ctx, argv.slice(1));
      } catch (e) {
        restore();
        throw e;
      }
      if (typeof status === 'number') {
        restore();
        return status;
      }
      return status.finally(restore);
    }
    const fn = this.functions.get(name);
    if (fn) return this.callFunction(fn, argv.slice(1), assigns, io);
    const env = { ...this.env() };
    for (const [k, v] of assigns) env[k] = v;
    return this.runProgram(argv, env, io);
  }

  private async callFunction(body: Command, args: string[], assigns: readonly (readonly [string, string])[], io: IO): Promise<number> {
    this.world.step();
    const savedArgs = this.positional;
    this.positional = args;
    for (const [k, v] of assigns) this.vars.set(k, v);
    this.funcDepth++;
    this.localFrames.push(new Map());
    this.world.enter();
    try {
      return await this.runCommand(body, io);
    } catch (e) {
      if (e instanceof ReturnSignal) return e.code;
      throw e;
    } finally {
      this.world.leave();
      this.funcDepth--;
      for (const [k, v] of this.localFrames.pop()!) {
        if (v === undefined) this.vars.delete(k);
        else this.vars.set(k, v);
      }
      this.positional = savedArgs;
    }
  }

  /** `return [n]` inside a function. */
  doReturn(code: number): never {
    throw new ReturnSignal(code);
  }

  /** `local name[=value]`: the old value comes back when the function returns. */
  makeLocal(name: string, value: string | undefined): void {
    const frame = this.localFrames[this.localFrames.length - 1];
    if (frame && !frame.has(name)) frame.set(name, this.vars.get(name));
    if (value !== undefined) this.vars.set(name, value);
  }

  /** PATH lookup in the image; returns the path found or undefined. */
  which(name: string, path = this.vars.get('PATH') ?? ''): string | undefined {
    if (name.includes('/')) {
      const p = this.abs(name);
      const node = this.world.stat(p);
      return node?.type === 'file' ? p : undefined;
    }
    for (const dir of path.split(':')) {
      const candidate = normalizePath(`${dir || '.'}/${name}`, this.cwd);
      const node = this.world.stat(candidate);
      if (node?.type === 'file' && (node.mode & 0o111) !== 0) return candidate;
    }
    return undefined;
  }

  runProgram(argv: string[], env: Record<string, string>, io: IO): Status {
    const name = argv[0]!;
    const found = this.which(name, env['PATH'] ?? this.vars.get('PATH') ?? '');
    if (!found) {
      if (name.includes('/')) {
        const node = this.world.stat(this.abs(name));
        if (node?.type === 'dir') {
          io.stderr.write(this.dialect === 'bash' ? `${this.prefix()}${name}: Is a directory\n` : `${this.prefix()}${name}: Permission denied\n`);
          return 126;
        }
      }
      io.stderr.write(this.notFoundMessage(name));
      return 127;
    }
    const node = this.world.stat(found)!;
    if (node.type !== 'file' || (node.mode & 0o111) === 0 || !this.world.canRead(node)) {
      io.stderr.write(`${this.prefix()}${name}: Permission denied\n`);
      return 126;
    }
    const real = this.world.real(found);
    const flavor = basename(real) === 'busybox' ? 'busybox' : 'gnu';
    const candidates = [basename(name), basename(real)];
    for (const c of candidates) {
      const prog = own(TABLE.programs, c);
      if (prog && !(flavor === 'busybox' && c === 'busybox' && basename(name) !== 'busybox' && !own(TABLE.programs, basename(name)))) {
        this.world.durationMs += 1;
        const progName = c === 'busybox' ? basename(name) : c;
        // A filesystem error a program did not handle itself: report it the way tools usually do.
        const failed = (e: unknown): number => {
          if (!(e instanceof FsError)) throw e;
          io.stderr.write(`${progName}: ${e.path}: ${ERRNO_TEXT[e.code]}\n`);
          return 1;
        };
        let status: Status;
        try {
          status = prog(this.context(io, name, progName, real, flavor, env, found), argv.slice(1));
        } catch (e) {
          return failed(e);
        }
        return typeof status === 'number' ? status : status.catch(failed);
      }
    }
    // A script with a #! line runs through its interpreter.
    const text = node.content.kind === 'bytes' ? new TextDecoder().decode(node.content.data.slice(0, 200)) : '';
    if (text.startsWith('#!')) {
      const [interp, ...interpArgs] = text.slice(2).split('\n')[0]!.trim().split(/\s+/);
      return this.runProgram([interp!, ...interpArgs, found, ...argv.slice(1)], env, io);
    }
    if (flavor === 'busybox') {
      // The image links only real applets to busybox, so this one exists; the lab lacks it.
      io.stderr.write(`In this lab, busybox's ${basename(name)} applet is not simulated.\n`);
      return 126;
    }
    io.stderr.write(`In this lab, ${real} cannot run: the lab does not simulate this program.\n`);
    return 126;
  }


  context(io: IO, argv0: string, name: string, path: string, flavor: 'busybox' | 'gnu', env?: Record<string, string>, via = ''): ProgramContext {
    return {
      sh: this, world: this.world, io, argv0, name, path, via, flavor, env: env ?? this.env(),
      out: (t) => io.stdout.write(t), err: (t) => io.stderr.write(t), abs: (p) => this.abs(p),
    };
  }

  loopSignal(kind: 'break' | 'continue', levels: number): never {
    throw new LoopSignal(kind, levels);
  }

  // ---- redirections (redirect.ts) ----

  private openRedirs(redirs: readonly Redir[], io: IO): Redirected | undefined | Promise<Redirected | undefined> {
    if (redirs.length === 0) return { io, finish: () => {} };
    return openRedirections(this, redirs, io);
  }

  // ---- expansion (expand.ts) ----

  getVar(name: string): string | undefined {
    return getVar(this, name);
  }

  /** Expands a word without field splitting or globbing (assignments, redirection targets); a promise only when it must wait. */
  expandNoSplit(word: Word, io: IO): string | Promise<string> {
    return expandNoSplit(this, word, io);
  }

  /** Full expansion: parameters, command substitution, field splitting, pathname expansion, quote removal. */
  expandWord(word: Word, io: IO): string[] | Promise<string[]> {
    return expandWord(this, word, io);
  }

  /** `$(…)`: runs the list in a subshell and returns its output without trailing newlines. */
  async commandSubst(body: List, io: IO): Promise<string> {
    let out = '';
    const sub = this.clone();
    let status: number;
    this.world.enter();
    try {
      status = await sub.runList(body, { stdin: '', stdout: { write: (t) => { out = this.world.grow(out, t); } }, stderr: io.stderr });
    } catch (e) {
      if (e instanceof ExitSignal) status = e.code;
      else throw e;
    } finally {
      this.world.leave();
    }
    this.substStatus = status;
    this.status = status;
    return out.replace(/\n+$/, '');
  }
}

/** A command's exit status: at once, or a promise when the command had to wait (see runList). */
export type Status = number | Promise<number>;

const OPERATOR_TOKENS = new Set([';', '&', '&&', '||', '|', '(', ')', ';;', '`']);
const KEYWORDS = new Set(['!', 'case', 'do', 'done', 'elif', 'else', 'esac', 'fi', 'for', 'function', 'if', 'in', 'then', 'until', 'while', '{', '}']);

const SPECIAL_BUILTINS = new Set([':', '.', 'break', 'continue', 'eval', 'exec', 'exit', 'export', 'readonly', 'return', 'set', 'shift', 'times', 'trap', 'unset']);

function quoteForTrace(s: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export { LimitError, AbortedError };
