// sed: the s, d, p, q, =, a, i and c commands with line, `$` and /regex/ addresses, ranges
// (addr1,addr2 and addr1,+N as GNU sed has them), `!`, -n, -e, -E and -i (GNU sed's manual,
// "Selecting lines"). Other real commands say they are not simulated.
import type { Program } from './program.ts';
import { parseOpts } from '../../fs/index.ts';
import { lines, readInputs, usageErr } from './proglib.ts';
import { posixRegex } from './regex.ts';
import { FsError, ERRNO_TEXT } from './world.ts';

class NotSimulated extends Error {}

type Addr = { kind: 'line'; n: number } | { kind: 'last' } | { kind: 're'; re: RegExp } | { kind: 'plus'; n: number };

interface SedCmd {
  addr?: Addr;
  /** The end of an `addr1,addr2` range. */
  addr2?: Addr;
  /** `!` after the address: the command applies where the address does not match. */
  negate?: boolean;
  /** Range state while running: inside the range, and the line it began on. */
  inRange?: boolean;
  rangeStart?: number;
  cmd: string;
  re?: RegExp;
  rep?: string;
  global?: boolean;
  print?: boolean;
  text?: string;
}

function parseSed(script: string, extended: boolean): SedCmd[] {
  const cmds: SedCmd[] = [];
  let i = 0;
  const readDelimited = (delim: string): string => {
    let out = '';
    while (i < script.length && script[i] !== delim) {
      if (script[i] === '\\' && script[i + 1] === delim) {
        out += delim;
        i += 2;
        continue;
      }
      if (script[i] === '\\') {
        out += script.slice(i, i + 2);
        i += 2;
        continue;
      }
      out += script[i++];
    }
    if (script[i] !== delim) throw new Error(`unterminated \`s' command`);
    i++;
    return out;
  };
  while (i < script.length) {
    while (/[\s;]/.test(script[i] ?? '')) i++;
    if (i >= script.length) break;
    const c: SedCmd = { cmd: '' };
    const readAddr = (second: boolean): Addr | undefined => {
      if (second && script[i] === '+' && /\d/.test(script[i + 1] ?? '')) {
        i++;
        let n = '';
        while (/\d/.test(script[i] ?? '')) n += script[i++];
        return { kind: 'plus', n: Number(n) };
      }
      if (/\d/.test(script[i] ?? '')) {
        let n = '';
        while (/\d/.test(script[i] ?? '')) n += script[i++];
        return { kind: 'line', n: Number(n) };
      }
      if (script[i] === '$') {
        i++;
        return { kind: 'last' };
      }
      if (script[i] === '/' || (script[i] === '\\' && script[i + 1])) {
        const delim = script[i] === '/' ? '/' : script[++i]!;
        i++;
        return { kind: 're', re: posixRegex(readDelimited(delim), extended) };
      }
      return undefined;
    };
    const a1 = readAddr(false);
    if (a1) c.addr = a1;
    if (a1 && script[i] === ',') {
      i++;
      const a2 = readAddr(true);
      if (!a2) throw new Error('unexpected `,\'');
      c.addr2 = a2;
    }
    while (script[i] === ' ') i++;
    if (script[i] === '!') {
      c.negate = true;
      i++;
      while (script[i] === ' ') i++;
    }
    c.cmd = script[i++] ?? '';
    if (c.cmd === 's') {
      const delim = script[i++]!;
      c.re = posixRegex(readDelimited(delim), extended);
      c.rep = readDelimited(delim);
      let fl = '';
      while (/[gpiI0-9]/.test(script[i] ?? '')) fl += script[i++];
      c.global = fl.includes('g');
      c.print = fl.includes('p');
      if (/[iI]/.test(fl)) c.re = new RegExp(c.re.source, 'i');
    } else if (c.cmd === 'a' || c.cmd === 'i' || c.cmd === 'c') {
      while (script[i] === ' ' || script[i] === '\\') i++;
      const end = script.indexOf('\n', i);
      c.text = script.slice(i, end < 0 ? undefined : end);
      i = end < 0 ? script.length : end;
    } else if (!['d', 'p', 'q', '='].includes(c.cmd)) {
      // GNU sed's other commands exist; the lab's sed does not run them.
      if ('{}bDeFgGhHlnNPrRtTvwWxyz#:'.includes(c.cmd) && c.cmd) throw new NotSimulated(c.cmd);
      throw new Error(c.cmd ? `unknown command: \`${c.cmd}'` : 'missing command');
    }
    cmds.push(c);
  }
  return cmds;
}

function sedReplacement(rep: string): (m: string, ...groups: unknown[]) => string {
  return (m, ...groups) => {
    let out = '';
    for (let i = 0; i < rep.length; i++) {
      const c = rep[i]!;
      if (c === '\\' && i + 1 < rep.length) {
        const n = rep[++i]!;
        if (/[0-9]/.test(n)) out += n === '0' ? m : String(groups[Number(n) - 1] ?? '');
        else if (n === 'n') out += '\n';
        else if (n === 't') out += '\t';
        else out += n;
      } else if (c === '&') out += m;
      else out += c;
    }
    return out;
  };
}

function matches(a: Addr, n: number, line: string, total: number): boolean {
  if (a.kind === 'line') return a.n === n + 1;
  if (a.kind === 'last') return n === total - 1;
  if (a.kind === 're') return a.re.test(line);
  return false;
}

/** Whether the command's address (one line, or an addr1,addr2 range as GNU sed keeps it) selects line n (0-based). */
function applies(c: SedCmd, n: number, line: string, total: number): boolean {
  const a1 = c.addr!;
  const a2 = c.addr2;
  if (!a2) return matches(a1, n, line, total);
  if (c.inRange) {
    // The range ends on the line addr2 names (a line number not after the start ends it at once).
    const end = a2.kind === 'plus' ? n >= c.rangeStart! + a2.n : a2.kind === 'line' ? n + 1 >= a2.n : matches(a2, n, line, total);
    if (end) c.inRange = false;
    return true;
  }
  if (!matches(a1, n, line, total)) return false;
  c.rangeStart = n;
  const endsHere = a2.kind === 'plus' ? a2.n === 0 : a2.kind === 'line' ? a2.n <= n + 1 : a2.kind === 'last' ? n === total - 1 : false;
  c.inRange = !endsHere;
  return true;
}

function runSed(text: string, cmds: SedCmd[], quiet: boolean): string {
  for (const c of cmds) c.inRange = false;
  const ls = lines(text);
  const trailingNewline = text.endsWith('\n') || text === '';
  let out = '';
  for (let n = 0; n < ls.length; n++) {
    let line = ls[n]!;
    let deleted = false;
    let quit = false;
    const before: string[] = [];
    const after: string[] = [];
    for (const c of cmds) {
      if (c.addr && applies(c, n, line, ls.length) === !!c.negate) continue;
      if (c.cmd === 's') {
        const re = new RegExp(c.re!.source, c.re!.flags.replace('g', '') + (c.global ? 'g' : ''));
        const replaced = line.replace(re, sedReplacement(c.rep!));
        if (replaced !== line || re.test(line)) {
          line = replaced;
          if (c.print) after.push(line);
        }
      } else if (c.cmd === 'd') {
        deleted = true;
        break;
      } else if (c.cmd === 'p') after.push(line);
      else if (c.cmd === 'a') after.push(c.text!);
      else if (c.cmd === 'i') before.push(c.text!);
      else if (c.cmd === 'c') {
        line = c.text!;
      } else if (c.cmd === '=') before.push(String(n + 1));
      else if (c.cmd === 'q') {
        quit = true;
        break;
      }
    }
    for (const b of before) out += b + '\n';
    if (!deleted) {
      if (!quiet) out += line + '\n';
    }
    for (const a of after) out += a + '\n';
    if (quit) break;
  }
  if (!trailingNewline && out.endsWith('\n')) out = out.slice(0, -1);
  return out;
}

export const sed: Program = (ctx, args) => {
  const norm: string[] = [];
  let inPlace = false;
  for (const a of args) {
    if (a === '-i' || a.startsWith('-i') && !a.startsWith('-i=') && a.length > 2 && !/^-i[nEre]+$/.test(a)) inPlace = true;
    else if (/^-[nEr]*i[nEr]*$/.test(a)) {
      inPlace = true;
      norm.push('-' + a.slice(1).replace('i', ''));
    } else if (a === '--in-place' || a.startsWith('--in-place=')) inPlace = true;
    else norm.push(a);
  }
  const o = parseOpts(norm.filter((a) => a !== '-'), { flags: 'nEr', values: 'ef', long: { quiet: 'n', 'regexp-extended': 'E', expression: 'e=' } });
  if (o.bad) return usageErr(ctx, o.bad);
  const scripts = o.values.get('e') ?? (o.rest.length ? [o.rest.shift()!] : []);
  if (!scripts.length) {
    ctx.err(ctx.flavor === 'busybox' ? 'BusyBox v1.37.0 (2024-12-13 18:16:23 UTC) multi-call binary.\n\nUsage: sed [-i[SFX]] [-nrE] [-f FILE]... [-e CMD]... [FILE]...\n' : 'Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n');
    return 1;
  }
  let cmds: SedCmd[];
  try {
    cmds = scripts.flatMap((s) => parseSed(s, o.flags.has('E') || o.flags.has('r')));
  } catch (e) {
    if (e instanceof NotSimulated) {
      ctx.err(`In this lab, sed's \`${e.message}' command is not simulated; s, d, p, q, =, a, i and c are, with line, $, /regex/ and addr1,addr2 addresses.\n`);
      return 1;
    }
    ctx.err(`sed: -e expression #1, char ${scripts[0]!.length}: ${(e as Error).message}\n`);
    return 1;
  }
  const quiet = o.flags.has('n');
  if (inPlace) {
    if (!o.rest.length) {
      ctx.err('sed: no input files\n');
      return ctx.flavor === 'busybox' ? 1 : 4;
    }
    let status = 0;
    for (const f of o.rest) {
      try {
        const text = ctx.world.readText(ctx.abs(f));
        ctx.world.writeFile(ctx.abs(f), runSed(text, cmds, quiet));
      } catch (e) {
        if (!(e instanceof FsError)) throw e;
        ctx.err(ctx.flavor === 'busybox' ? `sed: ${f}: ${ERRNO_TEXT[e.code]}\n` : `sed: can't read ${f}: ${ERRNO_TEXT[e.code]}\n`);
        status = ctx.flavor === 'busybox' ? 1 : 2;
      }
    }
    return status;
  }
  const { texts, status } = readInputs(ctx, o.rest, ["can't open", "can't read"]);
  for (const t of texts) ctx.out(runSed(t.text, cmds, quiet));
  return status ? 2 : 0;
};
