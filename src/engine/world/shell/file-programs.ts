// Programs that change files: mkdir, rm, rmdir, cp, mv, touch, chmod, ln, du and mktemp. What cp,
// mv, rm and chmod decide is shared with the lab shell (src/engine/fs); the wording follows GNU
// coreutils or busybox, as the binary PATH found is.
import { basename, contentSize, normalizePath, type FsNode } from '../../fs/index.ts';
import type { Program, ProgramContext } from './program.ts';
import { last, parseOpts, splitSpecArgs } from '../../fs/index.ts';
import { applyChmod } from '../../fs/index.ts';
import { dotRefusalMessage, intoItselfMessage, isDotOrDotDot, overlap, sameFileMessage, transferTarget } from '../../fs/index.ts';
import { FsError } from './world.ts';
import { fsErr, human, usageErr, walkPaths } from './proglib.ts';

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
    // busybox refuses . and .. before anything else; GNU after "Is a directory" (which a . or ..
    // without -r always is) and before the check for /.
    if (isDotOrDotDot(f) && (ctx.flavor === 'busybox' || recursive)) {
      ctx.err(ctx.flavor === 'busybox' ? "rm: can't remove '.' or '..'\n" : dotRefusalMessage(f));
      status = 1;
      continue;
    }
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
    const { path: target, shown } = transferTarget(s, dest, destPath, destNode?.type === 'dir');
    const clash = overlap(src, target);
    if (clash === 'same') {
      // busybox mv is rename(2), which leaves a file renamed onto itself as it was.
      if (move && ctx.flavor === 'busybox') continue;
      ctx.err(sameFileMessage(ctx.name, s, shown));
      status = 1;
      continue;
    }
    if (clash === 'inside' && (move || ctx.flavor === 'gnu')) {
      // GNU copy.c and mv.c refuse by name; busybox mv's rename(2) fails with EINVAL. (busybox cp
      // copies and then stops at the copy it made: in this lab it copies the tree once.)
      if (ctx.flavor === 'busybox') status = fsErr(ctx, new FsError('EINVAL', s), s, ["can't rename", '']);
      else {
        ctx.err(intoItselfMessage(ctx.name, s, shown));
        status = 1;
      }
      continue;
    }
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

const chmod: Program = (ctx, args) => {
  // -c, -f and -v change only what chmod prints; in this lab it prints nothing for them.
  const { flags, spec, files } = splitSpecArgs(args, 'Rcfv');
  const recursive = flags.has('R');
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
      const mode = applyChmod(spec, node.mode, node.type === 'dir', { flavor: ctx.flavor });
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

export const FILE_PROGRAMS: Record<string, Program> = {
  mkdir, rm, rmdir, touch, chmod, ln, du, mktemp,
  cp: (ctx, args) => copyLike(ctx, args, false),
  mv: (ctx, args) => copyLike(ctx, args, true),
};
