// The words of `docker build --explain-cache` (a Layerlab flag): what differs between a cached step's key
// inputs and this step's, so a cache miss can name the file, argument or option that caused it.
import type { BuildCache, KeyInputs } from './cache.ts';

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

/** Why a step was taken from the cache, in words. */
export function cachedReason(inputs: KeyInputs): string {
  switch (inputs.kind) {
    case 'RUN':
      return 'same command, environment, working directory and user on the same parent layer as a cached step';
    case 'WORKDIR':
      return 'same directory on the same parent layer as a cached step';
    default:
      return 'the copied files have the same names, modes, sizes and content as in the cache (modification times are not part of the key)';
  }
}

/** What a missed step's stage says about the steps below it. */
export interface MissContext {
  /** The step above it ran (was not cached). */
  readonly lastRan: boolean;
  /** With --no-cache, a step below it was forced to run. */
  readonly forcedBelow: boolean;
  /** The stage's ARG names (an environment difference is named ARG or ENV). */
  readonly argNames: ReadonlySet<string>;
}

/** Why a step missed the cache: the nearest cached step on the same parent, and what differs from it. */
export function missReason(cache: BuildCache, noCache: boolean | undefined, st: MissContext, parentKey: string, inputs: KeyInputs): string {
  if (noCache && inputs.kind !== 'WORKDIR') return '--no-cache was given, so the build cache was not used';
  if (noCache && st.forcedBelow) return 'a step below it ran again (--no-cache), so no later step can match the cache';
  const siblings = cache.siblings(parentKey);
  const same = siblings.filter((r) => r.inputs.kind === inputs.kind);
  if (same.length === 0) {
    if (st.lastRan) return 'the step above it was rebuilt, so this step’s cache key changed too';
    if (siblings.length > 0) return `the cache has a different instruction after the step above it (${siblings[0]!.description.replace(/^\[[^\]]*\] /, '')}); this one has not run on that layer before`;
    if (parentKey.startsWith('from:') && !cache.hasChildren(parentKey) && cache.entries().length > 0) return 'the base image changed, or no build has run this step on it yet';
    return 'nothing in the build cache matches yet (first build of this step, or the cache was pruned)';
  }
  let best: { diffs: string[]; score: number } | undefined;
  for (const r of same) {
    let diffs = describeDiff(r.inputs, inputs, st.argNames);
    const a = r.inputs.op;
    const b = inputs.op;
    if ((inputs.kind === 'COPY' || inputs.kind === 'ADD') && (a.sources !== b.sources || a.dest !== b.dest)) {
      // Another instruction altogether (reordered or edited): name it instead of listing file differences.
      diffs = [`the instruction changed: the cached step after the same parent was ${r.description.replace(/^\[[^\]]*\] /, '')}`];
    }
    if (!best || diffs.length < best.score) best = { diffs, score: diffs.length };
  }
  const d = best!.diffs;
  if (d.length === 0) return 'an equivalent step is cached under another key (for example after --no-cache); the cache was not used';
  return d.length > 4 ? `${d.slice(0, 4).join('; ')}; and ${d.length - 4} more changes` : d.join('; ');
}
