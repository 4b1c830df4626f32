// COPY and ADD: where the sources come from (the build context, an earlier stage, an image), which files
// they select (a missing one fails while the cache key is computed, as in BuildKit), and the key: every
// selected file's name, mode, size and content, never its mtime. Placing the files is copy-files.ts.
import { contentSize, emptyDir, fileNode, normalizePath, statNode, walk, type DirNode, type FsNode } from '../fs/index.ts';
import type { AddInstruction, CopyInstruction } from '../dockerfile/index.ts';
import { cleanRelative, hasWildcard, matchGlob } from '../dockerfile/patterns.ts';
import { hashBytes, knownHash } from './context.ts';
import { copyFiles, type Selected } from './copy-files.ts';
import { BuildFailure, linesOf } from './failure.ts';
import type { HandlerScope } from './scope.ts';
import { nextStepName, recordHistory, type StageState } from './stage.ts';
import { goQuote } from './words.ts';

export type CopyScope = Pick<HandlerScope, 'progress' | 'escape' | 'historyCreated' | 'step' | 'context' | 'readFrom' | 'refId'>;

export async function applyCopy(scope: CopyScope, st: StageState, inst: CopyInstruction | AddInstruction): Promise<void> {
  const { progress } = scope;
  const from = inst.kind === 'COPY' ? inst.flags.from : undefined;
  let srcRoot: DirNode;
  let fromContext = false;
  if (from) srcRoot = scope.readFrom(st, from, inst).root;
  else {
    srcRoot = scope.context?.root ?? emptyDir();
    fromContext = true;
  }
  for (const s of inst.sources) {
    if (/^https?:\/\//.test(s)) {
      throw new BuildFailure(
        inst.kind === 'COPY' ? 'source can\'t be a URL for COPY' : 'In this lab, ADD cannot download URLs: the lab has no network',
        { lines: linesOf(inst) },
      );
    }
  }
  const cwd = st.config.WorkingDir || '/';
  const rawDest = inst.dest;
  const destAbs = normalizePath(rawDest, cwd);
  const destIsDirHint = rawDest.endsWith('/') || rawDest === '.' || rawDest.endsWith('/.') || inst.sources.length + inst.heredocs.length > 1;
  const chown = inst.flags.chown;
  const chmod = inst.flags.chmod;
  if (chmod !== undefined && !/^[0-7]{1,4}$/.test(chmod)) throw new BuildFailure(`invalid chmod parameter ${goQuote(chmod)}. it should be octal string`, { lines: linesOf(inst) });
  const name = nextStepName(st, inst, scope.escape);

  // Select sources (this is where a missing file fails, while computing the cache key).
  const selected: Selected[] = [];
  let wildcard = false;
  for (const src of inst.sources) {
    const rel = cleanRelative(src);
    if (hasWildcard(rel)) {
      wildcard = true;
      const depth = rel.split('/').length;
      for (const e of walk(srcRoot)) {
        const p = e.path.slice(1);
        if (p.split('/').length === depth && matchGlob(rel, p)) selected.push({ path: e.path, node: e.node, contents: true });
      }
      continue;
    }
    const abs = rel === '.' ? '/' : '/' + rel;
    let node: FsNode | undefined;
    try {
      node = abs === '/' ? srcRoot : statNode(srcRoot, abs);
    } catch {
      node = undefined;
    }
    if (!node) {
      const refId = await scope.refId(fromContext ? 'context' : `stage:${from}`);
      const msg = `failed to compute cache key: failed to calculate checksum of ref ${refId}: ${goQuote(abs)}: not found`;
      const start = progress.t;
      const id = progress.startVertex(name, 'step', { stage: st.label, line: inst.range.start.line });
      progress.finishVertex(id, 'error', start);
      progress.explain({ stepId: id, name, status: 'error', reason: fromContext && scope.context?.ignore.ignores(rel) ? `${rel} is excluded by .dockerignore, so it is not in the build context` : `${abs} does not exist in the ${fromContext ? 'build context' : 'source stage'}` });
      throw new BuildFailure(msg, { stepId: id, lines: linesOf(inst) });
    }
    selected.push({ path: abs, node, contents: node.type === 'dir' });
  }
  const textEnc = new TextEncoder();
  for (const h of inst.heredocs) {
    selected.push({ path: '/' + h.name, node: fileNode({ kind: 'bytes', data: textEnc.encode(h.content) }, { mode: 0o644 }), contents: false });
  }

  // Content signatures of every selected file: names, modes, sizes, content (never mtime).
  const files: Record<string, string> = {};
  // Synchronous when the file's hash is already known (every unchanged file on a rebuild): no await per file.
  const sig = (n: FsNode): string | Promise<string> => {
    const idPart = fromContext ? '' : ` ${n.uid}:${n.gid}`;
    if (n.type === 'dir') return `dir ${n.mode.toString(8)}${idPart}`;
    if (n.type === 'symlink') return `symlink ${n.target}${idPart}`;
    const c = n.content;
    const line = (h: string): string => `file ${n.mode.toString(8)} ${contentSize(c)} ${h}${idPart}`;
    if (c.kind !== 'bytes') return line(`gen:${c.seed}:${c.repeat}`);
    const known = knownHash(c.data);
    return known !== undefined ? line(known) : hashBytes(c.data).then(line);
  };
  let copiedBytes = 0;
  for (const s of selected) {
    const base = s.path === '/' ? '' : s.path;
    if (s.node.type === 'dir') {
      for (const e of walk(s.node, base)) {
        const v = sig(e.node);
        files[e.path.slice(1)] = typeof v === 'string' ? v : await v;
        if (e.node.type === 'file') copiedBytes += contentSize(e.node.content);
      }
    } else {
      files[s.path.slice(1)] = await sig(s.node);
      if (s.node.type === 'file') copiedBytes += contentSize(s.node.content);
    }
  }
  const op: Record<string, string> = {
    sources: inst.sources.join(' '),
    dest: destAbs + (destIsDirHint ? '/' : ''),
    chown: chown ?? '',
    chmod: chmod ?? '',
    from: from ? `stage` : 'context',
  };
  if (inst.kind === 'COPY' && inst.flags.link) op.link = 'true';
  if (inst.flags.exclude.length) op.exclude = inst.flags.exclude.join(',');

  const link = inst.kind === 'COPY' && inst.flags.link;
  await scope.step(
    st,
    inst,
    name,
    { kind: inst.kind, op, files },
    () => copyFiles(progress, st, inst, selected, destAbs, destIsDirHint || wildcard, copiedBytes),
    link,
  );
  const flags = `${inst.kind === 'COPY' && inst.flags.parents ? ' --parents' : ''}${chown ? ` --chown=${chown}` : ''}${chmod ? ` --chmod=${chmod}` : ''}`;
  const srcs = [...inst.sources, ...inst.heredocs.map((h) => `<<${h.name}`)].join(' ');
  recordHistory(st, scope.historyCreated, `${inst.kind}${flags} ${srcs} ${rawDest} # buildkit`, false);
}
