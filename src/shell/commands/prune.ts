// docker builder prune and docker system prune, with the pruning steps that docker container prune and
// docker image prune share. Prompts, output and order follow the docker CLI (cli/command/builder/prune.go,
// cli/command/system/prune.go and its pruner package, which runs containers, networks, volumes, images
// and then the build cache).
import type { CommandContext, CommandSpec } from '../types.ts';
import type { LabEngine } from '../../engine/engine.ts';
import { humanSize } from '../units.ts';
import { layerChainKey, recordSize } from '../../engine/builder/cache.ts';
import { labContainers } from '../../engine/container/index.ts';
import { layersFreedBy } from '../../engine/store/refcount.ts';
import { parseCommandFlags } from './usage.ts';

/** What one pruner did: its section of the output (empty when it removed nothing) and the bytes freed. */
export interface PruneReport {
  readonly output: string;
  readonly reclaimed: number;
}

/** `docker container prune`: every container that is not running. */
export function pruneStoppedContainers(engine: LabEngine): PruneReport {
  const containers = labContainers(engine);
  const stopped = containers.list(true).filter((c) => c.state !== 'running');
  let reclaimed = 0;
  let output = '';
  for (const c of stopped) {
    reclaimed += containers.writableSize(c);
    containers.remove(c.id);
    output += `${c.id}\n`;
  }
  return { output: output ? `Deleted Containers:\n${output}` : '', reclaimed };
}

/** `docker image prune`: dangling images, or with `all` every image no container uses. */
export function pruneImages(engine: LabEngine, all: boolean): PruneReport {
  const store = engine.images;
  const containers = labContainers(engine);
  const victims = store.list().filter((img) => containers.usingImage(img.id).length === 0 && (all || store.tagsOf(img.id).length === 0));
  const lines: string[] = [];
  let reclaimed = 0;
  for (const img of victims) {
    for (const l of layersFreedBy(store.list(), img.id)) reclaimed += l.size;
    const r = store.remove(img.id, { force: true });
    for (const u of r.untagged) lines.push(`untagged: ${u}`);
    for (const d of r.deleted) lines.push(`deleted: ${d}`);
  }
  return { output: lines.length ? `Deleted Images:\n${lines.join('\n')}\n` : '', reclaimed };
}

/** The layer lists of the images in the store, as BuildKit's reference checker files them. */
export function imageChains(engine: LabEngine): Set<string> {
  return new Set(engine.images.list().map((img) => layerChainKey(img.layers.map((l) => l.digest))));
}

/** `docker builder prune` (see BuildCache.prune for what is kept). */
export function pruneBuildCache(engine: LabEngine, all: boolean): PruneReport {
  const removed = engine.buildCache.prune({ all, imageChains: imageChains(engine) });
  const reclaimed = removed.reduce((n, r) => n + recordSize(r), 0);
  return { output: removed.length ? `Deleted build cache objects:\n${removed.map((r) => r.id + '\n').join('')}` : '', reclaimed };
}

/** The CLI prints each section with Println, so a section ends with a blank line. */
function section(report: PruneReport): string {
  return report.output ? report.output + '\n' : '';
}

function cannotAnswer(ctx: CommandContext, prompt: string, retry: string): number {
  ctx.io.stdout(`${prompt} [y/N] \n`);
  ctx.io.stderr(`In this lab, prompts cannot be answered: run "${retry}" to prune without the prompt.\n`);
  return 1;
}

async function builderPrune(ctx: CommandContext): Promise<number> {
  const f = parseCommandFlags(ctx, 'builder prune', [
    { names: ['--force', '-f'], takesValue: false },
    { names: ['--all', '-a'], takesValue: false },
  ]);
  if (typeof f === 'number') return f;
  const all = f.bools.has('--all');
  if (!f.bools.has('--force')) {
    const warning = all ? 'WARNING! This will remove all build cache. Are you sure you want to continue?' : 'WARNING! This will remove all dangling build cache. Are you sure you want to continue?';
    return cannotAnswer(ctx, warning, `docker builder prune${all ? ' -a' : ''} -f`);
  }
  const report = pruneBuildCache(ctx.engine, all);
  ctx.io.stdout(`${section(report)}Total reclaimed space: ${humanSize(report.reclaimed)}\n`);
  ctx.engine.emit({ type: 'store-changed', reason: 'prune' });
  return 0;
}

async function systemPrune(ctx: CommandContext): Promise<number> {
  const f = parseCommandFlags(ctx, 'system prune', [
    { names: ['--force', '-f'], takesValue: false },
    { names: ['--all', '-a'], takesValue: false },
    { names: ['--volumes'], takesValue: false },
  ]);
  if (typeof f === 'number') return f;
  const all = f.bools.has('--all');
  const volumes = f.bools.has('--volumes');
  if (!f.bools.has('--force')) {
    const warnings = [
      'all stopped containers',
      'all networks not used by at least one container',
      ...(volumes ? ['all anonymous volumes not used by at least one container'] : []),
      all ? 'all images without at least one container associated to them' : 'all dangling images',
      all ? 'all build cache' : 'unused build cache',
    ];
    const prompt = `WARNING! This will remove:\n${warnings.map((w) => `  - ${w}\n`).join('')}\nAre you sure you want to continue?`;
    return cannotAnswer(ctx, prompt, `docker system prune${all ? ' -a' : ''}${volumes ? ' --volumes' : ''} -f`);
  }
  // In this lab there are no custom networks and no volumes, so those pruners remove nothing.
  const reports = [pruneStoppedContainers(ctx.engine), pruneImages(ctx.engine, all), pruneBuildCache(ctx.engine, all)];
  const reclaimed = reports.reduce((n, r) => n + r.reclaimed, 0);
  ctx.io.stdout(`${reports.map(section).join('')}Total reclaimed space: ${humanSize(reclaimed)}\n`);
  ctx.engine.emit({ type: 'store-changed', reason: 'prune' });
  return 0;
}

export const pruneCommands: readonly CommandSpec[] = [
  {
    name: 'docker builder prune',
    aliases: ['docker buildx prune'],
    summary: 'Remove build cache',
    usage: 'docker builder prune [OPTIONS]',
    flags: ['--force', '--all'],
    run: builderPrune,
  },
  {
    name: 'docker system prune',
    summary: 'Remove unused data',
    usage: 'docker system prune [OPTIONS]',
    flags: ['--force', '--all', '--volumes'],
    run: systemPrune,
  },
];
