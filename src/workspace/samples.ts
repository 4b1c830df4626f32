// Seeds a git workspace with a sample project. A sample is a repository whose commits are lesson
// checkpoints, each tagged with its name (`step-1`, `step-2`…); the lab opens at one of them.
// The working tree is written first (cheap, no git); the history is then made from git objects
// directly, without touching the working tree, so it can run in the background while the learner
// already types, and edits made meanwhile are kept.

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
export const SAMPLE_EPOCH = 1767225600;

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

function targetOf(sample: SampleLike, checkpoint: string | undefined): SampleCheckpoint {
  const checkpoints = checkpointsOf(sample);
  const name = checkpoint ?? checkpoints[checkpoints.length - 1]!.name;
  const cp = checkpoints.find((c) => c.name === name);
  if (!cp) throw new Error(`The sample "${sample.title}" has no checkpoint "${name}" (it has ${checkpoints.map((c) => c.name).join(', ')}).`);
  return cp;
}

/** Replaces the working tree with the checkpoint's files (no git involved). */
export async function writeSampleTree(ws: GitWorkspace, sample: SampleLike, checkpoint?: string): Promise<void> {
  const cp = targetOf(sample, checkpoint);
  await ws.batch(async () => {
    await ws.ensureRoot();
    await ws.clear();
    for (const [path, content] of Object.entries(cp.files)) {
      const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
      if (dir) await ws.mkdir(dir, { recursive: true });
      await ws.writeFile(path, content, { mode: isExecutable(path, content) ? 0o755 : 0o644 });
    }
  });
}

/**
 * Replaces the repository with the sample's history: one commit per checkpoint, each tagged, `main`
 * at `checkpoint` (default: the last one) and the index matching it. The working tree is not touched.
 */
export async function writeSampleHistory(ws: GitWorkspace, sample: SampleLike, checkpoint?: string): Promise<GitRepo> {
  const target = targetOf(sample, checkpoint);
  // Not a ws.batch(): the learner's own edits, made while this runs, must still be saved one by one.
  {
    await removeRecursive(ws, ws.gitdir);
    const repo = new GitRepo(ws);
    await repo.init('main');
    const git = await repo.git();
    const base = { fs: ws.fs, dir: ws.dir, gitdir: ws.gitdir };
    const encoder = new TextEncoder();
    const blobCache = new Map<string, string>();
    const writeDir = async (files: ReadonlyArray<readonly [string, string]>): Promise<string> => {
      const here = new Map<string, { mode: string; path: string; oid: string; type: 'blob' | 'tree' }>();
      const sub = new Map<string, Array<[string, string]>>();
      for (const [path, content] of files) {
        const slash = path.indexOf('/');
        if (slash >= 0) {
          const dir = path.slice(0, slash);
          sub.set(dir, [...(sub.get(dir) ?? []), [path.slice(slash + 1), content]]);
        } else {
          let oid = blobCache.get(content);
          if (!oid) {
            oid = await git.writeBlob({ ...base, blob: encoder.encode(content) });
            blobCache.set(content, oid);
          }
          here.set(path, { mode: isExecutable(path, content) ? '100755' : '100644', path, oid, type: 'blob' });
        }
      }
      for (const [dir, inner] of sub) here.set(dir, { mode: '040000', path: dir, oid: await writeDir(inner), type: 'tree' });
      return git.writeTree({ ...base, tree: [...here.values()] });
    };
    let parent: string | null = null;
    let targetOid = '';
    for (const [i, cp] of checkpointsOf(sample).entries()) {
      const tree = await writeDir(Object.entries(cp.files));
      const who = { ...SAMPLE_AUTHOR, timestamp: SAMPLE_EPOCH + i * 60, timezoneOffset: 0 };
      const oid: string = await git.writeCommit({ ...base, commit: { message: cp.message + '\n', tree, parent: parent ? [parent] : [], author: who, committer: who } });
      await repo.tag(cp.name, oid);
      if (cp.name === target.name) targetOid = oid;
      parent = oid;
    }
    await git.writeRef({ ...base, ref: 'refs/heads/main', value: targetOid, force: true });
    // The index records the checkpoint's files (resetIndex keeps the working tree as it is).
    for (const path of Object.keys(target.files).sort()) await git.resetIndex({ ...base, filepath: path, ref: targetOid });
    await ws.fs.flush?.();
    return repo;
  }
}

/**
 * Replaces the workspace (working tree and repository) with the sample's history and leaves the
 * branch `main` and the working tree at `checkpoint` (default: the last one).
 */
export async function seedSample(ws: GitWorkspace, sample: SampleLike, checkpoint?: string): Promise<GitRepo> {
  targetOf(sample, checkpoint);
  await writeSampleTree(ws, sample, checkpoint);
  const repo = await writeSampleHistory(ws, sample, checkpoint);
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
