// The layer stack's state, computed only from the engine's build events plus engine state lookups
// (cache records and stored images). Pure: no DOM, so it is tested in Node with real builds.
import type { BuildEvent } from '../../engine/builder/events.ts';

export type ItemState = 'base' | 'waiting' | 'building' | 'cached' | 'built' | 'invalidated' | 'error' | 'canceled';

export interface LayerRef {
  readonly digest: string;
  /**
   * The layer's DiffSize (bytes of the regular files it adds), the figure `docker history` shows, so the
   * stack and the terminal agree. Not the tar size, which adds headers and padding.
   */
  readonly diffSize: number;
}

export interface StackItem {
  /** Stable within a picture: the step's line and instruction, or `base:<index>` for base layers. */
  readonly key: string;
  /** The instruction as BuildKit names it without the `[stage n/m]` prefix, e.g. `COPY . .`. */
  readonly instruction: string;
  /** `[2/4]` or `[build 2/3]`. */
  position: string;
  readonly stage: string;
  readonly line?: number;
  state: ItemState;
  layer?: LayerRef;
  /** The cache-miss reason, on the first changed step of a build. */
  reason?: string;
  /** True for the first step that missed the cache (the cause of everything rebuilt above it). */
  firstMiss?: boolean;
  /** The layer this step had in the previous build, when it was invalidated and rebuilt. */
  replaced?: LayerRef;
  /** For `COPY --from=<stage>`: the stage it copies from. */
  copiesFrom?: string;
  /** True when the step made no layer (its history entry is empty). */
  noLayer?: boolean;
  /** Base layers: the history line that made them. */
  createdBy?: string;
}

export interface StageStack {
  readonly name: string;
  /** What FROM named: an image reference or another stage. */
  base?: string;
  baseItems: StackItem[];
  items: StackItem[];
  skipped: boolean;
  final: boolean;
}

export interface BuildPicture {
  readonly buildId: string;
  tags: readonly string[];
  status: 'running' | 'done' | 'error';
  stages: StageStack[];
  imageId?: string;
  /** Layer digests of the final image (bottom first), once the build is done. */
  finalLayers: string[];
  error?: string;
}

/** Engine state the picture reads (never its own script). */
export interface StackLookups {
  /** The layer a cache record holds, by cache key. */
  cacheLayer(key: string): LayerRef | undefined;
  /** A stored image's layers (bottom first) with their history lines, by reference or ID. */
  image(ref: string): { layers: LayerRef[]; createdBy: string[] } | undefined;
}

export interface StageInfo {
  readonly name: string;
  readonly base: string;
}

const BUILD_TYPES = new Set(['build-start', 'step-start', 'step-status', 'cache-hit', 'cache-miss', 'log', 'layer-committed', 'step-done', 'error', 'build-done']);

/** Typed adapter: true for the builder's events (the engine's stream also carries pulls, pushes, containers). */
export function isBuildEvent(e: unknown): e is BuildEvent {
  return typeof e === 'object' && e !== null && BUILD_TYPES.has((e as { type?: unknown }).type as string);
}

const POSITION = /^\[([^\]]*?)\s*(\d+\/\d+)\]\s*/;

export function splitStepName(name: string): { position: string; instruction: string; stage: string } {
  const m = POSITION.exec(name);
  if (!m) return { position: '', instruction: name, stage: '' };
  return { position: `[${m[1] ? `${m[1]} ` : ''}${m[2]}]`, instruction: name.slice(m[0].length), stage: m[1] ?? '' };
}

function fromRef(instruction: string): string {
  return instruction.replace(/^FROM\s+/, '').split(/\s+/)[0] ?? '';
}

function withoutDigest(ref: string): string {
  const at = ref.indexOf('@');
  return at >= 0 ? ref.slice(0, at) : ref;
}

/**
 * Folds build events into pictures. Keeps the last picture so that a rebuild starts from the previous
 * stack and shows which layers the first miss invalidated.
 */
export class LayerStackModel {
  current: BuildPicture | undefined;
  private previous: BuildPicture | undefined;
  private steps = new Map<string, StackItem>();
  private stageOfStep = new Map<string, StageStack>();
  private pendingKeys = new Map<string, string>();
  private stageInfo = new Map<string, StageInfo[]>();
  private readonly lookups: StackLookups;

  constructor(lookups: StackLookups) {
    this.lookups = lookups;
  }

  /** The Dockerfile's stages (from the parser), so stages that were not built can be shown as skipped. */
  setStages(buildId: string, stages: readonly StageInfo[]): void {
    this.stageInfo.set(buildId, [...stages]);
    if (this.current?.buildId === buildId && this.current.status !== 'running') this.markSkipped(this.current);
  }

  private stage(picture: BuildPicture, name: string): StageStack {
    let s = picture.stages.find((x) => x.name === name);
    if (!s) {
      s = { name, baseItems: [], items: [], skipped: false, final: false };
      picture.stages.push(s);
    }
    return s;
  }

  apply(event: BuildEvent): void {
    switch (event.type) {
      case 'build-start': {
        if (this.current && this.current.status !== 'running') this.previous = this.current;
        this.current = { buildId: event.buildId, tags: event.tags, status: 'running', stages: [], finalLayers: [] };
        this.steps.clear();
        this.stageOfStep.clear();
        this.pendingKeys.clear();
        // Start from the previous stack: its steps wait to be confirmed (cached) or invalidated.
        if (this.previous) {
          for (const old of this.previous.stages) {
            if (old.skipped) continue;
            const s = this.stage(this.current, old.name);
            s.base = old.base;
            s.baseItems = old.baseItems.map((i) => ({ ...i }));
            s.items = old.items.map((i) => ({ ...i, state: 'waiting' as ItemState, reason: undefined, firstMiss: undefined, replaced: undefined }));
          }
        }
        return;
      }
      case 'step-start': {
        const pic = this.current;
        if (!pic || event.buildId !== pic.buildId || event.kind !== 'step') return;
        const { position, instruction, stage: stageName } = splitStepName(event.name);
        const stage = this.stage(pic, event.stage ?? stageName);
        this.stageOfStep.set(event.stepId, stage);
        if (/^FROM\s/i.test(instruction)) {
          stage.base = withoutDigest(fromRef(instruction));
          return;
        }
        // BuildKit runs one FROM vertex for stages with the same base, so a stage may never see its own
        // FROM step: take its base from the Dockerfile's stages then.
        if (stage.base === undefined) this.baseFromDockerfile(pic, stage);
        const key = `${event.line ?? ''}:${instruction}`;
        let item = stage.items.find((i) => i.key === key && (i.state === 'waiting' || i.state === 'invalidated'));
        if (!item) {
          item = { key, instruction, position, stage: stage.name, state: 'building', ...(event.line !== undefined ? { line: event.line } : {}) };
          // Keep Dockerfile order: insert before the first waiting item of a later line.
          const at = stage.items.findIndex((i) => (i.state === 'waiting' || i.state === 'invalidated') && i.line !== undefined && event.line !== undefined && i.line > event.line);
          if (at >= 0) stage.items.splice(at, 0, item);
          else stage.items.push(item);
        } else {
          if (item.state === 'invalidated' && item.layer) item.replaced = item.layer;
          item.state = 'building';
          item.position = position;
        }
        const from = /--from=(\S+)/.exec(instruction);
        if (from) item.copiesFrom = from[1]!;
        this.steps.set(event.stepId, item);
        return;
      }
      case 'cache-hit': {
        this.pendingKeys.set(event.stepId, event.key);
        return;
      }
      case 'cache-miss': {
        const item = this.steps.get(event.stepId);
        const stage = this.stageOfStep.get(event.stepId);
        if (!item || !stage) return;
        const alreadyMissed = stage.items.some((i) => i.firstMiss);
        if (!alreadyMissed) {
          item.firstMiss = true;
          item.reason = event.reason;
          // Everything above the first miss in this stage is invalidated now.
          const idx = stage.items.indexOf(item);
          for (const above of stage.items.slice(idx + 1)) if (above.state === 'waiting') above.state = 'invalidated';
        }
        if (item.layer && !item.replaced) item.replaced = item.layer;
        return;
      }
      case 'layer-committed': {
        const item = this.steps.get(event.stepId);
        if (item) item.layer = { digest: event.digest, diffSize: event.diffSize };
        return;
      }
      case 'step-done': {
        const stage = this.stageOfStep.get(event.stepId);
        const item = this.steps.get(event.stepId);
        if (!item) {
          // A FROM step: its layers are the base image's (or the other stage's).
          if (stage && stage.base !== undefined && event.status !== 'error') this.fillBase(stage);
          return;
        }
        if (event.status === 'cached') {
          item.state = 'cached';
          const key = this.pendingKeys.get(event.stepId);
          const layer = key ? this.lookups.cacheLayer(key) : undefined;
          if (layer) item.layer = layer;
        } else if (event.status === 'done') {
          item.state = 'built';
          if (item.replaced && item.layer && item.replaced.digest === item.layer.digest) delete item.replaced;
        } else item.state = event.status === 'error' ? 'error' : 'canceled';
        return;
      }
      case 'error': {
        if (this.current && event.buildId === this.current.buildId) this.current.error = event.message;
        return;
      }
      case 'build-done': {
        const pic = this.current;
        if (!pic || event.buildId !== pic.buildId) return;
        pic.status = event.ok ? 'done' : 'error';
        if (event.imageId) pic.imageId = event.imageId;
        // Steps never reached stay as they were: waiting ones from the old stack are dropped.
        for (const s of pic.stages) s.items = s.items.filter((i) => i.state !== 'waiting' || !event.ok);
        const image = event.imageId ? this.lookups.image(event.imageId) : undefined;
        if (image) {
          pic.finalLayers = image.layers.map((l) => l.digest);
          this.markNoLayer(pic, image.layers);
        }
        for (const s of pic.stages) if (s.base === undefined) this.baseFromDockerfile(pic, s);
        this.markFinal(pic);
        this.markSkipped(pic);
        return;
      }
      default:
        return;
    }
  }

  private baseFromDockerfile(pic: BuildPicture, stage: StageStack): void {
    const info = this.stageInfo.get(pic.buildId)?.find((x) => x.name === stage.name);
    if (!info) return;
    stage.base = info.base;
    this.fillBase(stage);
  }

  private fillBase(stage: StageStack): void {
    const pic = this.current!;
    const other = pic.stages.find((s) => s !== stage && s.name === stage.base?.toLowerCase());
    if (other) {
      stage.baseItems = [...other.baseItems, ...other.items].map((i, n) => ({ ...i, key: `base:${n}`, state: 'base' as ItemState }));
      return;
    }
    if (!stage.base || stage.base === 'scratch') {
      stage.baseItems = [];
      return;
    }
    const image = this.lookups.image(stage.base);
    if (!image) return;
    stage.baseItems = image.layers.map((l, n) => ({
      key: `base:${n}`, instruction: image.createdBy[n] ?? '', position: '', stage: stage.name, state: 'base' as ItemState, layer: l,
      createdBy: image.createdBy[n] ?? '',
    }));
  }

  private markNoLayer(pic: BuildPicture, layers: LayerRef[]): void {
    const digests = new Set(layers.map((l) => l.digest));
    const final = this.finalStage(pic);
    if (!final) return;
    for (const i of final.items) if ((i.state === 'built' || i.state === 'cached') && !i.layer) i.noLayer = true;
    for (const i of final.items) if (i.layer && !digests.has(i.layer.digest)) i.noLayer = true;
  }

  private finalStage(pic: BuildPicture): StageStack | undefined {
    const info = this.stageInfo.get(pic.buildId);
    if (info?.length) return pic.stages.find((s) => s.name === info[info.length - 1]!.name) ?? pic.stages[pic.stages.length - 1];
    return pic.stages[pic.stages.length - 1];
  }

  private markFinal(pic: BuildPicture): void {
    const final = this.finalStage(pic);
    for (const s of pic.stages) s.final = s === final && pic.status === 'done';
  }

  private markSkipped(pic: BuildPicture): void {
    const info = this.stageInfo.get(pic.buildId);
    if (!info) return;
    const built = new Set(pic.stages.map((s) => s.name));
    for (const [n, st] of info.entries()) {
      if (built.has(st.name)) continue;
      const skipped: StageStack = { name: st.name, base: st.base, baseItems: [], items: [], skipped: true, final: false };
      // Keep the Dockerfile's stage order.
      const after = info.slice(n + 1).map((x) => pic.stages.findIndex((s) => s.name === x.name)).find((i) => i >= 0);
      if (after === undefined) pic.stages.push(skipped);
      else pic.stages.splice(after, 0, skipped);
    }
    // Order every stage as the Dockerfile has them.
    const order = new Map(info.map((s, i) => [s.name, i]));
    pic.stages.sort((a, b) => (order.get(a.name) ?? 99) - (order.get(b.name) ?? 99));
  }
}

/** Items counted by state (base layers not included). */
export function countStates(pic: BuildPicture | undefined): Record<ItemState, number> {
  const out: Record<ItemState, number> = { base: 0, waiting: 0, building: 0, cached: 0, built: 0, invalidated: 0, error: 0, canceled: 0 };
  for (const s of pic?.stages ?? []) {
    out.base += s.baseItems.length;
    for (const i of s.items) out[i.state]++;
  }
  return out;
}
