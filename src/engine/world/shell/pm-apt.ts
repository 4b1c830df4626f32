// apt-get and apt over the toy index: update (fetches the package lists), install with the real
// sequence of messages, remove/purge, clean. Without lists, install fails with "Unable to locate".
import { generatedContent } from '../../fs/index.ts';
import { dpkgStanza } from '../install.ts';
import { aptIndexFor } from '../packages/indexes.ts';
import { resolveDeps } from '../packages/resolve.ts';
import type { ToyPackage } from '../packages/model.ts';
import { aptSize, aptWrap } from './fmt.ts';
import { bulkContent } from '../fsutil.ts';
import type { Program, ProgramContext } from './program.ts';
import { DEBIAN_MIRROR, DEBIAN_SECURITY_MIRROR } from '../mirrors.ts';

interface Distro {
  id: string;
  codename: string;
  main: string;
  lists: { get: string; file: string; download: number; stored: number }[];
}

function distro(ctx: ProgramContext): Distro {
  let osr = '';
  try {
    osr = ctx.world.readText('/etc/os-release');
  } catch { /* none */ }
  const id = /^ID=(.*)$/m.exec(osr)?.[1]?.replace(/"/g, '') ?? 'debian';
  const codename = /^VERSION_CODENAME=(.*)$/m.exec(osr)?.[1] ?? (id === 'ubuntu' ? 'noble' : 'bookworm');
  if (id === 'ubuntu') {
    const a = 'http://archive.ubuntu.com/ubuntu';
    const s = 'http://security.ubuntu.com/ubuntu';
    const f = (host: string, suite: string, part: string): string => `${host.replace('http://', '').replace(/\//g, '_')}_dists_${suite}_${part}`;
    return {
      id, codename, main: a,
      lists: [
        { get: `${a} ${codename} InRelease`, file: f(a, codename, 'InRelease'), download: 256_000, stored: 256_000 },
        { get: `${s} ${codename}-security InRelease`, file: f(s, `${codename}-security`, 'InRelease'), download: 126_000, stored: 126_000 },
        { get: `${a} ${codename}-updates InRelease`, file: f(a, `${codename}-updates`, 'InRelease'), download: 126_000, stored: 126_000 },
        { get: `${a} ${codename}/main amd64 Packages`, file: f(a, codename, 'main_binary-amd64_Packages'), download: 1_808_000, stored: 7_200_000 },
        { get: `${a} ${codename}/universe amd64 Packages`, file: f(a, codename, 'universe_binary-amd64_Packages'), download: 19_300_000, stored: 34_600_000 },
        { get: `${s} ${codename}-security/main amd64 Packages`, file: f(s, `${codename}-security`, 'main_binary-amd64_Packages'), download: 1_100_000, stored: 4_300_000 },
      ],
    };
  }
  const d = DEBIAN_MIRROR;
  const sec = DEBIAN_SECURITY_MIRROR;
  const f = (host: string, suite: string, part: string): string => `${host.replace('http://', '').replace(/\//g, '_')}_dists_${suite}_${part}`;
  return {
    id, codename, main: d,
    lists: [
      { get: `${d} ${codename} InRelease`, file: f(d, codename, 'InRelease'), download: 151_000, stored: 151_000 },
      { get: `${d} ${codename}-updates InRelease`, file: f(d, `${codename}-updates`, 'InRelease'), download: 55_400, stored: 55_400 },
      { get: `${sec} ${codename}-security InRelease`, file: f(sec, `${codename}-security`, 'InRelease'), download: 48_000, stored: 48_000 },
      { get: `${d} ${codename}/main amd64 Packages`, file: f(d, codename, 'main_binary-amd64_Packages'), download: 8_792_000, stored: 40_100_000 },
      { get: `${d} ${codename}-updates/main amd64 Packages`, file: f(d, `${codename}-updates`, 'main_binary-amd64_Packages'), download: 13_500, stored: 61_000 },
      { get: `${sec} ${codename}-security/main amd64 Packages`, file: f(sec, `${codename}-security`, 'main_binary-amd64_Packages'), download: 243_000, stored: 1_090_000 },
    ],
  };
}

const LISTS = '/var/lib/apt/lists';

function haveLists(ctx: ProgramContext): boolean {
  try {
    return ctx.world.readdir(LISTS).some((n) => n.endsWith('_Packages'));
  } catch {
    return false;
  }
}

function readStatus(ctx: ProgramContext): Map<string, string> {
  const out = new Map<string, string>();
  let status = '';
  try {
    status = ctx.world.readText('/var/lib/dpkg/status');
  } catch { /* none */ }
  for (const stanza of status.split('\n\n')) {
    const name = /^Package: (.*)$/m.exec(stanza)?.[1];
    const version = /^Version: (.*)$/m.exec(stanza)?.[1];
    if (name && version) out.set(name, version);
  }
  return out;
}

function rootCheck(ctx: ProgramContext): boolean {
  if (ctx.world.user.uid === 0) return true;
  ctx.err('E: Could not open lock file /var/lib/dpkg/lock-frontend - open (13: Permission denied)\nE: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), are you root?\n');
  return false;
}

function update(ctx: ProgramContext): number {
  if (ctx.world.user.uid !== 0) {
    ctx.err('E: Could not open lock file /var/lib/apt/lists/lock - open (13: Permission denied)\nE: Unable to lock directory /var/lib/apt/lists/\n');
    return 100;
  }
  const d = distro(ctx);
  if (ctx.world.network === 'none') {
    const hosts = [...new Set(d.lists.map((l) => l.get.split(' ')[0]!))];
    d.lists.filter((l) => l.get.endsWith('InRelease')).forEach((l, i) => {
      const host = l.get.split('/')[2];
      ctx.out(`Err:${i + 1} ${l.get}\n  Temporary failure resolving '${host}'\n`);
    });
    ctx.out('Reading package lists...\n');
    for (const l of d.lists.filter((x) => x.get.endsWith('InRelease'))) {
      const [url, suite] = l.get.split(' ');
      ctx.err(`W: Failed to fetch ${url}/dists/${suite}/InRelease  Temporary failure resolving '${url!.split('/')[2]}'\n`);
    }
    void hosts;
    ctx.err('W: Some index files failed to download. They have been ignored, or old ones used instead.\n');
    return 0;
  }
  let total = 0;
  d.lists.forEach((l, i) => {
    ctx.out(`Get:${i + 1} ${l.get} [${aptSize(l.download)}B]\n`);
    total += l.download;
    ctx.world.writeFile(`${LISTS}/${l.file}`, generatedContent(`apt-list:${l.file}`, l.stored));
  });
  const secs = Math.max(1, Math.round(total / 8_000_000));
  ctx.world.durationMs += secs * 1000;
  ctx.out(`Fetched ${aptSize(total)}B in ${secs}s (${aptSize(total / secs)}B/s)\nReading package lists...\n`);
  return 0;
}

function debName(p: ToyPackage): string {
  return `${p.name}_${p.version.replace(':', '%3a')}_${p.name.startsWith('lib') || p.section === 'libs' ? 'amd64' : 'amd64'}.deb`;
}

function archName(p: ToyPackage): string {
  return p.section === 'libs' || p.name.startsWith('lib') ? `${p.name}:amd64` : p.name;
}

function install(ctx: ProgramContext, args: string[], isApt: boolean): number {
  const yes = args.some((a) => a === '-y' || a === '--yes' || a === '--assume-yes' || /^-[a-z]*y/.test(a)) || ctx.env['DEBIAN_FRONTEND'] === 'noninteractive' && false;
  const noRec = args.includes('--no-install-recommends');
  const names = args.filter((a) => !a.startsWith('-')).map((a) => a.replace(/=.*$/, ''));
  if (!rootCheck(ctx)) return 100;
  ctx.out('Reading package lists...\nBuilding dependency tree...\nReading state information...\n');
  const lists = haveLists(ctx);
  const release = distro(ctx);
  const index = aptIndexFor(release.codename);
  const installed = readStatus(ctx);
  const missing = names.filter((n) => !installed.has(n) && (!lists || !index.has(n)));
  if (missing.length) {
    for (const n of missing) ctx.err(`E: Unable to locate package ${n}\n`);
    // With the lists in place, a miss may be the toy index's and not the archive's: say so, or the
    // lab would teach that the package does not exist.
    if (lists) ctx.err(`In this lab, ${release.id === 'ubuntu' ? 'Ubuntu' : 'Debian'} ${release.codename}'s package index is a small one (${index.size} packages): a real image may well have what is missing here.\n`);
    return 100;
  }
  for (const n of names) if (installed.has(n)) ctx.out(`${n} is already the newest version (${installed.get(n)}).\n`);
  const { order } = resolveDeps(index, names, new Set(installed.keys()), !noRec);
  const extra = order.filter((p) => !names.includes(p.name)).map((p) => p.name).sort();
  if (extra.length) ctx.out(`The following additional packages will be installed:\n${aptWrap(extra)}`);
  if (order.length) ctx.out(`The following NEW packages will be installed:\n${aptWrap(order.map((p) => p.name).sort())}`);
  ctx.out(`0 upgraded, ${order.length} newly installed, 0 to remove and 0 not upgraded.\n`);
  if (!order.length) return 0;
  const download = order.reduce((a, p) => a + p.downloadSize, 0);
  const size = order.reduce((a, p) => a + p.installedSize, 0);
  ctx.out(`Need to get ${aptSize(download)}B of archives.\nAfter this operation, ${aptSize(size)}B of additional disk space will be used.\n`);
  if (!yes) {
    ctx.out('Do you want to continue? [Y/n] Abort.\n');
    return 1;
  }
  const d = distro(ctx);
  order.forEach((p, i) => ctx.out(`Get:${i + 1} ${d.main} ${d.codename}/main amd64 ${p.name} amd64 ${p.version} [${aptSize(p.downloadSize)}B]\n`));
  const secs = Math.max(0, Math.round(download / 25_000_000));
  ctx.world.durationMs += Math.max(200, download / 25_000);
  ctx.err('debconf: delaying package configuration, since apt-utils is not installed\n');
  ctx.out(`Fetched ${aptSize(download)}B in ${secs}s (${aptSize(download / Math.max(secs, 0.5))}B/s)\n`);
  let files = 0;
  try {
    for (const n of ctx.world.readdir('/var/lib/dpkg/info')) if (n.endsWith('.list')) files += ctx.world.readText(`/var/lib/dpkg/info/${n}`).split('\n').filter(Boolean).length;
  } catch { /* none */ }
  const width = String(order.length - 1).length;
  let status = '';
  try {
    status = ctx.world.readText('/var/lib/dpkg/status');
  } catch { /* none */ }
  order.forEach((p, i) => {
    ctx.out(`Selecting previously unselected package ${archName(p)}.\n`);
    if (i === 0) ctx.out(`(Reading database ... ${files} files and directories currently installed.)\n`);
    ctx.out(`Preparing to unpack .../${order.length > 1 ? `${String(i).padStart(Math.max(2, width), '0')}-` : ''}${debName(p)} ...\nUnpacking ${archName(p)} (${p.version}) ...\n`);
    for (const f of p.files) {
      const parent = f.path.slice(0, f.path.lastIndexOf('/')) || '/';
      if (!ctx.world.stat(parent)) ctx.world.mkdir(parent, { parents: true });
      if (f.link !== undefined) {
        if (ctx.world.lstat(f.path)) ctx.world.remove(f.path, { recursive: true });
        ctx.world.symlink(f.link, f.path);
      } else ctx.world.writeFile(f.path, f.text ?? bulkContent(`apt:${p.name}@${p.version}:${f.path}`, f.size, f.path), { mode: f.mode ?? 0o644, uid: 0, gid: 0 });
    }
    const dirs = new Set<string>(['/.']);
    for (const f of p.files) {
      const parts = f.path.split('/').filter(Boolean);
      for (let k = 1; k < parts.length; k++) dirs.add('/' + parts.slice(0, k).join('/'));
    }
    ctx.world.writeFile(`/var/lib/dpkg/info/${p.name}.list`, [...dirs, ...p.files.map((f) => f.path)].join('\n') + '\n');
    status += dpkgStanza(p);
  });
  ctx.world.writeFile('/var/lib/dpkg/status', status);
  for (const p of order) ctx.out(`Setting up ${archName(p)} (${p.version}) ...\n`);
  if (order.some((p) => p.files.some((f) => /\.so(\.|$)/.test(f.path)))) ctx.out(`Processing triggers for libc-bin (${installed.get('libc-bin') ?? '2.36-9+deb12u9'}) ...\n`);
  if (isApt) void 0;
  return 0;
}

function remove(ctx: ProgramContext, args: string[], purge: boolean): number {
  if (!rootCheck(ctx)) return 100;
  const names = args.filter((a) => !a.startsWith('-'));
  ctx.out('Reading package lists...\nBuilding dependency tree...\nReading state information...\n');
  const installed = readStatus(ctx);
  const gone = names.filter((n) => installed.has(n));
  for (const n of names.filter((x) => !installed.has(x))) ctx.out(`Package '${n}' is not installed, so not removed\n`);
  if (gone.length) ctx.out(`The following packages will be REMOVED:\n${aptWrap(gone.map((n) => (purge ? `${n}*` : n)))}`);
  ctx.out(`0 upgraded, 0 newly installed, ${gone.length} to remove and 0 not upgraded.\n`);
  if (!gone.length) return 0;
  let status = ctx.world.readText('/var/lib/dpkg/status');
  for (const n of gone) {
    ctx.out(`Removing ${n} (${installed.get(n)}) ...\n`);
    let list: string[] = [];
    try {
      list = ctx.world.readText(`/var/lib/dpkg/info/${n}.list`).split('\n').filter(Boolean);
    } catch { /* none */ }
    for (const f of list) {
      const node = ctx.world.lstat(f);
      if (node && node.type !== 'dir') ctx.world.remove(f);
    }
    if (ctx.world.lstat(`/var/lib/dpkg/info/${n}.list`)) ctx.world.remove(`/var/lib/dpkg/info/${n}.list`);
    status = status.split('\n\n').filter((s) => !new RegExp(`^Package: ${n.replace(/[.+]/g, '\\$&')}$`, 'm').test(s)).join('\n\n');
  }
  ctx.world.writeFile('/var/lib/dpkg/status', status);
  return 0;
}

function aptGet(isApt: boolean): Program {
  return (ctx, args) => {
    if (isApt) ctx.err('\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\n');
    const cmd = args.find((a) => !a.startsWith('-')) ?? '';
    const rest = args.filter((a, i) => i !== args.indexOf(cmd));
    switch (cmd) {
      case 'update':
        return update(ctx);
      case 'install':
        return install(ctx, rest, isApt);
      case 'remove':
      case 'purge':
        return remove(ctx, rest, cmd === 'purge');
      case 'autoremove':
        if (!rootCheck(ctx)) return 100;
        ctx.out('Reading package lists...\nBuilding dependency tree...\nReading state information...\n0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n');
        return 0;
      case 'clean':
      case 'autoclean':
        if (!rootCheck(ctx)) return 100;
        return 0;
      case 'upgrade':
      case 'dist-upgrade':
        if (!rootCheck(ctx)) return 100;
        ctx.out('Reading package lists...\nBuilding dependency tree...\nReading state information...\nCalculating upgrade...\n0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n');
        return 0;
      case '':
        ctx.out(isApt ? 'apt 2.6.1 (amd64)\n' : 'apt 2.6.1 (amd64)\n');
        return 0;
    }
    ctx.err(`E: Invalid operation ${cmd}\n`);
    return 100;
  };
}

export const aptGetProgram = aptGet(false);
export const aptProgram = aptGet(true);
