// grep, and the POSIX regular expressions it and sed share. Options as GNU grep and busybox take
// them, context lines (-A, -B, -C, -NUM) with "--" between groups and ":"/"-" after names and
// numbers, -m to stop after N matches, -L for the files without one (GNU grep src/grep.c).
import type { Program } from './program.ts';
import { last, parseOpts } from '../../fs/index.ts';
import { lines, readInputs, usageErr, walkPaths } from './proglib.ts';
import { posixRegex, RegexError } from './regex.ts';

const LONG = {
  quiet: 'q', silent: 'q', recursive: 'r', 'dereference-recursive': 'R', 'ignore-case': 'i', count: 'c', 'extended-regexp': 'E', 'fixed-strings': 'F',
  'basic-regexp': 'G', 'invert-match': 'v', 'word-regexp': 'w', 'line-regexp': 'x', 'line-number': 'n', 'with-filename': 'H', 'no-filename': 'h',
  'only-matching': 'o', 'files-with-matches': 'l', 'files-without-match': 'L', 'no-messages': 's', regexp: 'e=', file: 'f=', 'max-count': 'm=',
  'after-context': 'A=', 'before-context': 'B=', context: 'C=',
};

export const grep: Program = (ctx, args) => {
  // -NUM is -C NUM.
  const norm = args.map((a) => (/^-\d+$/.test(a) ? `-C${a.slice(1)}` : a));
  const o = parseOpts(norm, { flags: 'EFGivcnqlLrRwoshHx', values: 'efmABC', long: LONG });
  if (o.bad) return usageErr(ctx, o.bad);
  const num = (k: string): number | undefined => {
    const v = last(o.values, k);
    return v === undefined ? undefined : Number(v);
  };
  for (const k of ['m', 'A', 'B', 'C']) {
    const v = last(o.values, k);
    if (v !== undefined && !/^\d+$/.test(v)) {
      ctx.err(ctx.flavor === 'busybox' ? `grep: invalid number '${v}'\n` : `grep: ${v}: invalid ${k === 'm' ? 'max count' : 'context length argument'}\n`);
      return 2;
    }
  }
  const patterns = [...(o.values.get('e') ?? [])];
  for (const f of o.values.get('f') ?? []) {
    const { texts, status } = readInputs(ctx, [f]);
    if (status) return 2;
    patterns.push(...lines(texts[0]!.text));
  }
  if (!o.values.has('e') && !o.values.has('f') && o.rest.length) patterns.push(o.rest.shift()!);
  if (!patterns.length) {
    ctx.err(ctx.flavor === 'busybox' ? 'BusyBox v1.37.0 (2024-12-13 18:16:23 UTC) multi-call binary.\n\nUsage: grep [-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...\n' : "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n");
    return 2;
  }
  const f = o.flags;
  const flags = f.has('i') ? 'i' : '';
  let res: RegExp[];
  try {
    res = patterns.map((p) => {
      let src = f.has('F') ? p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&') : posixRegex(p, f.has('E') || ctx.name === 'egrep', flags).source;
      if (f.has('w')) src = `\\b(?:${src})\\b`;
      if (f.has('x')) src = `^(?:${src})$`;
      return new RegExp(src, flags + (f.has('o') ? 'g' : ''));
    });
  } catch (e) {
    if (!(e instanceof RegexError)) throw e;
    // GNU grep prints regerror()'s text; busybox's xregcomp() adds the pattern (libbb/xregcomp.c).
    ctx.err(ctx.flavor === 'busybox' ? `grep: bad regex '${patterns.join('')}': ${e.message}\n` : `grep: ${e.message}\n`);
    return 2;
  }
  let files = o.rest;
  const recursive = f.has('r') || f.has('R');
  if (recursive) {
    const roots = files.length ? files : ['.'];
    files = [];
    for (const r of roots) for (const p of walkPaths(ctx, ctx.abs(r))) if (ctx.world.stat(p)?.type === 'file') files.push(r === '.' ? p.replace(ctx.sh.cwd === '/' ? /^\// : new RegExp(`^${ctx.sh.cwd}/`), '') : p);
  }
  const { texts, status } = readInputs(ctx, files);
  const showName = ((texts.length > 1 || recursive) && !f.has('h')) || f.has('H');
  const after = num('A') ?? num('C') ?? 0;
  const before = num('B') ?? num('C') ?? 0;
  const max = num('m');
  const listing = f.has('q') || f.has('l') || f.has('L') || f.has('c');
  let matched = false;
  let lastPrinted = -1;
  let printedAny = false;
  for (const t of texts) {
    const name = t.name === '-' ? '(standard input)' : t.name;
    const all = lines(t.text);
    let count = 0;
    let afterLeft = 0;
    lastPrinted = -1;
    const print = (i: number, sep: ':' | '-'): void => {
      if ((before || after) && printedAny && lastPrinted >= 0 && i > lastPrinted + 1) ctx.out('--\n');
      if ((before || after) && printedAny && lastPrinted < 0) ctx.out('--\n');
      ctx.out(`${showName ? `${name}${sep}` : ''}${f.has('n') ? `${i + 1}${sep}` : ''}${all[i]}\n`);
      lastPrinted = i;
      printedAny = true;
    };
    for (let i = 0; i < all.length; i++) {
      ctx.world.step();
      const line = all[i]!;
      const hit = res.some((r) => {
        r.lastIndex = 0;
        return r.test(line);
      }) !== f.has('v');
      if (!hit) {
        if (afterLeft > 0 && !listing) {
          print(i, '-');
          afterLeft--;
        }
        continue;
      }
      if (max !== undefined && count >= max) break;
      count++;
      matched = true;
      if (listing) continue;
      for (let b = Math.max(lastPrinted + 1, i - before); b < i; b++) print(b, '-');
      if (f.has('o')) {
        for (const r of res) for (const m of line.matchAll(r)) ctx.out(`${showName ? `${name}:` : ''}${f.has('n') ? `${i + 1}:` : ''}${m[0]}\n`);
        lastPrinted = i;
        printedAny = true;
      } else print(i, ':');
      afterLeft = after;
      if (max !== undefined && count >= max && !after) break;
    }
    if (f.has('c')) ctx.out(`${showName ? `${name}:` : ''}${count}\n`);
    if (f.has('l') && count) ctx.out(`${name}\n`);
    if (f.has('L') && !count) ctx.out(`${name}\n`);
    if (f.has('q') && matched) return 0;
  }
  if (status && !f.has('s')) return 2;
  if (f.has('L')) return texts.some((t) => !lines(t.text).some((l) => res.some((r) => { r.lastIndex = 0; return r.test(l) !== f.has('v'); }))) ? 0 : 1;
  return matched ? 0 : 1;
};
