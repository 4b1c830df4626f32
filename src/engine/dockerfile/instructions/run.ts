/**
 * RUN: its flags (--mount, --network, --security, --device) and the command or heredocs it runs.
 */
import type { Instruction } from '../types.ts';
import { goQuote } from '../text.ts';
import { errAtLeastOne, InstructionError } from './errors.ts';
import { parseMount } from './mount.ts';
import type { AstNode } from '../parser/ast.ts';
import type { Flags } from './flags.ts';
import { cmdLine, typedHeredoc, type SharedFields } from './node-input.ts';

export function parseRun(args: string[], base: SharedFields, flags: Flags, node: AstNode): Instruction {
  flags.add('device', 'strings').add('mount', 'strings').add('network', 'string').add('security', 'string');
  flags.parse();
  const device = flags.list('device');
  const mount = flags.list('mount').map((m) => parseMount(m));
  const network = flags.raw1('network') ?? 'default';
  if (network !== 'default' && network !== 'none' && network !== 'host') {
    throw new InstructionError(`invalid network mode ${goQuote(network)}`);
  }
  const security = flags.raw1('security') ?? 'sandbox';
  if (security !== 'sandbox' && security !== 'insecure') {
    throw new InstructionError(`security ${goQuote(security)} is not valid`);
  }
  // A RUN with nothing to run (no command, no heredoc) is refused while parsing.
  if (args.length === 0 && node.heredocs.length === 0) throw errAtLeastOne('RUN');
  return {
    kind: 'RUN',
    ...base,
    cmd: cmdLine(args, node.json),
    heredocs: node.heredocs.map(typedHeredoc),
    flags: { mount, network, security, device },
  };
}
