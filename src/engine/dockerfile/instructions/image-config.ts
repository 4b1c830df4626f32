/**
 * The instructions that each set one field of the image config: CMD, ENTRYPOINT, SHELL, WORKDIR, USER,
 * EXPOSE, VOLUME, STOPSIGNAL and MAINTAINER.
 */
import type { Instruction } from '../types.ts';
import { goTrimSpace } from '../text.ts';
import { errAtLeastOne, errExactlyOne, InstructionError } from './errors.ts';
import type { AstNode } from '../parser/ast.ts';
import type { Flags } from './flags.ts';
import { cmdLine, type SharedFields } from './node-input.ts';

export function parseCmd(args: string[], base: SharedFields, flags: Flags, node: AstNode): Instruction {
  flags.parse();
  return { kind: 'CMD', ...base, cmd: cmdLine(args, node.json), flags: {} };
}

export function parseEntrypoint(args: string[], base: SharedFields, flags: Flags, node: AstNode): Instruction {
  flags.parse();
  return { kind: 'ENTRYPOINT', ...base, cmd: cmdLine(args, node.json), flags: {} };
}

export function parseShell(args: string[], base: SharedFields, flags: Flags, node: AstNode): Instruction {
  flags.parse();
  const slice = args.length === 0 ? [] : node.json ? args : [args.join(' ')];
  if (slice.length === 0) throw errAtLeastOne('SHELL');
  if (!node.json) throw new InstructionError('SHELL requires the arguments to be in JSON form');
  return { kind: 'SHELL', ...base, shell: [...slice], flags: {} };
}

export function parseWorkdir(args: string[], base: SharedFields, flags: Flags): Instruction {
  if (args.length !== 1) throw errExactlyOne('WORKDIR');
  flags.parse();
  return { kind: 'WORKDIR', ...base, path: args[0]!, flags: {} };
}

export function parseUser(args: string[], base: SharedFields, flags: Flags): Instruction {
  if (args.length !== 1) throw errExactlyOne('USER');
  flags.parse();
  return { kind: 'USER', ...base, user: args[0]!, flags: {} };
}

export function parseExpose(args: string[], base: SharedFields, flags: Flags): Instruction {
  if (args.length === 0) throw errAtLeastOne('EXPOSE');
  flags.parse();
  const ports = [...args].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { kind: 'EXPOSE', ...base, ports, flags: {} };
}

export function parseVolume(args: string[], base: SharedFields, flags: Flags): Instruction {
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

export function parseStopsignal(args: string[], base: SharedFields): Instruction {
  if (args.length !== 1) throw errExactlyOne('STOPSIGNAL');
  return { kind: 'STOPSIGNAL', ...base, signal: args[0]!, flags: {} };
}

export function parseMaintainer(args: string[], base: SharedFields, flags: Flags): Instruction {
  if (args.length !== 1) throw errExactlyOne('MAINTAINER');
  flags.parse();
  return { kind: 'MAINTAINER', ...base, maintainer: args[0]!, flags: {} };
}
