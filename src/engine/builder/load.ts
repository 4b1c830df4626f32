// The `[internal]` vertices that read the workspace: the Dockerfile (load build definition), the
// .dockerignore, and the build context, which a later build sends again only where files changed.
import type { BuildContextSource as Workspace } from '../contract.ts';
import { contentSize, walk } from '../fs/index.ts';
import { parseDockerfile, type Dockerfile } from '../dockerfile/index.ts';
import { cleanRelative, hasWildcard, IgnoreMatcher, matchGlob, parseIgnoreFile } from '../dockerfile/patterns.ts';
import { ContextCanceled, ContextLimitError, loadContext, type LoadedContext } from './context.ts';
import { BuildFailure, canceledFailure } from './failure.ts';
import type { BuildPlan } from './plan.ts';
import type { Progress } from './progress.ts';
import * as T from './timing.ts';

/** `[internal] load build definition from Dockerfile`: the Dockerfile's bytes, or BuildKit's error. */
export async function readDefinition(progress: Progress, ws: Workspace, dfPath: string, dockerfileName: string, givenPath: string | undefined): Promise<Uint8Array> {
  const defStart = progress.t;
  const defId = progress.startVertex(`[internal] load build definition from ${dockerfileName}`, 'internal');
  const dfStat = await ws.stat(dfPath);
  const dfBytes = dfStat?.type === 'file' ? await ws.readFile(dfPath) : undefined;
  progress.status(defId, 'transfer', 'transferring dockerfile:', { current: dfBytes?.byteLength ?? 2, bytes: true });
  progress.finishVertex(defId, 'done', defStart);
  if (!dfBytes) {
    const shown = givenPath ? dfPath.replace(/^\//, '') : 'Dockerfile';
    throw new BuildFailure(`failed to read dockerfile: open ${shown}: no such file or directory`);
  }
  return dfBytes;
}

/** The parsed Dockerfile; a `# syntax=` directive gets a vertex saying why no frontend image is pulled. */
export function parseDefinition(progress: Progress, text: string, byteLength: number): Dockerfile {
  if (byteLength === 0) throw new BuildFailure('the Dockerfile cannot be empty');
  const parsed = parseDockerfile(text);
  if (!parsed.ok) {
    const line = parsed.error.line ?? parsed.error.range?.start.line;
    const end = parsed.error.range?.end.line ?? line;
    throw new BuildFailure(parsed.error.message, line ? { lines: { start: line, end: end ?? line } } : {});
  }
  const df = parsed.dockerfile;
  if (df.directives.syntax !== undefined) {
    // BuildKit resolves and pulls the named frontend image here (two vertices); the lab says, once, why not.
    const start = progress.t;
    const id = progress.startVertex(`[internal] syntax=${df.directives.syntax}: in this lab no frontend image is pulled; the built-in Dockerfile frontend is used`, 'internal');
    progress.finishVertex(id, 'done', start);
  }
  return df;
}

export interface LoadedIgnore {
  readonly matcher: IgnoreMatcher;
  /** The file's patterns, or null when there is none (the lint rules tell the two apart). */
  readonly patterns: string[] | null;
}

/** `[internal] load .dockerignore`: `<Dockerfile>.dockerignore` beside the Dockerfile first, then the context's. */
export async function loadIgnore(progress: Progress, ws: Workspace, dfPath: string, contextDir: string): Promise<LoadedIgnore> {
  const ignStart = progress.t;
  const ignId = progress.startVertex('[internal] load .dockerignore', 'internal');
  const specific = `${dfPath}.dockerignore`;
  let ignoreText = '';
  let ignoreBytes = 0;
  let ignoreFound = false;
  for (const candidate of [specific, `${contextDir === '/' ? '' : contextDir}/.dockerignore`]) {
    const st = await ws.stat(candidate);
    if (st?.type === 'file') {
      const data = await ws.readFile(candidate);
      ignoreText = new TextDecoder().decode(data);
      ignoreBytes = data.byteLength;
      ignoreFound = true;
      break;
    }
  }
  progress.status(ignId, 'transfer', 'transferring context:', { current: ignoreBytes || 2, bytes: true });
  progress.finishVertex(ignId, 'done', ignStart);
  const patterns = parseIgnoreFile(ignoreText);
  return { matcher: new IgnoreMatcher(patterns), patterns: ignoreFound ? patterns : null };
}

/** What was sent of each context folder last time: path → `mode mtime size` (BuildKit's file sync). */
export type ContextSync = Map<string, Map<string, string>>;

/** `[internal] load build context`: the context after .dockerignore, and the bytes sent for it. */
export async function loadBuildContext(
  progress: Progress,
  ws: Workspace,
  contextDir: string,
  ignore: IgnoreMatcher,
  plan: Pick<BuildPlan, 'stages' | 'order'>,
  sync: () => ContextSync,
  signal?: AbortSignal,
): Promise<LoadedContext> {
  const ctxStart = progress.t;
  const ctxId = progress.startVertex('[internal] load build context', 'internal');
  let context: LoadedContext;
  try {
    context = await loadContext(ws, contextDir, ignore, signal);
  } catch (e) {
    if (e instanceof ContextCanceled) {
      progress.finishVertex(ctxId, 'canceled', ctxStart);
      throw canceledFailure(ctxId);
    }
    progress.finishVertex(ctxId, 'error', ctxStart);
    if (e instanceof ContextLimitError) throw new BuildFailure(e.message, { stepId: ctxId });
    throw e;
  }
  const sent = sentBytes(context, plan, contextDir, sync());
  progress.t += T.ms(sent, T.CONTEXT_BYTES_PER_MS);
  progress.status(ctxId, 'transfer', 'transferring context:', { current: sent, bytes: true });
  progress.finishVertex(ctxId, 'done', ctxStart);
  return context;
}

/** Bytes the client sends: the files COPY/ADD reference (FollowPaths), after .dockerignore. */
function sentBytes(ctx: LoadedContext, plan: Pick<BuildPlan, 'stages' | 'order'>, contextDir: string, sessions: ContextSync): number {
  // Like BuildKit's file sync, a later build sends only files whose metadata or content changed.
  const prev = sessions.get(contextDir);
  const now = new Map<string, string>();
  let total = 0;
  const wanted: string[] = [];
  for (const i of plan.order) {
    for (const inst of plan.stages[i]!.instructions) {
      if ((inst.kind === 'COPY' && !inst.flags.from) || inst.kind === 'ADD') for (const s of inst.sources) wanted.push(cleanRelative(s));
    }
  }
  const all = wanted.includes('.');
  for (const e of walk(ctx.root)) {
    if (e.node.type !== 'file') continue;
    const rel = e.path.slice(1);
    if (!all && !wanted.some((w) => rel === w || rel.startsWith(w + '/') || (hasWildcard(w) && matchGlob(w, rel)))) continue;
    const sig = `${e.node.mode} ${e.node.mtime} ${contentSize(e.node.content)}`;
    now.set(rel, sig);
    if (prev?.get(rel) !== sig) total += contentSize(e.node.content);
  }
  sessions.set(contextDir, now);
  return total;
}
