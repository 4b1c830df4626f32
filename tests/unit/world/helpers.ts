import { contentSize, getNode, statNode, contentText, type DirNode } from '../../../src/engine/fs/index.ts';
import { baseImageRoot, resolveBaseImage, runShell, type RunResult } from '../../../src/engine/world/index.ts';

export interface Ran {
  out: string;
  err: string;
  all: string;
  code: number;
  root: DirNode;
  result: RunResult;
}

export function envOf(ref: string): Record<string, string> {
  const img = resolveBaseImage(ref);
  if (!img) throw new Error(`no image ${ref}`);
  return Object.fromEntries(img.config.Env.map((e) => {
    const i = e.indexOf('=');
    return [e.slice(0, i), e.slice(i + 1)];
  }));
}

export async function sh(refOrRoot: string | DirNode, script: string, opts: { user?: string; cwd?: string; env?: Record<string, string>; network?: 'default' | 'none'; limits?: Record<string, number>; argv?: string[] } = {}): Promise<Ran> {
  const ref = typeof refOrRoot === 'string' ? refOrRoot : 'alpine:3.21';
  const root = typeof refOrRoot === 'string' ? baseImageRoot(resolveBaseImage(refOrRoot)!) : refOrRoot;
  const img = resolveBaseImage(ref)!;
  const req: Parameters<typeof runShell>[0] = {
    root,
    argv: opts.argv ?? ['/bin/sh', '-c', script],
    env: { ...envOf(ref), ...opts.env },
    cwd: opts.cwd ?? img.config.WorkingDir ?? '/',
    user: opts.user ?? 'root',
  };
  if (opts.network) req.network = opts.network;
  if (opts.limits) req.limits = opts.limits;
  const result = await runShell(req);
  const out = result.output.filter((c) => c.stream === 'stdout').map((c) => c.text).join('');
  const err = result.output.filter((c) => c.stream === 'stderr').map((c) => c.text).join('');
  return { out, err, all: result.output.map((c) => c.text).join(''), code: result.exitCode, root: result.root, result };
}

export function fileText(root: DirNode, path: string): string | undefined {
  const n = statNode(root, path);
  return n?.type === 'file' ? contentText(n.content) : undefined;
}

export function fileSize(root: DirNode, path: string): number | undefined {
  const n = statNode(root, path);
  return n?.type === 'file' ? contentSize(n.content) : undefined;
}

export function lnode(root: DirNode, path: string) {
  return getNode(root, path);
}
