// The builder: turns a Dockerfile and its build context into an image the way BuildKit's Dockerfile
// frontend does: the same steps, the same cache keys and hits, the same history, and typed events
// that the shell renders as BuildKit's progress output.
import type { BuilderHost as LabEngine, EngineBuildRequest as BuildRequest, BuildOutcome, CacheExplanation, BuildWarning } from '../parts.ts';
import type { BuildEvent } from './events.ts';
import {
  applyChanges,
  diffTrees,
  diffTreesWithRewrites,
  emptyDir,
  fileNode,
  getNode,
  normalizePath,
  resolvePath,
  setNode,
  TreeDraft,
  statNode,
  walk,
  contentSize,
  materialize,
  type Change,
  type DirNode,
  type FsNode,
} from '../fs/index.ts';
import {
  parseDockerfile,
  expandWord,
  expandInstruction,
  vertexName,
  lintDockerfile,
  type Dockerfile,
  type Instruction,
  type Stage,
  type CopyInstruction,
  type AddInstruction,
  type RunInstruction,
  type EscapeToken,
} from '../dockerfile/index.ts';
import { runShell, CATALOG } from '../world/index.ts';
import { buildImage, createLayer, readLayerTar, SOURCE_DATE, type ContainerConfig, type HistoryEntry, type ImageConfig, type Layer } from '../image/index.ts';
import { parseSourceDateEpoch, rfc3339, stampHistory } from './created.ts';
import type { StoredImage, StoredLayer } from '../store/types.ts';
import { familiarName, normalizeTaggedRef, parseRef } from '../store/refs.ts';
import { diffSize } from '../store/sizes.ts';
import type { KeyInputs } from './cache.ts';
import { describeDiff } from './explain.ts';
import { cleanRelative, hasWildcard, IgnoreMatcher, matchGlob, parseIgnoreFile } from '../dockerfile/patterns.ts';
import { ContextLimitError, hashBytes, hashText, knownHash, LIMITS, loadContext, type LoadedContext } from './context.ts';
import * as T from './timing.ts';
import { Yielder } from './yield.ts';
import { checkImageDepth, checkMountDepth } from './layer-depth.ts';

/** A build failure with BuildKit's wording; `line` points the snippet at the Dockerfile. */
export class BuildFailure extends Error {
  readonly lines?: { start: number; end: number };
  readonly stepId?: string;
  readonly canceled: boolean;
  readonly vertexMessage?: string;
  constructor(message: string, opts: { lines?: { start: number; end: number }; stepId?: string; canceled?: boolean; vertexMessage?: string } = {}) {
    super(message);
    this.lines = opts.lines;
    this.stepId = opts.stepId;
    this.canceled = opts.canceled ?? false;
    this.vertexMessage = opts.vertexMessage;
  }
}

const PROXY_ARGS = new Set(['HTTP_PROXY', 'HTTPS_PROXY', 'FTP_PROXY', 'NO_PROXY', 'ALL_PROXY']);
const isProxyArg = (k: string): boolean => PROXY_ARGS.has(k.toUpperCase());
const DEFAULT_PATH = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const PLATFORM_ARGS: Record<string, string> = {
  BUILDPLATFORM: 'linux/amd64',
  BUILDOS: 'linux',
  BUILDARCH: 'amd64',
  BUILDVARIANT: '',
  TARGETPLATFORM: 'linux/amd64',
  TARGETOS: 'linux',
  TARGETARCH: 'amd64',
  TARGETVARIANT: '',
};

interface MutableConfig {
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

interface StageState {
  readonly stage: Stage;
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
  /** The stage's base (FROM) changed relative to what the cache has. */
  done: boolean;
}

interface BaseInfo {
  image: StoredImage;
  /** `docker.io/library/node:22-alpine` */
  fullRef: string;
  /** `docker.io/library/node@sha256:…` the tag resolved to. */
  pinned: string;
  wasLocal: boolean;
  /**
   * Set once this build has shown the base's FROM vertex: stages on the same base share that one vertex
   * (BuildKit merges identical operations), so later stages do not print their own FROM row.
   */
  vertexEnd?: number;
}

function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + '"';
}

function goQuoteSlice(args: readonly string[]): string {
  return `[${args.map(goQuote).join(' ')}]`;
}

function envMapOf(env: readonly string[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const e of env) {
    const i = e.indexOf('=');
    m.set(i < 0 ? e : e.slice(0, i), i < 0 ? '' : e.slice(i + 1));
  }
  return m;
}

/**
 * Object.entries(files).sort(), in exactly the order the default sort gives (each [path, sig] pair
 * compared as its string "path,sig"), without making those strings for every comparison: a COPY of
 * thousands of files keys its cache in milliseconds.
 */
function sortedEntries(files: Record<string, string>): [string, string][] {
  const entries = Object.entries(files);
  // COPY lists its files in walk order, which is usually already this order: then there is nothing to sort.
  let sorted = true;
  for (let i = 1; i < entries.length && sorted; i++) sorted = compareEntryStrings(entries[i - 1]!, entries[i]!) <= 0;
  return sorted ? entries : entries.sort(compareEntryStrings);
}

/** Compares [k, v] pairs as the strings "k,v" (what the default sort compares) without building them. */
function compareEntryStrings(a: [string, string], b: [string, string]): number {
  const x = a[0];
  const y = b[0];
  if (x === y) return a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
  // Unless one key is a prefix of the other, the keys differ before either string reaches its comma.
  if (!x.startsWith(y) && !y.startsWith(x)) return x < y ? -1 : 1;
  const s = `${x},${a[1]}`;
  const t = `${y},${b[1]}`;
  return s < t ? -1 : s > t ? 1 : 0;
}

function envKey(entry: string): string {
  const i = entry.indexOf('=');
  return i < 0 ? entry : entry.slice(0, i);
}

/** Env arrays addEnv made, with where each name sits in them. */
const envPositions = new WeakMap<readonly string[], Map<string, number>>();

/**
 * `env` with `k=v` set: in place of the first `k=…`, else appended. The caller hands `env` over and
 * keeps the result instead (`st.config.Env = addEnv(st.config.Env, …)`): an array that addEnv made
 * itself is updated in place, any other (a base image's, a clone) is copied once. With a name →
 * position map beside it, each ENV costs constant time; copying and scanning the whole list every
 * time made 20,000 ENV lines take close to a minute.
 */
function addEnv(env: string[], k: string, v: string): string[] {
  let out = env;
  let positions = envPositions.get(env);
  const known = positions?.get(k);
  // The map goes with the array; should anything else have changed the array, start afresh.
  if (known !== undefined && envKey(env[known] ?? '') !== k) positions = undefined;
  if (!positions) {
    out = env.slice();
    positions = new Map();
    for (let i = 0; i < out.length; i++) {
      const name = envKey(out[i]!);
      if (!positions.has(name)) positions.set(name, i);
    }
    envPositions.set(out, positions);
  }
  const at = positions.get(k);
  if (at !== undefined) out[at] = `${k}=${v}`;
  else {
    positions.set(k, out.length);
    out.push(`${k}=${v}`);
  }
  return out;
}

function isNotFoundish(e: unknown): boolean {
  return e instanceof Error && /not found|no such/i.test(e.message);
}

let buildCounter = 0;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type EventInput = DistributiveOmit<BuildEvent, 'buildId' | 'at'> & { at?: number };

export async function runBuild(engine: LabEngine, req: BuildRequest): Promise<BuildOutcome> {
  const run = new BuildRun(engine, req);
  return run.execute();
}

class BuildRun {
  private readonly engine: LabEngine;
  private readonly req: BuildRequest;
  private readonly buildId: string;
  private t = 0;
  private vertex = 0;
  private tempVertex = 0;
  /** Simulated time when each stage's last step ended (its lane), and when the context was loaded. */
  private readonly laneEnd = new Map<number, number>();
  private readonly fromEnd = new Map<number | string, number>();
  private contextReady = 0;
  private readonly explanations: CacheExplanation[] = [];
  private warnings: BuildWarning[] = [];
  private dockerfileText = '';
  /** The Dockerfile's escape token (`# escape=` directive). */
  private escape: EscapeToken = '\\';
  private dockerfileName = 'Dockerfile';
  private context: LoadedContext | undefined;
  private readonly tags: string[];
  private readonly buildArgs: Record<string, string>;
  private readonly lines: string[] = [];
  /** Gives the event loop a turn between and within steps (see yield.ts). */
  private readonly yielder = new Yielder();
  /** Layers committed (not taken from the cache) in this build. */
  private readonly fresh = new Set<StoredLayer>();
  /** When each layer of this build was first made (engine-clock ms): its cache record's time. */
  private readonly layerTimes = new Map<StoredLayer, number>();
  /** SOURCE_DATE_EPOCH in seconds, when the build has one. */
  private epochSeconds: number | undefined;
  /** The time the frontend writes into each history entry: the epoch, or none (the exporter fills it in). */
  private historyCreated: string | undefined;

  constructor(engine: LabEngine, req: BuildRequest) {
    this.engine = engine;
    this.req = req;
    this.buildId = `build-${++buildCounter}`;
    this.tags = (req.tags ?? []).map((t) => normalizeTaggedRef(t));
    this.buildArgs = { ...(req.buildArgs ?? {}) };
  }

  private emit(event: EventInput): void {
    const full = { ...event, buildId: this.buildId, at: event.at ?? this.t } as BuildEvent;
    if (this.buffer) this.buffer.push(full);
    else this.engine.emit(full);
  }

  /**
   * While stages run, events are held and then released in simulated-time order, so independent stages
   * show interleaved as BuildKit runs them in parallel. Vertex numbers (`#N`) follow the order in which
   * vertices start in simulated time, as BuildKit numbers them.
   */
  private buffer: BuildEvent[] | undefined;
  private readonly renamed = new Map<string, string>();

  private flush(): void {
    const events = this.buffer ?? [];
    this.buffer = undefined;
    const order = events.map((e, i) => ({ e, i })).sort((a, b) => a.e.at - b.e.at || a.i - b.i);
    for (const { e } of order) {
      const id = 'stepId' in e ? e.stepId : undefined;
      if (e.type === 'step-start' && id?.startsWith('@')) this.renamed.set(id, `#${++this.vertex}`);
      const out = id && this.renamed.has(id) ? ({ ...e, stepId: this.renamed.get(id)! } as BuildEvent) : e;
      this.engine.emit(out);
    }
    for (let k = 0; k < this.explanations.length; k++) {
      const x = this.explanations[k]!;
      const to = this.renamed.get(x.stepId);
      if (to) this.explanations[k] = { ...x, stepId: to };
    }
  }

  private stepIdOf(id: string | undefined): string | undefined {
    return id && this.renamed.has(id) ? this.renamed.get(id) : id;
  }

  private checkCanceled(stepId?: string): void {
    if (this.req.signal?.aborted) throw new BuildFailure('Canceled: context canceled', { stepId, canceled: true });
  }

  /** Starts a vertex and returns its id. */
  private startVertex(name: string, kind: 'internal' | 'step' | 'export', extra: { stage?: string; line?: number } = {}): string {
    const stepId = this.buffer ? `@${++this.tempVertex}` : `#${++this.vertex}`;
    this.emit({ type: 'step-start', stepId, name, kind, ...extra });
    return stepId;
  }

  private status(stepId: string, statusId: string, name: string, opts: { current?: number; total?: number; bytes?: boolean; seconds?: number; done?: boolean } = {}): void {
    this.emit({ type: 'step-status', stepId, statusId, name, done: opts.done ?? true, current: opts.current, total: opts.total, bytes: opts.bytes, seconds: opts.seconds });
  }

  private finishVertex(stepId: string, status: 'done' | 'cached' | 'error' | 'canceled', startedAt: number): void {
    this.emit({ type: 'step-done', stepId, status, durationMs: this.t - startedAt });
  }

  async execute(): Promise<BuildOutcome> {
    this.emit({ type: 'build-start', dockerfile: this.req.dockerfile ?? 'Dockerfile', tags: this.tags, target: this.req.target });
    let imageId: string | undefined;
    let failure: BuildFailure | undefined;
    try {
      imageId = await this.build();
    } catch (e) {
      failure = e instanceof BuildFailure ? e : new BuildFailure(e instanceof Error ? e.message : String(e));
    }
    if (this.buffer) this.flush();
    if (failure) {
      const message = failure.canceled ? `failed to build: failed to solve: ${failure.message}` : `failed to build: failed to solve: ${failure.message}`;
      this.emit({
        type: 'error',
        stepId: this.stepIdOf(failure.stepId),
        message,
        vertexMessage: failure.vertexMessage ?? failure.message.replace(/^failed to compute cache key: /, ''),
        sourceText: this.dockerfileText,
        source: failure.lines ? { file: this.dockerfileName, startLine: failure.lines.start, endLine: failure.lines.end } : undefined,
      });
      this.emit({ type: 'build-done', ok: false, tags: this.tags });
      return {
        ok: false,
        buildId: this.buildId,
        tags: this.tags,
        error: message,
        canceled: failure.canceled,
        explanations: this.explanations,
        warnings: this.warnings,
        durationMs: this.t,
      };
    }
    this.emit({ type: 'build-done', ok: true, imageId, tags: this.tags });
    this.engine.emit({ type: 'store-changed', reason: 'build' });
    return { ok: true, buildId: this.buildId, imageId, tags: this.tags, explanations: this.explanations, warnings: this.warnings, durationMs: this.t };
  }

  /** Dockerfile source lines for error snippets. */
  get sourceLines(): readonly string[] {
    return this.lines;
  }

  private async build(): Promise<string> {
    const ws = this.req.workspace;
    const contextDir = normalizePath(this.req.contextDir);
    const dfPath = normalizePath(this.req.dockerfile ?? `${contextDir}/Dockerfile`);
    this.dockerfileName = dfPath.split('/').pop() ?? 'Dockerfile';

    // [internal] load build definition
    const defStart = this.t;
    const defId = this.startVertex(`[internal] load build definition from ${this.dockerfileName}`, 'internal');
    const dfStat = await ws.stat(dfPath);
    const dfBytes = dfStat?.type === 'file' ? await ws.readFile(dfPath) : undefined;
    this.status(defId, 'transfer', 'transferring dockerfile:', { current: dfBytes?.byteLength ?? 2, bytes: true });
    this.finishVertex(defId, 'done', defStart);
    if (!dfBytes) {
      const shown = this.req.dockerfile ? dfPath.replace(/^\//, '') : 'Dockerfile';
      throw new BuildFailure(`failed to read dockerfile: open ${shown}: no such file or directory`);
    }
    this.dockerfileText = new TextDecoder().decode(dfBytes);
    this.lines.push(...this.dockerfileText.replace(/^\uFEFF/, '').split(/\r?\n/));
    this.emitSourceLines();
    if (dfBytes.byteLength === 0) throw new BuildFailure('the Dockerfile cannot be empty');
    const parsed = parseDockerfile(this.dockerfileText);
    if (!parsed.ok) {
      const line = parsed.error.line ?? parsed.error.range?.start.line;
      const end = parsed.error.range?.end.line ?? line;
      throw new BuildFailure(parsed.error.message, line ? { lines: { start: line, end: end ?? line } } : {});
    }
    const df = parsed.dockerfile;
    // `# escape=`` ` changes the escape token for every word the builder expands.
    this.escape = df.directives.escape;
    if (df.directives.syntax !== undefined) {
      // BuildKit resolves and pulls the named frontend image here (two vertices); the lab says, once, why not.
      const start = this.t;
      const id = this.startVertex(`[internal] syntax=${df.directives.syntax}: in this lab no frontend image is pulled; the built-in Dockerfile frontend is used`, 'internal');
      this.finishVertex(id, 'done', start);
    }

    // Global (meta) args: visible to FROM lines only.
    const metaEnv = new Map<string, string>(Object.entries(PLATFORM_ARGS));
    const metaArgValues = new Map<string, string | undefined>();
    for (const inst of df.metaArgs) {
      for (const a of inst.args) {
        let v: string | undefined = this.buildArgs[a.name];
        if (v === undefined && a.value !== undefined) v = this.expand(a.value, metaEnv, inst);
        metaArgValues.set(a.name, v);
        if (v !== undefined) metaEnv.set(a.name, v);
      }
    }

    // SOURCE_DATE_EPOCH: a build arg, or a global ARG with a value (dockerfile2llb getBuildArgValue).
    const epochArg = Object.hasOwn(this.buildArgs, 'SOURCE_DATE_EPOCH') ? this.buildArgs['SOURCE_DATE_EPOCH'] : metaArgValues.get('SOURCE_DATE_EPOCH') || undefined;
    const epoch = parseSourceDateEpoch(epochArg);
    if (epoch.error) throw new BuildFailure(epoch.error);
    this.epochSeconds = epoch.seconds;
    this.historyCreated = epoch.seconds === undefined ? undefined : rfc3339(epoch.seconds * 1000);

    // Stage graph.
    const stages = df.stages;
    if (stages.length === 0) throw new BuildFailure('dockerfile contains no stages to build');
    const byName = new Map<string, number>();
    const baseOf: (number | string | null)[] = [];
    stages.forEach((s, i) => {
      const expanded = this.expand(s.baseName, metaEnv, s.from);
      const lower = expanded.toLowerCase();
      if (byName.has(lower)) baseOf.push(byName.get(lower)!);
      else if (lower === 'scratch') baseOf.push(null);
      else baseOf.push(expanded);
      if (s.name) byName.set(s.name.toLowerCase(), i);
    });
    let targetIndex = stages.length - 1;
    if (this.req.target) {
      const idx = byName.get(this.req.target.toLowerCase());
      if (idx === undefined) {
        const names = [...byName.keys()];
        const suggestion = names.find((n) => levenshtein(n, this.req.target!.toLowerCase()) <= 2);
        throw new BuildFailure(`target stage ${goQuote(this.req.target)} could not be found${suggestion ? ` (did you mean ${suggestion}?)` : ''}`);
      }
      targetIndex = idx;
    }
    // Dependencies: base stage and COPY --from / RUN --mount from= references.
    const deps: Set<number>[] = stages.map(() => new Set<number>());
    const implicitImages = new Map<string, string>(); // ref as written -> expanded ref
    stages.forEach((s, i) => {
      const b = baseOf[i];
      if (typeof b === 'number') deps[i]!.add(b);
      for (const inst of s.instructions) {
        const froms: string[] = [];
        if (inst.kind === 'COPY' && inst.flags.from) froms.push(inst.flags.from);
        if (inst.kind === 'RUN') for (const m of inst.flags.mount) if (m.from) froms.push(m.from);
        for (const from of froms) {
          if (/\$/.test(from)) {
            throw new BuildFailure('variable expansion is not supported for --from, define a new stage with FROM using ARG from global scope as a workaround', {
              lines: { start: inst.range.start.line, end: inst.range.end.line },
            });
          }
          const ref = this.stageRef(from, stages, byName, i, inst);
          if (typeof ref === 'number') deps[i]!.add(ref);
          else implicitImages.set(from, from);
        }
      }
    });
    const reachable = new Set<number>();
    const visit = (i: number): void => {
      if (reachable.has(i)) return;
      reachable.add(i);
      for (const d of deps[i]!) visit(d);
    };
    visit(targetIndex);
    const order = [...reachable].sort((a, b) => a - b);


    // [internal] load metadata for each external base image of the reachable stages.
    const baseRefs: string[] = [];
    for (const i of order) {
      const b = baseOf[i];
      if (typeof b === 'string' && !baseRefs.includes(b)) baseRefs.push(b);
    }
    for (const ref of implicitImages.keys()) if (!baseRefs.includes(ref)) baseRefs.push(ref);
    const bases = new Map<string, BaseInfo>();
    for (const ref of baseRefs) {
      await this.yielder.always();
      this.checkCanceled();
      bases.set(ref, await this.loadMetadata(ref, df, stages, baseOf));
    }

    // [internal] load .dockerignore
    const ignStart = this.t;
    const ignId = this.startVertex('[internal] load .dockerignore', 'internal');
    const specific = `${dfPath}.dockerignore`;
    let ignoreText = '';
    let ignoreBytes = 0;
    let ignoreFound = false;
    for (const candidate of [specific, `${contextDir === '/' ? '' : contextDir}/.dockerignore`]) {
      const st = await ws.stat(candidate);
      if (st?.type === 'file') {
        const data = await ws.readFile(candidate);
        ignoreText = new TextDecoder().decode(data);
        ignoreBytes = data.byteLength;
        ignoreFound = true;
        break;
      }
    }
    this.status(ignId, 'transfer', 'transferring context:', { current: ignoreBytes || 2, bytes: true });
    this.finishVertex(ignId, 'done', ignStart);
    const ignore = new IgnoreMatcher(parseIgnoreFile(ignoreText));

    // Stage states; FROM vertices first (BuildKit starts them in parallel), then the build context.
    const states = new Map<number, StageState>();
    const multi = stages.length > 1;
    // Several stages (or images copied from) may run in parallel: hold their events to release them in
    // simulated-time order. A single stage streams its events live.
    if (order.length > 1 || implicitImages.size > 0) this.buffer = [];
    const t0 = this.t;
    for (const i of order) {
      this.t = t0;
      const s = stages[i]!;
      const b = baseOf[i];
      const label = multi ? (s.name ?? `stage-${i}`) : '';
      let total = typeof b === 'string' ? 1 : 0;
      for (const inst of s.instructions) if (inst.kind === 'RUN' || inst.kind === 'COPY' || inst.kind === 'ADD' || inst.kind === 'WORKDIR') total++;
      if (typeof b === 'number') {
        states.set(i, { stage: s, label, cmdTotal: total, cmdIndex: 0 } as StageState);
        continue;
      }
      const st = await this.initStage(s, label, total, b === null ? undefined : bases.get(b)!);
      states.set(i, st);
      this.fromEnd.set(i, this.t);
    }
    for (const ref of implicitImages.keys()) {
      this.t = t0;
      const base = bases.get(ref)!;
      await this.fromVertex(`FROM ${base.pinned}`, base, undefined);
      this.fromEnd.set(ref, this.t);
    }
    this.t = t0;

    const needsContext = order.some((i) =>
      stages[i]!.instructions.some(
        (inst) =>
          ((inst.kind === 'COPY' && !inst.flags.from) || inst.kind === 'ADD') && inst.sources.some((src) => !/^https?:\/\//.test(src)),
      ),
    );
    if (needsContext) {
      const ctxStart = this.t;
      const ctxId = this.startVertex('[internal] load build context', 'internal');
      try {
        this.context = await loadContext(ws, contextDir, ignore);
      } catch (e) {
        this.finishVertex(ctxId, 'error', ctxStart);
        if (e instanceof ContextLimitError) throw new BuildFailure(e.message, { stepId: ctxId });
        throw e;
      }
      const sent = this.sentBytes(this.context, stages, order, contextDir);
      this.t += T.ms(sent, T.CONTEXT_BYTES_PER_MS);
      this.status(ctxId, 'transfer', 'transferring context:', { current: sent, bytes: true });
      this.finishVertex(ctxId, 'done', ctxStart);
    }
    this.contextReady = this.t;

    // Lint warnings (BuildKit's rules only), printed after the build. The checks see the context's files
    // and .dockerignore, so CopyIgnoredFile can name a COPY source that .dockerignore excludes.
    try {
      const files = this.context ? [...walk(this.context.root)].map((e) => e.path.slice(1)) : undefined;
      const dockerignore = ignoreFound ? parseIgnoreFile(ignoreText) : null;
      this.warnings = lintDockerfile(df, { files, dockerignore })
        .filter((d) => !d.rule.startsWith('Layerlab/') && d.severity !== 'hint')
        .map((d) => ({ rule: d.rule, message: d.message, line: d.range.start.line }));
    } catch {
      this.warnings = [];
    }

    // Run the stages in order (dependencies always come earlier in the file).
    for (const i of order) {
      let st = states.get(i)!;
      const b = baseOf[i];
      if (typeof b === 'number') {
        const parent = states.get(b)!;
        st = this.inheritStage(stages[i]!, st.label, st.cmdTotal, parent);
        states.set(i, st);
        this.t = this.laneEnd.get(b) ?? t0;
      } else this.t = this.fromEnd.get(i) ?? t0;
      for (const inst of stages[i]!.instructions) {
        await this.yielder.maybe();
        this.checkCanceled();
        // A step waits for what it reads: the build context, or the stage or image it copies from.
        const waits: number[] = [];
        const froms: string[] = [];
        if (inst.kind === 'COPY' && inst.flags.from) froms.push(inst.flags.from);
        else if (inst.kind === 'COPY' || inst.kind === 'ADD') waits.push(this.contextReady);
        if (inst.kind === 'RUN') for (const m of inst.flags.mount) if (m.type === 'bind') m.from ? froms.push(m.from) : waits.push(this.contextReady);
        for (const f of froms) {
          const ref = this.stageRef(f, stages, byName, i, inst);
          waits.push(typeof ref === 'number' ? (this.laneEnd.get(ref) ?? t0) : (this.fromEnd.get(ref) ?? t0));
        }
        this.t = Math.max(this.t, ...waits);
        await this.dispatch(st, inst, states, stages, byName, bases, i, metaArgValues);
      }
      st.done = true;
      this.laneEnd.set(i, this.t);
    }
    this.t = Math.max(t0, ...this.laneEnd.values());
    if (this.buffer) this.flush();

    return this.exportImage(states.get(targetIndex)!);
  }

  private emitSourceLines(): void {
    // Source lines travel with the error event's location; nothing to emit here (kept for clarity).
  }

  private expand(word: string, env: ReadonlyMap<string, string>, inst: Instruction): string {
    try {
      return expandWord(word, env, this.escape);
    } catch (e) {
      throw new BuildFailure(e instanceof Error ? e.message : String(e), { lines: { start: inst.range.start.line, end: inst.range.end.line } });
    }
  }

  private stageRef(from: string, stages: readonly Stage[], byName: Map<string, number>, current: number, inst: Instruction): number | string {
    if (/^\d+$/.test(from)) {
      const n = Number(from);
      if (n >= current) {
        throw new BuildFailure(`invalid from flag value ${from}: refers to current build stage or a later one`, { lines: { start: inst.range.start.line, end: inst.range.end.line } });
      }
      return n;
    }
    const idx = byName.get(from.toLowerCase());
    if (idx !== undefined) {
      if (idx >= current) {
        const cur = stages[current]!.name ?? `stage-${current}`;
        throw new BuildFailure(`cannot copy from stage ${goQuote(from)}, it needs to be defined before current stage ${goQuote(cur)}`, {
          lines: { start: inst.range.start.line, end: inst.range.end.line },
        });
      }
      return idx;
    }
    return from;
  }

  /** `[internal] load metadata for docker.io/library/x:tag`: resolves the tag to a digest. */
  private async loadMetadata(ref: string, _df: Dockerfile, stages: readonly Stage[], baseOf: readonly (number | string | null)[]): Promise<BaseInfo> {
    let fullRef: string;
    let parsed;
    const lineOf = (): { start: number; end: number } | undefined => {
      const i = baseOf.indexOf(ref);
      const s = i >= 0 ? stages[i] : undefined;
      return s ? { start: s.from.range.start.line, end: s.from.range.end.line } : undefined;
    };
    try {
      parsed = parseRef(ref);
      fullRef = parsed.digest ? `${parsed.name}@${parsed.digest}` : `${parsed.name}:${parsed.tag ?? 'latest'}`;
    } catch (e) {
      const why = e instanceof Error && e.message.startsWith('invalid reference format') ? e.message : 'invalid reference format';
      throw new BuildFailure(`failed to parse stage name ${goQuote(ref)}: ${why}`, { lines: lineOf() });
    }
    const start = this.t;
    const id = this.startVertex(`[internal] load metadata for ${fullRef}`, 'internal');
    this.t += T.REGISTRY_ROUND_TRIP_MS;
    const local = this.engine.images.resolve(fullRef);
    let image = local;
    let wasLocal = !!local;
    if (!image) image = await this.engine.resolveBaseImage(fullRef, this.req.signal);
    if (!image) {
      this.finishVertex(id, 'error', start);
      const repo = familiarName(parsed.name);
      const known = CATALOG.some((r) => r.name === repo || `library/${r.name}` === repo);
      const why = known
        ? `${fullRef}: not found`
        : 'pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed';
      throw new BuildFailure(`${ref}: failed to resolve source metadata for ${fullRef}: ${why}`, { stepId: id, lines: lineOf(), vertexMessage: why });
    }
    this.finishVertex(id, 'done', start);
    const repoDigest = this.engine.images.repoDigestOfTag(fullRef);
    const pinned = parsed.digest ? fullRef : `${fullRef}@${(repoDigest ?? `@${image.id}`).split('@')[1]}`;
    return { image, fullRef, pinned, wasLocal };
  }

  /** The FROM vertex: resolve row, then per-layer download and extract rows on first use, or CACHED. */
  private async fromVertex(name: string, base: BaseInfo, stage: StageState | undefined): Promise<void> {
    if (base.vertexEnd !== undefined) {
      this.t = Math.max(this.t, base.vertexEnd);
      return;
    }
    await this.fromVertexOnce(name, base, stage);
    base.vertexEnd = this.t;
  }

  private async fromVertexOnce(name: string, base: BaseInfo, stage: StageState | undefined): Promise<void> {
    const start = this.t;
    const id = this.startVertex(name, 'step', { stage: stage?.label, line: stage?.stage.from.range.start.line });
    this.status(id, 'resolve', `resolve ${base.pinned}`, { seconds: 0 });
    if (base.wasLocal) {
      this.emit({ type: 'cache-hit', stepId: id, key: `from:${base.pinned}` });
      this.finishVertex(id, 'cached', start);
      if (stage) this.explanations.push({ stepId: id, name, status: 'cached', reason: `the base image ${familiarName(base.fullRef.split('@')[0]!)} is already in the local image store` });
      return;
    }
    for (const layer of base.image.layers) {
      const dl = T.ms(layer.compressedSize, T.DOWNLOAD_BYTES_PER_MS);
      this.t += dl;
      this.status(id, layer.digest, layer.digest, { current: layer.compressedSize, total: layer.compressedSize, bytes: true, seconds: dl / 1000 });
    }
    for (const layer of base.image.layers) {
      const ex = T.ms(layer.size, T.EXTRACT_BYTES_PER_MS);
      this.t += ex;
      this.status(id, `extract-${layer.digest}`, `extracting ${layer.digest}`, { seconds: ex / 1000 });
    }
    base.wasLocal = true;
    this.finishVertex(id, 'done', start);
    if (stage) this.explanations.push({ stepId: id, name, status: 'built', reason: `the base image was not in the local image store yet, so its layers were downloaded` });
  }

  private async initStage(s: Stage, label: string, total: number, base: BaseInfo | undefined): Promise<StageState> {
    const st: StageState = {
      stage: s,
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
      done: false,
    };
    if (base) {
      const cfg = JSON.parse(base.image.configJson) as ImageConfig;
      const c = cfg.config ?? {};
      st.config = {
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
      if (c.OnBuild?.length) st.config.OnBuild = [...c.OnBuild];
      st.history = [...(cfg.history ?? [])];
      st.baseEntries = st.history.length;
      st.layers = [...base.image.layers];
      st.root = base.image.rootfs ?? emptyDir();
      st.key = `from:${base.pinned}`;
      st.runEnv = envMapOf(st.config.Env);
      st.cmdIndex = 1;
      const name = `${this.prefix(st, 1)}FROM ${base.pinned}`;
      await this.fromVertex(name, base, st);
    } else {
      st.runEnv = envMapOf(st.config.Env);
    }
    if (st.config.OnBuild?.length) {
      throw new BuildFailure('In this lab, ONBUILD triggers from a base image are not supported', { lines: { start: s.from.range.start.line, end: s.from.range.end.line } });
    }
    return st;
  }

  private inheritStage(s: Stage, label: string, total: number, parent: StageState): StageState {
    return {
      stage: s,
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
      done: false,
    };
  }

  /** `[stage 2/5] ` with the index padded to the width of the total, as BuildKit's `%*d`. */
  private prefix(st: StageState, index: number): string {
    if (st.cmdTotal === 0) return '';
    const width = String(st.cmdTotal).length;
    return `[${st.label ? st.label + ' ' : ''}${String(index).padStart(width, ' ')}/${st.cmdTotal}] `;
  }

  private nextName(st: StageState, inst: Instruction): string {
    st.cmdIndex++;
    let name: string;
    try {
      name = vertexName(inst, st.runEnv, this.escape);
    } catch {
      name = inst.original;
    }
    const sp = name.indexOf(' ');
    name = sp < 0 ? name.toUpperCase() : name.slice(0, sp).toUpperCase() + name.slice(sp);
    return this.prefix(st, st.cmdIndex) + name;
  }

  private linesOf(inst: Instruction): { start: number; end: number } {
    return { start: inst.range.start.line, end: inst.range.end.line };
  }

  private async dispatch(
    st: StageState,
    raw: Instruction,
    states: Map<number, StageState>,
    stages: readonly Stage[],
    byName: Map<string, number>,
    bases: Map<string, BaseInfo>,
    stageIndex: number,
    metaArgs: Map<string, string | undefined>,
  ): Promise<void> {
    const commit = (createdBy: string, emptyLayer: boolean): void => {
      st.history.push({ ...this.createdField(), created_by: createdBy, comment: 'buildkit.dockerfile.v0', ...(emptyLayer ? { empty_layer: true } : {}) });
    };
    let inst: Instruction = raw;
    const needsExpansion = raw.kind !== 'RUN' && raw.kind !== 'CMD' && raw.kind !== 'ENTRYPOINT' && raw.kind !== 'ARG' && raw.kind !== 'ONBUILD';
    if (needsExpansion) {
      try {
        inst = expandInstruction(raw, st.runEnv, this.escape);
      } catch (e) {
        throw new BuildFailure(e instanceof Error ? e.message : String(e), { lines: this.linesOf(raw) });
      }
    }
    switch (inst.kind) {
      case 'ENV': {
        const parts: string[] = [];
        for (const p of inst.pairs) {
          st.runEnv.set(p.key, p.value);
          st.config.Env = addEnv(st.config.Env, p.key, p.value);
          parts.push(`${p.key}=${p.value}`);
        }
        commit(`ENV ${parts.join(' ')}`, true);
        return;
      }
      case 'ARG': {
        const parts: string[] = [];
        for (const a of inst.args) {
          const hasValue = Object.hasOwn(this.buildArgs, a.name);
          let value: string | undefined = a.value;
          let hasDefault = a.value !== undefined;
          if (!hasDefault && !hasValue && metaArgs.has(a.name)) {
            value = metaArgs.get(a.name);
            hasDefault = false;
          }
          if (hasValue) value = this.buildArgs[a.name];
          else if (hasDefault && value !== undefined) value = this.expand(value, st.runEnv, inst);
          if (value !== undefined) st.runEnv.set(a.name, value);
          st.argNames.add(a.name);
          const existing = st.buildArgs.findIndex((b) => b.key === a.name);
          if (existing >= 0) st.buildArgs.splice(existing, 1);
          st.buildArgs.push({ key: a.name, value });
          parts.push(value !== undefined ? `${a.name}=${value}` : a.name);
        }
        commit(`ARG ${parts.join(' ')}`, true);
        return;
      }
      case 'LABEL': {
        st.config.Labels = { ...(st.config.Labels ?? {}) };
        const parts: string[] = [];
        for (const p of inst.pairs) {
          st.config.Labels[p.key] = p.value;
          parts.push(`${p.key}=${p.value}`);
        }
        commit(`LABEL ${parts.join(' ')}`, true);
        return;
      }
      case 'CMD':
      case 'ENTRYPOINT': {
        const args = inst.cmd.form === 'exec' ? inst.cmd.args : [...(st.config.Shell ?? ['/bin/sh', '-c']), inst.cmd.command];
        if (inst.kind === 'CMD') {
          st.config.Cmd = args;
          st.config.ArgsEscaped = true;
        } else {
          st.config.Entrypoint = args;
          if (!st.stage.instructions.some((i) => i.kind === 'CMD')) delete st.config.Cmd;
        }
        commit(`${inst.kind} ${goQuoteSlice(args)}`, true);
        return;
      }
      case 'EXPOSE': {
        st.config.ExposedPorts = { ...(st.config.ExposedPorts ?? {}) };
        const ports: string[] = [];
        for (const p of inst.ports) {
          const norm = p.includes('/') ? p.toLowerCase() : `${p}/tcp`;
          st.config.ExposedPorts[norm] = {};
          ports.push(norm);
        }
        commit(`EXPOSE [${ports.join(' ')}]`, true);
        return;
      }
      case 'USER':
        st.config.User = inst.user;
        commit(`USER ${inst.user}`, true);
        return;
      case 'VOLUME': {
        st.config.Volumes = { ...(st.config.Volumes ?? {}) };
        for (const v of inst.volumes) {
          if (v === '') throw new BuildFailure('VOLUME specified can not be an empty string', { lines: this.linesOf(inst) });
          st.config.Volumes[v] = {};
        }
        commit(`VOLUME [${inst.volumes.join(' ')}]`, true);
        return;
      }
      case 'STOPSIGNAL':
        st.config.StopSignal = inst.signal;
        commit(`STOPSIGNAL ${inst.signal}`, true);
        return;
      case 'SHELL':
        st.config.Shell = [...inst.shell];
        commit(`SHELL [${inst.shell.join(' ')}]`, true);
        return;
      case 'MAINTAINER':
        st.author = inst.maintainer;
        commit(`MAINTAINER ${inst.maintainer}`, true);
        return;
      case 'ONBUILD':
        st.config.OnBuild = [...(st.config.OnBuild ?? []), inst.expression];
        return;
      case 'HEALTHCHECK': {
        const f = inst.flags;
        st.config.Healthcheck = {
          Test: inst.test,
          ...(f.interval ? { Interval: f.interval } : {}),
          ...(f.timeout ? { Timeout: f.timeout } : {}),
          ...(f.startPeriod ? { StartPeriod: f.startPeriod } : {}),
          ...(f.startInterval ? { StartInterval: f.startInterval } : {}),
          ...(f.retries ? { Retries: f.retries } : {}),
        };
        const dur = (ns?: number): string => `${(ns ?? 0) / 1e9}s`;
        commit(`HEALTHCHECK &{${goQuoteSlice(inst.test)} ${goQuote(dur(f.interval))} ${goQuote(dur(f.timeout))} ${goQuote(dur(f.startPeriod))} ${goQuote(dur(f.startInterval))} '\\x${(f.retries ?? 0).toString(16).padStart(2, '0')}'}`, true);
        return;
      }
      case 'WORKDIR': {
        const wd = normalizePath(inst.path, st.config.WorkingDir || '/');
        st.config.WorkingDir = wd;
        if (wd === '/') {
          commit('WORKDIR /', true);
          return;
        }
        const name = this.nextName(st, inst);
        await this.step(st, inst, name, {
          kind: 'WORKDIR',
          op: { path: wd, user: st.config.User ?? '' },
        }, async () => {
          const uid = await this.userIds(st.root, st.config.User ?? '', inst);
          let root = st.root;
          const parts = wd.split('/').filter(Boolean);
          let cur = '';
          for (const p of parts) {
            cur += '/' + p;
            const real = resolvePath(root, cur, true);
            const node = getNode(root, real);
            if (!node) root = setNode(root, real, emptyDir({ mode: 0o755, uid: uid.uid, gid: uid.gid }));
            else if (node.type !== 'dir') throw new BuildFailure(`mkdir ${wd}: not a directory`, { lines: this.linesOf(inst) });
          }
          this.t += T.FILE_OP_MS;
          return { root, logs: [] };
        });
        commit(`WORKDIR ${wd}`, false);
        return;
      }
      case 'RUN': {
        await this.dispatchRun(st, inst, states, stages, byName, stageIndex);
        return;
      }
      case 'COPY':
      case 'ADD': {
        await this.dispatchCopy(st, inst, states, stages, byName, bases, stageIndex);
        return;
      }
      case 'FROM':
        return;
    }
  }

  private async userIds(root: DirNode, user: string, inst: Instruction): Promise<{ uid: number; gid: number }> {
    if (!user) return { uid: 0, gid: 0 };
    const [u, g] = user.split(':');
    const lookup = (file: string, name: string): number | undefined => {
      if (/^\d+$/.test(name)) return Number(name);
      const node = statNode(root, file);
      if (node?.type !== 'file') return undefined;
      for (const line of new TextDecoder().decode(materialize(node.content)).split('\n')) {
        const f = line.split(':');
        if (f[0] === name) return Number(f[2]);
      }
      return undefined;
    };
    const uid = lookup('/etc/passwd', u!);
    if (uid === undefined) {
      throw new BuildFailure(`unable to convert uid/gid chown string to host mapping: can't find uid for user ${u}: no such user: ${u}`, { lines: this.linesOf(inst) });
    }
    let gid = uid;
    if (g !== undefined) {
      const found = lookup('/etc/group', g);
      if (found === undefined) throw new BuildFailure(`unable to convert uid/gid chown string to host mapping: can't find gid for group ${g}: no such group: ${g}`, { lines: this.linesOf(inst) });
      gid = found;
    } else if (!/^\d+$/.test(u!)) {
      // The user's primary group from /etc/passwd.
      const node = statNode(root, '/etc/passwd');
      if (node?.type === 'file') {
        for (const line of new TextDecoder().decode(materialize(node.content)).split('\n')) {
          const f = line.split(':');
          if (f[0] === u) gid = Number(f[3]);
        }
      }
    }
    return { uid, gid };
  }

  private async dispatchRun(st: StageState, inst: RunInstruction, states: Map<number, StageState>, stages: readonly Stage[], byName: Map<string, number>, stageIndex: number): Promise<void> {
    let args: string[];
    if (inst.cmd.form === 'exec') args = [...inst.cmd.args];
    else {
      let command = inst.cmd.command;
      if (inst.heredocs.length === 1 && /^\s*\d*<<-?\s*['"]?\w+['"]?\s*$/.test(command)) {
        const h = inst.heredocs[0]!;
        if (h.content.startsWith('#!')) throw new BuildFailure('In this lab, a RUN heredoc with a #! line is not supported', { lines: this.linesOf(inst) });
        command = h.content;
      } else if (inst.heredocs.length > 0) {
        for (const h of inst.heredocs) command += '\n' + h.content + h.name;
      }
      args = [...(st.config.Shell ?? ['/bin/sh', '-c']), command];
    }
    for (const m of inst.flags.mount) {
      if (m.type === 'secret' || m.type === 'ssh') throw new BuildFailure(`In this lab, RUN --mount=type=${m.type} is not supported`, { lines: this.linesOf(inst) });
    }
    const name = this.nextName(st, inst);
    const env: Record<string, string> = {};
    for (const [k, v] of st.runEnv) if (!isProxyArg(k) || st.argNames.has(k)) env[k] = v;
    const cwd = st.config.WorkingDir || '/';
    const user = st.config.User ?? '';
    const mounts = inst.flags.mount.map((m) => m.raw).join(' ');
    const runtimeEnv: Record<string, string> = { ...env };
    for (const [k, v] of Object.entries(this.buildArgs)) if (isProxyArg(k) && !(k in runtimeEnv)) runtimeEnv[k] = v;
    await this.step(
      st,
      inst,
      name,
      { kind: 'RUN', op: { command: JSON.stringify(args), cwd, user, network: inst.flags.network ?? 'default', mounts }, env },
      async (stepId, started) => {
        if (user) {
          // The runtime resolves a user name through the image's /etc/passwd before starting the process.
          const name = user.split(':')[0]!;
          const passwd = statNode(st.root, '/etc/passwd');
          const known = /^\d+$/.test(name) || (passwd?.type === 'file' && new TextDecoder().decode(materialize(passwd.content)).split('\n').some((l) => l.split(':')[0] === name));
          if (!known) throw new BuildFailure(`unable to find user ${name}: no matching entries in passwd file`, { stepId, lines: this.linesOf(inst) });
        }
        const replayed = this.req.replayRun?.({
          stage: st.stage.name ?? '',
          index: st.stage.instructions.filter((i) => i.kind === 'RUN').indexOf(inst),
          command: inst.cmd.form === 'exec' ? args.join(' ') : args.at(-1)!,
        }, st.root);
        if (replayed) {
          this.t = started + T.FILE_OP_MS;
          return { root: replayed, logs: [] };
        }
        let root = st.root;
        const restores: { target: string; node: FsNode | undefined }[] = [];
        for (const m of inst.flags.mount) {
          const target = normalizePath(m.target ?? '', cwd);
          const prior = getNode(root, target);
          restores.push({ target, node: prior });
          if (m.type === 'cache') {
            const id = m.id ?? target;
            root = setNode(root, target, this.cacheMounts().get(id) ?? emptyDir());
          } else if (m.type === 'tmpfs') {
            root = setNode(root, target, emptyDir({ mode: 0o1777 }));
          } else if (m.type === 'bind') {
            let srcRoot: DirNode;
            if (m.from) {
              const ref = this.stageRef(m.from, stages, byName, stageIndex, inst);
              if (typeof ref !== 'number') throw new BuildFailure('In this lab, RUN --mount=from=<image> is not supported', { lines: this.linesOf(inst) });
              srcRoot = states.get(ref)!.root;
            } else srcRoot = this.context?.root ?? emptyDir();
            const node = getNode(srcRoot, '/' + cleanRelative(m.source ?? '.').replace(/^\.$/, ''));
            if (!node) throw new BuildFailure(`failed to compute cache key: "/${cleanRelative(m.source ?? '.')}": not found`, { lines: this.linesOf(inst) });
            root = setNode(root, target, node);
          }
        }
        checkMountDepth(st.layers, (m) => new BuildFailure(m, { stepId, lines: this.linesOf(inst) }));
        const result = await runShell({ root, argv: args, env: runtimeEnv, cwd, user: user || 'root', signal: this.req.signal, network: inst.flags.network === 'none' ? 'none' : 'default' });
        if (this.req.signal?.aborted) throw new BuildFailure('Canceled: context canceled', { stepId, canceled: true });
        if (result.startError !== undefined) {
          // The process never started: runc prints its error and exits 1, which BuildKit reports as the
          // step's exit code (runc run.go and utils.go fatal; buildkit executor/runcexecutor exitError).
          this.t = started + 1;
          this.emit({ type: 'log', stepId, stream: 'stderr', text: `runc run failed: unable to start container process: error during container init: ${result.startError}`, at: this.t });
          throw new BuildFailure(`process ${goQuote(args.join(' '))} did not complete successfully: exit code: 1`, { stepId, lines: this.linesOf(inst) });
        }
        const logs: { stream: 'stdout' | 'stderr'; text: string; at: number }[] = [];
        const lines: { stream: 'stdout' | 'stderr'; text: string }[] = [];
        for (const chunk of result.output) {
          const parts = chunk.text.split('\n');
          if (parts.at(-1) === '') parts.pop();
          for (const p of parts) lines.push({ stream: chunk.stream, text: p });
        }
        const dur = Math.max(1, result.durationMs);
        lines.forEach((l, k) => logs.push({ ...l, at: started + Math.round(((k + 1) * dur) / (lines.length + 1)) }));
        this.t = started + dur;
        if (result.limitExceeded) {
          for (const l of logs) this.emit({ type: 'log', stepId, stream: l.stream, text: l.text, at: l.at });
          throw new BuildFailure(`process ${goQuote(args.join(' '))} was stopped: this lab's ${result.limitExceeded} limit was exceeded`, { stepId, lines: this.linesOf(inst) });
        }
        if (result.exitCode !== 0) {
          for (const l of logs) this.emit({ type: 'log', stepId, stream: l.stream, text: l.text, at: l.at });
          throw new BuildFailure(`process ${goQuote(args.join(' '))} did not complete successfully: exit code: ${result.exitCode}`, { stepId, lines: this.linesOf(inst) });
        }
        let out = result.root;
        for (const r of restores.reverse()) {
          const m = inst.flags.mount[restores.length - 1 - restores.indexOf(r)];
          if (m?.type === 'cache') {
            const after = getNode(out, r.target);
            if (after?.type === 'dir') this.cacheMounts().set(m.id ?? r.target, after);
          }
          out = r.node ? setNode(out, r.target, r.node) : removeIfPresent(out, r.target);
        }
        return { root: out, logs };
      },
    );
    const history = runCommandString(args, st.buildArgs, st.runEnv);
    st.history.push({ ...this.createdField(), created_by: `RUN ${history} # buildkit`, comment: 'buildkit.dockerfile.v0' });
  }

  private cacheMounts(): Map<string, DirNode> {
    return this.engine.buildCache.mounts;
  }

  private async dispatchCopy(
    st: StageState,
    inst: CopyInstruction | AddInstruction,
    states: Map<number, StageState>,
    stages: readonly Stage[],
    byName: Map<string, number>,
    bases: Map<string, BaseInfo>,
    stageIndex: number,
  ): Promise<void> {
    const from = inst.kind === 'COPY' ? inst.flags.from : undefined;
    let srcRoot: DirNode;
    let fromContext = false;
    if (from) {
      const ref = this.stageRef(from, stages, byName, stageIndex, inst);
      if (typeof ref === 'number') srcRoot = states.get(ref)!.root;
      else srcRoot = bases.get(from)!.image.rootfs ?? emptyDir();
    } else {
      srcRoot = this.context?.root ?? emptyDir();
      fromContext = true;
    }
    for (const s of inst.sources) {
      if (/^https?:\/\//.test(s)) {
        throw new BuildFailure(
          inst.kind === 'COPY' ? 'source can\'t be a URL for COPY' : 'In this lab, ADD cannot download URLs: the lab has no network',
          { lines: this.linesOf(inst) },
        );
      }
    }
    const cwd = st.config.WorkingDir || '/';
    const rawDest = inst.dest;
    const destAbs = normalizePath(rawDest, cwd);
    const destIsDirHint = rawDest.endsWith('/') || rawDest === '.' || rawDest.endsWith('/.') || inst.sources.length + inst.heredocs.length > 1;
    const chown = inst.flags.chown;
    const chmod = inst.flags.chmod;
    if (chmod !== undefined && !/^[0-7]{1,4}$/.test(chmod)) throw new BuildFailure(`invalid chmod parameter ${goQuote(chmod)}. it should be octal string`, { lines: this.linesOf(inst) });
    const name = this.nextName(st, inst);
    const stepIdGuess = `#${this.vertex + 1}`;

    // Select sources (this is where a missing file fails, while computing the cache key).
    interface Selected {
      path: string;
      node: FsNode;
      /** Copy the directory's contents rather than the directory. */
      contents: boolean;
    }
    const selected: Selected[] = [];
    let wildcard = false;
    for (const src of inst.sources) {
      const rel = cleanRelative(src);
      if (hasWildcard(rel)) {
        wildcard = true;
        const depth = rel.split('/').length;
        for (const e of walk(srcRoot)) {
          const p = e.path.slice(1);
          if (p.split('/').length === depth && matchGlob(rel, p)) selected.push({ path: e.path, node: e.node, contents: true });
        }
        continue;
      }
      const abs = rel === '.' ? '/' : '/' + rel;
      let node: FsNode | undefined;
      try {
        node = abs === '/' ? srcRoot : statNode(srcRoot, abs);
      } catch {
        node = undefined;
      }
      if (!node) {
        const refId = await this.refId(fromContext ? 'context' : `stage:${from}`);
        const msg = `failed to compute cache key: failed to calculate checksum of ref ${refId}: ${goQuote(abs)}: not found`;
        const start = this.t;
        const id = this.startVertex(name, 'step', { stage: st.label, line: inst.range.start.line });
        this.finishVertex(id, 'error', start);
        this.explanations.push({ stepId: id, name, status: 'error', reason: fromContext && this.context?.ignore.ignores(rel) ? `${rel} is excluded by .dockerignore, so it is not in the build context` : `${abs} does not exist in the ${fromContext ? 'build context' : 'source stage'}` });
        throw new BuildFailure(msg, { stepId: id, lines: this.linesOf(inst) });
      }
      selected.push({ path: abs, node, contents: node.type === 'dir' });
    }
    const textEnc = new TextEncoder();
    for (const h of inst.heredocs) {
      selected.push({ path: '/' + h.name, node: fileNode({ kind: 'bytes', data: textEnc.encode(h.content) }, { mode: 0o644 }), contents: false });
    }
    void stepIdGuess;

    // Content signatures of every selected file: names, modes, sizes, content (never mtime).
    const files: Record<string, string> = {};
    // Synchronous when the file's hash is already known (every unchanged file on a rebuild): no await per file.
    const sig = (n: FsNode): string | Promise<string> => {
      const idPart = fromContext ? '' : ` ${n.uid}:${n.gid}`;
      if (n.type === 'dir') return `dir ${n.mode.toString(8)}${idPart}`;
      if (n.type === 'symlink') return `symlink ${n.target}${idPart}`;
      const c = n.content;
      const line = (h: string): string => `file ${n.mode.toString(8)} ${contentSize(c)} ${h}${idPart}`;
      if (c.kind !== 'bytes') return line(`gen:${c.seed}:${c.repeat}`);
      const known = knownHash(c.data);
      return known !== undefined ? line(known) : hashBytes(c.data).then(line);
    };
    let copiedBytes = 0;
    for (const s of selected) {
      const base = s.path === '/' ? '' : s.path;
      if (s.node.type === 'dir') {
        for (const e of walk(s.node, base)) {
          const v = sig(e.node);
          files[e.path.slice(1)] = typeof v === 'string' ? v : await v;
          if (e.node.type === 'file') copiedBytes += contentSize(e.node.content);
        }
      } else {
        files[s.path.slice(1)] = await sig(s.node);
        if (s.node.type === 'file') copiedBytes += contentSize(s.node.content);
      }
    }
    const op: Record<string, string> = {
      sources: inst.sources.join(' '),
      dest: destAbs + (destIsDirHint ? '/' : ''),
      chown: chown ?? '',
      chmod: chmod ?? '',
      from: from ? `stage` : 'context',
    };
    if (inst.kind === 'COPY' && inst.flags.link) op.link = 'true';
    if (inst.flags.exclude.length) op.exclude = inst.flags.exclude.join(',');

    const link = inst.kind === 'COPY' && inst.flags.link;
    await this.step(st, inst, name, { kind: inst.kind, op, files }, async () => {
      const ids = chown ? await this.userIds(st.root, chown, inst) : undefined;
      const mode = chmod !== undefined ? parseInt(chmod, 8) : undefined;
      const base = link ? emptyDir() : st.root;
      let root = base;
      // Many files into one tree: a draft copies each directory once, not once per file placed.
      const draft = new TreeDraft(base);
      // Every path this step writes a file or link to: the layer carries them even when unchanged.
      const written: string[] = [];
      const existingDest = getNode(root, resolvePath(root, destAbs, true));
      const destIsDir = destIsDirHint || wildcard || existingDest?.type === 'dir';
      const excl = inst.flags.exclude.length ? new IgnoreMatcher(inst.flags.exclude) : undefined;
      const transform = (n: FsNode, rel: string): FsNode | undefined => {
        if (excl && rel && excl.ignores(rel)) return undefined;
        let out: FsNode = n;
        if (ids || (fromContext && (n.uid !== 0 || n.gid !== 0))) out = { ...out, uid: ids?.uid ?? 0, gid: ids?.gid ?? 0 };
        if (mode !== undefined && out.type !== 'symlink') out = { ...out, mode };
        if (out.type === 'dir') {
          const entries = new Map<string, FsNode>();
          let changed = out !== n;
          for (const [k, child] of out.entries) {
            const t = transform(child, rel ? `${rel}/${k}` : k);
            if (t) entries.set(k, t);
            if (t !== child) changed = true;
          }
          if (!changed) return n;
          out = { ...out, entries };
        }
        return out;
      };
      const ensureDir = (path: string): void => {
        const real = resolvePath(root, path, true);
        const node = getNode(root, real);
        if (node?.type === 'dir') return;
        if (node) root = draft.set(real, emptyDir({ mode: 0o755, uid: ids?.uid ?? 0, gid: ids?.gid ?? 0 }));
        else {
          const parts = real.split('/').filter(Boolean);
          let cur = '';
          for (const p of parts) {
            cur += '/' + p;
            const n = getNode(root, cur);
            if (!n) root = draft.set(cur, emptyDir({ mode: 0o755, uid: ids?.uid ?? 0, gid: ids?.gid ?? 0 }));
            else if (n.type !== 'dir') throw new BuildFailure(`cannot copy to non-directory: ${cur}`, { lines: this.linesOf(inst) });
          }
        }
      };
      const place = (target: string, node: FsNode, rel: string): void => {
        const t = transform(node, rel);
        if (!t) return;
        const real = resolvePath(root, target, false);
        const existing = getNode(root, real);
        if (t.type === 'dir' && existing?.type === 'dir') {
          for (const [k, child] of t.entries) place(`${real}/${k}`, child, rel ? `${rel}/${k}` : k);
          return;
        }
        ensureDir(real.slice(0, real.lastIndexOf('/')) || '/');
        root = draft.set(real, t);
        if (t.type !== 'dir') written.push(real);
      };
      for (const s of selected) {
        const relBase = s.path === '/' ? '' : s.path.slice(1);
        const unpacked = inst.kind === 'ADD' && inst.flags.unpack !== false && s.node.type === 'file' ? unpackArchive(materialize(s.node.content)) : undefined;
        if (unpacked) {
          // ADD unpacks a local tar archive (plain or gzip) into the destination directory.
          ensureDir(destAbs);
          for (const c of unpacked) {
            if (c.kind === 'deleted') continue;
            const target = `${destAbs === '/' ? '' : destAbs}${c.path}`;
            if (c.node.type === 'dir') {
              const existing = getNode(root, resolvePath(root, target, false));
              if (existing?.type === 'dir') continue;
              ensureDir(target.slice(0, target.lastIndexOf('/')) || '/');
              root = draft.set(resolvePath(root, target, false), { ...c.node, entries: new Map() });
            } else {
              ensureDir(target.slice(0, target.lastIndexOf('/')) || '/');
              const real = resolvePath(root, target, false);
              root = draft.set(real, c.node);
              written.push(real);
            }
          }
          continue;
        }
        if (s.node.type === 'dir' && s.contents) {
          ensureDir(destAbs);
          for (const [k, child] of s.node.entries) place(`${destAbs === '/' ? '' : destAbs}/${k}`, child, relBase ? `${relBase}/${k}` : k);
        } else {
          const name = s.path.split('/').pop()!;
          const target = destIsDir ? `${destAbs === '/' ? '' : destAbs}/${name}` : destAbs;
          if (destIsDir) ensureDir(destAbs);
          place(target, s.node, relBase);
        }
      }
      this.t += T.FILE_OP_MS + T.ms(copiedBytes, T.COPY_BYTES_PER_MS);
      if (link) {
        // COPY --link: the layer is the copied files alone; the result is that layer merged onto the parent.
        const changes = diffTrees(emptyDir(), root);
        return { root: applyChanges(st.root, changes), logs: [], changes };
      }
      return { root, logs: [], changes: diffTreesWithRewrites(st.root, root, written) };
    }, link);
    const flags = `${inst.kind === 'COPY' && inst.flags.parents ? ' --parents' : ''}${chown ? ` --chown=${chown}` : ''}${chmod ? ` --chmod=${chmod}` : ''}`;
    const srcs = [...inst.sources, ...inst.heredocs.map((h) => `<<${h.name}`)].join(' ');
    st.history.push({ ...this.createdField(), created_by: `${inst.kind}${flags} ${srcs} ${rawDest} # buildkit`, comment: 'buildkit.dockerfile.v0' });
  }

  private createdField(): { created?: string } {
    return this.historyCreated === undefined ? {} : { created: this.historyCreated };
  }

  private async refId(seed: string): Promise<string> {
    const h = await hashText(`${this.buildId}:${seed}`);
    const alnum = (await hashText(h)).replace(/[^a-z0-9]/g, '');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}::${BigInt('0x' + alnum.slice(0, 30)).toString(36).slice(0, 25)}`;
  }

  /**
   * One cacheable step: computes the key from its inputs and the parent's key, reuses the cached result on
   * a hit, otherwise runs it, commits its layer and records why it missed.
   */
  private async step(
    st: StageState,
    inst: Instruction,
    name: string,
    inputs: KeyInputs,
    exec: (stepId: string, startedAt: number) => Promise<{ root: DirNode; logs: { stream: 'stdout' | 'stderr'; text: string; at: number }[]; changes?: Change[] }>,
    link = false,
  ): Promise<void> {
    const parentKey = link ? 'link' : st.key;
    const key = 'sha256:' + (await hashText(JSON.stringify([inputs.kind, parentKey, inputs.op, inputs.env ? Object.entries(inputs.env) : null, inputs.files ? sortedEntries(inputs.files) : null])));
    const start = this.t;
    const stepId = this.startVertex(name, 'step', { stage: st.label, line: inst.range.start.line });
    // Let the event loop run (an abort from the terminal's Ctrl-C, the page) before the step works.
    await this.yielder.always();
    if (this.req.signal?.aborted) {
      this.finishVertex(stepId, 'canceled', start);
      this.explanations.push({ stepId, name, status: 'canceled', reason: 'the build was canceled while this step ran' });
      throw new BuildFailure('Canceled: context canceled', { stepId, canceled: true });
    }
    const cache = this.engine.buildCache;
    // --no-cache marks RUN, COPY and ADD as ignore-cache (dockerfile2llb convert.go dispatchRun,
    // convert_copy.go); WORKDIR's mkdir is not marked, so it is still taken from the cache unless a step
    // below it was forced to run.
    const forced = this.req.noCache === true && inputs.kind !== 'WORKDIR';
    const hit = forced || (this.req.noCache && st.forcedBelow) ? undefined : cache.get(key);
    if (hit) {
      hit.lastUsedAt = this.engine.now();
      hit.usageCount++;
      this.layerTimes.set(hit.layer, hit.createdAt);
      st.root = link ? applyChanges(st.root, hit.changes) : hit.root;
      st.key = key;
      st.layers.push(hit.layer);
      st.lastRan = false;
      this.emit({ type: 'cache-hit', stepId, key });
      this.finishVertex(stepId, 'cached', start);
      const why = this.cachedReason(inputs);
      this.explanations.push({ stepId, name, status: 'cached', reason: this.req.noCache ? `${why}; --no-cache re-runs only RUN, COPY and ADD` : why });
      return;
    }
    const reason = this.missReason(st, parentKey, inputs);
    if (forced) st.forcedBelow = true;
    this.emit({ type: 'cache-miss', stepId, key, reason });
    let result;
    try {
      result = await exec(stepId, start);
    } catch (e) {
      const canceled = e instanceof BuildFailure && e.canceled;
      this.finishVertex(stepId, canceled ? 'canceled' : 'error', start);
      this.explanations.push({ stepId, name, status: canceled ? 'canceled' : 'error', reason });
      if (e instanceof BuildFailure) throw new BuildFailure(e.message, { stepId, lines: e.lines ?? this.linesOf(inst), canceled, vertexMessage: e.vertexMessage });
      throw new BuildFailure(e instanceof Error ? e.message : String(e), { stepId, lines: this.linesOf(inst) });
    }
    for (const l of result.logs) this.emit({ type: 'log', stepId, stream: l.stream, text: l.text, at: l.at });
    await this.yielder.maybe();
    if (this.req.signal?.aborted) {
      this.finishVertex(stepId, 'canceled', start);
      this.explanations.push({ stepId, name, status: 'canceled', reason });
      throw new BuildFailure('Canceled: context canceled', { stepId, canceled: true });
    }
    const changes = result.changes ?? diffTrees(st.root, result.root);
    let bytes = 0;
    for (const c of changes) if (c.kind !== 'deleted' && c.node.type === 'file') bytes += contentSize(c.node.content);
    if (bytes > LIMITS.layerBytes) {
      this.finishVertex(stepId, 'error', start);
      throw new BuildFailure(`the layer of this step would hold ${Math.round(bytes / 1e6)}MB, more than this lab's limit of ${LIMITS.layerBytes / 1e6}MB per layer`, { stepId, lines: this.linesOf(inst) });
    }
    const layer = await createLayer(changes, { upper: result.root });
    const stored: StoredLayer = { diffId: layer.diffId, digest: layer.digest, size: layer.size, compressedSize: layer.compressedSize, mediaType: layer.mediaType, changes: layer.changes };
    await this.yielder.maybe();
    if (this.req.signal?.aborted) {
      this.finishVertex(stepId, 'canceled', start);
      this.explanations.push({ stepId, name, status: 'canceled', reason });
      throw new BuildFailure('Canceled: context canceled', { stepId, canceled: true });
    }
    const madeAt = this.engine.now();
    this.layerTimes.set(stored, madeAt);
    cache.put({
      key,
      parentKey,
      inputs,
      root: result.root,
      changes,
      layer: stored,
      description: name,
      createdAt: madeAt,
      lastUsedAt: madeAt,
      usageCount: 1,
      id: (await hashText(key)).slice(0, 25),
      chain: [...st.layers.map((l) => l.digest), stored.digest],
    });
    this.emit({
      type: 'layer-committed',
      stepId,
      diffId: layer.diffId,
      digest: layer.digest,
      size: layer.size,
      diffSize: diffSize(layer.changes),
      compressedSize: layer.compressedSize,
      changes: changes.map((c) => ({ kind: c.kind, path: c.path })),
    });
    st.root = result.root;
    st.key = key;
    st.layers.push(stored);
    this.fresh.add(stored);
    st.lastRan = true;
    this.finishVertex(stepId, 'done', start);
    this.explanations.push({ stepId, name, status: 'built', reason });
  }

  private cachedReason(inputs: KeyInputs): string {
    switch (inputs.kind) {
      case 'RUN':
        return 'same command, environment, working directory and user on the same parent layer as a cached step';
      case 'WORKDIR':
        return 'same directory on the same parent layer as a cached step';
      default:
        return 'the copied files have the same names, modes, sizes and content as in the cache (modification times are not part of the key)';
    }
  }

  private missReason(st: StageState, parentKey: string, inputs: KeyInputs): string {
    if (this.req.noCache && inputs.kind !== 'WORKDIR') return '--no-cache was given, so the build cache was not used';
    if (this.req.noCache && st.forcedBelow) return 'a step below it ran again (--no-cache), so no later step can match the cache';
    const cache = this.engine.buildCache;
    const siblings = cache.siblings(parentKey);
    const same = siblings.filter((r) => r.inputs.kind === inputs.kind);
    if (same.length === 0) {
      if (st.lastRan) return 'the step above it was rebuilt, so this step’s cache key changed too';
      if (siblings.length > 0) return `the cache has a different instruction after the step above it (${siblings[0]!.description.replace(/^\[[^\]]*\] /, '')}); this one has not run on that layer before`;
      if (parentKey.startsWith('from:') && !cache.hasChildren(parentKey) && cache.entries().length > 0) return 'the base image changed, or no build has run this step on it yet';
      return 'nothing in the build cache matches yet (first build of this step, or the cache was pruned)';
    }
    let best: { diffs: string[]; score: number } | undefined;
    for (const r of same) {
      let diffs = describeDiff(r.inputs, inputs, st.argNames);
      const a = r.inputs.op;
      const b = inputs.op;
      if ((inputs.kind === 'COPY' || inputs.kind === 'ADD') && (a.sources !== b.sources || a.dest !== b.dest)) {
        // Another instruction altogether (reordered or edited): name it instead of listing file differences.
        diffs = [`the instruction changed: the cached step after the same parent was ${r.description.replace(/^\[[^\]]*\] /, '')}`];
      }
      if (!best || diffs.length < best.score) best = { diffs, score: diffs.length };
    }
    const d = best!.diffs;
    if (d.length === 0) return 'an equivalent step is cached under another key (for example after --no-cache); the cache was not used';
    return d.length > 4 ? `${d.slice(0, 4).join('; ')}; and ${d.length - 4} more changes` : d.join('; ');
  }

  /** Bytes the client sends: the files COPY/ADD reference (FollowPaths), after .dockerignore. */
  private sentBytes(ctx: LoadedContext, stages: readonly Stage[], order: readonly number[], contextDir: string): number {
    // Like BuildKit's file sync, a later build sends only files whose metadata or content changed.
    const sessions = (this.engine as unknown as { __contextSync?: Map<string, Map<string, string>> }).__contextSync ??= new Map();
    const prev = { __lastContext: sessions.get(contextDir) };
    const now = new Map<string, string>();
    let total = 0;
    const wanted: string[] = [];
    for (const i of order) {
      for (const inst of stages[i]!.instructions) {
        if ((inst.kind === 'COPY' && !inst.flags.from) || inst.kind === 'ADD') for (const s of inst.sources) wanted.push(cleanRelative(s));
      }
    }
    const all = wanted.includes('.');
    for (const e of walk(ctx.root)) {
      if (e.node.type !== 'file') continue;
      const rel = e.path.slice(1);
      if (!all && !wanted.some((w) => rel === w || rel.startsWith(w + '/') || (hasWildcard(w) && matchGlob(w, rel)))) continue;
      const sig = `${e.node.mode} ${e.node.mtime} ${contentSize(e.node.content)}`;
      now.set(rel, sig);
      if (prev.__lastContext?.get(rel) !== sig) total += contentSize(e.node.content);
    }
    sessions.set(contextDir, now);
    return total;
  }

  private async exportImage(st: StageState): Promise<string> {
    const start = this.t;
    const id = this.startVertex('exporting to image', 'export');
    checkImageDepth(st.layers, (m) => (this.finishVertex(id, 'error', start), new BuildFailure(m, { stepId: id })));
    if (this.req.signal?.aborted) {
      this.finishVertex(id, 'canceled', start);
      throw new BuildFailure('Canceled: context canceled', { stepId: id, canceled: true });
    }
    const newBytes = st.layers.filter((l) => this.fresh.has(l)).reduce((n, l) => n + l.size, 0);
    const config: MutableConfig = st.config;
    const containerConfig: ContainerConfig = {
      ...(config.User ? { User: config.User } : {}),
      ...(config.ExposedPorts ? { ExposedPorts: config.ExposedPorts } : {}),
      Env: config.Env,
      ...(config.Entrypoint ? { Entrypoint: config.Entrypoint } : {}),
      ...(config.Cmd ? { Cmd: config.Cmd } : {}),
      ...(config.Volumes ? { Volumes: config.Volumes } : {}),
      ...(config.WorkingDir ? { WorkingDir: config.WorkingDir } : {}),
      ...(config.Labels ? { Labels: config.Labels } : {}),
      ...(config.StopSignal ? { StopSignal: config.StopSignal } : {}),
      ...(config.ArgsEscaped ? { ArgsEscaped: true } : {}),
      ...(config.Healthcheck ? { Healthcheck: config.Healthcheck } : {}),
      ...(config.OnBuild ? { OnBuild: config.OnBuild } : {}),
      ...(config.Shell ? { Shell: config.Shell } : {}),
    };
    const layers: Layer[] = st.layers.map((l) => ({ ...l }));
    const stamped = stampHistory(st.history, st.layers.map((l) => this.layerTimes.get(l)), st.baseEntries, this.epochSeconds);
    const image = await buildImage(layers, {
      architecture: 'amd64',
      os: 'linux',
      config: containerConfig,
      history: stamped.history,
      ...(stamped.created !== undefined ? { created: stamped.created } : {}),
    });
    await this.yielder.always();
    if (this.req.signal?.aborted) {
      // Nothing is named or stored: a canceled export leaves no half-written image.
      this.finishVertex(id, 'canceled', start);
      throw new BuildFailure('Canceled: context canceled', { stepId: id, canceled: true });
    }
    const existing = this.engine.images.get(image.manifest.digest);
    const exportMs = existing ? 0 : T.ms(newBytes, T.EXPORT_BYTES_PER_MS);
    this.t += exportMs;
    this.status(id, 'layers', 'exporting layers', { seconds: exportMs > 0 ? exportMs / 1000 : undefined });
    this.status(id, 'manifest', `exporting manifest ${image.manifest.digest}`, { seconds: 0 });
    this.status(id, 'config', `exporting config ${image.config.digest}`, { seconds: 0 });
    const stored: StoredImage = {
      id: image.manifest.digest,
      manifestDigest: image.manifest.digest,
      configDigest: image.config.digest,
      configJson: image.config.json,
      manifestJson: image.manifest.json,
      layers: st.layers,
      created: (image.config.value as ImageConfig).created ?? SOURCE_DATE,
      rootfs: st.root,
      source: 'build',
    };
    for (const tag of this.tags) {
      this.status(id, `naming-${tag}`, `naming to ${tag}`);
    }
    this.engine.images.add(stored, this.tags);
    for (const tag of this.tags) {
      const unpackMs = existing ? 0 : T.ms(newBytes, T.EXTRACT_BYTES_PER_MS);
      this.t += unpackMs;
      this.status(id, `unpacking-${tag}`, `unpacking to ${tag}`, { seconds: unpackMs / 1000 });
    }
    this.finishVertex(id, 'done', start);
    return stored.id;
  }
}

/** The entries of a tar archive (plain or gzip) for ADD, or undefined when the bytes are not an archive. */
function unpackArchive(bytes: Uint8Array): Change[] | undefined {
  const gz = bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  const ustar = bytes.length > 262 && String.fromCharCode(...bytes.subarray(257, 262)) === 'ustar';
  if (!gz && !ustar) return undefined;
  try {
    return readLayerTar(bytes);
  } catch {
    return undefined;
  }
}

function removeIfPresent(root: DirNode, path: string): DirNode {
  return getNode(root, path) ? setNodeRemove(root, path) : root;
}

function setNodeRemove(root: DirNode, path: string): DirNode {
  const parts = path.split('/').filter(Boolean);
  const go = (dir: DirNode, i: number): DirNode => {
    const name = parts[i]!;
    const child = dir.entries.get(name);
    if (!child) return dir;
    const entries = new Map(dir.entries);
    if (i === parts.length - 1) entries.delete(name);
    else if (child.type === 'dir') entries.set(name, go(child, i + 1));
    return { ...dir, entries };
  };
  return go(root, 0);
}

/** BuildKit's `runCommandString`: `|N K=V … args…` when ARGs are declared in the stage. */
function runCommandString(args: readonly string[], buildArgs: readonly { key: string; value?: string }[], env: ReadonlyMap<string, string>): string {
  const tmp: string[] = [];
  for (const a of buildArgs) {
    if (isProxyArg(a.key) && a.value === undefined) continue;
    const v = env.get(a.key) ?? a.value ?? '';
    tmp.push(`${a.key}=${v}`);
  }
  const prefix = tmp.length ? [`|${tmp.length}`, ...tmp] : [];
  return [...prefix, ...args].join(' ');
}

function levenshtein(a: string, b: string): number {
  const dp = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) dp[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      dp[i]![j] = Math.min(dp[i - 1]![j]! + 1, dp[i]![j - 1]! + 1, dp[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return dp[a.length]![b.length]!;
}


