/**
 * FROM: the base image, the optional `AS name` (checked against BuildKit's stage-name pattern) and
 * --platform.
 */
import type { FromInstruction } from '../types.ts';
import { goQuote } from '../text.ts';
import { InstructionError } from './errors.ts';
import type { Flags } from './flags.ts';
import type { SharedFields } from './node-input.ts';

const STAGE_NAME = /^[a-z][a-z0-9-_.]*$/;

export function parseFrom(args: string[], base: SharedFields, flags: Flags): FromInstruction {
  let stageName: string | undefined;
  if (args.length === 3 && args[1]!.toLowerCase() === 'as') {
    stageName = args[2]!.toLowerCase();
    if (!STAGE_NAME.test(stageName)) {
      throw new InstructionError(
        `invalid name for build stage: ${goQuote(args[2]!)}, name can't start with a number or contain symbols`,
      );
    }
  } else if (args.length !== 1) {
    throw new InstructionError('FROM requires either one or three arguments');
  }
  flags.add('platform', 'string');
  flags.parse();
  const inst: FromInstruction = { kind: 'FROM', ...base, image: args[0]!, flags: {} };
  if (stageName !== undefined) {
    inst.stageName = args[2]!;
    inst.asKeyword = args[1]!;
  }
  const platform = flags.str('platform');
  if (platform !== undefined) inst.flags.platform = platform;
  return inst;
}
