/**
 * The instructions that each set one field of the image config: CMD, ENTRYPOINT, SHELL, WORKDIR, USER,
 * EXPOSE, VOLUME, STOPSIGNAL and MAINTAINER.
 */
import type { Instruction } from '../types.ts';
import { goTrimSpace } from '../text.ts';
import { errAtLeastOne, errExactlyOne, InstructionError } from './errors.ts';
import { cmdLine, type NodeInput } from './node-input.ts';

export function parseCmd({ args, base, flags, json }: NodeInput): Instruction {
  flags.parse();
  return { kind: 'CMD', ...base, cmd: cmdLine(args, json), flags: {} };
}

export function parseEntrypoint({ args, base, flags, json }: NodeInput): Instruction {
  flags.parse();
  return { kind: 'ENTRYPOINT', ...base, cmd: cmdLine(args, json), flags: {} };
}

export function parseShell({ args, base, flags, json }: NodeInput): Instruction {
  flags.parse();
  const slice = args.length === 0 ? [] : json ? args : [args.join(' ')];
  if (slice.length === 0) throw errAtLeastOne('SHELL');
  if (!json) throw new InstructionError('SHELL requires the arguments to be in JSON form');
  return { kind: 'SHELL', ...base, shell: [...slice], flags: {} };
}

export function parseWorkdir({ args, base, flags }: NodeInput): Instruction {
  if (args.length !== 1) throw errExactlyOne('WORKDIR');
  flags.parse();
  return { kind: 'WORKDIR', ...base, path: args[0]!, flags: {} };
}

export function parseUser({ args, base, flags }: NodeInput): Instruction {
  if (args.length !== 1) throw errExactlyOne('USER');
  flags.parse();
  return { kind: 'USER', ...base, user: args[0]!, flags: {} };
}

export function parseExpose({ args, base, flags }: NodeInput): Instruction {
  if (args.length === 0) throw errAtLeastOne('EXPOSE');
  flags.parse();
  const ports = [...args].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { kind: 'EXPOSE', ...base, ports, flags: {} };
}

export function parseVolume({ args, base, flags }: NodeInput): Instruction {
  if (args.length === 0) throw errAtLeastOne('VOLUME');
  flags.parse();
  const volumes: string[] = [];
  for (const v of args) {
    const t = goTrimSpace(v);
    if (t === '') throw new InstructionError('VOLUME specified can not be an empty string');
    volumes.push(t);
  }
  return { kind: 'VOLUME', ...base, volumes, flags: {} };
}

export function parseStopsignal({ args, base }: NodeInput): Instruction {
  if (args.length !== 1) throw errExactlyOne('STOPSIGNAL');
  return { kind: 'STOPSIGNAL', ...base, signal: args[0]!, flags: {} };
}

export function parseMaintainer({ args, base, flags }: NodeInput): Instruction {
  if (args.length !== 1) throw errExactlyOne('MAINTAINER');
  flags.parse();
  return { kind: 'MAINTAINER', ...base, maintainer: args[0]!, flags: {} };
}
