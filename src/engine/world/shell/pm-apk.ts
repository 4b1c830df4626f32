// apk (apk-tools 2.14) over the toy index: add, del, update, info; the world file, the installed
// database, the index cache under /var/cache/apk unless --no-cache, triggers and the OK summary.
import { generatedContent } from '../../fs/index.ts';
import { apkStanza } from '../install.ts';
import { apkIndex } from '../packages/indexes.ts';
import { resolveDeps } from '../packages/resolve.ts';
import type { PackageInfo } from '../types.ts';
import { fnvHex } from './fmt.ts';
import { bulkContent } from '../fsutil.ts';
import type { Program, ProgramContext } from './program.ts';
import { FsError } from './world.ts';

const DB = '/lib/apk/db/installed';

interface Installed {
  name: string;
  version: string;
  size: number;
  depends: string[];
  files: string[];
  stanza: string;
}

function readInstalled(ctx: ProgramContext): Installed[] {
  let db = '';
  try {
    db = ctx.world.readText(DB);
  } catch { /* empty */ }
  const out: Installed[] = [];
  for (const stanza of db.split('\n\n')) {
    if (!stanza.trim()) continue;
    const get = (k: string): string | undefined => new RegExp(`^${k}:(.*)$`, 'm').exec(stanza)?.[1];
    const files: string[] = [];
    let dir = '';
    for (const line of stanza.split('\n')) {
      if (line.startsWith('F:')) dir = line.slice(2);
      if (line.startsWith('R:')) files.push(`/${dir ? dir + '/' : ''}${line.slice(2)}`);
    }
    out.push({ name: get('P') ?? '', version: get('V') ?? '', size: Number(get('I') ?? 0), depends: (get('D') ?? '').split(' ').filter(Boolean), files, stanza: stanza.trim() + '\n\n' });
  }
  return out;
}

function writeInstalled(ctx: ProgramContext, list: Installed[]): void {
  ctx.world.writeFile(DB, list.map((p) => p.stanza).join(''));
}

function repos(ctx: ProgramContext): string[] {
  try {
    return ctx.world.readText('/etc/apk/repositories').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  } catch {
    return [];
  }
}

function readWorld(ctx: ProgramContext): string[] {
  try {
    return ctx.world.readText('/etc/apk/world').split(/\s+/).filter(Boolean);
  } catch {
    return [];
  }
}

const INDEX_SIZE: Record<string, number> = { main: 517_000, community: 1_385_000 };

function summary(ctx: ProgramContext, list: Installed[]): void {
  const bytes = list.reduce((a, p) => a + p.size, 0);
  ctx.out(`OK: ${Math.round(bytes / 1048576)} MiB in ${list.length} packages\n`);
}

function triggers(ctx: ProgramContext, changed: PackageInfo[], list: Installed[]): void {
  const touches = (re: RegExp): boolean => changed.some((p) => p.files.some((f) => re.test(f.path)));
  const busybox = list.find((p) => p.name === 'busybox');
  if (busybox && touches(/^\/?(usr\/)?s?bin\//)) ctx.out(`Executing busybox-${busybox.version}.trigger\n`);
  const ca = list.find((p) => p.name === 'ca-certificates');
  if (ca && touches(/^\/?(usr\/share\/ca-certificates|etc\/ssl\/certs)\//)) ctx.out(`Executing ca-certificates-${ca.version}.trigger\n`);
}

function lockCheck(ctx: ProgramContext): boolean {
  if (ctx.world.user.uid === 0) return true;
  ctx.err('ERROR: Unable to lock database: Permission denied\nERROR: Failed to open apk database: Permission denied\n');
  return false;
}

/** Fetches the indexes when needed; returns false when the network is unavailable. */
function fetchIndexes(ctx: ProgramContext, noCache: boolean, force: boolean): boolean {
  const urls = repos(ctx);
  const cached = (url: string): string => `/var/cache/apk/APKINDEX.${fnvHex(url)}.tar.gz`;
  const need = force || noCache || urls.some((u) => !ctx.world.stat(cached(u)));
  if (!need) return true;
  for (const u of urls) {
    const full = `${u}/x86_64/APKINDEX.tar.gz`;
    if (ctx.world.network === 'none') {
      ctx.err(`WARNING: fetching ${full}: DNS lookup error\n`);
      continue;
    }
    ctx.out(`fetch ${full}\n`);
    const size = INDEX_SIZE[u.split('/').pop() ?? ''] ?? 500_000;
    ctx.world.durationMs += 150 + size / 25_000;
    if (!noCache && ctx.world.stat('/var/cache/apk')?.type === 'dir') ctx.world.writeFile(cached(u), generatedContent(`apkindex:${u}`, size));
  }
  return ctx.world.network !== 'none';
}

function add(ctx: ProgramContext, args: string[]): number {
  const noCache = args.includes('--no-cache');
  const update = args.includes('-U') || args.includes('--update') || args.includes('--update-cache');
  const quiet = args.includes('-q') || args.includes('--quiet');
  let virtual: string | undefined;
  const names: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-t' || a === '--virtual') virtual = args[++i];
    else if (a.startsWith('--virtual=')) virtual = a.slice(10);
    else if (a.startsWith('-')) continue;
    else names.push(a.replace(/[<>=~].*$/, ''));
  }
  if (!names.length) {
    ctx.err('ERROR: unable to select packages: no packages specified\n');
    return 1;
  }
  if (!lockCheck(ctx)) return 99;
  const online = fetchIndexes(ctx, noCache, update);
  const index = apkIndex();
  const list = readInstalled(ctx);
  const installed = new Set(list.map((p) => p.name));
  const missing = names.filter((n) => !index.has(n) && !installed.has(n));
  if (!online || missing.length) {
    const bad = online ? missing : names.filter((n) => !installed.has(n));
    if (bad.length) {
      ctx.err('ERROR: unable to select packages:\n');
      for (const n of bad) ctx.err(`  ${n} (no such package):\n    required by: world[${n}]\n`);
      // Online, a miss may be the toy index's and not Alpine's (see pm-apt.ts).
      if (online) ctx.err(`In this lab, Alpine's package index is a small one (${index.size} packages): a real image may well have what is missing here.\n`);
      return bad.length;
    }
  }
  const { order } = resolveDeps(index, names, installed);
  const total = order.length + (virtual ? 1 : 0);
  let i = 0;
  let written = 0;
  for (const p of order) {
    if (!quiet) ctx.out(`(${++i}/${total}) Installing ${p.name} (${p.version})\n`);
    for (const f of p.files) {
      if (f.link !== undefined) {
        if (ctx.world.lstat(f.path)) ctx.world.remove(f.path, { recursive: false });
        const parent = f.path.slice(0, f.path.lastIndexOf('/'));
        if (!ctx.world.stat(parent)) ctx.world.mkdir(parent, { parents: true });
        ctx.world.symlink(f.link, f.path);
      } else {
        const parent = f.path.slice(0, f.path.lastIndexOf('/'));
        if (!ctx.world.stat(parent)) ctx.world.mkdir(parent, { parents: true });
        ctx.world.writeFile(f.path, f.text ?? bulkContent(`apk:${p.name}@${p.version}:${f.path}`, f.size, f.path), { mode: f.mode ?? 0o644, uid: 0, gid: 0 });
      }
    }
    written += p.installedSize;
    ctx.world.durationMs += 30 + p.downloadSize / 25_000;
    list.push({ name: p.name, version: p.version, size: p.installedSize, depends: p.depends, files: p.files.map((f) => f.path), stanza: apkStanza(p) });
  }
  void written;
  if (virtual) {
    const version = '20240101.000000';
    if (!quiet) ctx.out(`(${++i}/${total}) Installing ${virtual} (${version})\n`);
    const vp: PackageInfo = { manager: 'apk', name: virtual, version, description: 'virtual meta package', depends: names, installedSize: 0, downloadSize: 0, files: [] };
    list.push({ name: virtual, version, size: 0, depends: names, files: [], stanza: apkStanza(vp) });
  }
  writeInstalled(ctx, list);
  const world = new Set(readWorld(ctx));
  if (virtual) world.add(virtual);
  else names.forEach((n) => world.add(n));
  ctx.world.writeFile('/etc/apk/world', [...world].sort().join('\n') + '\n');
  if (!quiet) {
    triggers(ctx, order, list);
    summary(ctx, list);
  }
  return 0;
}

function del(ctx: ProgramContext, args: string[]): number {
  if (!lockCheck(ctx)) return 99;
  const names = args.filter((a) => !a.startsWith('-'));
  const quiet = args.includes('-q');
  const world = new Set(readWorld(ctx));
  let list = readInstalled(ctx);
  for (const n of names) {
    if (!world.has(n) && !list.some((p) => p.name === n)) {
      ctx.err(`WARNING: opening ${n}: No such file or directory\n`);
      continue;
    }
    world.delete(n);
  }
  // Keep whatever the world still needs; purge the rest (apk removes orphaned dependencies too).
  const byName = new Map(list.map((p) => [p.name, p]));
  const keep = new Set<string>();
  const visit = (n: string): void => {
    if (keep.has(n)) return;
    const p = byName.get(n.replace(/^so:.*/, '').replace(/[<>=~].*$/, ''));
    if (!p) return;
    keep.add(p.name);
    p.depends.forEach(visit);
  };
  world.forEach(visit);
  const gone = list.filter((p) => !keep.has(p.name)).reverse();
  gone.forEach((p, i) => {
    if (!quiet) ctx.out(`(${i + 1}/${gone.length}) Purging ${p.name} (${p.version})\n`);
    for (const f of p.files) {
      try {
        if (ctx.world.lstat(f)) ctx.world.remove(f);
      } catch (e) {
        if (!(e instanceof FsError)) throw e;
      }
    }
  });
  list = list.filter((p) => keep.has(p.name));
  writeInstalled(ctx, list);
  ctx.world.writeFile('/etc/apk/world', [...world].sort().join('\n') + '\n');
  if (!quiet) {
    const busybox = list.find((p) => p.name === 'busybox');
    if (busybox && gone.some((p) => p.files.some((f) => /^\/(usr\/)?s?bin\//.test(f)))) ctx.out(`Executing busybox-${busybox.version}.trigger\n`);
    summary(ctx, list);
  }
  return 0;
}

export const apk: Program = (ctx, args) => {
  const cmdIdx = args.findIndex((a) => !a.startsWith('-'));
  const cmd = cmdIdx >= 0 ? args[cmdIdx]! : '';
  const rest = [...args.slice(0, Math.max(cmdIdx, 0)), ...args.slice(cmdIdx + 1)];
  switch (cmd) {
    case 'add':
      return add(ctx, rest);
    case 'del':
      return del(ctx, rest);
    case 'update': {
      if (!lockCheck(ctx)) return 99;
      const ok = fetchIndexes(ctx, rest.includes('--no-cache'), true);
      const branch = /\/v(\d+\.\d+)\//.exec(repos(ctx)[0] ?? '')?.[1] ?? '3.21';
      if (!ok) {
        ctx.out(`${repos(ctx).map((u) => `[${u}]`).join('\n')}\n`);
        ctx.err('WARNING: updating and opening repositories failed\n');
        return 1;
      }
      for (const u of repos(ctx)) ctx.out(`v${branch}.0-${u.endsWith('community') ? '3' : '5'}-g000000000000 [${u}]\n`);
      ctx.out(`OK: ${branch === '3.20' ? 24163 : 25397} distinct packages available\n`);
      return 0;
    }
    case 'info': {
      const list = readInstalled(ctx);
      if (!rest.length) ctx.out(list.map((p) => `${p.name}\n`).join(''));
      else for (const n of rest.filter((a) => !a.startsWith('-'))) {
        const p = list.find((x) => x.name === n);
        if (p) ctx.out(`${p.name}-${p.version} description:\n${/^T:(.*)$/m.exec(p.stanza)?.[1] ?? ''}\n\n`);
      }
      return 0;
    }
    case 'cache':
      if (rest[0] === 'clean') return 0;
      break;
    case '':
      if (args.includes('--version') || args.includes('-V')) {
        ctx.out('apk-tools 2.14.6, compiled for x86_64.\n');
        return 0;
      }
      if (args.includes('--print-arch')) {
        ctx.out('x86_64\n');
        return 0;
      }
  }
  ctx.err(`In this lab, apk supports add, del, update and info; "apk ${cmd}" is not simulated.\n`);
  return 1;
};
