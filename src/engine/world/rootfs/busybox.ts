// busybox:1.36 (the default glibc variant): a static-ish busybox, glibc's shared libraries and a
// minimal /etc. The real image hard-links every applet to /bin/busybox; this lab uses symlinks,
// because its filesystem model has no hard links.
import type { DirNode } from '../../fs/index.ts';
import { putBulk, putLink, putText } from '../fsutil.ts';
import { BUSYBOX_APPLETS } from './alpine.ts';
import { skeleton } from './common.ts';

export function buildBusybox(): DirNode {
  let root = skeleton(['/bin', '/dev', '/etc', '/home', '/lib', '/lib64', ['/root', 0o700], ['/tmp', 0o1777], '/usr/sbin', '/var/spool/mail', '/var/www']);
  root = putBulk(root, '/bin/busybox', 1_146_568, 0o755, undefined, 'busybox-1.36.1-glibc:/bin/busybox');
  root = putBulk(root, '/lib/ld-linux-x86-64.so.2', 236_616);
  root = putBulk(root, '/lib/libc.so.6', 2_105_184);
  root = putBulk(root, '/lib/libm.so.6', 952_616);
  root = putBulk(root, '/lib/libresolv.so.2', 68_552);
  root = putBulk(root, '/lib/libnss_files.so.2', 14_480);
  root = putBulk(root, '/lib/libnss_dns.so.2', 14_480);
  root = putLink(root, '/lib64/ld-linux-x86-64.so.2', '/lib/ld-linux-x86-64.so.2');
  const all = new Set(Object.values(BUSYBOX_APPLETS).flat().concat(['sh', 'bash'].filter(() => false)));
  all.add('sh');
  for (const a of [...all].sort()) if (a !== '[[') root = putLink(root, `/bin/${a}`, 'busybox');
  root = putText(root, '/etc/passwd', 'root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/bin/false\nbin:x:2:2:bin:/bin:/bin/false\nsys:x:3:3:sys:/dev:/bin/false\nsync:x:4:100:sync:/bin:/bin/sync\nmail:x:8:8:mail:/var/spool/mail:/bin/false\nwww-data:x:33:33:www-data:/var/www:/bin/false\noperator:x:37:37:Operator:/var:/bin/false\nnobody:x:65534:65534:nobody:/home:/bin/false\n');
  root = putText(root, '/etc/group', 'root:x:0:\ndaemon:x:1:\nbin:x:2:\nsys:x:3:\nadm:x:4:\ntty:x:5:\ndisk:x:6:\nlp:x:7:\nmail:x:8:\nkmem:x:9:\nwheel:x:10:root\ncdrom:x:11:\ndialout:x:18:\nfloppy:x:19:\nvideo:x:28:\naudio:x:29:\ntape:x:32:\nwww-data:x:33:\noperator:x:37:\nutmp:x:43:\nplugdev:x:46:\nstaff:x:50:\nlock:x:54:\nnetdev:x:82:\nusers:x:100:\nnogroup:x:65534:\n');
  root = putText(root, '/etc/shadow', 'root:*:10933:0:99999:7:::\ndaemon:*:10933:0:99999:7:::\nbin:*:10933:0:99999:7:::\nsys:*:10933:0:99999:7:::\nsync:*:10933:0:99999:7:::\nmail:*:10933:0:99999:7:::\nwww-data:*:10933:0:99999:7:::\noperator:*:10933:0:99999:7:::\nnobody:*:10933:0:99999:7:::\n', 0o600);
  root = putText(root, '/etc/nsswitch.conf', 'hosts: files dns\nnetworks: files\npasswd: files\ngroup: files\nshadow: files\n');
  return root;
}
