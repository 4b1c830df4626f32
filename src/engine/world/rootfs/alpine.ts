// Alpine Linux root filesystems, built by installing the base packages of the toy index.
import type { DirNode } from '../../fs/index.ts';
import { appendWorld, installApk } from '../install.ts';
import { putLink, putText } from '../fsutil.ts';
import { ALPINE_BASE_321 } from '../packages/apk.ts';
import { apkIndex } from '../packages/indexes.ts';
import type { PackageInfo } from '../types.ts';
import { skeleton } from './common.ts';

export interface AlpineRelease {
  /** '3.21' */
  branch: string;
  /** '3.21.0' */
  version: string;
  /** Base package versions that differ from the index (which follows the newest branch). */
  versions: Record<string, string>;
}

export const ALPINE_321: AlpineRelease = { branch: '3.21', version: '3.21.0', versions: {} };
export const ALPINE_320: AlpineRelease = {
  branch: '3.20', version: '3.20.3',
  versions: {
    musl: '1.2.5-r0', 'musl-utils': '1.2.5-r0', busybox: '1.36.1-r29', 'busybox-binsh': '1.36.1-r29', ssl_client: '1.36.1-r29',
    'alpine-baselayout': '3.6.5-r0', 'alpine-baselayout-data': '3.6.5-r0', 'alpine-keys': '2.4-r1', 'alpine-release': '3.20.3-r0',
    'apk-tools': '2.14.4-r1', 'ca-certificates-bundle': '20240705-r0', libcrypto3: '3.3.2-r1', libssl3: '3.3.2-r1', zlib: '1.3.1-r1', scanelf: '1.3.7-r2',
  },
};

/** Busybox applets that Alpine links into the root filesystem, per directory. */
export const BUSYBOX_APPLETS: Record<string, string[]> = {
  '/bin': ('arch ash base64 bbconfig cat chattr chgrp chmod chown cp date dd df dmesg dnsdomainname dumpkmap echo egrep false fatattr fdflush fgrep fsync ' +
    'getopt grep gunzip gzip hostname ionice iostat ipcalc kbd_mode kill link linux32 linux64 ln login ls lsattr lzop makemime mkdir mknod mktemp more ' +
    'mount mountpoint mpstat mv netstat nice pidof ping ping6 pipe_progress printenv ps pwd reformime rev rm rmdir run-parts sed setpriv setserial sleep ' +
    'stat stty su sync tar touch true umount uname usleep watch zcat').split(' '),
  '/sbin': ('acpid adjtimex arp blkid blockdev depmod fbsplash fdisk findfs fsck fstrim getty halt hwclock ifconfig ifdown ifenslave ifup init inotifyd ' +
    'insmod ip ipaddr iplink ipneigh iproute iprule iptunnel klogd loadkmap logread losetup lsmod mdev mkdosfs mkfs.vfat mkswap modinfo modprobe nameif ' +
    'nologin pivot_root poweroff raidautorun reboot rmmod route setconsole slattach swapoff swapon switch_root sysctl syslogd tunctl udhcpc vconfig watchdog').split(' '),
  '/usr/bin': ('[ [[ awk basename bc beep blkdiscard bunzip2 bzcat bzip2 cal chvt cksum clear cmp comm cpio crontab cryptpw cut dc deallocvt diff dirname ' +
    'dos2unix du eject env expand expr factor fallocate find flock fold free fuser groups hd head hexdump hostid id install ipcrm ipcs killall last less ' +
    'logger lsof lsusb lzcat lzma lzopcat md5sum mesg microcom mkfifo mkpasswd nc nl nmeter nohup nproc nsenter nslookup od openvt passwd paste pgrep pkill ' +
    'pmap printf pscan pstree pwdx readlink realpath renice reset resize seq setkeycodes setsid sha1sum sha256sum sha3sum sha512sum showkey shred shuf ' +
    'sort split strings sum tac tail tee test time timeout top tr traceroute traceroute6 tree truncate tty ttysize udhcpc6 unexpand uniq unix2dos unlink ' +
    'unlzma unlzop unshare unxz unzip uptime uudecode uuencode vi vlock volname wc wget which who whoami whois xargs xxd xzcat yes').split(' '),
  '/usr/sbin': ('add-shell addgroup adduser arping brctl chpasswd chroot crond delgroup deluser ether-wake fbset killall5 loadfont nanddump nandwrite ' +
    'nbd-client ntpd partprobe rdate rdev readahead remove-shell sendmail setfont setlogcons').split(' '),
};

export const ALPINE_PASSWD = `root:x:0:0:root:/root:/bin/sh
bin:x:1:1:bin:/bin:/sbin/nologin
daemon:x:2:2:daemon:/sbin:/sbin/nologin
lp:x:4:7:lp:/var/spool/lpd:/sbin/nologin
sync:x:5:0:sync:/sbin:/bin/sync
shutdown:x:6:0:shutdown:/sbin:/sbin/shutdown
halt:x:7:0:halt:/sbin:/sbin/halt
mail:x:8:12:mail:/var/mail:/sbin/nologin
news:x:9:13:news:/usr/lib/news:/sbin/nologin
uucp:x:10:14:uucp:/var/spool/uucppublic:/sbin/nologin
cron:x:16:16:cron:/var/spool/cron:/sbin/nologin
ftp:x:21:21::/var/lib/ftp:/sbin/nologin
sshd:x:22:22:sshd:/dev/null:/sbin/nologin
games:x:35:35:games:/usr/games:/sbin/nologin
ntp:x:123:123:NTP:/var/empty:/sbin/nologin
guest:x:405:100:guest:/dev/null:/sbin/nologin
nobody:x:65534:65534:nobody:/:/sbin/nologin
`;

const ALPINE_GROUP = `root:x:0:root
bin:x:1:root,bin,daemon
daemon:x:2:root,bin,daemon
sys:x:3:root,bin
adm:x:4:root,daemon
tty:x:5:
disk:x:6:root
lp:x:7:lp
kmem:x:9:
wheel:x:10:root
floppy:x:11:root
mail:x:12:mail
news:x:13:news
uucp:x:14:uucp
cron:x:16:cron
audio:x:18:
cdrom:x:19:
dialout:x:20:root
ftp:x:21:
sshd:x:22:
input:x:23:
tape:x:26:root
video:x:27:root
netdev:x:28:
kvm:x:34:kvm
games:x:35:
shadow:x:42:
www-data:x:82:
users:x:100:games
ntp:x:123:
abuild:x:300:
utmp:x:406:
ping:x:999:
nogroup:x:65533:
nobody:x:65534:
`;

function shadowFrom(passwd: string): string {
  return passwd.split('\n').filter(Boolean).map((l) => `${l.split(':')[0]}:${l.startsWith('root:') ? '*' : '!'}::0:::::`).join('\n') + '\n';
}

function withVersions(pkgs: PackageInfo[], versions: Record<string, string>): PackageInfo[] {
  return pkgs.map((p) => (versions[p.name] ? { ...p, version: versions[p.name]! } : p));
}

export function buildAlpine(rel: AlpineRelease): DirNode {
  let root = skeleton([
    '/bin', '/dev', '/etc/apk/protected_paths.d', '/etc/conf.d', '/etc/crontabs', '/etc/init.d', '/etc/modprobe.d', '/etc/modules-load.d',
    '/etc/network/if-down.d', '/etc/network/if-post-down.d', '/etc/network/if-pre-up.d', '/etc/opt', '/etc/periodic/15min', '/etc/periodic/daily',
    '/etc/periodic/hourly', '/etc/periodic/monthly', '/etc/periodic/weekly', '/etc/profile.d', '/etc/sysctl.d', '/home', '/lib/apk/db', '/lib/firmware',
    '/lib/modules-load.d', '/lib/sysctl.d', '/media/cdrom', '/media/floppy', '/media/usb', '/mnt', '/opt', '/proc', ['/root', 0o700], '/run', '/sbin',
    '/srv', '/sys', ['/tmp', 0o1777], '/usr/lib/modules-load.d', '/usr/local/bin', '/usr/local/lib', '/usr/local/share', '/usr/sbin', '/usr/share/man',
    '/usr/share/misc', '/var/cache/apk', '/var/cache/misc', '/var/empty', '/var/lib/misc', '/var/local', '/var/lock/subsys', '/var/log', '/var/mail',
    '/var/opt', '/var/spool/cron', ['/var/tmp', 0o1777],
  ]);
  const index = apkIndex();
  const base = withVersions(ALPINE_BASE_321.map((n) => index.get(n)!), rel.versions);
  root = installApk(root, base);
  root = putText(root, '/etc/alpine-release', `${rel.version}\n`);
  root = putText(root, '/usr/lib/os-release', [
    'NAME="Alpine Linux"', 'ID=alpine', `VERSION_ID=${rel.version}`, `PRETTY_NAME="Alpine Linux v${rel.branch}"`,
    'HOME_URL="https://alpinelinux.org/"', 'BUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"', '',
  ].join('\n'));
  root = putLink(root, '/etc/os-release', '../usr/lib/os-release');
  root = putText(root, '/etc/issue', `Welcome to Alpine Linux ${rel.branch}\nKernel \\r on an \\m (\\l)\n\n`);
  root = putText(root, '/etc/apk/repositories', `https://dl-cdn.alpinelinux.org/alpine/v${rel.branch}/main\nhttps://dl-cdn.alpinelinux.org/alpine/v${rel.branch}/community\n`);
  root = putText(root, '/etc/apk/arch', 'x86_64\n');
  root = appendWorld(root, ['alpine-baselayout', 'alpine-keys', 'alpine-release', 'apk-tools', 'busybox', 'ca-certificates-bundle', 'musl-utils', 'ssl_client', 'zlib']);
  root = putText(root, '/etc/passwd', ALPINE_PASSWD);
  root = putText(root, '/etc/group', ALPINE_GROUP);
  root = putText(root, '/etc/shadow', shadowFrom(ALPINE_PASSWD), 0o640, { uid: 0, gid: 42 });
  root = putText(root, '/etc/shells', '# valid login shells\n/bin/sh\n/bin/ash\n');
  root = putText(root, '/etc/hostname', 'localhost\n');
  root = putText(root, '/etc/profile', 'export PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"\n\nexport PAGER=less\numask 022\n\nfor script in /etc/profile.d/*.sh ; do\n\tif [ -r "$script" ] ; then\n\t\t. "$script"\n\tfi\ndone\nunset script\n');
  root = putText(root, '/etc/motd', 'Welcome to Alpine!\n\nThe Alpine Wiki contains a large amount of how-to guides and general\ninformation about administrating Alpine systems.\nSee <https://wiki.alpinelinux.org/>.\n\nYou can setup the system with the command: setup-alpine\n\nYou may change this message by editing /etc/motd.\n\n');
  root = putText(root, '/etc/fstab', '/dev/cdrom\t/media/cdrom\tiso9660\tnoauto,ro 0 0\n/dev/usbdisk\t/media/usb\tvfat\tnoauto,ro 0 0\n');
  root = putText(root, '/etc/inittab', '# /etc/inittab\n\n::sysinit:/sbin/openrc sysinit\n::sysinit:/sbin/openrc boot\n::wait:/sbin/openrc default\n\n::ctrlaltdel:/sbin/reboot\n::shutdown:/sbin/openrc shutdown\n');
  root = putText(root, '/etc/nsswitch.conf', 'hosts: files dns\n');
  root = putText(root, '/etc/services', '# Network services, Internet style\n' + 'tcpmux\t\t1/tcp\nftp\t\t21/tcp\nssh\t\t22/tcp\ntelnet\t\t23/tcp\nsmtp\t\t25/tcp\ndomain\t\t53/tcp\ndomain\t\t53/udp\nhttp\t\t80/tcp\t\twww\nhttps\t\t443/tcp\n'.repeat(1) + '# (shortened in this lab)\n');
  root = putText(root, '/etc/protocols', 'ip\t0\tIP\nicmp\t1\tICMP\ntcp\t6\tTCP\nudp\t17\tUDP\nipv6\t41\tIPv6\n');
  root = putText(root, '/etc/securetty', 'console\ntty1\ntty2\n');
  for (const [dir, applets] of Object.entries(BUSYBOX_APPLETS)) for (const a of applets) root = putLink(root, `${dir}/${a}`, '/bin/busybox');
  return root;
}
