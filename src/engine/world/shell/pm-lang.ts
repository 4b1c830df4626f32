// npm and pip over the toy registries. npm reads package.json / package-lock.json in the working
// directory and writes node_modules plus its cache under ~/.npm; pip reads requirement lists and
// writes site-packages with dist-info records plus its cache under ~/.cache/pip.
import { generatedContent, normalizePath } from '../../fs/index.ts';
import { npmPackageJson } from '../install.ts';
import { npmIndex, pipIndex } from '../packages/indexes.ts';
import type { ToyPackage } from '../packages/model.ts';
import { NPM_ALIAS } from '../packages/npm.ts';
import { PIP_WHEEL_TAG } from '../packages/pip.ts';
import { fnvHex, pipSize } from './fmt.ts';
import { spreadFiles } from '../packages/model.ts';
import { bulkContent } from '../fsutil.ts';
import type { Program, ProgramContext } from './program.ts';
import { FsError } from './world.ts';
import { NPM_REGISTRY } from '../mirrors.ts';

// ---------------- npm ----------------

const NPM_LOG = '2024-01-01T00_00_00_000Z-debug-0.log';

function npmHome(ctx: ProgramContext): string {
  return ctx.env['HOME'] ?? (ctx.world.user.uid === 0 ? '/root' : `/home/${ctx.world.user.name}`);
}

function npmFail(ctx: ProgramContext, lines: string[]): number {
  for (const l of lines) ctx.err(`npm error ${l}`.trimEnd() + '\n');
  ctx.err(`npm error A complete log of this run can be found in: ${npmHome(ctx)}/.npm/_logs/${NPM_LOG}\n`);
  try {
    const dir = `${npmHome(ctx)}/.npm/_logs`;
    if (!ctx.world.stat(dir)) ctx.world.mkdir(dir, { parents: true });
    ctx.world.writeFile(`${dir}/${NPM_LOG}`, lines.map((l) => `0 error ${l}`).join('\n') + '\n');
  } catch (e) {
    if (!(e instanceof FsError)) throw e;
  }
  return 1;
}

interface Placed {
  pkg: ToyPackage;
  /** node_modules path relative to the project, e.g. node_modules/debug */
  at: string;
}

/** Places packages as npm's hoisting does: at the top unless another version already sits there. */
function placeTree(top: string[]): { placed: Placed[]; missing: string[] } {
  const index = npmIndex();
  const placed: Placed[] = [];
  const topLevel = new Map<string, ToyPackage>();
  const missing: string[] = [];
  const queue: { name: string; parent?: Placed }[] = top.map((name) => ({ name }));
  const done = new Set<string>();
  while (queue.length) {
    const { name, parent } = queue.shift()!;
    const pkg = index.get(name);
    if (!pkg) {
      if (!parent) missing.push(name);
      continue;
    }
    const dirName = NPM_ALIAS[name] ?? name;
    const existing = topLevel.get(dirName);
    let at: string;
    if (!existing) {
      at = `node_modules/${dirName}`;
      topLevel.set(dirName, pkg);
    } else if (existing === pkg) continue;
    else at = `${parent ? parent.at : ''}/node_modules/${dirName}`.replace(/^\//, '');
    if (done.has(at)) continue;
    done.add(at);
    const p = { pkg, at };
    placed.push(p);
    for (const d of pkg.depends) queue.push({ name: d, parent: p });
  }
  return { placed, missing };
}

function lockFor(name: string, version: string, deps: Record<string, string>, placed: Placed[]): string {
  const packages: Record<string, unknown> = { '': { name, version, dependencies: deps } };
  for (const p of [...placed].sort((a, b) => (a.at < b.at ? -1 : 1))) {
    const real = NPM_ALIAS[p.pkg.name] ?? p.pkg.name;
    const entry: Record<string, unknown> = { version: p.pkg.version, license: p.pkg.license ?? 'MIT' };
    if (p.pkg.depends.length) entry['dependencies'] = Object.fromEntries(p.pkg.depends.map((d) => [NPM_ALIAS[d] ?? d, '*']));
    packages[p.at] = entry;
  }
  return JSON.stringify({ name, version, lockfileVersion: 3, requires: true, packages }, null, 2) + '\n';
}

function writeModules(ctx: ProgramContext, base: string, placed: Placed[]): void {
  const home = npmHome(ctx);
  for (const { pkg, at } of placed) {
    const dir = `${base}/${at}`;
    ctx.world.mkdir(dir, { parents: true });
    for (const f of pkg.files) {
      const path = normalizePath(`${dir}/${f.path}`);
      const parent = path.slice(0, path.lastIndexOf('/'));
      if (!ctx.world.stat(parent)) ctx.world.mkdir(parent, { parents: true });
      ctx.world.writeFile(path, bulkContent(`npm:${pkg.name}@${pkg.version}:${f.path}`, f.size, f.path));
    }
    ctx.world.writeFile(`${dir}/package.json`, npmPackageJson(pkg, NPM_ALIAS[pkg.name] ?? pkg.name));
    // npm keeps every tarball it downloads in its cache.
    const h = fnvHex(`${pkg.name}@${pkg.version}`) + fnvHex(pkg.name);
    const cacheFile = `${home}/.npm/_cacache/content-v2/sha512/${h.slice(0, 2)}/${h.slice(2, 4)}/${h.slice(4)}`;
    const parent = cacheFile.slice(0, cacheFile.lastIndexOf('/'));
    if (!ctx.world.stat(parent)) ctx.world.mkdir(parent, { parents: true });
    ctx.world.writeFile(cacheFile, generatedContent(`npm-tgz:${pkg.name}@${pkg.version}`, pkg.downloadSize));
    ctx.world.durationMs += 15 + pkg.downloadSize / 25_000;
  }
}

function readJson(ctx: ProgramContext, path: string): Record<string, unknown> | undefined | 'bad' {
  let text: string;
  try {
    text = ctx.world.readText(path);
  } catch {
    return undefined;
  }
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return 'bad';
  }
}

function npmInstall(ctx: ProgramContext, args: string[], ci: boolean): number {
  const global = args.includes('-g') || args.includes('--global');
  const cwd = ctx.sh.cwd;
  const base = global ? '/usr/local/lib' : cwd;
  const pjPath = normalizePath('package.json', cwd);
  const lockPath = normalizePath('package-lock.json', cwd);
  const specs = args.filter((a) => !a.startsWith('-')).map((a) => a.replace(/(.)@.*$/, '$1'));
  if (ctx.world.network === 'none') {
    const first = specs[0] ?? 'express';
    return npmFail(ctx, ['code EAI_AGAIN', 'syscall getaddrinfo', 'errno EAI_AGAIN', `request to ${NPM_REGISTRY}${first} failed, reason: getaddrinfo EAI_AGAIN ${new URL(NPM_REGISTRY).host}`]);
  }
  let pj: Record<string, unknown> = {};
  if (!global) {
    const read = readJson(ctx, pjPath);
    if (read === 'bad') return npmFail(ctx, ['code EJSONPARSE', `path ${pjPath}`, 'JSON.parse Invalid package.json: JSONParseError']);
    if (ci && readJson(ctx, lockPath) === undefined) pj = {};
    else if (read === undefined && (ci || !specs.length)) {
      return npmFail(ctx, ['code ENOENT', 'syscall open', `path ${pjPath}`, 'errno -2',
        `enoent Could not read package.json: Error: ENOENT: no such file or directory, open '${pjPath}'`,
        'enoent This is related to npm not being able to find a file.', 'enoent']);
    }
    else pj = read ?? {};
  }
  const deps = { ...((pj['dependencies'] as Record<string, string> | undefined) ?? {}) };
  const devDeps = (pj['devDependencies'] as Record<string, string> | undefined) ?? {};
  const omitDev = args.includes('--omit=dev') || args.includes('--production') || ctx.env['NODE_ENV'] === 'production';
  let top: string[];
  if (ci) {
    const lock = readJson(ctx, lockPath);
    if (lock === undefined || lock === 'bad') {
      return npmFail(ctx, ['code EUSAGE', '', 'The `npm ci` command can only install with an existing package-lock.json or',
        'npm-shrinkwrap.json with lockfileVersion >= 1. Run an install with npm@5 or', 'later to generate a package-lock.json file, then try again.', '',
        'Clean install a project', '', 'Usage:', 'npm ci', '', 'Options:',
        '[--install-strategy <hoisted|nested|shallow|linked>] [--legacy-bundling]', '[--global-style] [--omit <dev|optional|peer> [--omit <dev|optional|peer> ...]]',
        '', 'aliases: clean-install, ic, install-clean, isntall-clean', '', 'Run "npm help ci" for more info']);
    }
    const locked = (lock['packages'] as Record<string, { version?: string }> | undefined) ?? {};
    const want = { ...deps, ...(omitDev ? {} : devDeps) };
    const missingInLock = Object.entries(want).filter(([n]) => !locked[`node_modules/${n}`]);
    if (missingInLock.length) {
      return npmFail(ctx, ['code EUSAGE', '', '`npm ci` can only install packages when your package.json and package-lock.json or npm-shrinkwrap.json are in sync. Please update your lock file with `npm install` before continuing.', '',
        ...missingInLock.map(([n, v]) => `Missing: ${n}@${v} from lock file`), '', 'Clean install a project', '', 'Run "npm help ci" for more info']);
    }
    if (ctx.world.lstat(`${cwd}/node_modules`)) ctx.world.remove(`${cwd}/node_modules`, { recursive: true });
    top = Object.keys(want);
  } else {
    for (const s of specs) deps[s] = `^${npmIndex().get(s)?.version ?? '0.0.0'}`;
    top = [...Object.keys(deps), ...(omitDev ? [] : Object.keys(devDeps))];
  }
  const { placed, missing } = placeTree(top);
  if (missing.length) {
    const m = missing[0]!;
    return npmFail(ctx, ['code E404', `404 Not Found - GET ${NPM_REGISTRY}${m} - Not found`, '404', `404  '${m}@*' is not in this registry.`, '404',
      '404 Note that you can also install from a', '404 tarball, folder, http url, or git url.']);
  }
  const already = new Set<string>();
  for (const p of placed) {
    const existing = readJson(ctx, `${base}/${p.at}/package.json`);
    if (existing && existing !== 'bad' && existing['version'] === p.pkg.version) already.add(p.at);
  }
  const fresh = placed.filter((p) => !already.has(p.at));
  writeModules(ctx, base, fresh);
  if (!global) {
    const name = (pj['name'] as string | undefined) ?? (cwd.split('/').pop() || 'app');
    const version = (pj['version'] as string | undefined) ?? '1.0.0';
    if (specs.length) {
      const next = { ...pj, dependencies: Object.fromEntries(Object.entries(deps).sort(([a], [b]) => (a < b ? -1 : 1))) };
      ctx.world.writeFile(pjPath, JSON.stringify(next, null, 2) + '\n');
    }
    if (!ci) ctx.world.writeFile(lockPath, lockFor(name, version, deps, placed));
    if (placed.length) ctx.world.writeFile(`${cwd}/node_modules/.package-lock.json`, lockFor(name, version, deps, placed));
  } else {
    for (const s of specs) {
      const pkg = npmIndex().get(s);
      if (s === 'typescript') {
        ctx.world.symlink('../lib/node_modules/typescript/bin/tsc', '/usr/local/bin/tsc');
        void pkg;
      }
      if (s === 'nodemon') ctx.world.symlink('../lib/node_modules/nodemon/bin/nodemon.js', '/usr/local/bin/nodemon');
    }
  }
  const secs = Math.max(1, Math.round(fresh.reduce((a, p) => a + p.pkg.downloadSize, 0) / 5_000_000 + fresh.length * 0.02));
  ctx.world.durationMs += secs * 300;
  ctx.out('\n');
  if (fresh.length) ctx.out(`added ${fresh.length} package${fresh.length === 1 ? '' : 's'}, and audited ${placed.length + 1} packages in ${secs}s\n`);
  else ctx.out(`up to date, audited ${placed.length + 1} packages in ${secs}s\n`);
  ctx.out('\nfound 0 vulnerabilities\n');
  return 0;
}

export const npm: Program = (ctx, args) => {
  const cmd = args.find((a) => !a.startsWith('-')) ?? '';
  const rest = args.filter((a, i) => i !== args.indexOf(cmd));
  if (args[0] === '--help' || args[0] === '-h' || args[0] === 'help') {
    ctx.out("In this lab, npm's help text is not reproduced; npm install, ci, cache clean and --version are simulated.\n");
    return 0;
  }
  if (args[0] === '--version' || args[0] === '-v') {
    ctx.out(`${ctx.path.startsWith('/usr/local') ? '10.9.2' : ctx.world.stat('/etc/alpine-release') ? '10.9.1' : '9.2.0'}\n`);
    return 0;
  }
  switch (cmd) {
    case 'install':
    case 'i':
    case 'add':
      return npmInstall(ctx, rest, false);
    case 'ci':
    case 'clean-install':
      return npmInstall(ctx, rest, true);
    case 'cache':
      if (rest[0] === 'clean') {
        if (!rest.includes('--force') && !rest.includes('-f')) {
          return npmFail(ctx, ['As of npm@5, the npm cache self-heals from corruption issues', 'by treating integrity mismatches as cache misses.  As a result,',
            'data extracted from the cache is guaranteed to be valid.  If you', 'want to make sure everything is consistent, use `npm cache verify`',
            'instead.  Deleting the cache can only make npm go slower, and is', 'not likely to correct any problems you may be encountering!', '',
            'On the other hand, if you\'re debugging an issue with the installer,', 'or race conditions that depend on the timing of writing to an empty', 'cache, you can use `npm install --cache /tmp/empty-cache` to use a',
            'temporary cache instead of nuking the actual one.', '', 'If you\'re sure you want to delete the entire cache, rerun this command', 'with --force.']);
        }
        const dir = `${npmHome(ctx)}/.npm/_cacache`;
        if (ctx.world.lstat(dir)) ctx.world.remove(dir, { recursive: true });
        ctx.err('npm warn using --force Recommended protections disabled.\n');
        return 0;
      }
      break;
    case 'run':
    case 'start':
    case 'test':
    case 'exec':
      ctx.err(`In this lab, npm ${cmd} does not run scripts inside RUN; node programs are not simulated during a build.\n`);
      return 2;
  }
  ctx.err(`In this lab, npm supports install, ci and cache clean; "npm ${cmd}" is not simulated.\n`);
  return 1;
};

// ---------------- pip ----------------

function pythonSite(ctx: ProgramContext): { site: string; managed: boolean; version: string } {
  const venv = venvOf(ctx);
  if (venv) return { site: `${venv.dir}/lib/python${venv.version}/site-packages`, managed: false, version: venv.version };
  if (ctx.path.startsWith('/usr/local/bin')) {
    const v = (ctx.env['PYTHON_VERSION'] ?? '3.12').split('.').slice(0, 2).join('.');
    return { site: `/usr/local/lib/python${v}/site-packages`, managed: false, version: v };
  }
  for (const v of ['3.12', '3.11']) {
    if (ctx.world.stat(`/usr/lib/python${v}`)?.type === 'dir') {
      const managed = ctx.world.stat(`/usr/lib/python${v}/EXTERNALLY-MANAGED`) !== undefined;
      const alpine = ctx.world.stat('/etc/alpine-release') !== undefined;
      return { site: alpine ? `/usr/lib/python${v}/site-packages` : `/usr/local/lib/python${v}/dist-packages`, managed, version: v };
    }
  }
  return { site: '/usr/local/lib/python3.12/site-packages', managed: false, version: '3.12' };
}

function parseReq(line: string): { name: string; op?: string; version?: string } | undefined {
  const clean = line.replace(/#.*$/, '').trim();
  if (!clean || clean.startsWith('-')) return undefined;
  const m = /^([A-Za-z0-9_.-]+)(?:\[[^\]]*\])?\s*(==|>=|<=|~=|!=|>|<)?\s*([^\s;,]*)/.exec(clean);
  if (!m) return undefined;
  const out: { name: string; op?: string; version?: string } = { name: m[1]!.toLowerCase().replace(/_/g, '-') };
  if (m[2]) out.op = m[2];
  if (m[3]) out.version = m[3];
  return out;
}

export const pip: Program = (ctx, args) => {
  const cmd = args.find((a) => !a.startsWith('-')) ?? '';
  if (args[0] === '--help' || args[0] === '-h' || args[0] === 'help') {
    ctx.out("In this lab, pip's help text is not reproduced; pip install, list, freeze and --version are simulated.\n");
    return 0;
  }
  if (args[0] === '--version' || args[0] === '-V') {
    const { site, version } = pythonSite(ctx);
    ctx.out(`pip 24.3.1 from ${site}/pip (python ${version})\n`);
    return 0;
  }
  if (cmd !== 'install') {
    if (cmd === 'freeze' || cmd === 'list') {
      const { site } = pythonSite(ctx);
      let names: string[] = [];
      try {
        names = ctx.world.readdir(site).filter((n) => n.endsWith('.dist-info'));
      } catch { /* none */ }
      for (const n of names) {
        const m = /^(.*)-([^-]+)\.dist-info$/.exec(n);
        if (m) ctx.out(cmd === 'freeze' ? `${m[1]}==${m[2]}\n` : `${m[1]} ${m[2]}\n`);
      }
      return 0;
    }
    ctx.err(`In this lab, pip supports install, list and freeze; "pip ${cmd}" is not simulated.\n`);
    return 1;
  }
  const rest = args.slice(args.indexOf('install') + 1);
  const reqs: { name: string; op?: string; version?: string; from?: string }[] = [];
  let noCache = ctx.env['PIP_NO_CACHE_DIR'] !== undefined && !['0', 'false', 'off', 'no'].includes(ctx.env['PIP_NO_CACHE_DIR']!.toLowerCase());
  let breakSystem = ctx.env['PIP_BREAK_SYSTEM_PACKAGES'] === '1';
  let quiet = false;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '-r' || a === '--requirement') {
      const file = rest[++i] ?? '';
      let text: string;
      try {
        text = ctx.world.readText(ctx.abs(file));
      } catch {
        ctx.err(`ERROR: Could not open requirements file: [Errno 2] No such file or directory: '${file}'\n`);
        return 1;
      }
      text.split('\n').forEach((line, n) => {
        const r = parseReq(line);
        if (r) reqs.push({ ...r, from: `-r ${file} (line ${n + 1})` });
      });
    } else if (a === '--no-cache-dir') noCache = true;
    else if (a === '--break-system-packages') breakSystem = true;
    else if (a === '-q' || a === '--quiet') quiet = true;
    else if (a.startsWith('-')) continue;
    else {
      const r = parseReq(a);
      if (r) reqs.push(r);
    }
  }
  if (!reqs.length) {
    ctx.err('ERROR: You must give at least one requirement to install (see "pip help install")\n');
    return 1;
  }
  const { site, managed } = pythonSite(ctx);
  if (managed && !breakSystem) {
    ctx.err(`error: externally-managed-environment

× This environment is externally managed
╰─> To install Python packages system-wide, try apt install
    python3-xyz, where xyz is the package you are trying to
    install.

    If you wish to install a non-Debian-packaged Python package,
    create a virtual environment using python3 -m venv path/to/venv.
    Then use path/to/venv/bin/python and path/to/venv/bin/pip. Make
    sure you have python3-full installed.

note: If you believe this is a mistake, please contact your Python installation or OS distribution provider. You can override this, at the risk of breaking your Python installation or OS, by passing --break-system-packages.
hint: See PEP 668 for the detailed specification.
`);
    return 1;
  }
  const index = pipIndex();
  const installedVersion = (name: string): string | undefined => {
    try {
      const hit = ctx.world.readdir(site).find((n) => n.toLowerCase().startsWith(`${name.replace(/-/g, '_')}-`) && n.endsWith('.dist-info'));
      return hit ? /-([^-]+)\.dist-info$/.exec(hit)?.[1] : undefined;
    } catch {
      return undefined;
    }
  };
  if (ctx.world.network === 'none') {
    for (let t = 4; t >= 0; t--) ctx.err(`WARNING: Retrying (Retry(total=${t}, connect=None, read=None, redirect=None, status=None)) after connection broken by 'NewConnectionError('<pip._vendor.urllib3.connection.HTTPSConnection object>: Failed to establish a new connection: [Errno -3] Temporary failure in name resolution')': /simple/${reqs[0]!.name}/\n`);
    ctx.err(`ERROR: Could not find a version that satisfies the requirement ${reqs[0]!.name} (from versions: none)\nERROR: No matching distribution found for ${reqs[0]!.name}\n`);
    return 1;
  }
  const order: ToyPackage[] = [];
  const seen = new Set<string>();
  const say = (t: string): void => {
    if (!quiet) ctx.out(t);
  };
  const visit = (name: string, from: string | undefined, spec?: { op?: string; version?: string }): string | undefined => {
    if (seen.has(name)) return undefined;
    seen.add(name);
    const have = installedVersion(name);
    if (have && !(spec?.op === '==' && spec.version !== have)) {
      say(`Requirement already satisfied: ${name} in ${site} (${have})${from ? ` (from ${from})` : ''}\n`);
      return undefined;
    }
    const pkg = index.get(name);
    const reqText = `${name}${spec?.op ?? ''}${spec?.version ?? ''}`;
    if (!pkg) return `ERROR: Could not find a version that satisfies the requirement ${reqText} (from versions: none)\nERROR: No matching distribution found for ${reqText}\n`;
    if (spec?.op === '==' && spec.version !== pkg.version) return `ERROR: Could not find a version that satisfies the requirement ${reqText} (from versions: ${pkg.version})\nERROR: No matching distribution found for ${reqText}\n`;
    say(`Collecting ${reqText}${from ? ` (from ${from})` : ''}\n  Downloading ${pkg.name.replace(/-/g, '_')}-${pkg.version}-${PIP_WHEEL_TAG[pkg.name] ?? 'py3-none-any'}.whl.metadata (${pipSize(1500 + pkg.description.length * 40)})\n`);
    for (const d of pkg.depends) {
      const err = visit(d, pkg.name);
      if (err) return err;
    }
    order.push(pkg);
    return undefined;
  };
  for (const r of reqs) {
    const err = visit(r.name, r.from, r);
    if (err) {
      ctx.err(err);
      return 1;
    }
  }
  if (!order.length) return 0;
  const home = ctx.env['HOME'] ?? '/root';
  for (const p of order) {
    say(`Downloading ${p.name.replace(/-/g, '_')}-${p.version}-${PIP_WHEEL_TAG[p.name] ?? 'py3-none-any'}.whl (${pipSize(p.downloadSize)})\n`);
    ctx.world.durationMs += 20 + p.downloadSize / 25_000;
    if (!noCache) {
      const h = fnvHex(`${p.name}-${p.version}`) + fnvHex(p.name) + fnvHex(p.version);
      const path = `${home}/.cache/pip/http-v2/${h[0]}/${h[1]}/${h[2]}/${h[3]}/${h[4]}/${h.slice(5)}`;
      ctx.world.mkdir(path.slice(0, path.lastIndexOf('/')), { parents: true });
      ctx.world.writeFile(path + '.body', generatedContent(`pip-whl:${p.name}-${p.version}`, p.downloadSize));
    }
  }
  say(`Installing collected packages: ${order.map((p) => p.name).join(', ')}\n`);
  for (const p of order) {
    for (const f of p.files) {
      const path = `${site}/${f.path}`;
      const parent = path.slice(0, path.lastIndexOf('/'));
      if (!ctx.world.stat(parent)) ctx.world.mkdir(parent, { parents: true });
      ctx.world.writeFile(path, bulkContent(`pip:${p.name}@${p.version}:${f.path}`, f.size, f.path));
    }
    const info = `${site}/${p.name.replace(/-/g, '_')}-${p.version}.dist-info`;
    ctx.world.mkdir(info, { parents: true });
    ctx.world.writeFile(`${info}/METADATA`, [`Metadata-Version: 2.1`, `Name: ${p.name}`, `Version: ${p.version}`, `Summary: ${p.description}`, `License: ${p.license ?? ''}`,
      ...p.depends.map((d) => `Requires-Dist: ${d}`)].join('\n') + '\n');
    ctx.world.writeFile(`${info}/INSTALLER`, 'pip\n');
    ctx.world.writeFile(`${info}/RECORD`, p.files.map((f) => `${f.path},,${f.size}`).join('\n') + '\n');
  }
  say(`Successfully installed ${order.map((p) => `${p.name}-${p.version}`).sort().join(' ')}\n`);
  if (ctx.world.user.uid === 0 && ctx.env['PIP_ROOT_USER_ACTION'] !== 'ignore' && !venvOf(ctx)) {
    ctx.err("WARNING: Running pip as the 'root' user can result in broken permissions and conflicting behaviour with the system package manager, possibly rendering your system unusable. It is recommended to use a virtual environment instead: https://pip.pypa.io/warnings/venv. Use the --root-user-action option if you intend to suppress this warning.\n");
  }
  return 0;
};

/** The virtual environment a program was started from (…/bin/pip with …/pyvenv.cfg beside bin). */
export function venvOf(ctx: ProgramContext): { dir: string; version: string } | undefined {
  const via = ctx.via || ctx.path;
  const bin = via.slice(0, via.lastIndexOf('/'));
  const dir = bin.slice(0, bin.lastIndexOf('/')) || '/';
  try {
    const cfg = ctx.world.readText(`${dir}/pyvenv.cfg`);
    const version = (/^version = (\d+\.\d+)/m.exec(cfg)?.[1]) ?? '3.12';
    return { dir, version };
  } catch {
    return undefined;
  }
}

/** python -m venv DIR: the layout CPython creates, with pip bootstrapped into it. */
export function makeVenv(ctx: ProgramContext, target: string, pythonPath: string, fullVersion: string): number {
  const dir = ctx.abs(target);
  const short = fullVersion.split('.').slice(0, 2).join('.');
  const home = pythonPath.slice(0, pythonPath.lastIndexOf('/'));
  ctx.world.mkdir(`${dir}/bin`, { parents: true });
  ctx.world.mkdir(`${dir}/include`, { parents: true });
  ctx.world.mkdir(`${dir}/lib/python${short}/site-packages`, { parents: true });
  if (!ctx.world.lstat(`${dir}/lib64`)) ctx.world.symlink('lib', `${dir}/lib64`);
  ctx.world.writeFile(`${dir}/pyvenv.cfg`, `home = ${home}\ninclude-system-site-packages = false\nversion = ${fullVersion}\nexecutable = ${pythonPath}\ncommand = ${pythonPath} -m venv ${dir}\n`);
  for (const [name, target2] of [['python', pythonPath], ['python3', 'python'], [`python${short}`, 'python']] as const) {
    if (!ctx.world.lstat(`${dir}/bin/${name}`)) ctx.world.symlink(target2, `${dir}/bin/${name}`);
  }
  const script = `#!${dir}/bin/python3\n# -*- coding: utf-8 -*-\nimport re\nimport sys\nfrom pip._internal.cli.main import main\nif __name__ == "__main__":\n    sys.argv[0] = re.sub(r"(-script\\.pyw|\\.exe)?$", "", sys.argv[0])\n    sys.exit(main())\n`;
  for (const name of ['pip', 'pip3', `pip${short}`]) ctx.world.writeFile(`${dir}/bin/${name}`, script, { mode: 0o755 });
  ctx.world.writeFile(`${dir}/bin/activate`, `# This file must be used with "source bin/activate" *from bash*\nVIRTUAL_ENV="${dir}"\nexport VIRTUAL_ENV\nPATH="$VIRTUAL_ENV/bin:$PATH"\nexport PATH\n`);
  const site = `${dir}/lib/python${short}/site-packages`;
  for (const f of spreadPip()) {
    const path = `${site}/${f.path}`;
    const parent = path.slice(0, path.lastIndexOf('/'));
    if (!ctx.world.stat(parent)) ctx.world.mkdir(parent, { parents: true });
    ctx.world.writeFile(path, bulkContent(`venv-pip:${f.path}`, f.size, f.path));
  }
  ctx.world.mkdir(`${site}/pip-24.3.1.dist-info`, { parents: true });
  ctx.world.writeFile(`${site}/pip-24.3.1.dist-info/METADATA`, 'Metadata-Version: 2.1\nName: pip\nVersion: 24.3.1\nSummary: The PyPA recommended tool for installing Python packages.\n');
  ctx.world.writeFile(`${site}/pip-24.3.1.dist-info/INSTALLER`, 'pip\n');
  ctx.world.durationMs += 2500;
  return 0;
}

function spreadPip(): { path: string; size: number }[] {
  return spreadFiles('pip', 700, 9_300_000, '.py', 'venv-pip');
}
