// Shell builtins: the commands every shell runs itself, without looking in PATH.
import { normalizePath } from '../../fs/index.ts';
import { ExitSignal, own, type Program, type ProgramContext } from './interp.ts';
import { parseScript } from './parse.ts';
import { ShellSyntaxError } from './ast.ts';

export function echoText(args: string[], interpretEscapes: boolean, allowFlags: boolean): string {
  let newline = true;
  let escapes = interpretEscapes;
  let i = 0;
  if (allowFlags) {
    for (; i < args.length; i++) {
      const a = args[i]!;
      if (!/^-[neE]+$/.test(a)) break;
      if (a.includes('n')) newline = false;
      if (a.includes('e')) escapes = true;
      if (a.includes('E')) escapes = false;
    }
  }
  let text = args.slice(i).join(' ');
  if (escapes) {
    const cut = text.indexOf('\\c');
    if (cut >= 0) {
      text = text.slice(0, cut);
      newline = false;
    }
    text = unescapeC(text);
  }
  return text + (newline ? '\n' : '');
}

export function unescapeC(s: string): string {
  return s.replace(/\\(0[0-7]{0,3}|[0-7]{1,3}|x[0-9a-fA-F]{1,2}|.)/g, (_m, e: string) => {
    switch (e[0]) {
      case 'n': return '\n';
      case 't': return '\t';
      case 'r': return '\r';
      case 'a': return '\x07';
      case 'b': return '\b';
      case 'f': return '\f';
      case 'v': return '\v';
      case 'e': return '\x1b';
      case '\\': return '\\';
      case 'x': return String.fromCharCode(parseInt(e.slice(1), 16));
      default:
        if (/[0-7]/.test(e[0]!)) return String.fromCharCode(parseInt(e.replace(/^0/, '') || '0', 8));
        return '\\' + e;
    }
  });
}

export function printfFormat(format: string, args: string[]): string {
  let out = '';
  let argi = 0;
  let consumed = false;
  do {
    consumed = false;
    out += format.replace(/%([-+ #0]*)(\d+|\*)?(?:\.(\d+))?([sdibcouxXfeg%])|\\(0[0-7]{0,3}|[0-7]{1,3}|x[0-9a-fA-F]{1,2}|.)/g, (m, flags: string, width: string, prec: string, conv: string, esc: string) => {
      if (esc !== undefined) return unescapeC(m);
      if (conv === '%') return '%';
      const arg = args[argi++] ?? '';
      if (argi <= args.length) consumed = true;
      let s: string;
      switch (conv) {
        case 's': s = prec !== undefined ? arg.slice(0, Number(prec)) : arg; break;
        case 'b': s = unescapeC(arg); break;
        case 'c': s = arg.slice(0, 1); break;
        case 'd': case 'i': s = String(Math.trunc(Number(arg) || 0)); break;
        case 'o': s = (Math.trunc(Number(arg) || 0)).toString(8); break;
        case 'u': s = String(Math.abs(Math.trunc(Number(arg) || 0))); break;
        case 'x': s = (Math.trunc(Number(arg) || 0)).toString(16); break;
        case 'X': s = (Math.trunc(Number(arg) || 0)).toString(16).toUpperCase(); break;
        case 'f': s = (Number(arg) || 0).toFixed(prec !== undefined ? Number(prec) : 6); break;
        default: s = String(Number(arg) || 0);
      }
      const w = width && width !== '*' ? Number(width) : 0;
      if (s.length < w) s = flags.includes('-') ? s.padEnd(w) : flags.includes('0') && conv !== 's' ? s.padStart(w, '0') : s.padStart(w);
      return s;
    });
  } while (consumed && argi < args.length);
  return out;
}

/** test / [ : returns 0 (true), 1 (false) or 2 (error, after printing a message). */
export function evalTest(ctx: ProgramContext, args: string[], bracket: string): number {
  const world = ctx.world;
  const prefix = bracket === '[[' || ctx.sh.dialect === 'ash' ? `${ctx.sh.argv0}: ` : ctx.sh.dialect === 'dash' ? `${ctx.sh.argv0}: ${ctx.sh.currentLine}: ${bracket}: ` : `${ctx.sh.argv0}: line ${ctx.sh.currentLine}: ${bracket}: `;
  if (bracket === '[' || bracket === '[[') {
    const close = bracket === '[' ? ']' : ']]';
    if (args[args.length - 1] !== close) {
      ctx.err(`${prefix}missing ${close}\n`);
      return 2;
    }
    args = args.slice(0, -1);
  }
  const num = (s: string): number => {
    if (!/^\s*-?\d+\s*$/.test(s)) throw new TestError(ctx.sh.dialect === 'dash' ? `Illegal number: ${s}` : ctx.sh.dialect === 'bash' ? `${s}: integer expression expected` : `${s}: bad number`);
    return Number(s);
  };
  const unary = (op: string, a: string): boolean => {
    const path = ctx.abs(a);
    switch (op) {
      case '-n': return a.length > 0;
      case '-z': return a.length === 0;
      case '-e': case '-a': return a !== '' && world.stat(path) !== undefined;
      case '-f': return a !== '' && world.stat(path)?.type === 'file';
      case '-d': return a !== '' && world.stat(path)?.type === 'dir';
      case '-L': case '-h': return a !== '' && world.lstat(path)?.type === 'symlink';
      case '-s': { const n = world.stat(path); return n?.type === 'file' ? (n.content.kind === 'bytes' ? n.content.data.byteLength : n.content.size) > 0 : n !== undefined && n.type === 'dir'; }
      case '-x': { const n = world.stat(path); return !!n && (n.mode & 0o111) !== 0; }
      case '-r': { const n = world.stat(path); return !!n && world.canRead(n); }
      case '-w': { const n = world.stat(path); return !!n && world.canWrite(n); }
    }
    throw new TestError(`${op}: unexpected operator`);
  };
  const binary = (a: string, op: string, b: string): boolean | undefined => {
    switch (op) {
      case '=': case '==': return a === b;
      case '!=': return a !== b;
      case '-eq': return num(a) === num(b);
      case '-ne': return num(a) !== num(b);
      case '-lt': return num(a) < num(b);
      case '-le': return num(a) <= num(b);
      case '-gt': return num(a) > num(b);
      case '-ge': return num(a) >= num(b);
      case '<': return a < b;
      case '>': return a > b;
    }
    return undefined;
  };
  const UNARY = ['-n', '-z', '-e', '-a', '-f', '-d', '-L', '-h', '-s', '-x', '-r', '-w'];
  const expr = (xs: string[]): boolean => {
    const orAt = xs.lastIndexOf('-o');
    if (orAt > 0 && xs.length > 3) return expr(xs.slice(0, orAt)) || expr(xs.slice(orAt + 1));
    const andAt = xs.lastIndexOf('-a');
    if (andAt > 0 && xs.length > 3) return expr(xs.slice(0, andAt)) && expr(xs.slice(andAt + 1));
    if (xs[0] === '!' && xs.length > 1) return !expr(xs.slice(1));
    if (xs[0] === '(' && xs[xs.length - 1] === ')') return expr(xs.slice(1, -1));
    if (xs.length === 0) return false;
    if (xs.length === 1) return xs[0] !== '';
    if (xs.length === 2) {
      if (UNARY.includes(xs[0]!)) return unary(xs[0]!, xs[1]!);
      throw new TestError(`${xs[0]}: unary operator expected`);
    }
    if (xs.length === 3) {
      const r = binary(xs[0]!, xs[1]!, xs[2]!);
      if (r !== undefined) return r;
      throw new TestError(`${xs[1]}: binary operator expected`);
    }
    throw new TestError('too many arguments');
  };
  try {
    return expr(args) ? 0 : 1;
  } catch (e) {
    if (e instanceof TestError) {
      ctx.err(`${prefix}${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

class TestError extends Error {}

const echo: Program = (ctx, args) => {
  ctx.out(echoText(args, ctx.sh.dialect === 'dash', true));
  return 0;
};

const printf: Program = (ctx, args) => {
  if (!args.length) {
    ctx.err(`${ctx.sh.dialect === 'dash' ? `${ctx.sh.argv0}: ${ctx.sh.currentLine}: printf: ` : 'printf: '}usage: printf format [arg ...]\n`);
    return ctx.sh.dialect === 'bash' ? 2 : 2;
  }
  ctx.out(printfFormat(args[0]!, args.slice(1)));
  return 0;
};

const cd: Program = (ctx, args) => {
  const sh = ctx.sh;
  let dir = args[0];
  if (dir === undefined) dir = sh.vars.get('HOME') ?? '/';
  if (dir === '-') dir = sh.vars.get('OLDPWD') ?? sh.cwd;
  const target = normalizePath(dir, sh.cwd);
  const node = ctx.world.stat(target);
  if (node?.type !== 'dir') {
    const why = node ? 'Not a directory' : 'No such file or directory';
    if (sh.dialect === 'dash') ctx.err(`${sh.argv0}: ${sh.currentLine}: cd: can't cd to ${dir}\n`);
    else if (sh.dialect === 'bash') ctx.err(`${sh.argv0}: line ${sh.currentLine}: cd: ${dir}: ${why}\n`);
    else ctx.err(`${sh.argv0}: cd: line ${sh.currentLine}: can't cd to ${dir}: ${why}\n`);
    return sh.dialect === 'bash' ? 1 : 2;
  }
  sh.vars.set('OLDPWD', sh.cwd);
  sh.cwd = target;
  sh.vars.set('PWD', target);
  return 0;
};

const exportB: Program = (ctx, args) => {
  const sh = ctx.sh;
  if (!args.length || args[0] === '-p') {
    for (const name of [...sh.exported].sort()) {
      const v = sh.vars.get(name);
      if (v !== undefined) ctx.out(`export ${name}='${v.replace(/'/g, `'"'"'`)}'\n`);
    }
    return 0;
  }
  for (const a of args) {
    const eq = a.indexOf('=');
    const name = eq < 0 ? a : a.slice(0, eq);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      ctx.err(`${sh.prefix()}export: ${name}: bad variable name\n`);
      return 2;
    }
    if (eq >= 0) sh.vars.set(name, a.slice(eq + 1));
    sh.exported.add(name);
  }
  return 0;
};

const unset: Program = (ctx, args) => {
  for (const a of args) {
    if (a === '-v' || a === '-f') continue;
    ctx.sh.vars.delete(a);
    ctx.sh.exported.delete(a);
  }
  return 0;
};

const set: Program = (ctx, args) => {
  const sh = ctx.sh;
  if (!args.length) {
    for (const [k, v] of [...sh.vars].sort(([a], [b]) => (a < b ? -1 : 1))) ctx.out(`${k}='${v}'\n`);
    return 0;
  }
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      sh.positional = args.slice(i + 1);
      return 0;
    }
    if (a === '-o' || a === '+o') {
      const opt = args[++i];
      const on = a === '-o';
      if (opt === 'errexit') sh.opts.e = on;
      else if (opt === 'xtrace') sh.opts.x = on;
      else if (opt === 'nounset') sh.opts.u = on;
      else if (opt === 'pipefail' && sh.dialect !== 'dash') sh.opts.pipefail = on;
      else if (sh.dialect === 'dash') {
        ctx.err(`${sh.argv0}: ${sh.currentLine}: set: Illegal option -o ${opt ?? ''}\n`);
        return 2;
      } else {
        ctx.err(`${sh.prefix()}set: ${opt ?? ''}: invalid option name\n`);
        return 2;
      }
      continue;
    }
    if (/^[-+][A-Za-z]+$/.test(a)) {
      const on = a[0] === '-';
      for (const c of a.slice(1)) {
        if (c === 'e') sh.opts.e = on;
        else if (c === 'x') sh.opts.x = on;
        else if (c === 'u') sh.opts.u = on;
        else if (c === 'o') continue;
        else if (c === 'f' || c === 'v' || c === 'C' || c === 'a' || c === 'n') continue;
        else {
          ctx.err(`${sh.prefix()}set: -${c}: invalid option\n`);
          return 2;
        }
      }
      continue;
    }
    sh.positional = args.slice(i);
    return 0;
  }
  return 0;
};

const exit: Program = (ctx, args) => {
  throw new ExitSignal(args[0] !== undefined ? Number(args[0]) & 255 : ctx.sh.status);
};

const eval_: Program = async (ctx, args) => {
  const src = args.join(' ');
  const list = parseScript(src);
  ctx.world.enter();
  try {
    return await ctx.sh.runList(list, ctx.io);
  } finally {
    ctx.world.leave();
  }
};

const source: Program = async (ctx, args) => {
  const file = args[0];
  if (!file) return 0;
  const path = file.includes('/') ? ctx.abs(file) : ctx.sh.which(file) ?? ctx.abs(file);
  let text: string;
  try {
    text = ctx.world.readText(path);
  } catch {
    ctx.err(`${ctx.sh.prefix()}.: ${file}: not found\n`);
    return ctx.sh.dialect === 'bash' ? 1 : 2;
  }
  ctx.world.enter();
  try {
    return await ctx.sh.runList(parseScript(text), ctx.io);
  } catch (e) {
    if (e instanceof ShellSyntaxError) {
      ctx.err(ctx.sh.shellErrorText(e));
      return 2;
    }
    throw e;
  } finally {
    ctx.world.leave();
  }
};

const exec: Program = async (ctx, args) => {
  if (!args.length) return 0;
  throw new ExitSignal(await ctx.sh.exec(args, [], ctx.io));
};

const shift: Program = (ctx, args) => {
  const n = args[0] ? Number(args[0]) : 1;
  ctx.sh.positional = ctx.sh.positional.slice(n);
  return 0;
};

const read: Program = (ctx, args) => {
  const names = args.filter((a) => !a.startsWith('-'));
  const stdin = ctx.io.stdin;
  if (!stdin) return 1;
  const nl = stdin.indexOf('\n');
  const line = nl < 0 ? stdin : stdin.slice(0, nl);
  // read consumes the line, so the next read (e.g. in `while read x`) gets the next one.
  ctx.io.stdin = nl < 0 ? '' : stdin.slice(nl + 1);
  const parts = line.trim().split(/[ \t]+/);
  const vars = names.length ? names : ['REPLY'];
  vars.forEach((n, i) => ctx.sh.vars.set(n, i === vars.length - 1 ? parts.slice(i).join(' ') : parts[i] ?? ''));
  return 0;
};

const commandB: Program = (ctx, args) => {
  if (args[0] === '-v' || args[0] === '-V') {
    const name = args[1] ?? '';
    if (own(BUILTINS, name)) {
      ctx.out(args[0] === '-v' ? `${name}\n` : `${name} is a shell builtin\n`);
      return 0;
    }
    const p = ctx.sh.which(name);
    if (!p) {
      if (args[0] === '-V') ctx.err(`${name}: not found\n`);
      return 1;
    }
    ctx.out(args[0] === '-v' ? `${p}\n` : `${name} is ${p}\n`);
    return 0;
  }
  if (!args.length) return 0;
  return ctx.sh.runProgram(args, ctx.sh.env(), ctx.io);
};

const type: Program = (ctx, args) => {
  let status = 0;
  for (const name of args) {
    if (own(BUILTINS, name)) ctx.out(`${name} is a shell builtin\n`);
    else {
      const p = ctx.sh.which(name);
      if (p) ctx.out(`${name} is ${p}\n`);
      else {
        ctx.out(ctx.sh.dialect === 'bash' ? '' : `${name}: not found\n`);
        if (ctx.sh.dialect === 'bash') ctx.err(`${ctx.sh.prefix()}type: ${name}: not found\n`);
        status = 1;
      }
    }
  }
  return status;
};

const loopCtl = (kind: 'break' | 'continue'): Program => (ctx, args): number => {
  if (ctx.sh.loopDepth === 0) return 0;
  return ctx.sh.loopSignal(kind, args[0] ? Math.max(1, Number(args[0])) : 1);
};

const unsupportedBuiltin = (what: string): Program => (ctx) => {
  ctx.err(`${ctx.sh.prefix()}this lab does not support ${what}. In this lab, RUN understands a POSIX sh subset; this builtin is outside it.\n`);
  return 2;
};

export const BUILTINS: Record<string, Program> = {
  ':': () => 0,
  true: () => 0,
  false: () => 1,
  echo,
  printf,
  test: (ctx, args) => evalTest(ctx, args, 'test'),
  '[': (ctx, args) => evalTest(ctx, args, '['),
  '[[': (ctx, args) => evalTest(ctx, args, '[['),
  pwd: (ctx) => {
    ctx.out(`${ctx.sh.cwd}\n`);
    return 0;
  },
  cd,
  export: exportB,
  readonly: exportB,
  unset,
  set,
  exit,
  eval: eval_,
  exec,
  '.': source,
  source,
  shift,
  read,
  command: commandB,
  type,
  break: loopCtl('break'),
  continue: loopCtl('continue'),
  umask: () => 0,
  wait: () => 0,
  trap: unsupportedBuiltin('trap'),
  return: (ctx, args) => {
    const code = args[0] !== undefined ? Number(args[0]) & 255 : ctx.sh.status;
    if (ctx.sh.funcDepth === 0) {
      ctx.err(`${ctx.sh.prefix()}return: can only \`return' from a function or sourced script\n`);
      return 1;
    }
    return ctx.sh.doReturn(code);
  },
  local: (ctx, args) => {
    if (ctx.sh.funcDepth === 0) {
      ctx.err(`${ctx.sh.prefix()}local: not in a function\n`);
      return 1;
    }
    for (const a of args) {
      const eq = a.indexOf('=');
      ctx.sh.makeLocal(eq < 0 ? a : a.slice(0, eq), eq < 0 ? undefined : a.slice(eq + 1));
    }
    return 0;
  },
  alias: unsupportedBuiltin('alias'),
  ulimit: unsupportedBuiltin('ulimit'),
};
