// Debian and Ubuntu root filesystems (merged /usr), built by installing the base packages of the toy
// index. The slim variant leaves out documentation, man pages and translations as debian's -slim
// images do; the full variant adds them.
import type { DirNode } from '../../fs/index.ts';
import { installDeb } from '../install.ts';
import { putLink, putText } from '../fsutil.ts';
import { DEBIAN_BASE_BOOKWORM } from '../packages/apt.ts';
import { NOBLE_BASE } from '../packages/apt-noble.ts';
import { aptIndexFor } from '../packages/indexes.ts';
import { spreadFiles } from '../packages/model.ts';
import type { PackageInfo } from '../types.ts';
import { skeleton } from './common.ts';

export interface DebRelease {
  distro: 'debian' | 'ubuntu';
  codename: string;
  /** e.g. '12.8' or '24.04.1' */
  version: string;
  osRelease: string;
  /** Base package versions that differ from the release's index (jammy borrows bookworm's index). */
  versions: Record<string, string>;
  slim: boolean;
  /** Extra bytes of documentation/man/locale files in the full variant. */
  docBytes: number;
  /** Bytes of other files the real image carries that the toy packages do not model (keeps totals realistic). */
  padBytes: number;
  sources: [string, string];
}

export const DEBIAN_PASSWD = `root:x:0:0:root:/root:/bin/bash
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
bin:x:2:2:bin:/bin:/usr/sbin/nologin
sys:x:3:3:sys:/dev:/usr/sbin/nologin
sync:x:4:65534:sync:/bin:/bin/sync
games:x:5:60:games:/usr/games:/usr/sbin/nologin
man:x:6:12:man:/var/cache/man:/usr/sbin/nologin
lp:x:7:7:lp:/var/spool/lpd:/usr/sbin/nologin
mail:x:8:8:mail:/var/mail:/usr/sbin/nologin
news:x:9:9:news:/var/spool/news:/usr/sbin/nologin
uucp:x:10:10:uucp:/var/spool/uucp:/usr/sbin/nologin
proxy:x:13:13:proxy:/bin:/usr/sbin/nologin
www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin
backup:x:34:34:backup:/var/backups:/usr/sbin/nologin
list:x:38:38:Mailing List Manager:/var/list:/usr/sbin/nologin
irc:x:39:39:ircd:/run/ircd:/usr/sbin/nologin
_apt:x:42:65534::/nonexistent:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
`;

const DEBIAN_GROUP = ['root:x:0:', 'daemon:x:1:', 'bin:x:2:', 'sys:x:3:', 'adm:x:4:', 'tty:x:5:', 'disk:x:6:', 'lp:x:7:', 'mail:x:8:', 'news:x:9:',
  'uucp:x:10:', 'man:x:12:', 'proxy:x:13:', 'kmem:x:15:', 'dialout:x:20:', 'fax:x:21:', 'voice:x:22:', 'cdrom:x:24:', 'floppy:x:25:', 'tape:x:26:',
  'sudo:x:27:', 'audio:x:29:', 'dip:x:30:', 'www-data:x:33:', 'backup:x:34:', 'operator:x:37:', 'list:x:38:', 'irc:x:39:', 'src:x:40:', 'shadow:x:42:',
  'utmp:x:43:', 'video:x:44:', 'sasl:x:45:', 'plugdev:x:46:', 'staff:x:50:', 'games:x:60:', 'users:x:100:', 'nogroup:x:65534:'].join('\n') + '\n';

export const BOOKWORM: DebRelease = {
  distro: 'debian', codename: 'bookworm', version: '12.8', slim: true, docBytes: 0, padBytes: 2_600_000, versions: {},
  osRelease: 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\nHOME_URL="https://www.debian.org/"\nSUPPORT_URL="https://www.debian.org/support"\nBUG_REPORT_URL="https://bugs.debian.org/"\n',
  sources: [DEBIAN_MIRROR, DEBIAN_SECURITY_MIRROR],
};

const UBUNTU_COMMON = {
  distro: 'ubuntu' as const, slim: true, docBytes: 0,
  sources: ['http://archive.ubuntu.com/ubuntu', 'http://security.ubuntu.com/ubuntu'] as [string, string],
};

export const NOBLE: DebRelease = {
  ...UBUNTU_COMMON, codename: 'noble', version: '24.04.1', padBytes: 5_900_000,
  // noble has an index of its own (packages/apt-noble.ts), with its names and versions.
  versions: {},
  osRelease: 'PRETTY_NAME="Ubuntu 24.04.1 LTS"\nNAME="Ubuntu"\nVERSION_ID="24.04"\nVERSION="24.04.1 LTS (Noble Numbat)"\nVERSION_CODENAME=noble\nID=ubuntu\nID_LIKE=debian\nHOME_URL="https://www.ubuntu.com/"\nSUPPORT_URL="https://help.ubuntu.com/"\nBUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"\nPRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"\nUBUNTU_CODENAME=noble\nLOGO=ubuntu-logo\n',
};

export const JAMMY: DebRelease = {
  ...UBUNTU_COMMON, codename: 'jammy', version: '22.04.5', padBytes: 5_700_000,
  versions: { libc6: '2.35-0ubuntu3.8', 'libc-bin': '2.35-0ubuntu3.8', bash: '5.1-6ubuntu1.1', coreutils: '8.32-4.1ubuntu1.2', apt: '2.4.13',
    'libapt-pkg6.0': '2.4.13', dpkg: '1.21.1ubuntu2.3', dash: '0.5.11+git20210903+057cd650a4ed-3build1', 'base-files': '12ubuntu4.7',
    'perl-base': '5.34.0-3ubuntu1.3', tar: '1.34+dfsg-1ubuntu0.1.22.04.2', grep: '3.7-1build1', sed: '4.8-1ubuntu2', gzip: '1.10-4ubuntu4.1',
    'util-linux': '2.37.2-4ubuntu3.4', libssl3: '3.0.2-0ubuntu1.18' },
  osRelease: 'PRETTY_NAME="Ubuntu 22.04.5 LTS"\nNAME="Ubuntu"\nVERSION_ID="22.04"\nVERSION="22.04.5 LTS (Jammy Jellyfish)"\nID=ubuntu\nID_LIKE=debian\nHOME_URL="https://www.ubuntu.com/"\nSUPPORT_URL="https://help.ubuntu.com/"\nBUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"\nPRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"\nUBUNTU_CODENAME=jammy\n',
};

export function buildDebLike(rel: DebRelease): DirNode {
  let root = skeleton([
    '/boot', '/dev', '/etc/apt/apt.conf.d', '/etc/apt/preferences.d', '/etc/apt/sources.list.d', '/etc/apt/trusted.gpg.d', '/etc/dpkg/dpkg.cfg.d',
    '/etc/default', '/etc/skel', '/home', '/media', '/mnt', '/opt', '/proc', ['/root', 0o700], '/run/lock', '/srv', '/sys', ['/tmp', 0o1777],
    '/usr/bin', '/usr/games', '/usr/include', '/usr/lib/x86_64-linux-gnu', '/usr/lib64', '/usr/libexec', '/usr/local/bin', '/usr/local/etc',
    '/usr/local/games', '/usr/local/include', '/usr/local/lib', '/usr/local/man', '/usr/local/sbin', '/usr/local/share', '/usr/local/src',
    '/usr/sbin', '/usr/share', '/usr/src', '/var/backups', '/var/cache/apt/archives/partial', '/var/cache/debconf', '/var/lib/apt/lists/partial',
    '/var/lib/dpkg/info', '/var/lib/dpkg/updates', '/var/lib/misc', '/var/local', '/var/log/apt', '/var/mail', '/var/opt', '/var/spool', ['/var/tmp', 0o1777],
  ]);
  // usr-merge: the top-level directories are symlinks into /usr.
  root = putLink(root, '/bin', 'usr/bin');
  root = putLink(root, '/sbin', 'usr/sbin');
  root = putLink(root, '/lib', 'usr/lib');
  root = putLink(root, '/lib64', 'usr/lib64');
  root = putLink(root, '/var/run', '/run');
  root = putLink(root, '/var/lock', '/run/lock');
  const index = aptIndexFor(rel.codename);
  const base: PackageInfo[] = (rel.codename === 'noble' ? NOBLE_BASE : DEBIAN_BASE_BOOKWORM).map((n) => {
    const p = index.get(n)!;
    return rel.versions[n] ? { ...p, version: rel.versions[n]! } : p;
  });
  const maintainer = rel.distro === 'ubuntu' ? 'Ubuntu Developers <ubuntu-devel-discuss@lists.ubuntu.com>' : undefined;
  root = installDeb(root, base, maintainer);
  root = putLink(root, '/usr/bin/sh', 'dash');
  root = putLink(root, '/etc/alternatives/awk', '/usr/bin/mawk');
  root = putText(root, '/usr/lib/os-release', rel.osRelease);
  root = putLink(root, '/etc/os-release', '../usr/lib/os-release');
  if (rel.distro === 'debian') root = putText(root, '/etc/debian_version', `${rel.version}\n`);
  else root = putText(root, '/etc/debian_version', rel.codename === 'noble' ? 'trixie/sid\n' : 'bookworm/sid\n');
  root = putText(root, '/etc/hostname', 'localhost\n');
  let passwd = DEBIAN_PASSWD;
  let group = DEBIAN_GROUP;
  if (rel.codename === 'noble') {
    passwd += 'ubuntu:x:1000:1000:Ubuntu:/home/ubuntu:/bin/bash\n';
    group += 'ubuntu:x:1000:\n';
    root = putText(root, '/home/ubuntu/.bashrc', '# ~/.bashrc: executed by bash(1) for non-login shells.\n', 0o644, { uid: 1000, gid: 1000 });
  }
  root = putText(root, '/etc/passwd', passwd);
  root = putText(root, '/etc/group', group);
  root = putText(root, '/etc/shadow', passwd.split('\n').filter(Boolean).map((l) => `${l.split(':')[0]}:*:19700:0:99999:7:::`).join('\n') + '\n', 0o640, { uid: 0, gid: 42 });
  root = putText(root, '/etc/shells', '# /etc/shells: valid login shells\n/bin/sh\n/usr/bin/sh\n/bin/bash\n/usr/bin/bash\n/bin/dash\n/usr/bin/dash\n');
  root = putText(root, '/etc/bash.bashrc', '# System-wide .bashrc file for interactive bash(1) shells.\n[ -z "$PS1" ] && return\n');
  root = putText(root, '/root/.bashrc', '# ~/.bashrc: executed by bash(1) for non-login shells.\n', 0o644);
  root = putText(root, '/root/.profile', '# ~/.profile: executed by Bourne-compatible login shells.\n\nif [ "$BASH" ]; then\n  if [ -f ~/.bashrc ]; then\n    . ~/.bashrc\n  fi\nfi\n\nmesg n 2> /dev/null || true\n');
  const [main, security] = rel.sources;
  if (rel.distro === 'debian') {
    root = putText(root, '/etc/apt/sources.list.d/debian.sources',
      `Types: deb\nURIs: ${main}\nSuites: ${rel.codename} ${rel.codename}-updates\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n\n` +
      `Types: deb\nURIs: ${security}\nSuites: ${rel.codename}-security\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n`);
    root = putText(root, '/etc/apt/apt.conf.d/docker-clean', 'DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };\nAPT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };\nDir::Cache::pkgcache "";\nDir::Cache::srcpkgcache "";\n');
    root = putText(root, '/etc/apt/apt.conf.d/docker-autoremove-suggests', 'Apt::AutoRemove::SuggestsImportant "false";\n');
    root = putText(root, '/etc/apt/apt.conf.d/docker-no-languages', 'Acquire::Languages "none";\n');
  } else {
    root = putText(root, `/etc/apt/sources.list${rel.codename === 'noble' ? '.d/ubuntu.sources' : ''}`, rel.codename === 'noble'
      ? `Types: deb\nURIs: ${main}/\nSuites: noble noble-updates noble-backports\nComponents: main universe restricted multiverse\nSigned-By: /usr/share/keyrings/ubuntu-archive-keyring.gpg\n\nTypes: deb\nURIs: ${security}/\nSuites: noble-security\nComponents: main universe restricted multiverse\nSigned-By: /usr/share/keyrings/ubuntu-archive-keyring.gpg\n`
      : `deb ${main}/ jammy main restricted\ndeb ${main}/ jammy-updates main restricted\ndeb ${main}/ jammy universe\ndeb ${security}/ jammy-security main restricted\n`);
    root = putText(root, '/etc/dpkg/dpkg.cfg.d/excludes', '# Drop all man pages\npath-exclude=/usr/share/man/*\n\n# Drop all translations\npath-exclude=/usr/share/locale/*/LC_MESSAGES/*.mo\n\n# Drop all documentation ...\npath-exclude=/usr/share/doc/*\n');
  }
  if (rel.padBytes > 0) for (const f of spreadFiles('/usr/lib/x86_64-linux-gnu/extra', 40, rel.padBytes, '.so', rel.codename)) root = putBulkFile(root, f.path, f.size);
  if (!rel.slim) {
    for (const p of base) {
      root = putText(root, `/usr/share/doc/${p.name}/copyright`, `Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\nUpstream-Name: ${p.name}\n`);
    }
    const man = Math.round(rel.docBytes * 0.35);
    for (const f of spreadFiles('/usr/share/man/man1', 400, man, '.1.gz', 'man')) root = putBulkFile(root, f.path, f.size, 0o644);
    for (const f of spreadFiles('/usr/share/locale/de/LC_MESSAGES', 80, rel.docBytes - man - 400_000, '.mo', 'loc')) root = putBulkFile(root, f.path, f.size, 0o644);
    for (const f of spreadFiles('/usr/share/doc/changelogs', 75, 400_000, '.gz', 'doc')) root = putBulkFile(root, f.path, f.size, 0o644);
  }
  return root;
}

import { putBulk } from '../fsutil.ts';
import { DEBIAN_MIRROR, DEBIAN_SECURITY_MIRROR } from '../mirrors.ts';
function putBulkFile(root: DirNode, path: string, size: number, mode = 0o755): DirNode {
  return putBulk(root, path, size, mode);
}
