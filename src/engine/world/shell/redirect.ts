// Redirections for the lab's sh (POSIX 2.7): `<`, `>`, `>>`, `>&`, `<&`, /dev/null and the
// /dev/std* names. Output to a file is buffered and written by `finish`, after the command ran.
import type { Redir, Word } from './ast.ts';
import { FsError, ERRNO_TEXT, MAX_FILE_CHARS, fileLimit, type World } from './world.ts';
import type { Dialect, IO, Sink } from './io.ts';

/** What redirection reads of the running shell. */
export interface RedirectScope {
  readonly world: World;
  readonly dialect: Dialect;
  abs(path: string): string;
  prefix(): string;
  expandNoSplit(word: Word, io: IO): string | Promise<string>;
}

/** A command's streams with its redirections applied; `finish` writes the redirected files. */
export interface Redirected {
  io: IO;
  finish(): void;
}

export async function openRedirections(sh: RedirectScope, redirs: readonly Redir[], io: IO): Promise<Redirected | undefined> {
  const fds: (Sink | undefined)[] = [undefined, io.stdout, io.stderr];
  let stdin = io.stdin;
  const files: { path: string; buf: string[]; size: number }[] = [];
  const nullSink: Sink = { write: () => {} };
  for (const r of redirs) {
    const expanded = sh.expandNoSplit(r.target, io);
    const target = typeof expanded === 'string' ? expanded : await expanded;
    if (r.op === '>&' || r.op === '<&') {
      if (target === '-') {
        fds[r.fd] = nullSink;
        continue;
      }
      const n = Number(target);
      if (!/^\d+$/.test(target) || (n !== 1 && n !== 2 && n !== 0)) {
        io.stderr.write(`${sh.prefix()}${target}: bad file descriptor\n`);
        return undefined;
      }
      if (n === 0) continue;
      fds[r.fd] = fds[n];
      continue;
    }
    const path = sh.abs(target);
    if (r.op === '<') {
      if (path === '/dev/null') {
        stdin = '';
        continue;
      }
      try {
        stdin = sh.world.readText(path);
      } catch (e) {
        if (!(e instanceof FsError)) throw e;
        io.stderr.write(sh.dialect === 'dash' ? `${sh.prefix()}cannot open ${target}: No such file\n`
          : sh.dialect === 'bash' ? `${sh.prefix()}${target}: ${ERRNO_TEXT[e.code]}\n` : `${sh.prefix()}can't open ${target}: no such file\n`);
        return undefined;
      }
      continue;
    }
    if (path === '/dev/null') {
      fds[r.fd] = nullSink;
      continue;
    }
    if (path === '/dev/stdout' || path === '/proc/self/fd/1') {
      fds[r.fd] = io.stdout;
      continue;
    }
    if (path === '/dev/stderr' || path === '/proc/self/fd/2') {
      fds[r.fd] = io.stderr;
      continue;
    }
    try {
      if (r.op === '>') sh.world.writeFile(path, '');
      else if (!sh.world.stat(path)) sh.world.writeFile(path, '');
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      const why = e.code === 'ENOENT' ? (sh.dialect === 'dash' ? 'Directory nonexistent' : 'nonexistent directory') : ERRNO_TEXT[e.code];
      io.stderr.write(sh.dialect === 'dash' ? `${sh.prefix()}cannot create ${target}: ${why}\n`
        : sh.dialect === 'bash' ? `${sh.prefix()}${target}: ${ERRNO_TEXT[e.code]}\n` : `${sh.prefix()}can't create ${target}: ${why}\n`);
      return undefined;
    }
    const file = { path, buf: [] as string[], size: 0 };
    files.push(file);
    fds[r.fd] = {
      write: (t) => {
        file.size += t.length;
        if (file.size > MAX_FILE_CHARS) throw fileLimit();
        file.buf.push(t);
      },
    };
  }
  return {
    io: { stdin, stdout: fds[1] ?? nullSink, stderr: fds[2] ?? nullSink },
    finish: () => {
      for (const f of files) if (f.buf.length) sh.world.writeFile(f.path, f.buf.join(''), { append: true });
    },
  };
}
