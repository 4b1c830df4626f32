// Users and groups as the image's /etc/passwd and /etc/group name them: `--chown` and WORKDIR's owner,
// and whether RUN's USER exists before its process starts.
import { materialize, statNode, type DirNode } from '../fs/index.ts';
import type { Instruction } from '../dockerfile/index.ts';
import { BuildFailure, linesOf } from './failure.ts';

function passwdLines(root: DirNode, file: string): string[] | undefined {
  const node = statNode(root, file);
  return node?.type === 'file' ? new TextDecoder().decode(materialize(node.content)).split('\n') : undefined;
}

/** uid and gid of a `user[:group]` (names or numbers) in the image `root`; root when `user` is empty. */
export async function userIds(root: DirNode, user: string, inst: Instruction): Promise<{ uid: number; gid: number }> {
  if (!user) return { uid: 0, gid: 0 };
  const [u, g] = user.split(':');
  const lookup = (file: string, name: string): number | undefined => {
    if (/^\d+$/.test(name)) return Number(name);
    for (const line of passwdLines(root, file) ?? []) {
      const f = line.split(':');
      if (f[0] === name) return Number(f[2]);
    }
    return undefined;
  };
  const uid = lookup('/etc/passwd', u!);
  if (uid === undefined) {
    throw new BuildFailure(`unable to convert uid/gid chown string to host mapping: can't find uid for user ${u}: no such user: ${u}`, { lines: linesOf(inst) });
  }
  let gid = uid;
  if (g !== undefined) {
    const found = lookup('/etc/group', g);
    if (found === undefined) throw new BuildFailure(`unable to convert uid/gid chown string to host mapping: can't find gid for group ${g}: no such group: ${g}`, { lines: linesOf(inst) });
    gid = found;
  } else if (!/^\d+$/.test(u!)) {
    // The user's primary group from /etc/passwd.
    for (const line of passwdLines(root, '/etc/passwd') ?? []) {
      const f = line.split(':');
      if (f[0] === u) gid = Number(f[3]);
    }
  }
  return { uid, gid };
}

/** The runtime resolves a user name through the image's /etc/passwd before starting the process. */
export function userExists(root: DirNode, name: string): boolean {
  return /^\d+$/.test(name) || (passwdLines(root, '/etc/passwd')?.some((l) => l.split(':')[0] === name) ?? false);
}
