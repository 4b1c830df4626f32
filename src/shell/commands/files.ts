// File commands over the build context (the workspace), with GNU coreutils' message shapes.
import { WorkspaceError, type Workspace } from '../../workspace/types.ts';
import type { CommandContext, CommandSpec } from '../types.ts';
import { printableName } from '../../workspace/names.ts';
import { applyChmod, dotRefusalMessage, gnuLongListing, type LongRow, ERRNO_TEXT, intoItselfMessage, isDotOrDotDot, lsTime, modeString, overlap, parseOpts, sameFileMessage, splitSpecArgs, transferTarget } from '../../engine/fs/index.ts';

const decoder = new TextDecoder();

/** strerror's words for a workspace error code (anything else reads as a missing path). */
const errnoText = (e: unknown): string => (e instanceof WorkspaceError && e.code in ERRNO_TEXT ? ERRNO_TEXT[e.code as keyof typeof ERRNO_TEXT] : ERRNO_TEXT.ENOENT);

/** GNU getopt's words: "unrecognized option '--name'" for a long one, "invalid option -- 'x'" for a letter. */
function badOption(ctx: CommandContext, name: string, bad: string): number {
  ctx.io.stderr(bad.startsWith('--') ? `${name}: unrecognized option '${bad}'\n` : `${name}: invalid option -- '${bad.slice(1)}'\n`);
  return 1;
}

function columns(names: string[], width: number): string {
  if (names.length === 0) return '';
  const w = Math.max(...names.map((n) => n.length)) + 2;
  const perRow = Math.max(1, Math.floor(width / w));
  const rows = Math.ceil(names.length / perRow);
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    const cells: string[] = [];
    for (let c = 0; c < perRow; c++) {
      const n = names[c * rows + r];
      if (n !== undefined) cells.push(n.padEnd(w));
    }
    lines.push(cells.join('').trimEnd());
  }
  return lines.join('\n') + '\n';
}

async function walkFiles(ws: Workspace, dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const name of await ws.readdir(dir)) {
    const p = dir === '/' ? `/${name}` : `${dir}/${name}`;
    out.push(p);
    const st = await ws.stat(p);
    if (st?.type === 'dir') out.push(...(await walkFiles(ws, p)));
  }
  return out;
}

const ls: CommandSpec = {
  name: 'ls',
  summary: 'list files in the build context',
  usage: 'ls [-la] [PATH...]',
  flags: ['-l', '-a', '-la'],
  async run(ctx) {
    // getopt-style (src/engine/fs/options.ts); `-5` is an unknown option here.
    const { flags, rest: operands, bad } = parseOpts(ctx.args, { flags: 'laA1h', numbersAreOperands: false });
    if (bad !== undefined) return badOption(ctx, 'ls', bad);
    const targets = operands.length ? operands : ['.'];
    let status = 0;
    const long = flags.has('l');
    const all = flags.has('a') || flags.has('A');
    // On a terminal, control characters in names print as `?` (GNU ls -q, busybox ls); in a pipe, as they are.
    const shown = (n: string): string => (ctx.io.tty ? printableName(n) : n);
    const render = async (dir: string, names: string[]): Promise<string> => {
      if (!long) return ctx.io.tty && !flags.has('1') ? columns(names.map(shown), ctx.io.columns) : names.map((n) => shown(n) + '\n').join('');
      const rows: LongRow[] = [];
      let total = 0;
      for (const n of names) {
        const p = n === '.' || n === '..' ? dir : dir === '' ? n : `${dir}/${n}`;
        const st = await ctx.workspace.stat(ctx.shell.resolve(p));
        if (!st) continue;
        total += Math.ceil(st.size / 4096) * 4;
        // `ls -l` shows a symlink's target (`lnk -> sub/b.txt`) when the workspace can read it.
        const readlink = (ctx.workspace as { readlink?: (path: string) => string | undefined }).readlink;
        const target = st.type === 'symlink' ? readlink?.call(ctx.workspace, ctx.shell.resolve(p)) : undefined;
        rows.push({ mode: modeString(st.type, st.mode), links: '1', owner: 'root', group: 'root', size: String(st.size), time: lsTime(Math.floor(st.mtimeMs / 1000)), name: target !== undefined ? `${shown(n)} -> ${shown(target)}` : shown(n) });
      }
      return (names.length > 1 || dir !== '' ? `total ${total}\n` : '') + gnuLongListing(rows);
    };
    const files: string[] = [];
    const dirs: string[] = [];
    for (const t of targets) {
      const st = await ctx.workspace.stat(ctx.shell.resolve(t));
      if (!st) {
        ctx.io.stderr(`ls: cannot access '${t}': No such file or directory\n`);
        status = 2;
      } else if (st.type === 'dir') dirs.push(t);
      else files.push(t);
    }
    let out = '';
    if (files.length) out += await render('', files);
    for (const d of dirs) {
      let names = await ctx.workspace.readdir(ctx.shell.resolve(d));
      if (flags.has('a')) names = ['.', '..', ...names];
      else if (!all) names = names.filter((n) => !n.startsWith('.'));
      if (targets.length > 1) out += (out ? '\n' : '') + `${shown(d)}:\n`;
      out += await render(d, names);
    }
    ctx.io.stdout(out);
    return status;
  },
};

const cat: CommandSpec = {
  name: 'cat',
  summary: 'print files',
  usage: 'cat FILE...',
  async run(ctx) {
    let status = 0;
    if (ctx.args.length === 0) {
      ctx.io.stderr('cat: missing file operand (reading standard input is not supported in this lab shell)\n');
      return 1;
    }
    for (const f of ctx.args) {
      const p = ctx.shell.resolve(f);
      const st = await ctx.workspace.stat(p);
      if (!st) {
        ctx.io.stderr(`cat: ${f}: No such file or directory\n`);
        status = 1;
      } else if (st.type === 'dir') {
        ctx.io.stderr(`cat: ${f}: Is a directory\n`);
        status = 1;
      } else ctx.io.stdout(decoder.decode(await ctx.workspace.readFile(p)));
    }
    return status;
  },
};

const ECHO_ESCAPES: Record<string, string> = { n: '\n', t: '\t', '\\': '\\', r: '\r', a: '\x07', b: '\b', v: '\v', f: '\f', e: '\x1b' };

/** echo -e's escapes; `\0ooo` is an octal byte. */
function unescapeEcho(s: string): string {
  return s.replace(/\\(n|t|\\|r|a|b|v|f|0[0-7]{0,3}|e)/g, (_m, c: string) => ECHO_ESCAPES[c] ?? String.fromCharCode(parseInt(c.slice(1) || '0', 8)));
}

const echo: CommandSpec = {
  name: 'echo',
  summary: 'print text (use > or >> to write a file)',
  usage: 'echo [-n] [-e] [TEXT...]',
  async run(ctx) {
    let args = ctx.args;
    let newline = true;
    let escapes = false;
    while (args.length && /^-[ne]+$/.test(args[0]!)) {
      if (args[0]!.includes('n')) newline = false;
      if (args[0]!.includes('e')) escapes = true;
      args = args.slice(1);
    }
    let text = args.join(' ');
    if (escapes) text = unescapeEcho(text);
    ctx.io.stdout(text + (newline ? '\n' : ''));
    return 0;
  },
};

const mkdir: CommandSpec = {
  name: 'mkdir',
  summary: 'make directories',
  usage: 'mkdir [-p] DIR...',
  flags: ['-p'],
  async run(ctx) {
    const { flags, rest: operands, bad } = parseOpts(ctx.args, { flags: 'p', numbersAreOperands: false });
    if (bad !== undefined) return badOption(ctx, 'mkdir', bad);
    if (!operands.length) {
      ctx.io.stderr('mkdir: missing operand\n');
      return 1;
    }
    let status = 0;
    for (const d of operands) {
      try {
        await ctx.workspace.mkdir(ctx.shell.resolve(d), { recursive: flags.has('p') });
      } catch (e) {
        ctx.io.stderr(`mkdir: cannot create directory '${d}': ${errnoText(e)}\n`);
        status = 1;
      }
    }
    return status;
  },
};

const rm: CommandSpec = {
  name: 'rm',
  summary: 'remove files or directories',
  usage: 'rm [-rf] PATH...',
  flags: ['-r', '-f', '-rf'],
  async run(ctx) {
    const { flags, rest: operands, bad } = parseOpts(ctx.args, { flags: 'rRf', numbersAreOperands: false });
    if (bad !== undefined) return badOption(ctx, 'rm', bad);
    const recursive = flags.has('r') || flags.has('R');
    if (!operands.length) {
      if (flags.has('f')) return 0;
      ctx.io.stderr('rm: missing operand\n');
      return 1;
    }
    let status = 0;
    for (const f of operands) {
      const p = ctx.shell.resolve(f);
      const st = await ctx.workspace.stat(p);
      if (!st) {
        if (!flags.has('f')) {
          ctx.io.stderr(`rm: cannot remove '${f}': No such file or directory\n`);
          status = 1;
        }
        continue;
      }
      if (st.type === 'dir' && recursive && isDotOrDotDot(f)) {
        ctx.io.stderr(dotRefusalMessage(f));
        status = 1;
        continue;
      }
      // The lab shell cannot stand in a folder that is gone, so it keeps the one it is in (real rm
      // would remove it).
      if (p === '/' || ctx.shell.cwd === p || ctx.shell.cwd.startsWith(p + '/')) {
        ctx.io.stderr(`rm: refusing to remove '${f}': it contains the current directory\n`);
        status = 1;
        continue;
      }
      if (st.type === 'dir' && !recursive) {
        ctx.io.stderr(`rm: cannot remove '${f}': Is a directory\n`);
        status = 1;
        continue;
      }
      await ctx.workspace.remove(p, { recursive: true });
    }
    return status;
  },
};

async function copyTree(ws: Workspace, from: string, to: string): Promise<void> {
  const st = await ws.stat(from);
  if (!st) return;
  if (st.type === 'dir') {
    await ws.mkdir(to, { recursive: true });
    for (const name of await ws.readdir(from)) await copyTree(ws, `${from}/${name}`, `${to}/${name}`);
  } else {
    await ws.writeFile(to, await ws.readFile(from), { mode: st.mode });
  }
}

function moveOrCopy(name: 'mv' | 'cp'): CommandSpec {
  return {
    name,
    summary: name === 'mv' ? 'move or rename files' : 'copy files',
    usage: name === 'mv' ? 'mv SOURCE... DEST' : 'cp [-r] SOURCE... DEST',
    flags: name === 'cp' ? ['-r'] : [],
    async run(ctx) {
      const { flags, rest: operands, bad } = parseOpts(ctx.args, { flags: name === 'cp' ? 'rRaf' : 'f', numbersAreOperands: false });
      if (bad !== undefined) return badOption(ctx, name, bad);
      if (operands.length < 2) {
        ctx.io.stderr(operands.length === 0 ? `${name}: missing file operand\n` : `${name}: missing destination file operand after '${operands[0]}'\n`);
        return 1;
      }
      const dest = operands.at(-1)!;
      const sources = operands.slice(0, -1);
      let status = 0;
      for (const s of sources) {
        const from = ctx.shell.resolve(s);
        const st = await ctx.workspace.stat(from);
        if (!st) {
          ctx.io.stderr(`${name}: cannot stat '${s}': No such file or directory\n`);
          status = 1;
          continue;
        }
        const destPath = ctx.shell.resolve(dest);
        const destIsDir = (await ctx.workspace.stat(destPath))?.type === 'dir';
        if (!destIsDir && sources.length > 1) {
          ctx.io.stderr(`${name}: target '${dest}': Not a directory\n`);
          return 1;
        }
        const { path: to, shown } = transferTarget(s, dest, destPath, destIsDir);
        const clash = overlap(from, to);
        if (clash === 'same') {
          ctx.io.stderr(sameFileMessage(name, s, shown));
          status = 1;
          continue;
        }
        if (clash === 'inside') {
          ctx.io.stderr(intoItselfMessage(name, s, shown));
          status = 1;
          continue;
        }
        try {
          if (name === 'mv') {
            const existing = await ctx.workspace.stat(to);
            if (existing && existing.type !== 'dir' && st.type !== 'dir') await ctx.workspace.remove(to);
            await ctx.workspace.rename(from, to);
          } else {
            if (st.type === 'dir' && !(flags.has('r') || flags.has('R') || flags.has('a'))) {
              ctx.io.stderr(`cp: -r not specified; omitting directory '${s}'\n`);
              status = 1;
              continue;
            }
            await copyTree(ctx.workspace, from, to);
          }
        } catch (e) {
          ctx.io.stderr(`${name}: cannot ${name === 'mv' ? 'move' : 'create'} '${s}' to '${dest}': ${errnoText(e)}\n`);
          status = 1;
        }
      }
      return status;
    },
  };
}

const touch: CommandSpec = {
  name: 'touch',
  summary: 'update a file’s modification time (or create it empty)',
  usage: 'touch FILE...',
  async run(ctx) {
    if (!ctx.args.length) {
      ctx.io.stderr('touch: missing file operand\n');
      return 1;
    }
    let status = 0;
    for (const f of ctx.args) {
      const p = ctx.shell.resolve(f);
      const st = await ctx.workspace.stat(p);
      // Always move time forward, even when the real clock has not ticked since the last write.
      const t = Math.max(Date.now(), (st?.mtimeMs ?? 0) + 1000);
      try {
        await ctx.workspace.touch(p, t);
      } catch {
        ctx.io.stderr(`touch: cannot touch '${f}': No such file or directory\n`);
        status = 1;
      }
    }
    return status;
  },
};

const chmod: CommandSpec = {
  name: 'chmod',
  summary: 'change file permissions (the exec bit is part of COPY’s cache key)',
  usage: 'chmod [-R] MODE FILE...',
  async run(ctx) {
    // -c, -f and -v change only what chmod prints; in this lab it prints nothing for them.
    const { flags, spec, files } = splitSpecArgs(ctx.args, 'Rcfv');
    if (!spec || !files.length) {
      ctx.io.stderr(spec ? `chmod: missing operand after '${spec}'\n` : 'chmod: missing operand\n');
      return 1;
    }
    let status = 0;
    for (const f of files) {
      const p = ctx.shell.resolve(f);
      const st = await ctx.workspace.stat(p);
      if (!st) {
        ctx.io.stderr(`chmod: cannot access '${f}': No such file or directory\n`);
        status = 1;
        continue;
      }
      // chmod -R changes the folder, then what is under it (symlinks below it are not followed).
      const paths = flags.has('R') && st.type === 'dir' ? [p, ...(await walkFiles(ctx.workspace, p))] : [p];
      for (const path of paths) {
        const node = path === p ? st : await ctx.workspace.stat(path);
        if (!node || (path !== p && node.type === 'symlink')) continue;
        const mode = applyChmod(spec, node.mode, node.type === 'dir', { flavor: 'gnu' });
        if (mode === undefined) {
          ctx.io.stderr(`chmod: invalid mode: '${spec}'\n`);
          return 1;
        }
        await ctx.workspace.chmod(path, mode);
      }
    }
    return status;
  },
};

const pwd: CommandSpec = {
  name: 'pwd',
  summary: 'print the current directory',
  async run(ctx) {
    ctx.io.stdout(ctx.shell.cwd + '\n');
    return 0;
  },
};

const cd: CommandSpec = {
  name: 'cd',
  summary: 'change the current directory',
  usage: 'cd [DIR]',
  async run(ctx) {
    if (ctx.args.length > 1) {
      ctx.io.stderr('cd: too many arguments\n');
      return 1;
    }
    const target = ctx.args[0] ?? '/';
    const p = ctx.shell.resolve(target);
    const st = await ctx.workspace.stat(p);
    if (!st) {
      ctx.io.stderr(`cd: ${target}: No such file or directory\n`);
      return 1;
    }
    if (st.type !== 'dir') {
      ctx.io.stderr(`cd: ${target}: Not a directory\n`);
      return 1;
    }
    ctx.shell.cwd = p;
    ctx.shell.env.set('PWD', p);
    return 0;
  },
};

const find: CommandSpec = {
  name: 'find',
  summary: 'list every file under a directory',
  usage: 'find [DIR]',
  async run(ctx) {
    const target = ctx.args[0] ?? '.';
    const p = ctx.shell.resolve(target);
    const st = await ctx.workspace.stat(p);
    if (!st) {
      ctx.io.stderr(`find: '${target}': No such file or directory\n`);
      return 1;
    }
    const lines = [target];
    if (st.type === 'dir') {
      for (const f of await walkFiles(ctx.workspace, p)) lines.push(target.replace(/\/$/, '') + f.slice(p === '/' ? 0 : p.length));
    }
    // GNU find quotes names on a terminal the way ls does (findutils: "Unusual Characters in File Names").
    ctx.io.stdout((ctx.io.tty ? lines.map(printableName) : lines).join('\n') + '\n');
    return 0;
  },
};

const clear: CommandSpec = {
  name: 'clear',
  summary: 'clear the terminal',
  async run(ctx) {
    if (ctx.io.tty) ctx.io.stdout('\x1b[H\x1b[2J\x1b[3J');
    return 0;
  },
};

const trueCmd: CommandSpec = { name: 'true', summary: 'do nothing, successfully', hidden: true, run: async () => 0 };
const falseCmd: CommandSpec = { name: 'false', summary: 'do nothing, unsuccessfully', hidden: true, run: async () => 1 };

export const fileCommands: readonly CommandSpec[] = [ls, cat, echo, mkdir, rm, moveOrCopy('mv'), moveOrCopy('cp'), touch, chmod, pwd, cd, find, clear, trueCmd, falseCmd];
