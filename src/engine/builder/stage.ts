// A stage's state while it builds: its filesystem, cache key, working config, history and layers, how a
// stage starts (from an image, from scratch, or from an earlier stage), and how its steps are named.
import { emptyDir, type DirNode } from '../fs/index.ts';
import { vertexName, type EscapeToken, type Instruction, type Stage } from '../dockerfile/index.ts';
import type { ContainerConfig, HistoryEntry, ImageConfig } from '../image/index.ts';
import type { StoredLayer } from '../store/types.ts';
import { fromVertex, type BaseInfo } from './base.ts';
import { BuildFailure, linesOf } from './failure.ts';
import type { Progress } from './progress.ts';

export const DEFAULT_PATH = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** The image config a stage is building, changed in place by its instructions. */
export interface MutableConfig {
  User?: string;
  ExposedPorts?: Record<string, Record<string, never>>;
  Env: string[];
  Entrypoint?: string[];
  Cmd?: string[];
  Volumes?: Record<string, Record<string, never>>;
  WorkingDir?: string;
  Labels?: Record<string, string>;
  StopSignal?: string;
  ArgsEscaped?: boolean;
  Healthcheck?: ContainerConfig['Healthcheck'];
  OnBuild?: string[];
  Shell?: string[];
}

export interface StageState {
  readonly stage: Stage;
  /** The stage's position in the Dockerfile (what `--from=N` names). */
  readonly index: number;
  /** Name shown in step labels (`build`, `stage-1`), or '' for single-stage builds. */
  label: string;
  root: DirNode;
  key: string;
  config: MutableConfig;
  author?: string;
  /** LLB state env: image ENV plus ARGs with values, in order. */
  runEnv: Map<string, string>;
  argNames: Set<string>;
  /** ARGs declared in this stage (for `RUN |N …` history). */
  buildArgs: { key: string; value?: string }[];
  history: HistoryEntry[];
  layers: StoredLayer[];
  cmdIndex: number;
  cmdTotal: number;
  /** The last step in this stage ran (was not cached): later misses are cascades. */
  lastRan: boolean;
  /**
   * With --no-cache: a step below this one was forced to run again. BuildKit then lets no later step match
   * the cache through it (solver/edge.go: an ignore-cache edge adds no keys for its consumers).
   */
  forcedBelow: boolean;
  /** How many leading history entries are the base image's own (their times are kept). */
  baseEntries: number;
}

/** A stage whose base is an earlier stage, before that stage has run: only its label and step count. */
export function pendingStage(s: Stage, index: number, label: string, total: number): StageState {
  return { stage: s, index, label, cmdTotal: total, cmdIndex: 0 } as StageState;
}

export function envMapOf(env: readonly string[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const e of env) {
    const i = e.indexOf('=');
    m.set(i < 0 ? e : e.slice(0, i), i < 0 ? '' : e.slice(i + 1));
  }
  return m;
}

/** A stage on an image (its config, history, layers and files) or, without one, on scratch. */
export async function initStage(progress: Progress, s: Stage, index: number, label: string, total: number, base: BaseInfo | undefined): Promise<StageState> {
  const st: StageState = {
    stage: s,
    index,
    label,
    root: emptyDir(),
    key: 'scratch',
    config: { Env: [DEFAULT_PATH] },
    runEnv: new Map(),
    argNames: new Set(),
    buildArgs: [],
    history: [],
    layers: [],
    cmdIndex: 0,
    cmdTotal: total,
    lastRan: false,
    forcedBelow: false,
    baseEntries: 0,
  };
  if (base) {
    const cfg = JSON.parse(base.image.configJson) as ImageConfig;
    st.config = inheritedConfig(cfg.config ?? {});
    st.history = [...(cfg.history ?? [])];
    st.baseEntries = st.history.length;
    st.layers = [...base.image.layers];
    st.root = base.image.rootfs ?? emptyDir();
    st.key = `from:${base.pinned}`;
    st.runEnv = envMapOf(st.config.Env);
    st.cmdIndex = 1;
    const name = `${stepPrefix(st, 1)}FROM ${base.pinned}`;
    await fromVertex(progress, name, base, { label: st.label, line: s.from.range.start.line });
  } else {
    st.runEnv = envMapOf(st.config.Env);
  }
  if (st.config.OnBuild?.length) {
    throw new BuildFailure('In this lab, ONBUILD triggers from a base image are not supported', { lines: linesOf(s.from) });
  }
  return st;
}

/** The working config a stage starts with from its base image's config (copies, so the base stays as it is). */
function inheritedConfig(c: ContainerConfig): MutableConfig {
  const config: MutableConfig = {
    ...(c.User !== undefined ? { User: c.User } : {}),
    ...(c.ExposedPorts ? { ExposedPorts: { ...c.ExposedPorts } as Record<string, Record<string, never>> } : {}),
    Env: [...(c.Env ?? [DEFAULT_PATH])],
    ...(c.Entrypoint ? { Entrypoint: [...c.Entrypoint] } : {}),
    ...(c.Cmd ? { Cmd: [...c.Cmd] } : {}),
    ...(c.Volumes ? { Volumes: { ...c.Volumes } as Record<string, Record<string, never>> } : {}),
    ...(c.WorkingDir ? { WorkingDir: c.WorkingDir } : {}),
    ...(c.Labels ? { Labels: { ...c.Labels } } : {}),
    ...(c.StopSignal ? { StopSignal: c.StopSignal } : {}),
    ...(c.Healthcheck ? { Healthcheck: c.Healthcheck } : {}),
    ...(c.Shell ? { Shell: [...c.Shell] } : {}),
  };
  if (c.OnBuild?.length) config.OnBuild = [...c.OnBuild];
  return config;
}

/** A stage based on an earlier stage: it goes on from that stage's result. */
export function inheritStage(s: Stage, index: number, label: string, total: number, parent: StageState): StageState {
  return {
    stage: s,
    index,
    label,
    root: parent.root,
    key: parent.key,
    config: structuredClone(parent.config),
    author: parent.author,
    runEnv: new Map(parent.runEnv),
    argNames: new Set(),
    buildArgs: [],
    history: [...parent.history],
    layers: [...parent.layers],
    cmdIndex: 0,
    cmdTotal: total,
    lastRan: parent.lastRan,
    forcedBelow: parent.forcedBelow,
    baseEntries: parent.baseEntries,
  };
}

/** `[stage 2/5] ` with the index padded to the width of the total, as BuildKit's `%*d`. */
function stepPrefix(st: StageState, index: number): string {
  if (st.cmdTotal === 0) return '';
  const width = String(st.cmdTotal).length;
  return `[${st.label ? st.label + ' ' : ''}${String(index).padStart(width, ' ')}/${st.cmdTotal}] `;
}

/** Counts the stage's next step and names its vertex: `[2/5] RUN npm ci`. */
export function nextStepName(st: StageState, inst: Instruction, escape: EscapeToken): string {
  st.cmdIndex++;
  let name: string;
  try {
    name = vertexName(inst, st.runEnv, escape);
  } catch {
    name = inst.original;
  }
  const sp = name.indexOf(' ');
  name = sp < 0 ? name.toUpperCase() : name.slice(0, sp).toUpperCase() + name.slice(sp);
  return stepPrefix(st, st.cmdIndex) + name;
}

/** Appends the frontend's history entry for an instruction (`created` is the epoch time, when there is one). */
export function recordHistory(st: StageState, created: string | undefined, createdBy: string, emptyLayer: boolean): void {
  st.history.push({ ...(created === undefined ? {} : { created }), created_by: createdBy, comment: 'buildkit.dockerfile.v0', ...(emptyLayer ? { empty_layer: true } : {}) });
}
