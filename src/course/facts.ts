// Small readers over the engine's state that challenge checks share: images, their layers and files,
// the latest build of a tag and its steps, containers made since the challenge started.
import type { StoredImage } from '../engine/index.ts';
import { applyChanges, emptyDir, getNode, type DirNode, type FsNode } from '../engine/fs/index.ts';
import { normalizeTaggedRef } from '../engine/store/refs.ts';
import type { Container } from '../engine/container/index.ts';
import { dockerSize, progressBytes } from '../engine/units.ts';
import { diffSize } from '../engine/store/sizes.ts';
import type { CheckContext } from './types.ts';
import type { BuildRecord, StepRecord } from './activity.ts';

export { dockerSize, progressBytes };

export function imageOf(ctx: CheckContext, ref: string): StoredImage | undefined {
  try {
    return ctx.engine.images.resolve(ref);
  } catch {
    return undefined;
  }
}

interface ImageJson {
  config?: { User?: string; Cmd?: string[]; Entrypoint?: string[]; WorkingDir?: string; Env?: string[] };
  history?: { created_by?: string; empty_layer?: boolean }[];
}

export function configOf(image: StoredImage): ImageJson {
  try {
    return JSON.parse(image.configJson) as ImageJson;
  } catch {
    return {};
  }
}

/** The image's filesystem (from the store, or rebuilt from its layers). */
export function rootOf(image: StoredImage): DirNode {
  if (image.rootfs) return image.rootfs;
  let root = emptyDir();
  for (const l of image.layers) root = applyChanges(root, l.changes);
  return root;
}

export function fileIn(image: StoredImage, path: string): FsNode | undefined {
  return getNode(rootOf(image), path);
}

/** Each layer's `created_by` line from the image's history, bottom first. */
export function layerSteps(image: StoredImage): string[] {
  const steps = (configOf(image).history ?? []).filter((h) => !h.empty_layer).map((h) => shortStep(h.created_by ?? ''));
  while (steps.length < image.layers.length) steps.push('');
  return steps;
}

/** A layer's size as `docker history` prints it (its regular files' bytes). */
export function layerSize(image: StoredImage, layer: number): string {
  return dockerSize(diffSize(image.layers[layer]?.changes ?? []));
}

/** `RUN /bin/sh -c npm ci # buildkit` → `RUN npm ci`. */
export function shortStep(createdBy: string): string {
  return createdBy.replace(/^RUN \/bin\/sh -c /, 'RUN ').replace(/ # buildkit$/, '').trim();
}

/** Layers (0 = bottom) whose changes add or change `path`, or something under it. */
export function layersAdding(image: StoredImage, path: string): number[] {
  const out: number[] = [];
  image.layers.forEach((l, i) => {
    if (l.changes.some((c) => c.kind !== 'deleted' && (c.path === path || c.path.startsWith(path + '/')))) out.push(i);
  });
  return out;
}

/** Layers that delete `path` (a whiteout in the tar). */
export function layersDeleting(image: StoredImage, path: string): number[] {
  const out: number[] = [];
  image.layers.forEach((l, i) => {
    if (l.changes.some((c) => c.kind === 'deleted' && (c.path === path || path.startsWith(c.path + '/')))) out.push(i);
  });
  return out;
}

function normalized(tag: string): string {
  try {
    return normalizeTaggedRef(tag);
  } catch {
    return tag;
  }
}

/** The latest build that named `tag` (finished or not). */
export function latestBuild(ctx: CheckContext, tag: string): BuildRecord | undefined {
  const t = normalized(tag);
  for (let i = ctx.activity.builds.length - 1; i >= 0; i--) if (ctx.activity.builds[i]!.tags.includes(t)) return ctx.activity.builds[i];
  return undefined;
}

/** Successful builds of `tag`, oldest first. */
export function buildsOf(ctx: CheckContext, tag: string): BuildRecord[] {
  const t = normalized(tag);
  return ctx.activity.builds.filter((b) => b.ok === true && b.tags.includes(t));
}

/** The instruction part of a step name: `[3/5] COPY . .` → `COPY . .`; `[build 2/4] RUN x` → `RUN x`. */
export function instructionOf(step: StepRecord): string {
  return step.name.replace(/^\[[^\]]*\]\s*/, '');
}

/** Dockerfile steps of a build (no internal rows, no export). */
export function dockerfileSteps(build: BuildRecord): StepRecord[] {
  return build.steps.filter((s) => s.kind === 'step');
}

export function findStep(build: BuildRecord, pattern: RegExp): StepRecord | undefined {
  return dockerfileSteps(build).find((s) => pattern.test(instructionOf(s)));
}

/** The `[n/m]` label of a step for messages: `Step 4/5`. */
export function stepLabel(step: StepRecord): string {
  const m = /^\[(?:[^\]\s]+ )?(\d+\/\d+)\]/.exec(step.name);
  return m ? `Step ${m[1]}` : 'A step';
}

/** The first rebuilt step of a build whose reason names a changed input (not "the step above…"). */
export function firstCause(build: BuildRecord): StepRecord | undefined {
  return dockerfileSteps(build).find((s) => s.status === 'built' && s.reason && !/step above|no earlier|--no-cache/.test(s.reason));
}

/** Regular files a COPY step copied, with their sizes, from the build cache record of its key. */
export function copiedFiles(ctx: CheckContext, step: StepRecord | undefined): { path: string; size: number }[] {
  if (!step?.key) return [];
  const files = ctx.engine.buildCache.get(step.key)?.inputs.files ?? {};
  const out: { path: string; size: number }[] = [];
  // Signatures read `file MODE SIZE HASH` (src/engine/builder/builder.ts).
  for (const [path, sig] of Object.entries(files)) {
    const m = /^file \S+ (\d+) /.exec(sig);
    if (m) out.push({ path: path.replace(/^\/+/, ''), size: Number(m[1]) });
  }
  return out;
}

/** The build context's transfer size of a build, as its `transferring context:` row printed it. */
export function contextBytes(build: BuildRecord): number | undefined {
  return build.steps.find((s) => s.name === '[internal] load build context')?.transferred;
}

/** Containers created since the challenge started. */
export function newContainers(ctx: CheckContext): Container[] {
  return ctx.engine.containers
    .list(true)
    .filter((c) => !ctx.baselineContainers.has(c.id));
}

export function containerChanges(ctx: CheckContext, c: Container) {
  return ctx.engine.containers.changes(c);
}

export async function readText(ctx: CheckContext, path: string): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await ctx.workspace.readFile(path));
  } catch {
    return undefined;
  }
}

/** Same layers, bottom first, as another image: `base` is a base of `image`. */
export function extendsImage(image: StoredImage, base: StoredImage): boolean {
  return base.layers.length <= image.layers.length && base.layers.every((l, i) => image.layers[i]!.diffId === l.diffId);
}

export function shortId(digest: string): string {
  return digest.replace(/^sha256:/, '').slice(0, 12);
}

export function code(s: string): string {
  return `\`${s}\``;
}
