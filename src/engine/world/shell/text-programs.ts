// Programs that read and write text: cat, head, tail, wc, sort, uniq, tr, tee, cut and seq.
import type { Program } from './program.ts';
import { last, parseOpts } from '../../fs/index.ts';
import { fsErr, lines, readInputs, usageErr } from './proglib.ts';

const cat: Program = (ctx, args) => {
  const o = parseOpts(args, { flags: 'nuAevt' });
  if (o.bad) return usageErr(ctx, o.bad);
  const { texts, status } = readInputs(ctx, o.rest);
  for (const t of texts) {
    if (o.flags.has('n')) ctx.out(lines(t.text).map((l, i) => `${String(i + 1).padStart(6)}\t${l}\n`).join(''));
    else ctx.out(t.text);
  }
  return status;
};

const headTail = (tail: boolean): Program => (ctx, args) => {
  const norm = args.map((a) => (/^-\d+$/.test(a) ? `-n${a.slice(1)}` : a));
  const o = parseOpts(norm, { flags: 'qvf', values: 'nc' });
  if (o.bad) return usageErr(ctx, o.bad);
  if (o.flags.has('f')) {
    ctx.err(`In this lab, ${ctx.name} -f is not supported: a build step must finish, and following a file never does.\n`);
    return 2;
  }
  const nArg = last(o.values, 'n') ?? '10';
  const cArg = last(o.values, 'c');
  const { texts, status } = readInputs(ctx, o.rest);
  texts.forEach((t, i) => {
    if (texts.length > 1) ctx.out(`${i ? '\n' : ''}==> ${t.name === '-' ? 'standard input' : t.name} <==\n`);
    if (cArg) {
      const n = Number(cArg);
      ctx.out(tail ? t.text.slice(-n) : t.text.slice(0, n));
      return;
    }
    const ls = lines(t.text);
    let sel: string[];
    if (tail) sel = nArg.startsWith('+') ? ls.slice(Number(nArg.slice(1)) - 1) : ls.slice(Math.max(0, ls.length - Number(nArg)));
    else sel = nArg.startsWith('-') ? ls.slice(0, Math.max(0, ls.length - Number(nArg.slice(1)))) : ls.slice(0, Number(nArg));
    ctx.out(sel.map((l) => l + '\n').join(''));
  });
  return status;
};

const wc: Program = (ctx, args) => {
  const o = parseOpts(args, { flags: 'lwcm' });
  const { texts, status } = readInputs(ctx, o.rest);
  const which = o.flags.size ? ['l', 'w', 'c'].filter((f) => o.flags.has(f) || (f === 'c' && o.flags.has('m'))) : ['l', 'w', 'c'];
  const totals = [0, 0, 0];
  const rows: [number[], string][] = [];
  for (const t of texts) {
    const counts = [(t.text.match(/\n/g) ?? []).length, t.text.split(/\s+/).filter(Boolean).length, new TextEncoder().encode(t.text).byteLength];
    counts.forEach((c, i) => (totals[i] += c));
    rows.push([counts, t.name === '-' ? '' : t.name]);
  }
  if (texts.length > 1) rows.push([totals, 'total']);
  const idx = which.map((f) => ['l', 'w', 'c'].indexOf(f));
  const single = which.length === 1 && texts.length === 1 && rows[0]![1] === '';
  const width = ctx.flavor === 'busybox' ? 7 : Math.max(1, ...rows.flatMap(([c]) => idx.map((i) => String(c[i]).length)));
  for (const [c, name] of rows) {
    const nums = idx.map((i) => (single ? String(c[i]) : String(c[i]).padStart(width)));
    ctx.out(`${nums.join(' ')}${name ? ` ${name}` : ''}\n`);
  }
  return status;
};

const sort: Program = (ctx, args) => {
  const o = parseOpts(args, { flags: 'rnuf' });
  const { texts, status } = readInputs(ctx, o.rest);
  let ls = texts.flatMap((t) => lines(t.text));
  ls.sort((a, b) => (o.flags.has('n') ? (parseFloat(a) || 0) - (parseFloat(b) || 0) : o.flags.has('f') ? a.toLowerCase().localeCompare(b.toLowerCase()) : a < b ? -1 : a > b ? 1 : 0));
  if (o.flags.has('r')) ls.reverse();
  if (o.flags.has('u')) ls = ls.filter((l, i) => i === 0 || l !== ls[i - 1]);
  ctx.out(ls.map((l) => l + '\n').join(''));
  return status;
};

const uniq: Program = (ctx, args) => {
  const o = parseOpts(args, { flags: 'cdu' });
  const { texts, status } = readInputs(ctx, o.rest.slice(0, 1));
  const ls = texts.flatMap((t) => lines(t.text));
  const groups: [string, number][] = [];
  for (const l of ls) {
    const g = groups[groups.length - 1];
    if (g && g[0] === l) g[1]++;
    else groups.push([l, 1]);
  }
  for (const [l, n] of groups) {
    if (o.flags.has('d') && n < 2) continue;
    if (o.flags.has('u') && n > 1) continue;
    ctx.out(o.flags.has('c') ? `${String(n).padStart(7)} ${l}\n` : `${l}\n`);
  }
  return status;
};

function expandTrSet(s: string): string {
  s = s.replace(/\[:upper:\]/g, 'A-Z').replace(/\[:lower:\]/g, 'a-z').replace(/\[:digit:\]/g, '0-9').replace(/\[:space:\]/g, ' \t\n\r\v\f').replace(/\[:alpha:\]/g, 'a-zA-Z').replace(/\[:alnum:\]/g, 'a-zA-Z0-9');
  s = s.replace(/\\n/g, '\n').replace(/\\t/g, '\t').replace(/\\\\/g, '\\');
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i + 1] === '-' && i + 2 < s.length) {
      for (let c = s.charCodeAt(i); c <= s.charCodeAt(i + 2); c++) out += String.fromCharCode(c);
      i += 2;
    } else out += s[i];
  }
  return out;
}

const tr: Program = (ctx, args) => {
  const o = parseOpts(args, { flags: 'dsc' });
  const set1 = expandTrSet(o.rest[0] ?? '');
  const set2 = expandTrSet(o.rest[1] ?? '');
  let text = ctx.io.stdin;
  if (o.flags.has('d')) text = [...text].filter((c) => !set1.includes(c)).join('');
  else if (set2) text = [...text].map((c) => {
    const i = set1.indexOf(c);
    return i < 0 ? c : set2[Math.min(i, set2.length - 1)]!;
  }).join('');
  if (o.flags.has('s')) {
    const squeeze = set2 || set1;
    text = text.replace(/(.)\1+/gs, (m, c: string) => (squeeze.includes(c) ? c : m));
  }
  ctx.out(text);
  return 0;
};

const tee: Program = (ctx, args) => {
  const o = parseOpts(args, { flags: 'a' });
  let status = 0;
  for (const f of o.rest) {
    try {
      ctx.world.writeFile(ctx.abs(f), ctx.io.stdin, { append: o.flags.has('a') });
    } catch (e) {
      status = fsErr(ctx, e, f, ["can't open", '']);
    }
  }
  ctx.out(ctx.io.stdin);
  return status;
};

const cut: Program = (ctx, args) => {
  const o = parseOpts(args, { flags: 's', values: 'dfc' });
  const delim = last(o.values, 'd') ?? '\t';
  const spec = last(o.values, 'f') ?? last(o.values, 'c') ?? '';
  const byChar = o.values.has('c');
  const picks = (n: number): number[] => {
    const out: number[] = [];
    for (const part of spec.split(',')) {
      const [a, b] = part.split('-');
      const from = a ? Number(a) : 1;
      const to = part.includes('-') ? (b ? Number(b) : n) : from;
      for (let i = from; i <= Math.min(to, n); i++) out.push(i);
    }
    return out;
  };
  const { texts, status } = readInputs(ctx, o.rest);
  for (const t of texts) for (const l of lines(t.text)) {
    if (byChar) ctx.out(picks(l.length).map((i) => l[i - 1]).join('') + '\n');
    else if (!l.includes(delim)) {
      if (!o.flags.has('s')) ctx.out(l + '\n');
    } else {
      const fields = l.split(delim);
      ctx.out(picks(fields.length).map((i) => fields[i - 1]).join(delim) + '\n');
    }
  }
  return status;
};

const seq: Program = (ctx, args) => {
  const nums = args.map(Number);
  const [first, step, lastN] = nums.length === 1 ? [1, 1, nums[0]!] : nums.length === 2 ? [nums[0]!, 1, nums[1]!] : [nums[0]!, nums[1]!, nums[2]!];
  let out = '';
  for (let v = first; step > 0 ? v <= lastN : v >= lastN; v += step) {
    ctx.world.step();
    out += `${v}\n`;
  }
  ctx.out(out);
  return 0;
};

export const TEXT_PROGRAMS: Record<string, Program> = {
  cat, wc, sort, uniq, tr, tee, cut, seq,
  head: headTail(false),
  tail: headTail(true),
};
