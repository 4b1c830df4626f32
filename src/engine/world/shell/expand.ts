// Word expansion for the lab's sh (POSIX 2.6): parameters, tilde, arithmetic, command
// substitution, field splitting and pathname expansion. It reads the shell's state through
// ExpansionScope, the part of a Shell that expansion needs, so that it does not import the interpreter.
import { ShellSyntaxError, type List, type Word, type WordPart } from './ast.ts';
import { parseArithWord } from './parse.ts';
import { MAX_STRING_CHARS, stringLimit, type World } from './world.ts';
import type { ArithError } from './arith.ts';
import { requireExtras } from './lazy.ts';
import { globMatch, replacePattern, trimPattern } from './glob.ts';
import { ExitSignal } from './signals.ts';
import type { Dialect, IO } from './io.ts';

/** What expansion reads and sets of the running shell. */
export interface ExpansionScope {
  readonly world: World;
  readonly dialect: Dialect;
  readonly vars: Map<string, string>;
  readonly opts: { readonly e: boolean; readonly x: boolean; readonly u: boolean };
  readonly positional: readonly string[];
  readonly argv0: string;
  readonly status: number;
  readonly cwd: string;
  readonly currentLine: number;
  /** The "sh: line N: " prefix of the shell's error messages. */
  prefix(): string;
  abs(path: string): string;
  /** `$(…)`: runs the list in a subshell and returns its output without trailing newlines. */
  commandSubst(body: List, io: IO): string;
}

const IFS_WS = /[ \t\n]+/;

/** Escapes glob characters so that a quoted expansion matches itself. */
export function escapeGlob(s: string): string {
  return s.replace(/[*?[\]\\]/g, '\\$&');
}

export function getVar(sh: ExpansionScope, name: string): string | undefined {
  if (name === '?') return String(sh.status);
  if (name === '#') return String(sh.positional.length);
  if (name === '@' || name === '*') return sh.positional.join(' ');
  if (name === '$') return '1';
  if (name === '!') return '';
  if (name === '-') return (sh.opts.e ? 'e' : '') + (sh.opts.u ? 'u' : '') + (sh.opts.x ? 'x' : '');
  if (name === '0') return sh.argv0;
  if (/^\d+$/.test(name)) return sh.positional[Number(name) - 1];
  return sh.vars.get(name);
}

function paramError(sh: ExpansionScope, name: string, msg: string): never {
  sh.world.emit('stderr', `${sh.prefix()}${name}: ${msg}\n`);
  throw new ExitSignal(sh.dialect === 'bash' ? 1 : 2);
}

function expandVar(sh: ExpansionScope, part: Extract<WordPart, { t: 'var' }>, io: IO): string {
  const value = getVar(sh, part.name);
  if (part.len) return String((value ?? '').length);
  const op = part.op;
  const arg = (): string => (part.arg ? expandNoSplit(sh, part.arg, io) : '');
  if (!op) {
    if (value === undefined && sh.opts.u && !['@', '*'].includes(part.name)) paramError(sh, part.name, sh.dialect === 'bash' ? 'unbound variable' : 'parameter not set');
    return value ?? '';
  }
  const unsetOrEmpty = value === undefined || value === '';
  switch (op) {
    case ':-': return unsetOrEmpty ? arg() : value!;
    case '-': return value === undefined ? arg() : value;
    case ':=': if (unsetOrEmpty) { const v = arg(); sh.vars.set(part.name, v); return v; } return value!;
    case '=': if (value === undefined) { const v = arg(); sh.vars.set(part.name, v); return v; } return value;
    case ':+': return unsetOrEmpty ? '' : arg();
    case '+': return value === undefined ? '' : arg();
    case ':?': if (unsetOrEmpty) paramError(sh, part.name, arg() || (value === undefined ? 'parameter not set' : 'parameter null or not set')); return value!;
    case '?': if (value === undefined) paramError(sh, part.name, arg() || 'parameter not set'); return value;
    case '#': case '##': case '%': case '%%':
      return trimPattern(value ?? '', patternOf(sh, part.arg, io), op, (n) => sh.world.step(1 + (n >> 10)));
    case '/': case '//': {
      if (sh.dialect === 'dash') throw new ShellSyntaxError('this lab does not support ${VAR/pattern/replacement} in dash (it is a bash/ash extension)', sh.currentLine, { unsupported: '${VAR/…/…}' });
      // The pattern ends at the first unquoted, unescaped `/`; quoted characters match literally.
      const raw = patternOf(sh, part.arg, io);
      let slash = -1;
      for (let i = 0; i < raw.length; i++) {
        if (raw[i] === '\\') i++;
        else if (raw[i] === '/') {
          slash = i;
          break;
        }
      }
      const pat = slash < 0 ? raw : raw.slice(0, slash);
      const rep = slash < 0 ? '' : raw.slice(slash + 1).replace(/\\(.)/g, '$1');
      return replacePattern(value ?? '', pat, rep, op === '//', (n) => sh.world.step(1 + (n >> 10)));
    }
  }
  return value ?? '';
}

/** The word as a glob pattern: quoted characters are escaped. */
function patternOf(sh: ExpansionScope, word: Word | undefined, io: IO): string {
  if (!word) return '';
  let out = '';
  for (const p of word.parts) {
    const text = partText(sh, p, io);
    out += p.t === 'lit' && !p.q ? text : (p.t !== 'lit' && !('q' in p && p.q)) ? text : text.replace(/[*?[\]\\/]/g, '\\$&');
  }
  return out;
}

function partText(sh: ExpansionScope, p: WordPart, io: IO): string {
  switch (p.t) {
    case 'lit': return p.v;
    case 'tilde': return p.user ? homeOf(sh, p.user) ?? `~${p.user}` : sh.vars.get('HOME') ?? '/root';
    case 'var': return expandVar(sh, p, io);
    case 'cmd': return sh.commandSubst(p.body, io);
    case 'arith': return arith(sh, p.expr, io);
  }
}

function homeOf(sh: ExpansionScope, user: string): string | undefined {
  try {
    const line = sh.world.readText('/etc/passwd').split('\n').find((l) => l.split(':')[0] === user);
    return line?.split(':')[5];
  } catch {
    return undefined;
  }
}

function arith(sh: ExpansionScope, expr: string, io: IO): string {
  const word = parseArithWord(expr);
  const expanded = expandNoSplit(sh, word, io);
  const { evalArith, ArithError } = requireExtras();
  try {
    return String(evalArith(expanded, (n) => getVar(sh, n), (n, v) => sh.vars.set(n, v), sh.dialect !== 'dash'));
  } catch (e) {
    if (!(e instanceof ArithError)) throw e;
    sh.world.emit('stderr', arithMessage(sh, e, expanded));
    // ash and dash raise an error, which ends a non-interactive shell with status 2; bash ends
    // the command with status 1.
    throw new ExitSignal(sh.dialect === 'bash' ? 1 : 2);
  }
}

/**
 * busybox shell/math.c: "divide by zero" or "arithmetic syntax error"; dash src/arith_yacc.c
 * yyerror(): `arithmetic expression: <what>: "<expression>"`; bash expr.c evalerror():
 * `<expression>: <what> (error token is "<rest>")`.
 */
function arithMessage(sh: ExpansionScope, e: ArithError, expr: string): string {
  if (sh.dialect === 'dash') {
    // dash src/mystring.c badnum(): "Illegal number: %s".
    if (e.kind === 'number') return `${sh.prefix()}Illegal number: ${e.dashText}\n`;
    return `${sh.prefix()}arithmetic expression: ${e.dashText}: "${expr}"\n`;
  }
  if (sh.dialect === 'bash') {
    const what = e.kind === 'zero' ? 'division by 0' : 'syntax error: operand expected';
    return `${sh.prefix()}${expr.trimStart()}: ${what} (error token is "${e.rest}")\n`;
  }
  if (e.dashText === 'expression recursion loop detected') return `${sh.prefix()}${e.dashText}\n`;
  return `${sh.prefix()}${e.kind === 'zero' ? 'divide by zero' : 'arithmetic syntax error'}\n`;
}


/** Expands a word without field splitting or globbing (assignments, redirection targets). */
export function expandNoSplit(sh: ExpansionScope, word: Word, io: IO): string {
  let out = '';
  for (const p of word.parts) out = sh.world.grow(out, partText(sh, p, io));
  return out;
}

/** Full expansion: parameters, command substitution, field splitting, pathname expansion, quote removal. */
export function expandWord(sh: ExpansionScope, word: Word, io: IO): string[] {
  type Field = { text: string; pattern: string; glob: boolean };
  const fields: Field[] = [];
  let cur: Field | undefined;
  const start = (): Field => (cur ??= { text: '', pattern: '', glob: false });
  const ifs = sh.vars.get('IFS') ?? ' \t\n';
  for (const p of word.parts) {
    if (p.t === 'var' && p.name === '@' && p.q && !p.op) {
      // "$@": one field per positional parameter.
      sh.positional.forEach((arg, i) => {
        const f = start();
        f.text += arg;
        f.pattern += escapeGlob(arg);
        if (i < sh.positional.length - 1) {
          fields.push(f);
          cur = undefined;
        }
      });
      continue;
    }
    const text = partText(sh, p, io);
    if ((cur?.text.length ?? 0) + text.length > MAX_STRING_CHARS) throw stringLimit();
    const quoted = p.t === 'tilde' || ('q' in p && p.q);
    if (p.t === 'lit' && !p.q) {
      const f = start();
      f.text += text;
      f.pattern += text;
      if (/[*?[]/.test(text)) f.glob = true;
    } else if (quoted) {
      const f = start();
      f.text += text;
      f.pattern += escapeGlob(text);
    } else {
      // Unquoted expansion: split on IFS whitespace.
      if (ifs === '') {
        const f = start();
        f.text += text;
        f.pattern += text;
        continue;
      }
      const pieces = text.split(IFS_WS);
      pieces.forEach((piece, i) => {
        if (i > 0) {
          if (cur) fields.push(cur);
          cur = undefined;
        }
        if (piece === '') return;
        const f = start();
        f.text += piece;
        f.pattern += piece;
        if (/[*?[]/.test(piece)) f.glob = true;
      });
    }
  }
  if (cur) fields.push(cur);
  const out: string[] = [];
  for (const f of fields) {
    if (f.glob) {
      const matches = glob(sh, f.pattern);
      if (matches.length) {
        out.push(...matches);
        continue;
      }
    }
    out.push(f.text);
  }
  return out;
}

function glob(sh: ExpansionScope, pattern: string): string[] {
  const absolute = pattern.startsWith('/');
  const segs = pattern.split('/').filter((s, i) => s !== '' || i === 0);
  let paths: string[] = [absolute ? '/' : ''];
  for (const seg of segs) {
    if (seg === '') continue;
    const next: string[] = [];
    for (const base of paths) {
      const dir = base === '' ? sh.cwd : sh.abs(base);
      if (!/[*?[]/.test(seg)) {
        const unescaped = seg.replace(/\\(.)/g, '$1');
        const candidate = base === '' ? unescaped : base === '/' ? `/${unescaped}` : `${base}/${unescaped}`;
        if (sh.world.lstat(sh.abs(candidate))) next.push(candidate);
        continue;
      }
      let names: string[];
      try {
        names = sh.world.readdir(dir);
      } catch {
        continue;
      }
      for (const n of names) {
        if (n.startsWith('.') && !seg.startsWith('.')) continue;
        if (globMatch(seg, n)) next.push(base === '' ? n : base === '/' ? `/${n}` : `${base}/${n}`);
      }
    }
    paths = next;
    if (!paths.length) break;
  }
  return paths.sort();
}
