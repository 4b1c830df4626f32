// tar, go build and the language runtimes' version flags (curl and wget are in net.ts).
import { gunzipSync, gzipSync } from 'fflate';
import { basename, bytesContent, contentSize, emptyDir, fileNode, generatedContent, materialize, normalizePath, symlinkNode, textContent, type FsNode } from '../../fs/index.ts';
import type { Program, ProgramContext } from './program.ts';
import { last, parseOpts } from '../../fs/index.ts';
import { FsError, ERRNO_TEXT } from './world.ts';
import { makeVenv, pip, venvOf } from './pm-lang.ts';
import { helloProgram } from '../hello-world.ts';
import { lazyProgram } from './lazy.ts';
import { concat } from '../../image/gzip.ts';

// ---- tar (ustar) ----

const enc = new TextEncoder();
const dec = new TextDecoder();

function header(name: string, node: FsNode, size: number): Uint8Array {
  const h = new Uint8Array(512);
  const put = (off: number, len: number, s: string): void => h.set(enc.encode(s).slice(0, len), off);
  const oct = (off: number, len: number, n: number): void => put(off, len, n.toString(8).padStart(len - 1, '0') + '\0');
  let prefix = '';
  if (name.length > 100) {
    const cut = name.lastIndexOf('/', 155);
    prefix = name.slice(0, cut);
    name = name.slice(cut + 1);
  }
  put(0, 100, name);
  oct(100, 8, node.mode & 0o7777);
  oct(108, 8, node.uid);
  oct(116, 8, node.gid);
  oct(124, 12, size);
  oct(136, 12, node.mtime);
  put(148, 8, '        ');
  put(156, 1, node.type === 'dir' ? '5' : node.type === 'symlink' ? '2' : '0');
  if (node.type === 'symlink') put(157, 100, node.target);
  put(257, 6, 'ustar\0');
  put(263, 2, '00');
  put(345, 155, prefix);
  let sum = 0;
  for (const b of h) sum += b;
  put(148, 8, sum.toString(8).padStart(6, '0') + '\0 ');
  return h;
}

export function tarPack(entries: { name: string; node: FsNode }[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  for (const { name, node } of entries) {
    const data = node.type === 'file' ? materialize(node.content) : new Uint8Array(0);
    chunks.push(header(node.type === 'dir' && !name.endsWith('/') ? `${name}/` : name, node, data.byteLength), data);
    const pad = (512 - (data.byteLength % 512)) % 512;
    if (pad) chunks.push(new Uint8Array(pad));
  }
  chunks.push(new Uint8Array(1024));
  return concat(chunks);
}

export function tarUnpack(data: Uint8Array): { name: string; node: FsNode }[] {
  const out: { name: string; node: FsNode }[] = [];
  let off = 0;
  const str = (o: number, l: number): string => dec.decode(data.subarray(off + o, off + o + l)).replace(/\0.*$/s, '');
  while (off + 512 <= data.length) {
    if (data.subarray(off, off + 512).every((b) => b === 0)) break;
    const prefix = str(345, 155);
    const name = (prefix ? `${prefix}/` : '') + str(0, 100);
    const mode = parseInt(str(100, 8), 8) || 0o644;
    const uid = parseInt(str(108, 8), 8) || 0;
    const gid = parseInt(str(116, 8), 8) || 0;
    const size = parseInt(str(124, 12).trim(), 8) || 0;
    const mtime = parseInt(str(136, 12).trim(), 8) || 0;
    const type = str(156, 1) || '0';
    const linkname = str(157, 100);
    const meta = { mode, uid, gid, mtime };
    off += 512;
    if (type === '5') out.push({ name, node: { ...emptyDir(meta) } });
    else if (type === '2') out.push({ name, node: symlinkNode(linkname, meta) });
    else out.push({ name, node: fileNode(bytesContent(data.slice(off, off + size)), meta) });
    off += Math.ceil(size / 512) * 512;
  }
  return out;
}

const tar: Program = (ctx, args) => {
  // Accept the old style "tar xzf file" as well as "tar -xzf file".
  if (args[0] && !args[0].startsWith('-')) args = ['-' + args[0], ...args.slice(1)];
  const o = parseOpts(args, { flags: 'cxtzvpjJ', values: 'fC', long: { file: 'f=', directory: 'C=', gzip: 'z', verbose: 'v', 'no-same-owner': 'p', 'strip-components': 's=' } });
  if (o.bad) {
    ctx.err(ctx.flavor === 'busybox' ? `tar: unrecognized option: ${o.bad.replace(/^-+/, '')}\n` : `tar: unrecognized option '${o.bad}'\nTry 'tar --help' or 'tar --usage' for more information.\n`);
    return 2;
  }
  if (o.flags.has('j') || o.flags.has('J')) {
    ctx.err('In this lab, tar handles plain and gzip-compressed archives only (-z), not bzip2 or xz.\n');
    return 2;
  }
  const file = last(o.values, 'f');
  const dir = ctx.abs(last(o.values, 'C') ?? '.');
  const strip = Number(last(o.values, 's') ?? 0);
  const mode = o.flags.has('c') ? 'c' : o.flags.has('x') ? 'x' : o.flags.has('t') ? 't' : '';
  if (!mode) {
    ctx.err(ctx.flavor === 'busybox' ? 'tar: need -c, -x or -t\n' : "tar: You must specify one of the '-Acdtrux', '--delete' or '--test-label' options\nTry 'tar --help' or 'tar --usage' for more information.\n");
    return 2;
  }
  if (!file || file === '-') {
    ctx.err('In this lab, tar reads and writes archive files only (-f FILE), not standard input or output.\n');
    return 2;
  }
  const verbose = (line: string): void => {
    if (o.flags.has('v')) (mode === 'c' ? ctx.err : ctx.out)(line + '\n');
  };
  if (mode === 'c') {
    const entries: { name: string; node: FsNode }[] = [];
    const add = (name: string, path: string): boolean => {
      const node = ctx.world.lstat(path);
      if (!node) return false;
      entries.push({ name, node });
      verbose(node.type === 'dir' ? `${name}/` : name);
      if (node.type === 'dir') for (const n of [...node.entries.keys()].sort()) add(`${name}/${n}`, normalizePath(`${path}/${n}`));
      return true;
    };
    for (const m of o.rest) {
      if (!add(m.replace(/^\/+/, '').replace(/\/$/, '') || '.', normalizePath(m, dir))) {
        ctx.err(ctx.flavor === 'busybox' ? `tar: can't stat '${m}': No such file or directory\n` : `tar: ${m}: Cannot stat: No such file or directory\ntar: Exiting with failure status due to previous errors\n`);
        return ctx.flavor === 'busybox' ? 1 : 2;
      }
    }
    let bytes = tarPack(entries);
    if (o.flags.has('z')) bytes = gzipSync(bytes, { level: 6, mtime: 0 });
    ctx.world.writeFile(ctx.abs(file), bytesContent(bytes));
    ctx.world.durationMs += bytes.byteLength / 50_000;
    return 0;
  }
  let data: Uint8Array;
  try {
    const node = ctx.world.stat(ctx.abs(file));
    if (!node) throw new FsError('ENOENT', file);
    if (node.type !== 'file') throw new FsError('EISDIR', file);
    data = materialize(node.content);
  } catch (e) {
    if (!(e instanceof FsError)) throw e;
    ctx.err(ctx.flavor === 'busybox' ? `tar: can't open '${file}': ${ERRNO_TEXT[e.code]}\n` : `tar: ${file}: Cannot open: ${ERRNO_TEXT[e.code]}\ntar: Error is not recoverable: exiting now\n`);
    return 2;
  }
  if (data[0] === 0x1f && data[1] === 0x8b) {
    try {
      data = gunzipSync(data);
    } catch {
      ctx.err('tar: invalid gzip data\n');
      return 2;
    }
  }
  const entries = tarUnpack(data);
  if (!entries.length) {
    ctx.err(ctx.flavor === 'busybox' ? 'tar: short read\n' : 'tar: This does not look like a tar archive\ntar: Exiting with failure status due to previous errors\n');
    return 2;
  }
  for (const { name, node } of entries) {
    const parts = name.split('/').filter(Boolean).slice(strip);
    if (!parts.length) continue;
    const rel = parts.join('/');
    if (mode === 't') {
      ctx.out(`${rel}${node.type === 'dir' ? '/' : ''}\n`);
      continue;
    }
    verbose(rel + (node.type === 'dir' ? '/' : ''));
    const target = normalizePath(rel, dir);
    const owner = ctx.world.user.uid === 0 && !o.flags.has('p') ? {} : { uid: ctx.world.user.uid, gid: ctx.world.user.gid };
    if (node.type === 'dir') {
      if (ctx.world.stat(target)?.type !== 'dir') ctx.world.mkdir(target, { parents: true, mode: node.mode });
      continue;
    }
    const parent = target.slice(0, target.lastIndexOf('/')) || '/';
    if (!ctx.world.stat(parent)) ctx.world.mkdir(parent, { parents: true });
    if (ctx.world.lstat(target)) ctx.world.remove(target, { recursive: true });
    ctx.world.putNode(target, { ...node, ...owner } as FsNode);
  }
  return 0;
};

// ---- go ----

function goBuildSize(sources: string[]): number {
  // A Go 1.23 hello world is about 2.1 MB; net/http pulls in about 5 MB more.
  let size = 2_150_000;
  const all = sources.join('\n');
  if (/"net\/http"/.test(all)) size += 5_600_000;
  if (/"encoding\/json"/.test(all)) size += 420_000;
  if (/"database\/sql"/.test(all)) size += 380_000;
  size += Math.round(all.length * 9);
  return size;
}

const go: Program = (ctx, args) => {
  const sub = args[0];
  if (sub === 'help' || sub === '--help' || sub === '-h') {
    ctx.out("In this lab, go's help text is not reproduced; the toy Go toolchain builds (go build), reports its version and its environment (go env).\n");
    return 0;
  }
  if (sub === 'version') {
    ctx.out('go version go1.23.4 linux/amd64\n');
    return 0;
  }
  if (sub === 'env') {
    ctx.out(`GOPATH='${ctx.env['GOPATH'] ?? '/root/go'}'\nGOROOT='/usr/local/go'\nGOOS='linux'\nGOARCH='amd64'\n`);
    return 0;
  }
  const findMod = (): string | undefined => {
    let d = ctx.sh.cwd;
    for (;;) {
      if (ctx.world.stat(`${d === '/' ? '' : d}/go.mod`)?.type === 'file') return `${d === '/' ? '' : d}/go.mod`;
      if (d === '/') return undefined;
      d = d.slice(0, d.lastIndexOf('/')) || '/';
    }
  };
  const noMod = (): number => {
    ctx.err("go: go.mod file not found in current directory or any parent directory; see 'go help modules'\n");
    return 1;
  };
  if (sub === 'mod') {
    if (!findMod()) return noMod();
    if (args[1] === 'download' || args[1] === 'tidy' || args[1] === 'verify') {
      if (args[1] === 'verify') ctx.out('all modules verified\n');
      return 0;
    }
    if (args[1] === 'init') {
      ctx.err(`go: ${findMod()} already exists\n`);
      return 1;
    }
  }
  if (sub === 'mod' && args[1] === 'init') return 0;
  if (sub === 'build') {
    const o = parseOpts(args.slice(1), { flags: 'vx', values: 'o', long: { ldflags: 'l=', trimpath: 't', mod: 'm=', tags: 'T=' } });
    const targets = o.rest.length ? o.rest : ['.'];
    const fileMode = targets.every((t) => t.endsWith('.go'));
    let sources: string[] = [];
    let outName: string;
    if (fileMode) {
      for (const t of targets) {
        try {
          sources.push(ctx.world.readText(ctx.abs(t)));
        } catch {
          ctx.err(`no required module provides package ${t}; to add it:\n\tgo get ${t}\n`);
          return 1;
        }
      }
      outName = basename(targets[0]!).replace(/\.go$/, '');
    } else {
      const mod = findMod();
      if (!mod) return noMod();
      const dir = ctx.abs(targets[0]!.replace(/\/\.\.\.$/, ''));
      let names: string[] = [];
      try {
        names = ctx.world.readdir(dir).filter((n) => n.endsWith('.go') && !n.endsWith('_test.go'));
      } catch { /* none */ }
      if (!names.length) {
        ctx.err(`no Go files in ${dir}\n`);
        return 1;
      }
      sources = names.map((n) => ctx.world.readText(`${dir}/${n}`));
      const modName = /^module\s+(\S+)/m.exec(ctx.world.readText(mod))?.[1] ?? basename(dir);
      outName = targets[0] === '.' ? basename(modName) : basename(dir);
    }
    if (!sources.some((s) => /^package\s+main\b/m.test(s))) return 0;
    if (!sources.some((s) => /func\s+main\s*\(\s*\)/.test(s))) {
      ctx.err('# command-line-arguments\nruntime.main_main·f: function main is undeclared in the main package\n');
      return 1;
    }
    const out = ctx.abs(last(o.values, 'o') ?? outName);
    const target = ctx.world.stat(out)?.type === 'dir' ? `${out}/${outName}` : out;
    const size = goBuildSize(sources);
    const outDir = target.slice(0, target.lastIndexOf('/')) || '/';
    if (!ctx.world.stat(outDir)) ctx.world.mkdir(outDir, { parents: true });
    ctx.world.writeFile(target, generatedContent(`go-build:${sources.join('\0')}`, size), { mode: 0o755 });
    ctx.world.durationMs += 1500 + size / 5_000;
    return 0;
  }
  if (sub === 'run' || sub === 'test' || sub === 'get' || sub === 'install') {
    ctx.err(`In this lab, go ${sub} is not supported; the toy Go toolchain can only build (go build) and report its version.\n`);
    return 2;
  }
  ctx.err(`go ${sub ?? ''}: unknown command\nRun 'go help' for usage.\n`);
  return 2;
};

// ---- language runtimes: version flags only ----

function runtime(name: string, version: (ctx: ProgramContext) => string): Program {
  return (ctx, args) => {
    if (args[0] === '--version' || args[0] === '-v' || args[0] === '-V' || args[0] === 'version') {
      ctx.out(version(ctx));
      return 0;
    }
    if (args[0] === '--help' || args[0] === '-h') {
      ctx.out(`In this lab, ${name}'s help text is not reproduced; only \`${name} --version\` is simulated.\n`);
      return 0;
    }
    if (name.startsWith('python') && args[0] === '-m' && args[1] === 'pip') return pip(ctx, args.slice(2));
    if (name.startsWith('python') && args[0] === '-m' && args[1] === 'venv') {
      const target = args.slice(2).find((a) => !a.startsWith('-'));
      if (!target) {
        ctx.err('usage: venv [-h] [--system-site-packages] [--symlinks | --copies] [--clear] [--upgrade] [--without-pip] ENV_DIR [ENV_DIR ...]\nvenv: error: the following arguments are required: ENV_DIR\n');
        return 2;
      }
      if (ctx.world.stat('/etc/debian_version') && !ctx.path.startsWith('/usr/local') && !ctx.world.stat('/usr/lib/python3.11/ensurepip')) {
        ctx.out('The virtual environment was not created successfully because ensurepip is not\navailable.  On Debian/Ubuntu systems, you need to install the python3-venv\npackage using the following command.\n\n    apt install python3.11-venv\n\nYou may need to use sudo with that command.  After installing the python3-venv\npackage, recreate your virtual environment.\n\n');
        return 1;
      }
      const v = pythonVersion(ctx).replace(/^Python /, '').trim();
      return makeVenv(ctx, target, ctx.path, v);
    }
    ctx.err(`In this lab, ${name} programs are not simulated; only \`${name} --version\` is.\n`);
    return 2;
  };
}

function pythonVersion(ctx: ProgramContext): string {
  const venv = venvOf(ctx);
  if (venv) {
    try {
      const full = /^version = (.*)$/m.exec(ctx.world.readText(`${venv.dir}/pyvenv.cfg`))?.[1];
      if (full) return `Python ${full}\n`;
    } catch { /* fall through */ }
  }
  const v = ctx.env['PYTHON_VERSION'] ?? (ctx.path.includes('3.11') ? '3.11.2' : ctx.path.includes('3.12') ? (ctx.path.startsWith('/usr/local') ? '3.12.8' : '3.12.8') : '3.12.8');
  return `Python ${v}\n`;
}

export const TOOL_PROGRAMS: Record<string, Program> = {
  hello: helloProgram,
  tar,
  curl: lazyProgram('curl'),
  wget: lazyProgram('wget'),
  go,
  node: runtime('node', (ctx) => `v${ctx.env['NODE_VERSION'] ?? (ctx.path.startsWith('/usr/bin') ? (ctx.flavor && ctx.world.stat('/etc/alpine-release') ? '22.11.0' : '18.19.0') : '22.12.0')}\n`),
  nodejs: runtime('node', () => 'v18.19.0\n'),
  python3: runtime('python3', pythonVersion),
  'python3.12': runtime('python3', pythonVersion),
  'python3.11': runtime('python3', () => 'Python 3.11.2\n'),
  python: runtime('python', pythonVersion),
  yarn: runtime('yarn', () => '1.22.22\n'),
  nginx: lazyProgram('nginx'),
  git: (ctx, args) => {
    if (args[0] === '--version' || args[0] === 'version') {
      ctx.out(`git version ${ctx.world.stat('/etc/alpine-release') ? '2.47.1' : '2.39.5'}\n`);
      return 0;
    }
    if (args[0] === 'config') return 0;
    if (args[0] === '--help' || args[0] === 'help' || args[0] === '-h') {
      ctx.out("In this lab, git's help text is not reproduced; only `git --version` and `git config` are simulated inside RUN.\n");
      return 0;
    }
    ctx.err(`In this lab, git ${args[0] ?? ''} is not simulated inside RUN (there is no network to clone from); COPY the sources in instead.\n`);
    return 2;
  },
};

export { dec as textDecoder, fileNode, enc as textEncoder };
