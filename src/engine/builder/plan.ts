// Phase 1, the plan: from the parsed Dockerfile and the build's arguments, which stages run and in what
// order, what each stage is based on, which images are read, and the times history entries carry.
// Nothing here touches the workspace, the store or the progress output.
import type { Dockerfile, EscapeToken, Instruction, Stage } from '../dockerfile/index.ts';
import { parseSourceDateEpoch, rfc3339 } from './created.ts';
import { BuildFailure, linesOf } from './failure.ts';
import { expandAt, goQuote } from './words.ts';

/** The platform build args BuildKit predefines (the lab builds for linux/amd64 only). */
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

/** A stage's base: an earlier stage (its index), an image reference, or `null` for scratch. */
export type StageBase = number | string | null;

export interface BuildPlan {
  /** The escape token every word is expanded with (`# escape=` directive). */
  readonly escape: EscapeToken;
  readonly stages: readonly Stage[];
  /** Lower-cased stage name → stage index. */
  readonly byName: ReadonlyMap<string, number>;
  readonly baseOf: readonly StageBase[];
  readonly targetIndex: number;
  /** The stages the target needs, in file order (a dependency always comes earlier in the file). */
  readonly order: readonly number[];
  /** Images named by `COPY --from` or `RUN --mount=from=` that are not stages. */
  readonly implicitImages: ReadonlyMap<string, string>;
  /** External images to load metadata for: the reachable stages' bases, then the implicit images. */
  readonly baseRefs: readonly string[];
  /** Global (meta) ARG values, visible to FROM lines and to an ARG that redeclares them in a stage. */
  readonly metaArgs: ReadonlyMap<string, string | undefined>;
  /** SOURCE_DATE_EPOCH in seconds, when the build has one. */
  readonly epochSeconds: number | undefined;
  /** The time the frontend writes into each history entry: the epoch, or none (the exporter fills it in). */
  readonly historyCreated: string | undefined;
  /** Some reachable stage copies from the build context. */
  readonly needsContext: boolean;
}

export function planBuild(df: Dockerfile, buildArgs: Readonly<Record<string, string>>, target: string | undefined): BuildPlan {
  const escape = df.directives.escape;
  // Global (meta) args: visible to FROM lines only.
  const metaEnv = new Map<string, string>(Object.entries(PLATFORM_ARGS));
  const metaArgs = new Map<string, string | undefined>();
  for (const inst of df.metaArgs) {
    for (const a of inst.args) {
      let v: string | undefined = buildArgs[a.name];
      if (v === undefined && a.value !== undefined) v = expandAt(a.value, metaEnv, escape, inst);
      metaArgs.set(a.name, v);
      if (v !== undefined) metaEnv.set(a.name, v);
    }
  }

  // SOURCE_DATE_EPOCH: a build arg, or a global ARG with a value (dockerfile2llb getBuildArgValue).
  const epochArg = Object.hasOwn(buildArgs, 'SOURCE_DATE_EPOCH') ? buildArgs['SOURCE_DATE_EPOCH'] : metaArgs.get('SOURCE_DATE_EPOCH') || undefined;
  const epoch = parseSourceDateEpoch(epochArg);
  if (epoch.error) throw new BuildFailure(epoch.error);

  const stages = df.stages;
  if (stages.length === 0) throw new BuildFailure('dockerfile contains no stages to build');
  const byName = new Map<string, number>();
  const baseOf: StageBase[] = [];
  stages.forEach((s, i) => {
    const expanded = expandAt(s.baseName, metaEnv, escape, s.from);
    const lower = expanded.toLowerCase();
    if (byName.has(lower)) baseOf.push(byName.get(lower)!);
    else if (lower === 'scratch') baseOf.push(null);
    else baseOf.push(expanded);
    if (s.name) byName.set(s.name.toLowerCase(), i);
  });
  let targetIndex = stages.length - 1;
  if (target) {
    const idx = byName.get(target.toLowerCase());
    if (idx === undefined) {
      const names = [...byName.keys()];
      const suggestion = names.find((n) => levenshtein(n, target.toLowerCase()) <= 2);
      throw new BuildFailure(`target stage ${goQuote(target)} could not be found${suggestion ? ` (did you mean ${suggestion}?)` : ''}`);
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
      for (const from of fromRefs(inst)) {
        if (/\$/.test(from)) {
          throw new BuildFailure('variable expansion is not supported for --from, define a new stage with FROM using ARG from global scope as a workaround', {
            lines: linesOf(inst),
          });
        }
        const ref = stageRef({ stages, byName }, from, i, inst);
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

  const baseRefs: string[] = [];
  for (const i of order) {
    const b = baseOf[i];
    if (typeof b === 'string' && !baseRefs.includes(b)) baseRefs.push(b);
  }
  for (const ref of implicitImages.keys()) if (!baseRefs.includes(ref)) baseRefs.push(ref);

  const needsContext = order.some((i) =>
    stages[i]!.instructions.some(
      (inst) => ((inst.kind === 'COPY' && !inst.flags.from) || inst.kind === 'ADD') && inst.sources.some((src) => !/^https?:\/\//.test(src)),
    ),
  );
  return {
    escape,
    stages,
    byName,
    baseOf,
    targetIndex,
    order,
    implicitImages,
    baseRefs,
    metaArgs,
    epochSeconds: epoch.seconds,
    historyCreated: epoch.seconds === undefined ? undefined : rfc3339(epoch.seconds * 1000),
    needsContext,
  };
}

/** The `--from` references of an instruction: COPY --from and RUN --mount from=. */
function fromRefs(inst: Instruction): string[] {
  const froms: string[] = [];
  if (inst.kind === 'COPY' && inst.flags.from) froms.push(inst.flags.from);
  if (inst.kind === 'RUN') for (const m of inst.flags.mount) if (m.from) froms.push(m.from);
  return froms;
}

/**
 * What a `--from` names, seen from stage `current`: an earlier stage (by index or name) or, failing
 * that, an image reference. A stage at or after the current one is BuildKit's error.
 */
export function stageRef(plan: Pick<BuildPlan, 'stages' | 'byName'>, from: string, current: number, inst: Instruction): number | string {
  if (/^\d+$/.test(from)) {
    const n = Number(from);
    if (n >= current) {
      throw new BuildFailure(`invalid from flag value ${from}: refers to current build stage or a later one`, { lines: linesOf(inst) });
    }
    return n;
  }
  const idx = plan.byName.get(from.toLowerCase());
  if (idx !== undefined) {
    if (idx >= current) {
      const cur = plan.stages[current]!.name ?? `stage-${current}`;
      throw new BuildFailure(`cannot copy from stage ${goQuote(from)}, it needs to be defined before current stage ${goQuote(cur)}`, {
        lines: linesOf(inst),
      });
    }
    return idx;
  }
  return from;
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
