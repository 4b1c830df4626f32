// find: walks the tree with -name, -iname, -type, -maxdepth, -mindepth, -print, -delete and -exec
// (findutils find.1); other real predicates are named as not simulated.
import { basename, normalizePath, type FsNode } from '../../fs/index.ts';
import type { Program } from './program.ts';
import { globMatch } from './glob.ts';

/** GNU find's tests, actions and options (findutils find.1), so that a real one is never "unknown". */
const FIND_PREDICATES = new Set(('-amin -anewer -atime -cmin -cnewer -ctime -empty -executable -false -fstype -gid -group -ilname -inum -ipath -iregex '
  + '-iwholename -links -lname -mmin -mtime -newer -nogroup -nouser -path -perm -readable -regex -samefile -size -true -uid -used -user -wholename '
  + '-writable -xtype -context -execdir -fls -fprint -fprint0 -fprintf -ls -ok -okdir -print0 -printf -prune -quit -daystart -depth -follow -help '
  + '-ignore_readdir_race -mount -noignore_readdir_race -noleaf -regextype -version -warn -nowarn -xdev -not -a -and -o -or ! ( ) , -newermt -newerct').split(' '));

const find: Program = async (ctx, args) => {
  const roots: string[] = [];
  let i = 0;
  while (i < args.length && !args[i]!.startsWith('-') && args[i] !== '!' && args[i] !== '(') roots.push(args[i++]!);
  if (!roots.length) roots.push('.');
  const tests: ((path: string, node: FsNode, depth: number) => boolean)[] = [];
  let maxDepth = Infinity;
  let minDepth = 0;
  let del = false;
  const execs: { argv: string[]; batch: boolean }[] = [];
  for (; i < args.length; i++) {
    const a = args[i]!;
    const v = args[i + 1] ?? '';
    if (a === '-name' || a === '-iname') {
      const pat = a === '-iname' ? v.toLowerCase() : v;
      tests.push((p) => globMatch(pat, a === '-iname' ? basename(p).toLowerCase() : basename(p)));
      i++;
    } else if (a === '-type') {
      const t = { f: 'file', d: 'dir', l: 'symlink' }[v as 'f' | 'd' | 'l'];
      tests.push((_p, n) => n.type === t);
      i++;
    } else if (a === '-maxdepth') {
      maxDepth = Number(v);
      i++;
    } else if (a === '-mindepth') {
      minDepth = Number(v);
      i++;
    } else if (a === '-print') continue;
    else if (a === '-delete') del = true;
    else if (a === '-exec') {
      // -exec COMMAND ; runs once per file, -exec COMMAND {} + once with them all (findutils find.1).
      const end = args.findIndex((x, k) => k > i && (x === ';' || (x === '+' && args[k - 1] === '{}')));
      if (end < 0) {
        ctx.err(`find: missing argument to \`${a}'\n`);
        return 1;
      }
      execs.push({ argv: args.slice(i + 1, end), batch: args[end] === '+' });
      i = end;
    } else if (FIND_PREDICATES.has(a)) {
      ctx.err(`In this lab, find's ${a} is not simulated; -name, -iname, -type, -maxdepth, -mindepth, -print, -delete and -exec are.\n`);
      return 1;
    } else {
      ctx.err(`find: unknown predicate \`${a}'\n`);
      return 1;
    }
  }
  let status = 0;
  const found: string[] = [];
  const visit = (display: string, path: string, depth: number): void => {
    const node = ctx.world.lstat(path);
    if (!node) return;
    if (depth >= minDepth && tests.every((t) => t(display, node, depth))) found.push(display);
    if (node.type === 'dir' && depth < maxDepth) for (const n of [...node.entries.keys()].sort()) visit(display === '/' ? `/${n}` : `${display}/${n}`, normalizePath(`${path}/${n}`), depth + 1);
  };
  for (const r of roots) {
    const path = ctx.abs(r);
    if (!ctx.world.lstat(path)) {
      ctx.err(ctx.flavor === 'busybox' ? `find: ${r}: No such file or directory\n` : `find: '${r}': No such file or directory\n`);
      status = 1;
      continue;
    }
    visit(r.replace(/(.)\/$/, '$1'), path, 0);
  }
  if (execs.length) {
    for (const x of execs) {
      const runs = x.batch ? [x.argv.flatMap((w) => (w === '{}' ? found : [w]))] : found.map((f) => x.argv.map((w) => w.replaceAll('{}', f)));
      for (const argv of runs) {
        if (!argv.length) continue;
        ctx.world.step();
        // find runs the program itself (execvp), not through a shell.
        if (!ctx.sh.which(argv[0]!, ctx.env['PATH'])) {
          ctx.err(ctx.flavor === 'busybox' ? `find: ${argv[0]}: No such file or directory\n` : `find: '${argv[0]}': No such file or directory\n`);
          status = 1;
          continue;
        }
        const code = await ctx.sh.runProgram(argv, ctx.env, ctx.io);
        if (x.batch && code !== 0) status = 1;
      }
    }
    return status;
  }
  if (del) for (const f of found.reverse()) ctx.world.remove(ctx.abs(f), { recursive: true });
  else ctx.out(found.map((f) => f + '\n').join(''));
  return status;
};

export const FIND_PROGRAMS: Record<string, Program> = {
  find,
};
