// The words of `docker build --explain-cache` (a Layerlab flag): what differs between a cached step's key
// inputs and this step's, so a cache miss can name the file, argument or option that caused it.
import type { KeyInputs } from './cache.ts';

/** Words for what differs between a cached step's inputs and this step's. */
export function describeDiff(before: KeyInputs, after: KeyInputs, argNames: ReadonlySet<string>): string[] {
  const out: string[] = [];
  const opNames: Record<string, string> = {
    command: 'the command changed',
    cwd: 'the working directory (WORKDIR) changed',
    user: 'the user (USER) changed',
    network: 'the network mode changed',
    mounts: 'the --mount options changed',
    path: 'the WORKDIR path changed',
    sources: 'the source paths changed',
    dest: 'the destination changed',
    chown: '--chown changed',
    chmod: '--chmod changed',
    from: '--from changed',
    link: '--link changed',
    exclude: '--exclude changed',
  };
  for (const k of new Set([...Object.keys(before.op), ...Object.keys(after.op)])) {
    const a = before.op[k] ?? '';
    const b = after.op[k] ?? '';
    if (a === b) continue;
    if (k === 'command') {
      const show = (s: string): string => {
        try {
          const arr = JSON.parse(s) as string[];
          return arr.at(-1) ?? s;
        } catch {
          return s;
        }
      };
      out.push(`the command changed (was: ${show(a)})`);
    } else if (k === 'cwd' || k === 'user' || k === 'path') out.push(`${opNames[k]} from ${a || '(none)'} to ${b || '(none)'}`);
    else out.push(opNames[k] ?? `${k} changed`);
  }
  if (before.env || after.env) {
    const a = before.env ?? {};
    const b = after.env ?? {};
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const origin = argNames.has(k) ? 'ARG' : 'ENV';
      if (!(k in a)) out.push(`${origin} ${k} is new (${k}=${b[k]})`);
      else if (!(k in b)) out.push(`${origin} ${k} is no longer set`);
      else if (a[k] !== b[k]) out.push(`${origin} ${k} changed from ${a[k]} to ${b[k]}`);
    }
  }
  if (before.files || after.files) {
    const a = before.files ?? {};
    const b = after.files ?? {};
    for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      const x = a[k];
      const y = b[k];
      if (x === y) continue;
      if (x === undefined) out.push(`${k} was added`);
      else if (y === undefined) out.push(`${k} was removed`);
      else {
        const [tx, mx, sx, hx] = x.split(' ');
        const [ty, my, sy, hy] = y.split(' ');
        if (tx !== ty) out.push(`${k} changed type`);
        else if (mx !== my) out.push(`${k} changed mode (${mx} to ${my})`);
        else if (sx !== sy || hx !== hy) out.push(`${k} changed content`);
        else out.push(`${k} changed owner`);
      }
    }
  }
  return out;
}
