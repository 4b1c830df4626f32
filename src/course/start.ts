// Opens a challenge's starting state: the sample's checkpoint files with the challenge's own files on
// top, and the local image store holding (or not holding) the images the challenge names. Other
// images, containers and the build cache are left as they are.
import type { LabEngine } from '../engine/index.ts';
import type { GitWorkspace } from '../workspace/git-workspace.ts';
import { writeSampleTree, parsePreset, type SampleLike } from '../workspace/samples.ts';
import { pullImage } from '../engine/registry/ops.ts';
import type { StartingState } from './types.ts';

export async function openStartingState(engine: LabEngine, workspace: GitWorkspace, samples: Readonly<Record<string, SampleLike>>, start: StartingState): Promise<void> {
  const { sample: name, checkpoint } = parsePreset(start.preset);
  const sample = samples[name];
  if (!sample) throw new Error(`The lab has no sample project named "${name}".`);
  await writeSampleTree(workspace, sample, checkpoint);
  await workspace.batch(async () => {
    for (const [path, content] of Object.entries(start.files ?? {})) {
      if (content === null) {
        await workspace.remove(path, { recursive: true }).catch(() => undefined);
        continue;
      }
      const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
      if (dir) await workspace.mkdir(dir, { recursive: true });
      await workspace.writeFile(path, content, { mode: content.startsWith('#!') ? 0o755 : 0o644 });
    }
  });
  for (const ref of start.absentImages ?? []) {
    const image = engine.images.resolve(ref);
    if (!image) continue;
    try {
      engine.images.remove(ref, { force: true });
    } catch {
      /* still in use: the check then explains what it sees */
    }
    engine.emit({ type: 'store-changed', reason: 'rmi' });
  }
  for (const ref of start.images ?? []) {
    if (engine.images.resolve(ref)) continue;
    await pullImage(engine, ref);
  }
}
