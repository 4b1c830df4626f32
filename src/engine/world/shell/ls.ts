// ls: one name per line (output is never a terminal in a RUN), -l with columns aligned as GNU ls
// does (widest link count, owner, group and size in the listing) or busybox's fixed widths, "total"
// in 1 KiB blocks of what is listed, and -R recursion (coreutils src/ls.c; busybox coreutils/ls.c).
import { dirname, type DirNode, type FsNode } from '../../fs/index.ts';
import type { Program } from './program.ts';
import { gnuLongListing, parseOpts } from '../../fs/index.ts';
import { human, lsTime, modeString, nameOf, nodeSize, usageErr } from './proglib.ts';

/**
 * 512-byte blocks a node takes, as stat's st_blocks on ext4 or overlayfs: files in whole 4 KiB
 * blocks, a directory one block, a symlink (stored in its inode) none.
 */
function blocks512(node: FsNode): number {
  if (node.type === 'file') return Math.ceil(nodeSize(node) / 4096) * 8;
  if (node.type === 'dir') return 8;
  return 0;
}

interface Entry {
  name: string;
  node: FsNode;
}

export const ls: Program = (ctx, args) => {
  const o = parseOpts(args, {
    flags: 'laA1hdRFtrSnpL',
    long: { all: 'a', 'almost-all': 'A', 'human-readable': 'h', directory: 'd', recursive: 'R', classify: 'F', reverse: 'r', 'numeric-uid-gid': 'n', dereference: 'L' },
  });
  if (o.bad) return usageErr(ctx, o.bad);
  const f = o.flags;
  const long = f.has('l') || f.has('n');
  const recursive = f.has('R') && !f.has('d');
  const targets = o.rest.length ? o.rest : ['.'];
  let status = 0;
  let printed = false;
  const busybox = ctx.flavor === 'busybox';

  const suffix = (node: FsNode): string => {
    if (f.has('F')) return node.type === 'dir' ? '/' : node.type === 'symlink' && !long ? '@' : node.type === 'file' && node.mode & 0o111 ? '*' : '';
    return f.has('p') && node.type === 'dir' ? '/' : '';
  };
  const sorted = (entries: Entry[]): Entry[] => {
    const out = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    if (f.has('t')) out.sort((a, b) => b.node.mtime - a.node.mtime);
    else if (f.has('S')) out.sort((a, b) => nodeSize(b.node) - nodeSize(a.node));
    return f.has('r') ? out.reverse() : out;
  };
  const print = (entries: Entry[]): void => {
    if (!long) {
      for (const e of entries) ctx.out(`${e.name}${suffix(e.node)}\n`);
      return;
    }
    const rows = entries.map(({ name, node }) => {
      const links = node.type === 'dir' ? 2 + [...node.entries.values()].filter((c) => c.type === 'dir').length : 1;
      const size = nodeSize(node);
      return {
        mode: modeString(node),
        links: String(links),
        owner: f.has('n') ? String(node.uid) : nameOf(ctx, '/etc/passwd', node.uid),
        group: f.has('n') ? String(node.gid) : nameOf(ctx, '/etc/group', node.gid),
        size: f.has('h') ? human(size) : String(size),
        time: lsTime(node.mtime),
        name: node.type === 'symlink' ? `${name} -> ${node.target}` : `${name}${suffix(node)}`,
      };
    });
    if (busybox) {
      // printf("%-10s ", mode); "%4lu "; "%-8.8s %-8.8s "; "%9llu " (or "%7s " for -h); "%.12s ".
      for (const r of rows) ctx.out(`${r.mode.padEnd(10)} ${r.links.padStart(4)} ${r.owner.slice(0, 8).padEnd(8)} ${r.group.slice(0, 8).padEnd(8)} ${f.has('h') ? r.size.padStart(7) : r.size.padStart(9)} ${r.time} ${r.name}\n`);
      return;
    }
    ctx.out(gnuLongListing(rows));
  };
  const total = (entries: Entry[]): string => {
    // GNU: sum of st_blocks shown in 1 KiB units, rounded up; busybox: (blocks + 1) >> 1.
    const kib = Math.ceil(entries.reduce((a, e) => a + blocks512(e.node), 0) / 2);
    return `total ${f.has('h') ? (kib ? human(kib * 1024) : '0') : kib}\n`;
  };

  const files: Entry[] = [];
  const dirs: Entry[] = [];
  for (const t of targets) {
    const path = ctx.abs(t);
    const node = long && !f.has('L') ? ctx.world.lstat(path) : ctx.world.stat(path);
    const followed = ctx.world.stat(path);
    if (!node) {
      ctx.err(busybox ? `ls: ${t}: No such file or directory\n` : `ls: cannot access '${t}': No such file or directory\n`);
      status = busybox ? 1 : 2;
      continue;
    }
    if (followed?.type === 'dir' && !f.has('d') && !(long && node.type === 'symlink' && !t.endsWith('/'))) dirs.push({ name: t, node: followed });
    else files.push({ name: t, node });
  }
  if (files.length) {
    print(sorted(files));
    printed = true;
  }
  const showHeaders = targets.length > 1 || recursive;

  const listDir = (label: string, path: string, dir: DirNode): void => {
    ctx.world.step();
    if (showHeaders) ctx.out(`${printed ? '\n' : ''}${label}:\n`);
    printed = true;
    const names = [...dir.entries.keys()].filter((n) => f.has('a') || f.has('A') || !n.startsWith('.'));
    let entries = sorted(names.map((n) => ({ name: n, node: dir.entries.get(n)! })));
    if (f.has('a')) entries = [{ name: '.', node: dir }, { name: '..', node: ctx.world.stat(dirname(path)) ?? dir }, ...entries];
    if (long) ctx.out(total(entries));
    print(entries);
    if (!recursive) return;
    for (const e of entries) {
      if (e.node.type !== 'dir' || e.name === '.' || e.name === '..') continue;
      listDir(label === '/' ? `/${e.name}` : `${label}/${e.name}`, path === '/' ? `/${e.name}` : `${path}/${e.name}`, e.node);
    }
  };
  for (const d of sorted(dirs)) listDir(d.name, ctx.abs(d.name), d.node as DirNode);
  return status;
};
