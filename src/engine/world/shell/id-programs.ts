// Programs about users and ownership: chown, chgrp, id and whoami, read from /etc/passwd and /etc/group.
import type { Program, ProgramContext } from './program.ts';
import { splitSpecArgs } from '../../fs/index.ts';
import { FsError } from './world.ts';
import { fsErr, walkPaths } from './proglib.ts';

function lookupId(ctx: ProgramContext, file: string, name: string): number | undefined {
  if (/^\d+$/.test(name)) return Number(name);
  try {
    const line = ctx.world.readText(file).split('\n').find((l) => l.split(':')[0] === name);
    return line ? Number(line.split(':')[2]) : undefined;
  } catch {
    return undefined;
  }
}

const chown: Program = (ctx, args) => {
  const { flags, spec, files } = splitSpecArgs(args, 'RhvfH');
  const recursive = flags.has('R');
  if (!spec || !files.length) {
    ctx.err("chown: missing operand\n");
    return 1;
  }
  const isChgrp = ctx.name === 'chgrp';
  const [u, g] = isChgrp ? ['', spec] : spec.split(/[:.]/);
  let uid: number | undefined;
  let gid: number | undefined;
  if (u) {
    uid = lookupId(ctx, '/etc/passwd', u);
    if (uid === undefined) {
      ctx.err(ctx.flavor === 'busybox' ? `chown: unknown user ${u}\n` : `chown: invalid user: '${spec}'\n`);
      return 1;
    }
  }
  if (g) {
    gid = lookupId(ctx, '/etc/group', g);
    if (gid === undefined) {
      ctx.err(ctx.flavor === 'busybox' ? `${ctx.name}: unknown group ${g}\n` : isChgrp ? `chgrp: invalid group: '${g}'\n` : `chown: invalid group: '${spec}'\n`);
      return 1;
    }
  } else if (spec.endsWith(':') && uid !== undefined) {
    try {
      const line = ctx.world.readText('/etc/passwd').split('\n').find((l) => l.split(':')[0] === u);
      gid = line ? Number(line.split(':')[3]) : undefined;
    } catch { /* keep */ }
  }
  let status = 0;
  for (const f of files) {
    const path = ctx.abs(f);
    if (!ctx.world.lstat(path)) {
      status = fsErr(ctx, new FsError('ENOENT', f), f, ['', 'cannot access']);
      continue;
    }
    for (const p of recursive ? walkPaths(ctx, path) : [path]) {
      const meta: { uid?: number; gid?: number } = {};
      if (uid !== undefined) meta.uid = uid;
      if (gid !== undefined) meta.gid = gid;
      try {
        if (ctx.world.user.uid !== 0) throw new FsError('EACCES', f);
        ctx.world.setMeta(p, meta, false);
      } catch (e) {
        status = fsErr(ctx, e, f, ['', 'changing ownership of']);
      }
    }
  }
  return status;
};

function passwdEntry(ctx: ProgramContext, uid: number): string[] | undefined {
  try {
    return ctx.world.readText('/etc/passwd').split('\n').map((l) => l.split(':')).find((f) => f[2] === String(uid));
  } catch {
    return undefined;
  }
}

const id: Program = (ctx, args) => {
  let { uid, gid } = ctx.world.user;
  const who = args.find((a) => !a.startsWith('-'));
  if (who) {
    const entry = (() => {
      try {
        return ctx.world.readText('/etc/passwd').split('\n').map((l) => l.split(':')).find((f) => f[0] === who || f[2] === who);
      } catch {
        return undefined;
      }
    })();
    if (!entry) {
      ctx.err(ctx.flavor === 'busybox' ? `id: unknown user ${who}\n` : `id: '${who}': no such user\n`);
      return 1;
    }
    uid = Number(entry[2]);
    gid = Number(entry[3]);
  }
  const uname = passwdEntry(ctx, uid)?.[0];
  let gname: string | undefined;
  try {
    gname = ctx.world.readText('/etc/group').split('\n').map((l) => l.split(':')).find((f) => f[2] === String(gid))?.[0];
  } catch { /* none */ }
  if (args.includes('-u')) ctx.out(args.includes('-n') ? `${uname ?? uid}\n` : `${uid}\n`);
  else if (args.includes('-g')) ctx.out(args.includes('-n') ? `${gname ?? gid}\n` : `${gid}\n`);
  else {
    let groups = `${gid}${gname ? `(${gname})` : ''}`;
    if (uid === 0 && !who && ctx.flavor === 'busybox' && gname === 'root') groups = '0(root),0(root),1(bin),2(daemon),3(sys),4(adm),6(disk),10(wheel),11(floppy),20(dialout),26(tape),27(video)'.split(',').slice(1).join(',');
    ctx.out(`uid=${uid}${uname ? `(${uname})` : ''} gid=${gid}${gname ? `(${gname})` : ''} groups=${groups}\n`);
  }
  return 0;
};

const whoami: Program = (ctx) => {
  const name = passwdEntry(ctx, ctx.world.user.uid)?.[0];
  if (!name) {
    ctx.err(ctx.flavor === 'busybox' ? `whoami: unknown uid ${ctx.world.user.uid}\n` : `whoami: cannot find name for user ID ${ctx.world.user.uid}\n`);
    return 1;
  }
  ctx.out(`${name}\n`);
  return 0;
};

export const ID_PROGRAMS: Record<string, Program> = {
  chown, chgrp: chown, id, whoami,
};
