// Programs found through PATH: a coreutils/busybox subset. Messages follow GNU coreutils or busybox
// wording depending on which binary the command resolved to.
import { DEFAULT_MTIME, basename, contentSize, dirname, normalizePath, type FsNode } from '../../fs/index.ts';
import { echoText, evalTest, printfFormat } from './builtins.ts';
import type { Program, ProgramContext } from './interp.ts';
import { last, parseOpts } from './opts.ts';
import { FsError, ERRNO_TEXT } from './world.ts';
import { globMatch } from './glob.ts';
import { MONTHS, fsErr, human, lines, modeString, nameOf, q, readInputs, usageErr, walkPaths } from './proglib.ts';
import { lazyProgram } from './lazy.ts';


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

const mkdir: Program = (ctx, args) => {
  const o = parseOpts(args, { flags: 'pv', values: 'm', long: { parents: 'p' } });
  if (o.bad) return usageErr(ctx, o.bad);
  const mode = last(o.values, 'm');
  let status = 0;
  if (!o.rest.length) {
    ctx.err(ctx.flavor === 'busybox' ? 'BusyBox v1.37.0 (2024-12-13 18:16:23 UTC) multi-call binary.\n\nUsage: mkdir [-m MODE] [-p] DIRECTORY...\n' : "mkdir: missing operand\nTry 'mkdir --help' for more information.\n");
    return 1;
  }
  for (const d of o.rest) {
    try {
      ctx.world.mkdir(ctx.abs(d), { parents: o.flags.has('p'), mode: mode ? parseInt(mode, 8) : 0o755 });
    } catch (e) {
      status = fsErr(ctx, e, d, ["can't create directory", 'cannot create directory']);
    }
  }
  return status;
};

const rm: Program = (ctx, args) => {
  const o = parseOpts(args, { flags: 'rRfiv', long: { recursive: 'r', force: 'f' } });
  if (o.bad) return usageErr(ctx, o.bad);
  const recursive = o.flags.has('r') || o.flags.has('R');
  const force = o.flags.has('f');
  let status = 0;
  if (!o.rest.length && !force) {
    ctx.err(ctx.flavor === 'busybox' ? 'BusyBox v1.37.0 (2024-12-13 18:16:23 UTC) multi-call binary.\n\nUsage: rm [-irf] FILE...\n' : "rm: missing operand\nTry 'rm --help' for more information.\n");
    return 1;
  }
  for (const f of o.rest) {
    const path = ctx.abs(f);
    if (path === '/' && recursive) {
      ctx.err(ctx.flavor === 'busybox' ? "rm: can't remove '/'\n" : "rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n");
      status = 1;
      continue;
    }
    const node = ctx.world.lstat(path);
    if (!node) {
      if (!force) status = fsErr(ctx, new FsError('ENOENT', f), f, ["can't remove", 'cannot remove']);
      continue;
    }
    if (node.type === 'dir' && !recursive) {
      ctx.err(ctx.flavor === 'busybox' ? `rm: '${f}' is a directory\n` : `rm: cannot remove '${f}': Is a directory\n`);
      status = 1;
      continue;
    }
    try {
      ctx.world.remove(path, { recursive });
    } catch (e) {
      status = fsErr(ctx, e, f, ["can't remove", 'cannot remove']);
    }
  }
  return status;
};

const rmdir: Program = (ctx, args) => {
  const o = parseOpts(args, { flags: 'p' });
  let status = 0;
  for (const d of o.rest) {
    try {
      ctx.world.rmdir(ctx.abs(d));
    } catch (e) {
      if (ctx.flavor === 'busybox') status = fsErr(ctx, e, d, ['', '']);
      else status = fsErr(ctx, e, d, ['', 'failed to remove']);
    }
  }
  return status;
};

function copyLike(ctx: ProgramContext, args: string[], move: boolean): number {
  const o = parseOpts(args, { flags: move ? 'fivnT' : 'rRapfvdLPHnTu', long: { recursive: 'r', archive: 'a', force: 'f' } });
  if (o.bad) return usageErr(ctx, o.bad);
  const ops = o.rest;
  if (ops.length < 2) {
    ctx.err(ctx.flavor === 'busybox' ? `BusyBox v1.37.0 (2024-12-13 18:16:23 UTC) multi-call binary.\n` : `${ctx.name}: missing destination file operand after '${ops[0] ?? ''}'\nTry '${ctx.name} --help' for more information.\n`);
    return 1;
  }
  const dest = ops[ops.length - 1]!;
  const sources = ops.slice(0, -1);
  const destPath = ctx.abs(dest);
  const destNode = ctx.world.stat(destPath);
  if (sources.length > 1 && destNode?.type !== 'dir') {
    ctx.err(ctx.flavor === 'busybox' ? `${ctx.name}: '${dest}' is not a directory\n` : `${ctx.name}: target '${dest}' is not a directory\n`);
    return 1;
  }
  const recursive = o.flags.has('r') || o.flags.has('R') || o.flags.has('a');
  const preserve = o.flags.has('a') || o.flags.has('p');
  let status = 0;
  for (const s of sources) {
    const src = ctx.abs(s);
    const node = move || o.flags.has('a') || o.flags.has('d') || o.flags.has('P') ? ctx.world.lstat(src) : ctx.world.stat(src);
    if (!node) {
      status = fsErr(ctx, new FsError('ENOENT', s), s, move ? ["can't rename", 'cannot stat'] : ["can't stat", 'cannot stat']);
      continue;
    }
    if (!move && node.type === 'dir' && !recursive) {
      ctx.err(ctx.flavor === 'busybox' ? `cp: omitting directory '${s}'\n` : `cp: -r not specified; omitting directory '${s}'\n`);
      status = 1;
      continue;
    }
    const target = destNode?.type === 'dir' ? normalizePath(`${destPath}/${basename(src)}`) : destPath;
    try {
      const existing = ctx.world.lstat(target);
      if (existing?.type === 'dir' && node.type === 'dir' && !move) {
        // cp -r into an existing directory merges.
        ctx.world.copyNode({ ...node, entries: new Map([...existing.entries, ...node.entries]) }, target, preserve || move);
      } else {
        if (existing) ctx.world.remove(target, { recursive: true });
        ctx.world.copyNode(node, target, preserve || move);
      }
      if (move) ctx.world.remove(src, { recursive: true });
    } catch (e) {
      status = fsErr(ctx, e, move ? s : dest, move ? ["can't rename", 'cannot move'] : ["can't create", 'cannot create regular file']);
    }
  }
  return status;
}

const touch: Program = (ctx, args) => {
  const o = parseOpts(args, { flags: 'acmh', values: 'dtr' });
  let status = 0;
  for (const f of o.rest) {
    const path = ctx.abs(f);
    try {
      if (ctx.world.stat(path)) ctx.world.setMeta(path, { mtime: ctx.world.mtime });
      else if (!o.flags.has('c')) ctx.world.writeFile(path, '');
    } catch (e) {
      status = fsErr(ctx, e, f, ['', 'cannot touch']);
    }
  }
  return status;
};

export function applyChmod(mode: number, spec: string, isDir: boolean): number | undefined {
  if (/^[0-7]{1,4}$/.test(spec)) return parseInt(spec, 8);
  let m = mode;
  for (const clause of spec.split(',')) {
    const match = /^([ugoa]*)([-+=])([rwxXst]*)$/.exec(clause);
    if (!match) return undefined;
    const who = match[1] || 'a';
    const op = match[2]!;
    let bits = 0;
    for (const c of match[3]!) {
      if (c === 'r') bits |= 0o444;
      if (c === 'w') bits |= 0o222;
      if (c === 'x' || (c === 'X' && (isDir || (mode & 0o111) !== 0))) bits |= 0o111;
      if (c === 's') bits |= 0o6000;
      if (c === 't') bits |= 0o1000;
    }
    let mask = 0;
    if (who.includes('u') || who.includes('a')) mask |= 0o4700;
    if (who.includes('g') || who.includes('a')) mask |= 0o2070;
    if (who.includes('o') || who.includes('a')) mask |= 0o1007;
    bits &= mask;
    if (op === '+') m |= bits;
    else if (op === '-') m &= ~bits;
    else m = (m & ~mask) | bits;
  }
  return m;
}


const chmod: Program = (ctx, args) => {
  const rest = args.filter((a) => a !== '-R' && a !== '-v' && a !== '-f');
  const recursive = args.includes('-R');
  const [spec, ...files] = rest;
  if (!spec || !files.length) {
    ctx.err(ctx.flavor === 'busybox' ? 'BusyBox v1.37.0 (2024-12-13 18:16:23 UTC) multi-call binary.\n\nUsage: chmod [-Rcvf] MODE[,MODE]... FILE...\n' : "chmod: missing operand\nTry 'chmod --help' for more information.\n");
    return 1;
  }
  let status = 0;
  for (const f of files) {
    const path = ctx.abs(f);
    if (!ctx.world.stat(path)) {
      status = fsErr(ctx, new FsError('ENOENT', f), f, ['', 'cannot access']);
      continue;
    }
    for (const p of recursive ? walkPaths(ctx, path) : [path]) {
      const node = ctx.world.stat(p);
      if (!node || (p !== path && ctx.world.lstat(p)?.type === 'symlink')) continue;
      const mode = applyChmod(node.mode, spec, node.type === 'dir');
      if (mode === undefined) {
        ctx.err(ctx.flavor === 'busybox' ? `chmod: invalid mode '${spec}'\n` : `chmod: invalid mode: '${spec}'\nTry 'chmod --help' for more information.\n`);
        return 1;
      }
      try {
        ctx.world.setMeta(p, { mode });
      } catch (e) {
        status = fsErr(ctx, e, f, ['', 'changing permissions of']);
      }
    }
  }
  return status;
};

function lookupId(ctx: ProgramContext, file: string, name: string): number | undefined {
  if (/^\d+$/.test(name)) return Number(name);
  try {
    const line = ctx.world.readText(file).split('\n').find((l) => l.split(':')[0] === name);
    return line ? Number(line.split(':')[2]) : undefined;
  } catch {
    return undefined;
  }
}

const chown: Program = (ctx, args) => {
  const rest = args.filter((a) => !/^-[RhvfH]+$/.test(a));
  const recursive = args.some((a) => /^-[a-zA-Z]*R/.test(a));
  const [spec, ...files] = rest;
  if (!spec || !files.length) {
    ctx.err("chown: missing operand\n");
    return 1;
  }
  const isChgrp = ctx.name === 'chgrp';
  const [u, g] = isChgrp ? ['', spec] : spec.split(/[:.]/);
  let uid: number | undefined;
  let gid: number | undefined;
  if (u) {
    uid = lookupId(ctx, '/etc/passwd', u);
    if (uid === undefined) {
      ctx.err(ctx.flavor === 'busybox' ? `chown: unknown user ${u}\n` : `chown: invalid user: '${spec}'\n`);
      return 1;
    }
  }
  if (g) {
    gid = lookupId(ctx, '/etc/group', g);
    if (gid === undefined) {
      ctx.err(ctx.flavor === 'busybox' ? `${ctx.name}: unknown group ${g}\n` : isChgrp ? `chgrp: invalid group: '${g}'\n` : `chown: invalid group: '${spec}'\n`);
      return 1;
    }
  } else if (spec.endsWith(':') && uid !== undefined) {
    try {
      const line = ctx.world.readText('/etc/passwd').split('\n').find((l) => l.split(':')[0] === u);
      gid = line ? Number(line.split(':')[3]) : undefined;
    } catch { /* keep */ }
  }
  let status = 0;
  for (const f of files) {
    const path = ctx.abs(f);
    if (!ctx.world.lstat(path)) {
      status = fsErr(ctx, new FsError('ENOENT', f), f, ['', 'cannot access']);
      continue;
    }
    for (const p of recursive ? walkPaths(ctx, path) : [path]) {
      const meta: { uid?: number; gid?: number } = {};
      if (uid !== undefined) meta.uid = uid;
      if (gid !== undefined) meta.gid = gid;
      try {
        if (ctx.world.user.uid !== 0) throw new FsError('EACCES', f);
        ctx.world.setMeta(p, meta, false);
      } catch (e) {
        status = fsErr(ctx, e, f, ['', 'changing ownership of']);
      }
    }
  }
  return status;
};

const ln: Program = (ctx, args) => {
  const o = parseOpts(args, { flags: 'sfnvT', long: { symbolic: 's', force: 'f' } });
  if (o.bad) return usageErr(ctx, o.bad);
  const [target, link] = o.rest;
  if (!target) {
    ctx.err("ln: missing file operand\n");
    return 1;
  }
  let linkPath = ctx.abs(link ?? basename(target));
  if (ctx.world.stat(linkPath)?.type === 'dir' && !o.flags.has('n') && !o.flags.has('T')) linkPath = normalizePath(`${linkPath}/${basename(target)}`);
  try {
    if (ctx.world.lstat(linkPath)) {
      if (!o.flags.has('f')) throw new FsError('EEXIST', link ?? basename(target));
      ctx.world.remove(linkPath);
    }
    if (o.flags.has('s')) ctx.world.symlink(target, linkPath);
    else {
      const node = ctx.world.stat(ctx.abs(target));
      if (!node) throw new FsError('ENOENT', target);
      // The lab's filesystem has no hard links; a hard link becomes a copy.
      ctx.world.copyNode(node, linkPath, true);
    }
  } catch (e) {
    if (e instanceof FsError && e.code === 'EEXIST') {
      // With one operand the link is made in the working directory: GNU names it ./NAME.
      const name = target.split('/').filter(Boolean).pop() ?? target;
      const shown = link ?? (ctx.flavor === 'busybox' ? name : `./${name}`);
      ctx.err(ctx.flavor === 'busybox' ? `ln: ${shown}: File exists\n` : `ln: failed to create ${o.flags.has('s') ? 'symbolic ' : 'hard '}link '${shown}': File exists\n`);
      return 1;
    }
    return fsErr(ctx, e, target, ['', 'failed to access']);
  }
  return 0;
};

const env: Program = (ctx, args) => {
  const e: Record<string, string> = { ...ctx.env };
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-i' || a === '-') {
      for (const k of Object.keys(e)) delete e[k];
      continue;
    }
    if (a === '-u') {
      delete e[args[++i] ?? ''];
      continue;
    }
    const eq = a.indexOf('=');
    if (eq > 0) {
      e[a.slice(0, eq)] = a.slice(eq + 1);
      continue;
    }
    break;
  }
  if (i >= args.length) {
    for (const [k, v] of Object.entries(e)) ctx.out(`${k}=${v}\n`);
    return 0;
  }
  const status = ctx.sh.runProgram(args.slice(i), e, ctx.io);
  if (status === 127) {
    // runProgram printed the shell's wording; env says it its own way.
  }
  return status;
};

const which: Program = (ctx, args) => {
  let status = 0;
  for (const a of args.filter((x) => !x.startsWith('-'))) {
    const p = ctx.sh.which(a, ctx.env['PATH'] ?? '');
    if (p) ctx.out(`${p}\n`);
    else status = 1;
  }
  return status;
};

function passwdEntry(ctx: ProgramContext, uid: number): string[] | undefined {
  try {
    return ctx.world.readText('/etc/passwd').split('\n').map((l) => l.split(':')).find((f) => f[2] === String(uid));
  } catch {
    return undefined;
  }
}

const id: Program = (ctx, args) => {
  let { uid, gid } = ctx.world.user;
  const who = args.find((a) => !a.startsWith('-'));
  if (who) {
    const entry = (() => {
      try {
        return ctx.world.readText('/etc/passwd').split('\n').map((l) => l.split(':')).find((f) => f[0] === who || f[2] === who);
      } catch {
        return undefined;
      }
    })();
    if (!entry) {
      ctx.err(ctx.flavor === 'busybox' ? `id: unknown user ${who}\n` : `id: '${who}': no such user\n`);
      return 1;
    }
    uid = Number(entry[2]);
    gid = Number(entry[3]);
  }
  const uname = passwdEntry(ctx, uid)?.[0];
  let gname: string | undefined;
  try {
    gname = ctx.world.readText('/etc/group').split('\n').map((l) => l.split(':')).find((f) => f[2] === String(gid))?.[0];
  } catch { /* none */ }
  if (args.includes('-u')) ctx.out(args.includes('-n') ? `${uname ?? uid}\n` : `${uid}\n`);
  else if (args.includes('-g')) ctx.out(args.includes('-n') ? `${gname ?? gid}\n` : `${gid}\n`);
  else {
    let groups = `${gid}${gname ? `(${gname})` : ''}`;
    if (uid === 0 && !who && ctx.flavor === 'busybox' && gname === 'root') groups = '0(root),0(root),1(bin),2(daemon),3(sys),4(adm),6(disk),10(wheel),11(floppy),20(dialout),26(tape),27(video)'.split(',').slice(1).join(',');
    ctx.out(`uid=${uid}${uname ? `(${uname})` : ''} gid=${gid}${gname ? `(${gname})` : ''} groups=${groups}\n`);
  }
  return 0;
};

const whoami: Program = (ctx) => {
  const name = passwdEntry(ctx, ctx.world.user.uid)?.[0];
  if (!name) {
    ctx.err(ctx.flavor === 'busybox' ? `whoami: unknown uid ${ctx.world.user.uid}\n` : `whoami: cannot find name for user ID ${ctx.world.user.uid}\n`);
    return 1;
  }
  ctx.out(`${name}\n`);
  return 0;
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


const uname: Program = (ctx, args) => {
  const all = { s: 'Linux', n: 'buildkitsandbox', r: '6.10.14-linuxkit', v: '#1 SMP Fri Nov 29 17:22:03 UTC 2024', m: 'x86_64', o: 'GNU/Linux' };
  const flags = args.join('').replace(/-/g, '');
  if (!flags) ctx.out('Linux\n');
  else if (flags.includes('a')) ctx.out(`${all.s} ${all.n} ${all.r} ${all.v} ${all.m} ${ctx.flavor === 'busybox' ? 'Linux' : all.o}\n`);
  else ctx.out([...flags].map((f) => all[f as keyof typeof all] ?? '').filter(Boolean).join(' ') + '\n');
  return 0;
};

const date: Program = (ctx, args) => {
  const d = new Date(ctx.world.mtime * 1000);
  const fmt = args.find((a) => a.startsWith('+'));
  if (fmt) {
    const pad = (n: number): string => String(n).padStart(2, '0');
    ctx.out(fmt.slice(1).replace(/%([YmdHMSsFT%])/g, (_m, c: string) => ({
      Y: String(d.getUTCFullYear()), m: pad(d.getUTCMonth() + 1), d: pad(d.getUTCDate()), H: pad(d.getUTCHours()), M: pad(d.getUTCMinutes()),
      S: pad(d.getUTCSeconds()), s: String(ctx.world.mtime), F: d.toISOString().slice(0, 10), T: d.toISOString().slice(11, 19), '%': '%',
    })[c] ?? '') + '\n');
  } else ctx.out(`${['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${d.toISOString().slice(11, 19)} UTC ${d.getUTCFullYear()}\n`);
  return 0;
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

/** GNU find's tests, actions and options (findutils find.1), so that a real one is never "unknown". */
const FIND_PREDICATES = new Set(('-amin -anewer -atime -cmin -cnewer -ctime -empty -executable -false -fstype -gid -group -ilname -inum -ipath -iregex '
  + '-iwholename -links -lname -mmin -mtime -newer -nogroup -nouser -path -perm -readable -regex -samefile -size -true -uid -used -user -wholename '
  + '-writable -xtype -context -execdir -fls -fprint -fprint0 -fprintf -ls -ok -okdir -print0 -printf -prune -quit -daystart -depth -follow -help '
  + '-ignore_readdir_race -mount -noignore_readdir_race -noleaf -regextype -version -warn -nowarn -xdev -not -a -and -o -or ! ( ) , -newermt -newerct').split(' '));

const find: Program = (ctx, args) => {
  const roots: string[] = [];
  let i = 0;
  while (i < args.length && !args[i]!.startsWith('-') && args[i] !== '!' && args[i] !== '(') roots.push(args[i++]!);
  if (!roots.length) roots.push('.');
  const tests: ((path: string, node: FsNode, depth: number) => boolean)[] = [];
  let maxDepth = Infinity;
  let minDepth = 0;
  let del = false;
  const execs: { argv: string[]; batch: boolean }[] = [];
  for (; i < args.length; i++) {
    const a = args[i]!;
    const v = args[i + 1] ?? '';
    if (a === '-name' || a === '-iname') {
      const pat = a === '-iname' ? v.toLowerCase() : v;
      tests.push((p) => globMatch(pat, a === '-iname' ? basename(p).toLowerCase() : basename(p)));
      i++;
    } else if (a === '-type') {
      const t = { f: 'file', d: 'dir', l: 'symlink' }[v as 'f' | 'd' | 'l'];
      tests.push((_p, n) => n.type === t);
      i++;
    } else if (a === '-maxdepth') {
      maxDepth = Number(v);
      i++;
    } else if (a === '-mindepth') {
      minDepth = Number(v);
      i++;
    } else if (a === '-print') continue;
    else if (a === '-delete') del = true;
    else if (a === '-exec') {
      // -exec COMMAND ; runs once per file, -exec COMMAND {} + once with them all (findutils find.1).
      const end = args.findIndex((x, k) => k > i && (x === ';' || (x === '+' && args[k - 1] === '{}')));
      if (end < 0) {
        ctx.err(`find: missing argument to \`${a}'\n`);
        return 1;
      }
      execs.push({ argv: args.slice(i + 1, end), batch: args[end] === '+' });
      i = end;
    } else if (FIND_PREDICATES.has(a)) {
      ctx.err(`In this lab, find's ${a} is not simulated; -name, -iname, -type, -maxdepth, -mindepth, -print, -delete and -exec are.\n`);
      return 1;
    } else {
      ctx.err(`find: unknown predicate \`${a}'\n`);
      return 1;
    }
  }
  let status = 0;
  const found: string[] = [];
  const visit = (display: string, path: string, depth: number): void => {
    const node = ctx.world.lstat(path);
    if (!node) return;
    if (depth >= minDepth && tests.every((t) => t(display, node, depth))) found.push(display);
    if (node.type === 'dir' && depth < maxDepth) for (const n of [...node.entries.keys()].sort()) visit(display === '/' ? `/${n}` : `${display}/${n}`, normalizePath(`${path}/${n}`), depth + 1);
  };
  for (const r of roots) {
    const path = ctx.abs(r);
    if (!ctx.world.lstat(path)) {
      ctx.err(ctx.flavor === 'busybox' ? `find: ${r}: No such file or directory\n` : `find: '${r}': No such file or directory\n`);
      status = 1;
      continue;
    }
    visit(r.replace(/(.)\/$/, '$1'), path, 0);
  }
  if (execs.length) {
    for (const x of execs) {
      const runs = x.batch ? [x.argv.flatMap((w) => (w === '{}' ? found : [w]))] : found.map((f) => x.argv.map((w) => w.replaceAll('{}', f)));
      for (const argv of runs) {
        if (!argv.length) continue;
        ctx.world.step();
        // find runs the program itself (execvp), not through a shell.
        if (!ctx.sh.which(argv[0]!, ctx.env['PATH'])) {
          ctx.err(ctx.flavor === 'busybox' ? `find: ${argv[0]}: No such file or directory\n` : `find: '${argv[0]}': No such file or directory\n`);
          status = 1;
          continue;
        }
        const code = ctx.sh.runProgram(argv, ctx.env, ctx.io);
        if (x.batch && code !== 0) status = 1;
      }
    }
    return status;
  }
  if (del) for (const f of found.reverse()) ctx.world.remove(ctx.abs(f), { recursive: true });
  else ctx.out(found.map((f) => f + '\n').join(''));
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

const du: Program = (ctx, args) => {
  const o = parseOpts(args, { flags: 'shac', values: 'd' });
  let status = 0;
  for (const t of o.rest.length ? o.rest : ['.']) {
    const node = ctx.world.lstat(ctx.abs(t));
    if (!node) {
      ctx.err(`du: cannot access '${t}': No such file or directory\n`);
      status = 1;
      continue;
    }
    const size = (n: FsNode): number => n.type === 'dir' ? 4096 + [...n.entries.values()].reduce((a, c) => a + size(c), 0) : n.type === 'file' ? Math.ceil(contentSize(n.content) / 4096) * 4096 : 0;
    const bytes = size(node);
    ctx.out(`${o.flags.has('h') ? human(bytes) : Math.ceil(bytes / 1024)}\t${t}\n`);
  }
  return status;
};

const mktemp: Program = (ctx, args) => {
  const dir = args.includes('-d');
  let n = 0;
  let path: string;
  do path = `/tmp/tmp.${String(++n).padStart(6, 'a').replace(/\d/g, (d) => 'XyZwQk'[Number(d) % 6]!)}`; while (ctx.world.lstat(path));
  if (dir) ctx.world.mkdir(path, { mode: 0o700 });
  else ctx.world.writeFile(path, '', { mode: 0o600 });
  ctx.out(`${path}\n`);
  return 0;
};

const basenameP: Program = (ctx, args) => {
  if (!args.length) {
    ctx.err('basename: missing operand\n');
    return 1;
  }
  let b = basename(args[0]!);
  if (args[1] && b.endsWith(args[1]) && b !== args[1]) b = b.slice(0, -args[1].length);
  ctx.out(`${b}\n`);
  return 0;
};

const dirnameP: Program = (ctx, args) => {
  const a = args[0] ?? '.';
  ctx.out(`${a.includes('/') ? dirname(a.startsWith('/') ? a : '/' + a).replace(a.startsWith('/') ? /^$/ : /^\//, '') || (a.startsWith('/') ? '/' : '.') : '.'}\n`);
  return 0;
};

const nproc: Program = (ctx) => {
  ctx.out('4\n');
  return 0;
};

const hostname: Program = (ctx) => {
  ctx.out('buildkitsandbox\n');
  return 0;
};

export const COREUTILS: Record<string, Program> = {
  cat, mkdir, rm, rmdir, touch, chmod, chown, chgrp: chown, ln, env, which, id, whoami, wc, uname, date, sort, uniq, sed: lazyProgram('sed'), xargs: lazyProgram('xargs'),
  ls: lazyProgram('ls'), sleep: lazyProgram('sleep'), grep: lazyProgram('grep'), egrep: lazyProgram('grep'),
  tr, tee, cut, find, seq, du, mktemp, nproc, hostname,
  cp: (ctx, args) => copyLike(ctx, args, false),
  mv: (ctx, args) => copyLike(ctx, args, true),
  head: headTail(false),
  tail: headTail(true),
  basename: basenameP,
  dirname: dirnameP,
  pwd: (ctx) => {
    ctx.out(`${ctx.sh.cwd}\n`);
    return 0;
  },
  echo: (ctx, args) => {
    ctx.out(echoText(args, false, true));
    return 0;
  },
  printf: (ctx, args) => {
    ctx.out(printfFormat(args[0] ?? '', args.slice(1)));
    return 0;
  },
  true: () => 0,
  false: () => 1,
  test: (ctx, args) => evalTest(ctx, args, 'test'),
  '[': (ctx, args) => evalTest(ctx, args, '['),
  yes: (ctx, args) => {
    const line = (args.join(' ') || 'y') + '\n';
    for (;;) {
      ctx.world.step();
      ctx.out(line);
    }
  },
};

export { human, DEFAULT_MTIME };
