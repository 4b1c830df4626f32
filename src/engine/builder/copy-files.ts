// The work of a COPY or ADD step: the selected files placed at the destination with their new owner and
// mode, `--exclude` applied, a local tar archive unpacked (ADD), and the layer's changes, including files
// rewritten with the same content (BuildKit's copy writes them again) and COPY --link's own layer.
import {
  applyChanges,
  diffTrees,
  diffTreesWithRewrites,
  emptyDir,
  getNode,
  materialize,
  resolvePath,
  TreeDraft,
  type Change,
  type FsNode,
} from '../fs/index.ts';
import type { AddInstruction, CopyInstruction } from '../dockerfile/index.ts';
import { IgnoreMatcher } from '../dockerfile/patterns.ts';
import { readLayerTar } from '../image/index.ts';
import { BuildFailure, linesOf } from './failure.ts';
import type { Progress } from './progress.ts';
import type { StageState } from './stage.ts';
import type { StepResult } from './step.ts';
import { userIds } from './users.ts';
import * as T from './timing.ts';

/** A source the instruction selected. */
export interface Selected {
  path: string;
  node: FsNode;
  /** Copy the directory's contents rather than the directory. */
  contents: boolean;
}

/**
 * Places `selected` at `destAbs` in the stage's filesystem. `destIsDirHint`: the destination is a directory
 * whatever exists there (several sources, a wildcard, a trailing `/`). `copiedBytes` paces the clock.
 */
export async function copyFiles(
  progress: Pick<Progress, 't'>,
  st: StageState,
  inst: CopyInstruction | AddInstruction,
  selected: readonly Selected[],
  destAbs: string,
  destIsDirHint: boolean,
  copiedBytes: number,
): Promise<StepResult> {
  const fromContext = !(inst.kind === 'COPY' && inst.flags.from);
  const link = inst.kind === 'COPY' && inst.flags.link;
  const chown = inst.flags.chown;
  const chmod = inst.flags.chmod;
  const ids = chown ? await userIds(st.root, chown, inst) : undefined;
  const mode = chmod !== undefined ? parseInt(chmod, 8) : undefined;
  const base = link ? emptyDir() : st.root;
  let root = base;
  // Many files into one tree: a draft copies each directory once, not once per file placed.
  const draft = new TreeDraft(base);
  // Every path this step writes a file or link to: the layer carries them even when unchanged.
  const written: string[] = [];
  const existingDest = getNode(root, resolvePath(root, destAbs, true));
  const destIsDir = destIsDirHint || existingDest?.type === 'dir';
  const excl = inst.flags.exclude.length ? new IgnoreMatcher(inst.flags.exclude) : undefined;
  const transform = (n: FsNode, rel: string): FsNode | undefined => {
    if (excl && rel && excl.ignores(rel)) return undefined;
    let out: FsNode = n;
    if (ids || (fromContext && (n.uid !== 0 || n.gid !== 0))) out = { ...out, uid: ids?.uid ?? 0, gid: ids?.gid ?? 0 };
    if (mode !== undefined && out.type !== 'symlink') out = { ...out, mode };
    if (out.type === 'dir') {
      const entries = new Map<string, FsNode>();
      let changed = out !== n;
      for (const [k, child] of out.entries) {
        const t = transform(child, rel ? `${rel}/${k}` : k);
        if (t) entries.set(k, t);
        if (t !== child) changed = true;
      }
      if (!changed) return n;
      out = { ...out, entries };
    }
    return out;
  };
  const ensureDir = (path: string): void => {
    const real = resolvePath(root, path, true);
    const node = getNode(root, real);
    if (node?.type === 'dir') return;
    if (node) root = draft.set(real, emptyDir({ mode: 0o755, uid: ids?.uid ?? 0, gid: ids?.gid ?? 0 }));
    else {
      const parts = real.split('/').filter(Boolean);
      let cur = '';
      for (const p of parts) {
        cur += '/' + p;
        const n = getNode(root, cur);
        if (!n) root = draft.set(cur, emptyDir({ mode: 0o755, uid: ids?.uid ?? 0, gid: ids?.gid ?? 0 }));
        else if (n.type !== 'dir') throw new BuildFailure(`cannot copy to non-directory: ${cur}`, { lines: linesOf(inst) });
      }
    }
  };
  const place = (target: string, node: FsNode, rel: string): void => {
    const t = transform(node, rel);
    if (!t) return;
    const real = resolvePath(root, target, false);
    const existing = getNode(root, real);
    if (t.type === 'dir' && existing?.type === 'dir') {
      for (const [k, child] of t.entries) place(`${real}/${k}`, child, rel ? `${rel}/${k}` : k);
      return;
    }
    ensureDir(real.slice(0, real.lastIndexOf('/')) || '/');
    root = draft.set(real, t);
    if (t.type !== 'dir') written.push(real);
  };
  for (const s of selected) {
    const relBase = s.path === '/' ? '' : s.path.slice(1);
    const unpacked = inst.kind === 'ADD' && inst.flags.unpack !== false && s.node.type === 'file' ? unpackArchive(materialize(s.node.content)) : undefined;
    if (unpacked) {
      // ADD unpacks a local tar archive (plain or gzip) into the destination directory.
      ensureDir(destAbs);
      for (const c of unpacked) {
        if (c.kind === 'deleted') continue;
        const target = `${destAbs === '/' ? '' : destAbs}${c.path}`;
        if (c.node.type === 'dir') {
          const existing = getNode(root, resolvePath(root, target, false));
          if (existing?.type === 'dir') continue;
          ensureDir(target.slice(0, target.lastIndexOf('/')) || '/');
          root = draft.set(resolvePath(root, target, false), { ...c.node, entries: new Map() });
        } else {
          ensureDir(target.slice(0, target.lastIndexOf('/')) || '/');
          const real = resolvePath(root, target, false);
          root = draft.set(real, c.node);
          written.push(real);
        }
      }
      continue;
    }
    if (s.node.type === 'dir' && s.contents) {
      ensureDir(destAbs);
      for (const [k, child] of s.node.entries) place(`${destAbs === '/' ? '' : destAbs}/${k}`, child, relBase ? `${relBase}/${k}` : k);
    } else {
      const name = s.path.split('/').pop()!;
      const target = destIsDir ? `${destAbs === '/' ? '' : destAbs}/${name}` : destAbs;
      if (destIsDir) ensureDir(destAbs);
      place(target, s.node, relBase);
    }
  }
  progress.t += T.FILE_OP_MS + T.ms(copiedBytes, T.COPY_BYTES_PER_MS);
  if (link) {
    // COPY --link: the layer is the copied files alone; the result is that layer merged onto the parent.
    const changes = diffTrees(emptyDir(), root);
    return { root: applyChanges(st.root, changes), logs: [], changes };
  }
  return { root, logs: [], changes: diffTreesWithRewrites(st.root, root, written) };
}

/** The entries of a tar archive (plain or gzip) for ADD, or undefined when the bytes are not an archive. */
function unpackArchive(bytes: Uint8Array): Change[] | undefined {
  const gz = bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  const ustar = bytes.length > 262 && String.fromCharCode(...bytes.subarray(257, 262)) === 'ustar';
  if (!gz && !ustar) return undefined;
  try {
    return readLayerTar(bytes);
  } catch {
    return undefined;
  }
}
