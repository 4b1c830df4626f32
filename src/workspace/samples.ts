// Seeds a git workspace with a sample project. A sample is a repository whose commits are lesson
// checkpoints, each tagged with its name (`step-1`, `step-2`…); the lab opens at one of them.

import type { GitWorkspace } from './git-workspace.ts';
import { GitRepo, type Identity } from './git.ts';

export interface SampleCheckpoint {
  readonly name: string;
  readonly message: string;
  readonly files: Readonly<Record<string, string>>;
}

export interface SampleLike {
  readonly title: string;
  /** The project's files at its last checkpoint. */
  readonly files: Readonly<Record<string, string>>;
  /** Lesson checkpoints, oldest first. A sample without them gets one commit of `files`, tagged `start`. */
  readonly checkpoints?: readonly SampleCheckpoint[];
}

/** The author of the samples' commits (learners' own commits use the repository's user.name). */
export const SAMPLE_AUTHOR: Identity = { name: 'Layerlab samples', email: 'samples@layerlab.invalid' };

/** Fixed commit times make the samples' commit ids the same on every machine: 2026-01-01T00:00:00Z plus a minute per checkpoint. */
const SAMPLE_EPOCH = 1767225600;

/** `node-app`, `node-app@step-1` or `node-app#step-1` → sample and checkpoint names. */
export function parsePreset(preset: string): { sample: string; checkpoint: string | undefined } {
  const m = /^([^@#]+)(?:[@#](.+))?$/.exec(preset.trim());
  return { sample: m?.[1] ?? preset, checkpoint: m?.[2] };
}

export function checkpointsOf(sample: SampleLike): readonly SampleCheckpoint[] {
  return sample.checkpoints?.length ? sample.checkpoints : [{ name: 'start', message: `${sample.title}: starting point`, files: sample.files }];
}

function isExecutable(path: string, content: string): boolean {
  return content.startsWith('#!') || path.endsWith('.sh');
}

async function writeTree(ws: GitWorkspace, files: Readonly<Record<string, string>>): Promise<void> {
  await ws.clear();
  for (const [path, content] of Object.entries(files)) {
    const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
    if (dir) await ws.mkdir(dir, { recursive: true });
    await ws.writeFile(path, content, { mode: isExecutable(path, content) ? 0o755 : 0o644 });
  }
}

/**
 * Replaces the workspace (working tree and repository) with the sample's history and leaves the
 * branch `main` and the working tree at `checkpoint` (default: the last one).
 */
export async function seedSample(ws: GitWorkspace, sample: SampleLike, checkpoint?: string): Promise<GitRepo> {
  const checkpoints = checkpointsOf(sample);
  const target = checkpoint ?? checkpoints[checkpoints.length - 1]!.name;
  if (!checkpoints.some((c) => c.name === target)) {
    throw new Error(`The sample "${sample.title}" has no checkpoint "${target}" (it has ${checkpoints.map((c) => c.name).join(', ')}).`);
  }
  await removeRecursive(ws, ws.gitdir);
  await ws.ensureRoot();
  const repo = new GitRepo(ws);
  await repo.init('main');
  for (const [i, cp] of checkpoints.entries()) {
    await writeTree(ws, cp.files);
    await repo.add(['']);
    const oid = await repo.commit(cp.message + '\n', { timestamp: SAMPLE_EPOCH + i * 60, author: SAMPLE_AUTHOR });
    await repo.tag(cp.name, oid);
  }
  if (target !== checkpoints[checkpoints.length - 1]!.name) await repo.reset(target, 'hard');
  ws.notify({ kind: 'reload', paths: [] });
  return repo;
}

async function removeRecursive(ws: GitWorkspace, abs: string): Promise<void> {
  const st = await ws.fs.lstat(abs).catch(() => null);
  if (!st) return;
  if (st.isDirectory()) {
    for (const name of await ws.fs.readdir(abs)) await removeRecursive(ws, `${abs}/${name}`);
    await ws.fs.rmdir(abs);
  } else await ws.fs.unlink(abs);
}
