// The command registry's families: one module per family. To add a family, import its spec array and
// append it to COMMAND_FAMILIES (one line each).
import type { CommandSpec } from '../types.ts';
import { fileCommands } from './files.ts';
import { dockerCommands } from './docker.ts';
import { helpCommands } from './help.ts';
import { gitCommands } from './git.ts';
import { registryCommands } from './registry.ts';
import { containerCommands } from './container.ts';
import { pruneCommands } from './prune.ts';

export const COMMAND_FAMILIES: (readonly CommandSpec[])[] = [
  fileCommands,
  dockerCommands,
  helpCommands,
  gitCommands,
  registryCommands,
  containerCommands,
  pruneCommands,
];
