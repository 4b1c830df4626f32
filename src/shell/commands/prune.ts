// docker builder prune and docker system prune. The commands load their code (prune-run.ts) on first use,
// which keeps it out of what the lab loads for a first build.
import type { CommandContext, CommandSpec } from '../types.ts';

const run = (name: 'builderPrune' | 'systemPrune') => async (ctx: CommandContext): Promise<number> => (await import('./prune-run.ts'))[name](ctx);

export const pruneCommands: readonly CommandSpec[] = [
  {
    name: 'docker builder prune',
    aliases: ['docker buildx prune'],
    summary: 'Remove build cache',
    usage: 'docker builder prune [OPTIONS]',
    flags: ['--force', '--all'],
    run: run('builderPrune'),
  },
  {
    name: 'docker system prune',
    summary: 'Remove unused data',
    usage: 'docker system prune [OPTIONS]',
    flags: ['--force', '--all', '--volumes'],
    run: run('systemPrune'),
  },
];
