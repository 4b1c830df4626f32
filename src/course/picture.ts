// The picture a lesson is about, drawn next to its text: what the engine holds after the lesson's own
// commands, worked out when the site is built (in Node, with the same engine, shell and samples as the
// lab) and rendered as plain HTML by LessonPicture.astro. Nothing here is drawn by hand: each layer,
// size and cache state is the engine's, as `docker history` and `docker build` print them.
import { runChallenge } from './run.ts';
import { configOf, imageOf, layerSize, latestBuild, shortStep, shortId, containerChanges, newContainers, dockerfileSteps, instructionOf } from './facts.ts';
import { dockerSize } from '../engine/units.ts';
import { diffSize } from '../engine/store/sizes.ts';
import type { Challenge, SolutionStep, StartingState } from './types.ts';

export interface PictureSpec {
  readonly start: StartingState;
  /** The lesson's commands and edits, in the headless CLI's script format. */
  readonly steps: readonly SolutionStep[];
  /** The images to draw, side by side. */
  readonly images: readonly string[];
  /** The base image whose layers are drawn as one row (e.g. `node:22-alpine`), or one per image. */
  readonly base?: string | readonly string[];
  /** Draw the writable layers of the containers the commands made, above the image they run. */
  readonly containers?: boolean;
  /** Names to draw with the image each points to (a tag moves, an image ID does not). */
  readonly names?: readonly string[];
}

export interface PictureRow {
  /** The instruction, as `docker history` shows it, shortened (`RUN npm ci`). */
  readonly step: string;
  /** `docker history`'s size, e.g. `2.9MB`; `0B` for a row that changes only the config. */
  readonly size: string;
  readonly kind: 'base' | 'layer' | 'config';
  /** For the image's last build: whether the step came from the cache or ran. */
  readonly state?: 'cached' | 'ran';
  /** The layer is in another image of the picture too (the same diff id). */
  readonly shared?: boolean;
}

export interface PictureColumn {
  readonly ref: string;
  /** Bottom first. */
  readonly rows: readonly PictureRow[];
  readonly containers: readonly { readonly name: string; readonly changes: string }[];
}

export interface Picture {
  readonly columns: readonly PictureColumn[];
  /** Each of `names` with the short ID of its image, as `docker images` shows it. */
  readonly names: readonly { readonly name: string; readonly id: string }[];
}

interface HistoryEntry {
  created_by?: string;
  empty_layer?: boolean;
}

export async function lessonPicture(spec: PictureSpec): Promise<Picture> {
  const challenge: Challenge = {
    id: 'picture/picture', lesson: 'picture', title: '', goal: '', start: spec.start,
    goalMet: () => false, diagnoses: [], notYet: '', explanation: '', hints: [], solution: [],
  };
  const run = await runChallenge(challenge, spec.steps);
  const ctx = { engine: run.engine, workspace: run.workspace, activity: run.activity, baselineContainers: new Set<string>() };
  const images = spec.images.map((ref) => {
    const img = imageOf(ctx, ref);
    if (!img) throw new Error(`lesson picture: the commands made no image ${ref}`);
    return { ref, img };
  });
  const diffIds = (i: number) => new Set(images[i]!.img.layers.map((l) => l.diffId));
  const baseOf = (i: number): string | undefined => (typeof spec.base === 'string' ? spec.base : spec.base?.[i]);
  const containers = spec.containers ? newContainers(ctx) : [];
  const columns = images.map(({ ref, img }, i) => {
    const base = baseOf(i);
    const baseImage = base ? imageOf(ctx, base) : undefined;
    if (base && !baseImage) throw new Error(`lesson picture: no base image ${base}`);
    const baseEntries = baseImage ? (configOf(baseImage).history ?? []).length : 0;
    const others = images.map((_, j) => j).filter((j) => j !== i).map(diffIds);
    const history = ((configOf(img) as { history?: HistoryEntry[] }).history ?? []);
    const build = latestBuild(ctx, ref);
    const steps = build ? dockerfileSteps(build) : [];
    const rows: PictureRow[] = [];
    let layer = 0;
    let baseBytes = 0;
    let baseLayers = 0;
    history.forEach((h, n) => {
      const isLayer = !h.empty_layer;
      const l = isLayer ? img.layers[layer++] : undefined;
      if (n < baseEntries) {
        if (l) {
          baseBytes += diffSize(l.changes);
          baseLayers++;
        }
        return;
      }
      const step = shortStep(h.created_by ?? '');
      // The final stage's steps come last: a line that is in an earlier stage too reads as the final one.
      const built = steps.findLast((s) => instructionOf(s) === step);
      rows.push({
        step: step.length > 64 ? `${step.slice(0, 63)}…` : step,
        size: l ? layerSize(img, layer - 1) : '0B',
        kind: l ? 'layer' : 'config',
        state: built?.status === 'cached' ? 'cached' : built?.status === 'built' ? 'ran' : undefined,
        shared: l ? others.some((o) => o.has(l.diffId)) : undefined,
      });
    });
    // The base image's layers as one row: how many, and their sizes added up as docker history prints them.
    if (base) {
      const sharedBase = images.some((o, j) => j !== i && baseImage!.layers.every((l) => o.img.layers.some((m) => m.diffId === l.diffId)));
      rows.unshift({ step: `FROM ${base}`, size: `${baseLayers} ${baseLayers === 1 ? 'layer' : 'layers'}, ${dockerSize(baseBytes)}`, kind: 'base', shared: sharedBase || undefined });
    }
    const mine = containers.filter((c) => c.imageId === img.id).map((c) => ({ name: c.name, changes: describeChanges(containerChanges(ctx, c)) }));
    return { ref, rows, containers: mine };
  });
  const names = (spec.names ?? []).map((name) => {
    const img = imageOf(ctx, name);
    if (!img) throw new Error(`lesson picture: no image is named ${name}`);
    return { name, id: shortId(img.id) };
  });
  return { columns, names };
}

function describeChanges(changes: readonly { kind: string; path: string }[]): string {
  if (changes.length === 0) return 'no changes';
  const shown = changes.slice(0, 3).map((c) => `${c.kind === 'deleted' ? 'deleted' : c.kind === 'added' ? 'added' : 'changed'} ${c.path}`);
  return shown.join(', ') + (changes.length > 3 ? `, and ${changes.length - 3} more` : '');
}
