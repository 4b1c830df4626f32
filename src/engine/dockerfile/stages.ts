// A Dockerfile's stages as BuildKit names them in its progress: the AS name, or `stage-N` when there
// are several; '' for a lone unnamed stage. With each stage's base image name.
import { parseDockerfile } from './index.ts';

export interface StageName {
  readonly name: string;
  readonly base: string;
}

export function stageNames(dockerfileText: string): StageName[] {
  try {
    const parsed = parseDockerfile(dockerfileText);
    if (!parsed.ok) return [];
    const stages = parsed.dockerfile.stages;
    return stages.map((s) => ({ name: s.name ?? (stages.length === 1 ? '' : `stage-${s.index}`), base: s.baseName }));
  } catch {
    return [];
  }
}
