// Installing toy packages into a tree: the files plus the record each package manager keeps, so a
// scanner can later find every installed package by reading the image, as an SBOM tool would.
import type { DirNode } from '../fs/index.ts';
import { appendText, putBulk, putLink, putText, readText } from './fsutil.ts';
import type { PackageFile, PackageInfo } from './types.ts';
import type { ToyPackage } from './packages/model.ts';

function seedFor(pkg: PackageInfo, file: PackageFile): string {
  return `${pkg.manager}:${pkg.name}@${pkg.version}:${file.path}`;
}

/** Writes a package's files under `prefix` (absolute paths for apk/apt; the package directory for npm/pip). */
export function writePackageFiles(root: DirNode, pkg: PackageInfo, prefix = ''): DirNode {
  for (const f of pkg.files) {
    const path = prefix ? `${prefix}/${f.path}` : f.path;
    if (f.link !== undefined) root = putLink(root, path, f.link);
    else if (f.text !== undefined) root = putText(root, path, f.text, f.mode ?? 0o644);
    else root = putBulk(root, path, f.size, f.mode ?? 0o644, undefined, seedFor(pkg, f));
  }
  return root;
}

/** Directories (for apk's F: lines) and files grouped by directory. */
function groupByDir(files: readonly PackageFile[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const f of files) {
    const p = f.path.replace(/^\//, '');
    const i = p.lastIndexOf('/');
    const dir = i < 0 ? '' : p.slice(0, i);
    const name = i < 0 ? p : p.slice(i + 1);
    if (!out.has(dir)) out.set(dir, []);
    out.get(dir)!.push(name);
  }
  return out;
}

export const APK_ARCH = 'x86_64';

/** The package's stanza in /lib/apk/db/installed (checksum lines are left out: the lab does not sign packages). */
export function apkStanza(pkg: PackageInfo): string {
  const lines = [
    `P:${pkg.name}`, `V:${pkg.version}`, `A:${APK_ARCH}`, `S:${pkg.downloadSize}`, `I:${pkg.installedSize}`, `T:${pkg.description}`,
    `U:${pkg.homepage ?? 'https://alpinelinux.org'}`, `L:${pkg.license ?? 'MIT'}`, `o:${pkg.name}`,
  ];
  if (pkg.depends.length) lines.push(`D:${pkg.depends.join(' ')}`);
  for (const [dir, names] of groupByDir(pkg.files)) {
    if (dir) lines.push(`F:${dir}`);
    for (const n of names) lines.push(`R:${n}`);
  }
  return lines.join('\n') + '\n\n';
}

export function installApk(root: DirNode, pkgs: readonly PackageInfo[]): DirNode {
  let db = readText(root, '/lib/apk/db/installed') ?? '';
  for (const pkg of pkgs) {
    root = writePackageFiles(root, pkg);
    db += apkStanza(pkg);
  }
  return putText(root, '/lib/apk/db/installed', db);
}

export function installedApk(root: DirNode): Map<string, string> {
  const out = new Map<string, string>();
  const db = readText(root, '/lib/apk/db/installed') ?? '';
  for (const stanza of db.split('\n\n')) {
    const name = /^P:(.*)$/m.exec(stanza)?.[1];
    const version = /^V:(.*)$/m.exec(stanza)?.[1];
    if (name && version) out.set(name, version);
  }
  return out;
}

export const DEB_ARCH = 'amd64';

const DEB_MAINTAINER = 'Debian Maintainers <debian-devel@lists.debian.org>';

export function dpkgStanza(pkg: PackageInfo, maintainer = DEB_MAINTAINER): string {
  const section = (pkg as Partial<ToyPackage>).section ?? 'misc';
  const lines = [
    `Package: ${pkg.name}`, 'Status: install ok installed', `Priority: optional`, `Section: ${section}`,
    `Installed-Size: ${Math.ceil(pkg.installedSize / 1024)}`, `Maintainer: ${maintainer}`, `Architecture: ${DEB_ARCH}`, `Version: ${pkg.version}`,
  ];
  if (pkg.depends.length) lines.push(`Depends: ${pkg.depends.join(', ')}`);
  lines.push(`Description: ${pkg.description}`);
  return lines.join('\n') + '\n\n';
}

export function installDeb(root: DirNode, pkgs: readonly PackageInfo[], maintainer?: string): DirNode {
  let status = readText(root, '/var/lib/dpkg/status') ?? '';
  for (const pkg of pkgs) {
    root = writePackageFiles(root, pkg);
    status += dpkgStanza(pkg, maintainer);
    const dirs = new Set<string>(['/.']);
    for (const f of pkg.files) {
      const parts = f.path.split('/').filter(Boolean);
      for (let i = 1; i < parts.length; i++) dirs.add('/' + parts.slice(0, i).join('/'));
    }
    const list = [...dirs, ...pkg.files.map((f) => f.path)].join('\n') + '\n';
    root = putText(root, `/var/lib/dpkg/info/${pkg.name}.list`, list);
  }
  return putText(root, '/var/lib/dpkg/status', status);
}

export function installedDeb(root: DirNode): Map<string, string> {
  const out = new Map<string, string>();
  const status = readText(root, '/var/lib/dpkg/status') ?? '';
  for (const stanza of status.split('\n\n')) {
    const name = /^Package: (.*)$/m.exec(stanza)?.[1];
    const version = /^Version: (.*)$/m.exec(stanza)?.[1];
    if (name && version && /^Status: install ok installed$/m.test(stanza)) out.set(name, version);
  }
  return out;
}

/** npm: node_modules/<name>/ with its package.json, for a project directory or a global prefix. */
export function npmPackageJson(pkg: PackageInfo, dirName: string): string {
  const deps: Record<string, string> = {};
  for (const d of pkg.depends) deps[d.replace(/-(\d[\d.]*)$/, '')] = '*';
  const json: Record<string, unknown> = { name: dirName, version: pkg.version, description: pkg.description, license: pkg.license ?? 'MIT', main: 'index.js' };
  if (pkg.depends.length) json['dependencies'] = deps;
  return JSON.stringify(json, null, 2) + '\n';
}

export function installNpm(root: DirNode, nodeModules: string, pkgs: readonly { pkg: PackageInfo; dirName: string }[]): DirNode {
  for (const { pkg, dirName } of pkgs) {
    const dir = `${nodeModules}/${dirName}`;
    root = writePackageFiles(root, pkg, dir);
    root = putText(root, `${dir}/package.json`, npmPackageJson(pkg, dirName));
  }
  return root;
}

/** pip: the package's modules plus <name>-<version>.dist-info/{METADATA,RECORD,INSTALLER,WHEEL}. */
export function installPip(root: DirNode, sitePackages: string, pkgs: readonly PackageInfo[]): DirNode {
  for (const pkg of pkgs) {
    root = writePackageFiles(root, pkg, sitePackages);
    const info = `${sitePackages}/${pkg.name.replace(/-/g, '_')}-${pkg.version}.dist-info`;
    const meta = [`Metadata-Version: 2.1`, `Name: ${pkg.name}`, `Version: ${pkg.version}`, `Summary: ${pkg.description}`, `License: ${pkg.license ?? ''}`,
      ...pkg.depends.map((d) => `Requires-Dist: ${d}`)].join('\n') + '\n';
    root = putText(root, `${info}/METADATA`, meta);
    root = putText(root, `${info}/INSTALLER`, 'pip\n');
    root = putText(root, `${info}/WHEEL`, 'Wheel-Version: 1.0\nGenerator: toy\nRoot-Is-Purelib: true\nTag: py3-none-any\n');
    const record = pkg.files.map((f) => `${f.path},,${f.size}`).concat([`${info.split('/').pop()}/METADATA,,`, `${info.split('/').pop()}/RECORD,,`]).join('\n') + '\n';
    root = putText(root, `${info}/RECORD`, record);
  }
  return root;
}

export function appendWorld(root: DirNode, names: readonly string[]): DirNode {
  const world = new Set((readText(root, '/etc/apk/world') ?? '').split('\n').filter(Boolean));
  for (const n of names) world.add(n);
  return putText(root, '/etc/apk/world', [...world].sort().join('\n') + '\n');
}

export { appendText };
