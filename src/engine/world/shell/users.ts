// adduser/addgroup (busybox) and useradd/groupadd (shadow): they edit /etc/passwd, /etc/group and
// /etc/shadow and create home directories, with each tool's own messages.
import type { Program, ProgramContext } from './program.ts';
import { last, parseOpts } from '../../fs/index.ts';

interface Db {
  passwd: string[][];
  group: string[][];
}

function readDb(ctx: ProgramContext): Db {
  const split = (path: string): string[][] => {
    try {
      return ctx.world.readText(path).split('\n').filter(Boolean).map((l) => l.split(':'));
    } catch {
      return [];
    }
  };
  return { passwd: split('/etc/passwd'), group: split('/etc/group') };
}

function writeDb(ctx: ProgramContext, db: Db): void {
  ctx.world.writeFile('/etc/passwd', db.passwd.map((f) => f.join(':')).join('\n') + '\n');
  ctx.world.writeFile('/etc/group', db.group.map((f) => f.join(':')).join('\n') + '\n');
}

function addShadow(ctx: ProgramContext, name: string, locked: string): void {
  if (!ctx.world.stat('/etc/shadow')) return;
  ctx.world.writeFile('/etc/shadow', `${name}:${locked}:19700:0:99999:7:::\n`, { append: true });
}

function freeId(used: Set<number>, from: number, to: number, down = false): number {
  if (down) {
    for (let i = to; i >= from; i--) if (!used.has(i)) return i;
  }
  for (let i = from; i <= to; i++) if (!used.has(i)) return i;
  return to;
}

function needRoot(ctx: ProgramContext): boolean {
  if (ctx.world.user.uid === 0) return true;
  ctx.err(ctx.flavor === 'busybox' ? `${ctx.name}: need to be root\n` : `${ctx.name}: Permission denied.\n${ctx.name}: cannot lock /etc/passwd; try again later.\n`);
  return false;
}

function makeHome(ctx: ProgramContext, home: string, uid: number, gid: number): void {
  if (ctx.world.stat(home)) return;
  ctx.world.mkdir(home, { parents: true, mode: 0o755 });
  ctx.world.setMeta(home, { uid, gid });
  // Copy /etc/skel like the real tools do.
  const skel = ctx.world.stat('/etc/skel');
  if (skel?.type === 'dir') for (const [n, node] of skel.entries) if (node.type === 'file') {
    ctx.world.putNode(`${home}/${n}`, { ...node, uid, gid });
  }
}

const adduser: Program = (ctx, args) => {
  if (!needRoot(ctx)) return 1;
  const o = parseOpts(args, { flags: 'DHS', values: 'hgsGuk' });
  if (o.bad) {
    ctx.err(`adduser: unrecognized option: ${o.bad.replace(/^-+/, '')}\n`);
    return 1;
  }
  const [name, groupArg] = o.rest;
  if (!name) {
    ctx.err('BusyBox v1.37.0 (2024-12-13 18:16:23 UTC) multi-call binary.\n\nUsage: adduser [OPTIONS] USER [GROUP]\n');
    return 1;
  }
  const db = readDb(ctx);
  if (groupArg) return addToGroup(ctx, db, name, groupArg);
  if (db.passwd.some((f) => f[0] === name)) {
    ctx.err(`adduser: user '${name}' in use\n`);
    return 1;
  }
  const system = o.flags.has('S');
  const usedU = new Set(db.passwd.map((f) => Number(f[2])));
  const uidArg = last(o.values, 'u');
  if (uidArg && usedU.has(Number(uidArg))) {
    ctx.err(`adduser: uid '${uidArg}' in use\n`);
    return 1;
  }
  const uid = uidArg ? Number(uidArg) : system ? freeId(usedU, 100, 999) : freeId(usedU, 1000, 59999);
  let gid: number;
  const gname = last(o.values, 'G');
  if (gname) {
    const g = db.group.find((f) => f[0] === gname);
    if (!g) {
      ctx.err(`adduser: unknown group ${gname}\n`);
      return 1;
    }
    gid = Number(g[2]);
  } else if (system) {
    gid = 65533; // busybox puts system users in nogroup unless -G is given
    const nog = db.group.find((f) => f[0] === 'nogroup');
    gid = nog ? Number(nog[2]) : 65534;
  } else {
    if (db.group.some((f) => f[0] === name)) {
      ctx.err(`adduser: group '${name}' in use\n`);
      return 1;
    }
    const usedG = new Set(db.group.map((f) => Number(f[2])));
    gid = usedG.has(uid) ? freeId(usedG, 1000, 59999) : uid;
    db.group.push([name, 'x', String(gid), '']);
  }
  const home = last(o.values, 'h') ?? `/home/${name}`;
  const shell = last(o.values, 's') ?? (system ? '/sbin/nologin' : '/bin/sh');
  const gecos = last(o.values, 'g') ?? 'Linux User,,,';
  db.passwd.push([name, 'x', String(uid), String(gid), gecos, home, shell]);
  writeDb(ctx, db);
  addShadow(ctx, name, '!');
  if (!o.flags.has('H')) makeHome(ctx, home, uid, gid);
  if (!o.flags.has('D') && !system) {
    // busybox adduser then runs passwd, which cannot read a password in a build.
    ctx.out(`Changing password for ${name}\nNew password: \nRetype password: \n`);
    ctx.err(`passwd: password for ${name} is unchanged\n`);
    return 1;
  }
  return 0;
};

function addToGroup(ctx: ProgramContext, db: Db, user: string, group: string): number {
  if (!db.passwd.some((f) => f[0] === user)) {
    ctx.err(`${ctx.name}: unknown user ${user}\n`);
    return 1;
  }
  const g = db.group.find((f) => f[0] === group);
  if (!g) {
    ctx.err(`${ctx.name}: unknown group ${group}\n`);
    return 1;
  }
  const members = (g[3] ?? '').split(',').filter(Boolean);
  if (!members.includes(user)) members.push(user);
  g[3] = members.join(',');
  writeDb(ctx, db);
  return 0;
}

const addgroup: Program = (ctx, args) => {
  if (!needRoot(ctx)) return 1;
  const o = parseOpts(args, { flags: 'S', values: 'g' });
  const [name, group] = o.rest;
  if (!name) {
    ctx.err('BusyBox v1.37.0 (2024-12-13 18:16:23 UTC) multi-call binary.\n\nUsage: addgroup [-g GID] [-S] [USER] GROUP\n');
    return 1;
  }
  const db = readDb(ctx);
  if (group) return addToGroup(ctx, db, name, group);
  if (db.group.some((f) => f[0] === name)) {
    ctx.err(`addgroup: group '${name}' in use\n`);
    return 1;
  }
  const used = new Set(db.group.map((f) => Number(f[2])));
  const gArg = last(o.values, 'g');
  if (gArg && used.has(Number(gArg))) {
    ctx.err(`addgroup: gid '${gArg}' in use\n`);
    return 1;
  }
  const gid = gArg ? Number(gArg) : o.flags.has('S') ? freeId(used, 100, 999) : freeId(used, 1000, 59999);
  db.group.push([name, 'x', String(gid), '']);
  writeDb(ctx, db);
  return 0;
};

const useradd: Program = (ctx, args) => {
  if (!needRoot(ctx)) return 1;
  const o = parseOpts(args, { flags: 'mMrNUl', values: 'ugGsdcek', long: {
    'create-home': 'm', 'no-create-home': 'M', system: 'r', 'no-user-group': 'N', 'user-group': 'U', 'no-log-init': 'l',
    uid: 'u=', gid: 'g=', groups: 'G=', shell: 's=', 'home-dir': 'd=', comment: 'c=',
  } });
  if (o.bad) {
    ctx.err(`useradd: unrecognized option '${o.bad}'\n`);
    return 2;
  }
  const name = o.rest[0];
  if (!name) {
    ctx.err('Usage: useradd [options] LOGIN\n');
    return 2;
  }
  const db = readDb(ctx);
  if (db.passwd.some((f) => f[0] === name)) {
    ctx.err(`useradd: user '${name}' already exists\n`);
    return 9;
  }
  const usedU = new Set(db.passwd.map((f) => Number(f[2])));
  const uidArg = last(o.values, 'u');
  if (uidArg && usedU.has(Number(uidArg))) {
    ctx.err(`useradd: UID ${uidArg} is not unique\n`);
    return 4;
  }
  const system = o.flags.has('r');
  const uid = uidArg ? Number(uidArg) : system ? freeId(usedU, 100, 999, true) : freeId(usedU, 1000, 60000);
  let gid: number;
  const gArg = last(o.values, 'g');
  if (gArg) {
    const g = db.group.find((f) => f[0] === gArg || f[2] === gArg);
    if (!g) {
      ctx.err(`useradd: group '${gArg}' does not exist\n`);
      return 6;
    }
    gid = Number(g[2]);
  } else if (o.flags.has('N')) gid = 100;
  else {
    if (db.group.some((f) => f[0] === name)) {
      ctx.err(`useradd: group ${name} exists - if you want to add this user to that group, use -g.\n`);
      return 9;
    }
    const usedG = new Set(db.group.map((f) => Number(f[2])));
    gid = usedG.has(uid) ? freeId(usedG, system ? 100 : 1000, 60000) : uid;
    db.group.push([name, 'x', String(gid), '']);
  }
  for (const extra of (last(o.values, 'G') ?? '').split(',').filter(Boolean)) {
    const g = db.group.find((f) => f[0] === extra);
    if (!g) {
      ctx.err(`useradd: group '${extra}' does not exist\n`);
      return 6;
    }
    g[3] = [...(g[3] ?? '').split(',').filter(Boolean), name].join(',');
  }
  const home = last(o.values, 'd') ?? `/home/${name}`;
  const shell = last(o.values, 's') ?? '/bin/sh';
  db.passwd.push([name, 'x', String(uid), String(gid), last(o.values, 'c') ?? '', home, shell]);
  writeDb(ctx, db);
  addShadow(ctx, name, '!');
  if (o.flags.has('m')) makeHome(ctx, home, uid, gid);
  return 0;
};

const groupadd: Program = (ctx, args) => {
  if (!needRoot(ctx)) return 1;
  const o = parseOpts(args, { flags: 'rf', values: 'g', long: { system: 'r', gid: 'g=', force: 'f' } });
  const name = o.rest[0];
  if (!name) {
    ctx.err('Usage: groupadd [options] GROUP\n');
    return 2;
  }
  const db = readDb(ctx);
  if (db.group.some((f) => f[0] === name)) {
    if (o.flags.has('f')) return 0;
    ctx.err(`groupadd: group '${name}' already exists\n`);
    return 9;
  }
  const used = new Set(db.group.map((f) => Number(f[2])));
  const gArg = last(o.values, 'g');
  if (gArg && used.has(Number(gArg))) {
    ctx.err(`groupadd: GID '${gArg}' already exists\n`);
    return 4;
  }
  const gid = gArg ? Number(gArg) : o.flags.has('r') ? freeId(used, 100, 999, true) : freeId(used, 1000, 60000);
  db.group.push([name, 'x', String(gid), '']);
  writeDb(ctx, db);
  return 0;
};

export const USER_PROGRAMS: Record<string, Program> = { adduser, addgroup, useradd, groupadd };
