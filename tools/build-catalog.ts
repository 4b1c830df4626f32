// Builds a catalogue image from its Dockerfile with the lab's builder (RUN steps replayed, see
// src/engine/world/catalog-builds.ts) on a throwaway engine, and turns the result into what the site ships: the
// config, the history the Dockerfile added, and per layer its digests and the step that made it.
// Used by precompute-digests.ts and by the unit test that checks the shipped data. Node only (reads
// the Dockerfiles from disk).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createLabEngine } from '../src/engine/engine.ts';
import { contentText, DEFAULT_MTIME, diffTrees, sameNode, type Change } from '../src/engine/fs/index.ts';
import { parseDockerfile } from '../src/engine/dockerfile/index.ts';
import type { StoredImage } from '../src/engine/store/types.ts';
import { createMemoryWorkspace } from '../src/workspace/memory.ts';
import { replayRunsOf, type CatalogBuild, type ShippedFile, type ShippedImage, type ShippedLayer } from '../src/engine/world/catalog-builds.ts';
import type { LayerDigestFacts } from '../src/engine/world/digests.ts';
import { baseImageRoot } from '../src/engine/world/catalog.ts';
import type { BaseImage, BaseImageConfig } from '../src/engine/world/types.ts';

const DOCKERFILES = new URL('../src/engine/world/dockerfiles/', import.meta.url);

export interface BuiltCatalogImage {
  readonly image: StoredImage;
  readonly shipped: ShippedImage;
  /** Digests of the layers the Dockerfile added, by layer id. */
  readonly facts: Record<string, LayerDigestFacts>;
}

/**
 * The build context: every file in the Dockerfile's directory. Git keeps only a file's executable bit,
 * so modes are 0755 or 0644 whatever the checkout's umask (a build host's umask can give other group
 * bits, such as 0775, in images built elsewhere).
 */
function readContext(dir: URL): Record<string, { data: Uint8Array; mode: number }> {
  const out: Record<string, { data: Uint8Array; mode: number }> = {};
  for (const name of readdirSync(dir)) {
    const url = new URL(name, dir);
    const st = statSync(url);
    if (st.isFile()) out[name] = { data: readFileSync(url), mode: st.mode & 0o100 ? 0o755 : 0o644 };
  }
  return out;
}

const CONFIG_KEYS = new Set(['Env', 'Cmd', 'Entrypoint', 'WorkingDir', 'ExposedPorts', 'User', 'Labels', 'StopSignal', 'ArgsEscaped']);

export async function buildCatalogImage(build: CatalogBuild): Promise<BuiltCatalogImage> {
  const dfUrl = new URL(build.dockerfile, DOCKERFILES);
  const dfName = build.dockerfile.split('/').pop()!;
  const context = readContext(new URL('.', dfUrl));
  // Files get the toy world's fixed time, so the layers do not depend on when the repository was checked out.
  const ws = await createMemoryWorkspace({}, { now: () => DEFAULT_MTIME * 1000 });
  for (const [name, f] of Object.entries(context)) {
    await ws.writeFile('/' + name, f.data, { mode: f.mode });
  }
  const engine = createLabEngine();
  const outcome = await engine.build({ workspace: ws, contextDir: '/', dockerfile: '/' + dfName, tags: [build.ref], replayRun: replayRunsOf(build) });
  if (!outcome.ok) throw new Error(`${build.ref}: ${outcome.error}`);
  const image = engine.images.get(outcome.imageId!)!;

  const parsed = parseDockerfile(new TextDecoder().decode(context[dfName]!.data));
  if (!parsed.ok) throw new Error(`${build.ref}: ${parsed.error.message}`);
  const stages = parsed.dockerfile.stages;
  const final = stages.at(-1)!;
  const base = await engine.resolveBaseImage(final.baseName);
  if (!base) throw new Error(`${build.ref}: no base ${final.baseName}`);
  const added = image.layers.slice(base.layers.length);
  const steps = final.instructions.filter((i) => i.kind === 'RUN' || i.kind === 'COPY' || i.kind === 'ADD' || i.kind === 'WORKDIR');
  if (steps.length !== added.length || added.length !== build.layerIds.length) {
    throw new Error(`${build.ref}: ${added.length} layers for ${steps.length} steps and ${build.layerIds.length} layer ids`);
  }

  const cfg = JSON.parse(image.configJson) as { config: Record<string, unknown>; history: ShippedImage['history'] };
  const history = cfg.history.slice(JSON.parse(base.configJson).history.length);
  const layerHistory = history.filter((h) => !h.empty_layer);
  const otherStages: Record<string, string> = {};
  let runIndex = 0;
  const layers: ShippedLayer[] = steps.map((inst, k): ShippedLayer => {
    const id = build.layerIds[k]!;
    if (inst.kind === 'RUN') return { id, run: { stage: final.name ?? '', index: runIndex++ } };
    // The history has the path expanded (WORKDIR $GOPATH shows as WORKDIR /go).
    if (inst.kind === 'WORKDIR') return { id, workdir: layerHistory[k]!.created_by.replace(/^WORKDIR /, '') };
    if (inst.kind === 'COPY' && inst.flags.from) {
      const stage = stages.find((s) => s.name === inst.flags.from!.toLowerCase());
      if (!stage || !inst.flags.link || inst.dest !== '/' || inst.sources.length !== 1) throw new Error(`${build.ref}: unsupported ${inst.original}`);
      if (stage.instructions.some((i) => i.kind === 'COPY' || i.kind === 'ADD' || i.kind === 'WORKDIR')) throw new Error(`${build.ref}: stage ${stage.name} must only RUN`);
      otherStages[stage.name!] = stage.baseName;
      return { id, copyFrom: { stage: stage.name!, source: inst.sources[0]! } };
    }
    if (inst.kind !== 'COPY') throw new Error(`${build.ref}: unsupported ${inst.kind}`);
    return { id, copy: copiedFiles(build.ref, added[k]!.changes) };
  });

  for (const key of Object.keys(cfg.config)) if (!CONFIG_KEYS.has(key)) throw new Error(`${build.ref}: config has ${key}, which the catalogue does not serve`);
  const facts: Record<string, LayerDigestFacts> = {};
  added.forEach((l, k) => {
    facts[build.layerIds[k]!] = { diffId: l.diffId, digest: l.digest, size: l.size, compressedSize: l.compressedSize };
  });
  const shipped: ShippedImage = {
    from: final.baseName,
    stages: otherStages,
    config: cfg.config as unknown as BaseImageConfig,
    history: history.map(plainHistory),
    layers,
  };
  return { image, shipped, facts };
}

type ShippedHistory = ShippedImage['history'][number];

/** A history entry as the image config writes it: only the fields it has. */
function plainHistory(h: { created_by: string; empty_layer?: boolean; comment?: string }): ShippedHistory {
  return { created_by: h.created_by, ...(h.empty_layer ? { empty_layer: true } : {}), ...(h.comment ? { comment: h.comment } : {}) };
}

/** A COPY layer from the context: plain files only (the catalogue copies single files). */
function copiedFiles(ref: string, changes: readonly Change[]): ShippedFile[] {
  return changes.map((c) => {
    if (c.kind === 'deleted' || c.node.type !== 'file' || c.node.content.kind !== 'bytes') throw new Error(`${ref}: COPY layer has ${c.kind} ${c.path}, expected files only`);
    const n = c.node;
    return { path: c.path, text: contentText(n.content), mode: n.mode, uid: n.uid, gid: n.gid, mtime: n.mtime };
  });
}

/**
 * Where the catalogue's image (as catalog.ts serves it) differs from what the builder made: history,
 * config, and every layer's changes (paths, kinds, metadata, content) and resulting filesystem. Equal
 * changes and filesystems give byte-identical layer tars, so this proves the shipped digests without
 * hashing hundreds of megabytes again. Empty when they agree.
 */
export function differences(built: StoredImage, served: BaseImage): string[] {
  const out: string[] = [];
  const cfg = JSON.parse(built.configJson) as { config: Record<string, unknown>; history: ShippedHistory[] };
  const history = served.history.map((h) => plainHistory({ created_by: h.createdBy, empty_layer: h.emptyLayer, comment: h.comment }));
  const builtHistory = cfg.history.map(plainHistory);
  if (JSON.stringify(history) !== JSON.stringify(builtHistory)) out.push('history differs');
  if (JSON.stringify(served.config) !== JSON.stringify(cfg.config)) out.push(`config differs: ${JSON.stringify(served.config)} vs ${JSON.stringify(cfg.config)}`);
  if (served.layers.length !== built.layers.length) return [...out, `${served.layers.length} layers served, ${built.layers.length} built`];
  served.layers.forEach((l, k) => {
    const a = l.changes;
    const b = built.layers[k]!.changes;
    const same = a.length === b.length && a.every((c, i) => {
      const d = b[i]!;
      return c.kind === d.kind && c.path === d.path && (c.kind === 'deleted' || (d.kind !== 'deleted' && sameNode(c.node, d.node)));
    });
    if (!same) out.push(`layer ${k} (${l.id}) changes differ`);
  });
  if (!built.rootfs || diffTrees(built.rootfs, baseImageRoot(served)).length > 0) out.push('filesystems differ');
  return out;
}
