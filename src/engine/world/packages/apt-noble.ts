// The toy package index of Ubuntu 24.04 "noble": noble's own package names (the 64-bit time_t
// transition renamed many libraries: libssl3t64, libapt-pkg6.0t64, libcurl4t64 …) and versions.
// Every version below was read from a real noble system, never made up:
// - [transcript] `apt-get install -y curl` in the ubuntu:latest (24.04) image, early 2025: curl and the
//   21 packages it brings, and libc-bin 2.39-0ubuntu8.3 in the same image;
// - [24.04.1] `dpkg -l` of a 24.04.1 system (apt, base-files, base-passwd, bash, bsdutils, coreutils, dash)
//   or install logs of that time (dpkg);
// - [release] a version in noble's release pocket (noble/main) or an early update, seen in install logs
//   and package pools (gcc-14's libraries, perl-base, nginx);
// - [list] the package list of an image built on ubuntu:24.04 at a later point release (24.04.3), so
//   some of these are newer than what the lab's 24.04.1 image first shipped;
// - [source] the same source package as a verified one, so the same version (bsdutils and mount come
//   from util-linux, krb5-locales from krb5 …).
// File lists and sizes are the toy approximations of the bookworm index (apt.ts), as for every toy package.
// Packages whose noble version could not be checked are left out: `apt-get install` says it cannot locate them.
import { BOOKWORM_DEFS } from './apt.ts';
import { definePackages, type PackageDef, type ToyPackage } from './model.ts';

/** bookworm name → noble name, for packages and the dependencies that name them. */
const RENAMED: Record<string, string> = {
  'gcc-12-base': 'gcc-14-base', 'debian-archive-keyring': 'ubuntu-keyring', libssl3: 'libssl3t64', 'libapt-pkg6.0': 'libapt-pkg6.0t64',
  libgnutls30: 'libgnutls30t64', 'libdb5.3': 'libdb5.3t64', libnettle8: 'libnettle8t64', libhogweed6: 'libhogweed6t64',
  libunistring2: 'libunistring5', libcurl4: 'libcurl4t64', libpsl5: 'libpsl5t64', 'libldap-2.5-0': 'libldap2', 'libssh2-1': 'libssh-4',
};

// Where each version below was read (see the top of the file):
// [24.04.1] base-files, base-passwd, dash, bash, coreutils, dpkg, apt, bsdutils.
// [transcript] libc6, libc-bin, libssl3t64, openssl, ca-certificates, krb5-locales, libkrb5support0, libk5crypto3,
//   libkeyutils1, libkrb5-3, libgssapi-krb5-2, libnghttp2-14, libpsl5t64, publicsuffix, libbrotli1,
//   libsasl2-modules-db, libsasl2-2, libldap2, librtmp1, libssh-4, libcurl4t64, curl, libldap-common,
//   libsasl2-modules.
// [release] gcc-14-base, libgcc-s1, libstdc++6, perl-base, nginx-common, nginx.
// [list] debianutils, diffutils, findutils, grep, gzip, sed, tar, hostname, mawk, ncurses-base, ncurses-bin,
//   libtinfo6, libncursesw6, debconf, ubuntu-keyring, gpgv, login, passwd, sysvinit-utils, init-system-helpers,
//   libpam0g, libpam-modules, libpam-runtime, libselinux1, libpcre2-8-0, libacl1, libattr1, libaudit1, libcap-ng0,
//   libcap2, libcrypt1, libdb5.3t64, libbz2-1.0, liblzma5, libzstd1, zlib1g, liblz4-1, libgcrypt20, libgpg-error0,
//   libgnutls30t64, libgmp10, libnettle8t64, libhogweed6t64, libp11-kit0, libtasn1-6, libidn2-0, libunistring5,
//   libffi8, libsystemd0, libudev1, libsemanage2, libsepol2, libxxhash0, libmd0, libseccomp2.
// [source] libapt-pkg6.0t64, util-linux, mount, libblkid1, libmount1, libsmartcols1, libuuid1.

/** `name version` pairs: the base system first, in install order, then what learners install (curl and what it
 * brings, nginx). One string rather than an array of arrays: the lab ships this, and it is smaller so. */
const NOBLE_LIST = `
base-files 13ubuntu10.1
base-passwd 3.6.3build1
libc6 2.39-0ubuntu8.3
libc-bin 2.39-0ubuntu8.3
gcc-14-base 14-20240412-0ubuntu1
libgcc-s1 14-20240412-0ubuntu1
libstdc++6 14-20240412-0ubuntu1
dash 0.5.12-6ubuntu5
bash 5.2.21-2ubuntu4
coreutils 9.4-3ubuntu6
debianutils 5.17build1
diffutils 1:3.10-1build1
findutils 4.9.0-5build1
grep 3.11-4build1
gzip 1.12-1ubuntu3.1
sed 4.9-2build1
tar 1.35+dfsg-3build1
hostname 3.23+nmu2ubuntu2
mawk 1.3.4.20240123-1build1
ncurses-base 6.4+20240113-1ubuntu2
ncurses-bin 6.4+20240113-1ubuntu2
libtinfo6 6.4+20240113-1ubuntu2
libncursesw6 6.4+20240113-1ubuntu2
perl-base 5.38.2-3.2build2
debconf 1.5.86ubuntu1
dpkg 1.22.6ubuntu6.1
apt 2.7.14build2
libapt-pkg6.0t64 2.7.14build2
ubuntu-keyring 2023.11.28.1
gpgv 2.4.4-2ubuntu17.4
login 1:4.13+dfsg1-4ubuntu3.2
passwd 1:4.13+dfsg1-4ubuntu3.2
util-linux 2.39.3-9ubuntu6.1
mount 2.39.3-9ubuntu6.1
bsdutils 1:2.39.3-9ubuntu6.1
sysvinit-utils 3.08-6ubuntu3
init-system-helpers 1.66ubuntu1
libpam0g 1.5.3-5ubuntu5.5
libpam-modules 1.5.3-5ubuntu5.5
libpam-runtime 1.5.3-5ubuntu5.5
libselinux1 3.5-2ubuntu2.1
libpcre2-8-0 10.42-4ubuntu2.1
libacl1 2.3.2-1build1.1
libattr1 1:2.5.2-1build1.1
libaudit1 1:3.1.2-2.1build1.1
libcap-ng0 0.8.4-2build2
libcap2 1:2.66-5ubuntu2.2
libcrypt1 1:4.4.36-4build1
libdb5.3t64 5.3.28+dfsg2-7
libbz2-1.0 1.0.8-5.1build0.1
liblzma5 5.6.1+really5.4.5-1ubuntu0.2
libzstd1 1.5.5+dfsg2-2build1.1
zlib1g 1:1.3.dfsg-3.1ubuntu2.1
liblz4-1 1.9.4-1build1.1
libgcrypt20 1.10.3-2build1
libgpg-error0 1.47-3build2.1
libgnutls30t64 3.8.3-1.1ubuntu3.4
libgmp10 2:6.3.0+dfsg-2ubuntu6.1
libnettle8t64 3.9.1-2.2build1.1
libhogweed6t64 3.9.1-2.2build1.1
libp11-kit0 0.25.3-4ubuntu2.1
libtasn1-6 4.19.0-3ubuntu0.24.04.2
libidn2-0 2.3.7-2build1.1
libunistring5 1.1-2build1.1
libffi8 3.4.6-1build1
libsystemd0 255.4-1ubuntu8.12
libudev1 255.4-1ubuntu8.12
libblkid1 2.39.3-9ubuntu6.1
libmount1 2.39.3-9ubuntu6.1
libsmartcols1 2.39.3-9ubuntu6.1
libuuid1 2.39.3-9ubuntu6.1
libsemanage2 3.5-1build5
libsepol2 3.5-2build1
libxxhash0 0.8.2-2build1
libmd0 1.1.0-2build1.1
libseccomp2 2.5.5-1ubuntu3.1
libssl3t64 3.0.13-0ubuntu3.4
`;
const NOBLE_EXTRA = `
openssl 3.0.13-0ubuntu3.4
ca-certificates 20240203
krb5-locales 1.20.1-6ubuntu2.2
libkrb5support0 1.20.1-6ubuntu2.2
libk5crypto3 1.20.1-6ubuntu2.2
libkeyutils1 1.6.3-3build1
libkrb5-3 1.20.1-6ubuntu2.2
libgssapi-krb5-2 1.20.1-6ubuntu2.2
libnghttp2-14 1.59.0-1ubuntu0.1
libpsl5t64 0.21.2-1.1build1
publicsuffix 20231001.0357-0.1
libbrotli1 1.1.0-2build2
libsasl2-modules-db 2.1.28+dfsg1-5ubuntu3.1
libsasl2-2 2.1.28+dfsg1-5ubuntu3.1
libldap2 2.6.7+dfsg-1~exp1ubuntu8.1
librtmp1 2.4+20151223.gitfa8646d.1-2build7
libssh-4 0.10.6-2build2
libcurl4t64 8.5.0-2ubuntu10.6
curl 8.5.0-2ubuntu10.6
libldap-common 2.6.7+dfsg-1~exp1ubuntu8.1
libsasl2-modules 2.1.28+dfsg1-5ubuntu3.1
nginx-common 1.24.0-2ubuntu7.1
nginx 1.24.0-2ubuntu7.1
`;

const pairs = (list: string): [string, string][] => list.trim().split('\n').map((l) => l.split(' ') as [string, string]);
const NOBLE: readonly [string, string][] = [...pairs(NOBLE_LIST), ...pairs(NOBLE_EXTRA)];

/** The packages of the ubuntu:24.04 image, in install order (the index's base part). */
export const NOBLE_BASE: readonly string[] = pairs(NOBLE_LIST).map(([n]) => n);

/** Dependencies and recommends that differ from bookworm's (as noble's package control data has them). */
const RELATIONS: Record<string, Pick<PackageDef, 'depends' | 'recommends'>> = {
  // ubuntu:24.04's curl, per the transcript: libcurl4t64 brings the krb5, ldap, sasl, psl, rtmp, ssh and nghttp2 libraries.
  'libcurl4t64': { depends: ['libbrotli1', 'libgssapi-krb5-2', 'libidn2-0', 'libldap2', 'libnghttp2-14', 'libpsl5t64', 'librtmp1', 'libssh-4', 'libssl3t64', 'libzstd1', 'zlib1g'], recommends: ['ca-certificates'] },
  'libgssapi-krb5-2': { depends: ['libk5crypto3', 'libkrb5-3', 'libkrb5support0'], recommends: ['krb5-locales'] },
  libldap2: { depends: ['libgnutls30t64', 'libsasl2-2'], recommends: ['libldap-common', 'libsasl2-modules'] },
  'libpsl5t64': { depends: ['libidn2-0', 'libunistring5'], recommends: ['publicsuffix'] },
  'libssh-4': { depends: ['libgssapi-krb5-2', 'libssl3t64', 'zlib1g'] },
  'libsasl2-modules': { depends: ['libsasl2-modules-db'] },
};

/** New in noble (no bookworm package to take the toy file list from). */
const NEW: Record<string, Omit<PackageDef, 'name' | 'version'>> = {
  'libssh-4': { description: 'tiny C SSH library (OpenSSL flavor)', section: 'libs', files: ['usr/lib/x86_64-linux-gnu/libssh.so.4 271000'] },
  publicsuffix: { description: 'accurate, machine-readable list of domain name suffixes', section: 'net', files: ['usr/share/publicsuffix/public_suffix_list.dat 230000'] },
  'krb5-locales': { description: 'internationalization support for MIT Kerberos', section: 'localization', files: [] },
  'libldap-common': { description: 'OpenLDAP common files for libraries', section: 'libs', files: ['etc/ldap/ldap.conf 332'] },
  'libsasl2-modules': { description: 'Cyrus SASL - pluggable authentication modules', section: 'devel', files: [] },
  'ubuntu-keyring': { description: 'GnuPG keys of the Ubuntu archive', section: 'misc', files: ['usr/share/keyrings/ubuntu-archive-keyring.gpg 3023', 'etc/apt/trusted.gpg.d/ubuntu-keyring-2018-archive.gpg 2794'] },
};

const rename = (n: string): string => RENAMED[n] ?? n;

function nobleDefs(): PackageDef[] {
  const bookworm = new Map(BOOKWORM_DEFS.map((d) => [rename(d.name), d]));
  return NOBLE.map(([name, version]) => {
    const from = bookworm.get(name);
    const base: Omit<PackageDef, 'name' | 'version'> = NEW[name] ?? (from ? { ...from } : { description: name, files: [] });
    const def: PackageDef = { ...base, name, version, depends: (base.depends ?? []).map(rename), ...(base.recommends ? { recommends: base.recommends.map(rename) } : {}) };
    if (name === 'ubuntu-keyring') delete def.spread;
    return { ...def, ...RELATIONS[name] };
  });
}

let cache: ToyPackage[] | undefined;
/** The noble index, built on first use. */
export function nobleAptPackages(): ToyPackage[] {
  return (cache ??= definePackages('apt', nobleDefs()));
}
