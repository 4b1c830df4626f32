/**
 * One AST node to one typed instruction: the table from instruction name to its parser, and ONBUILD,
 * which parses its trigger through the same table.
 */
import type { Instruction } from '../types.ts';
import type { AstNode } from '../parser/ast.ts';
import { goTrimSpace, withSuggestion } from '../text.ts';
import { errAtLeastOne, InstructionError } from './errors.ts';
import { Flags } from './flags.ts';
import { baseOf, nodeArgs, type InstructionParser, type SharedFields } from './node-input.ts';
import { parseFrom } from './from.ts';
import { parseRun } from './run.ts';
import { parseCopyOrAdd } from './copy-add.ts';
import { parseHealthcheck } from './healthcheck.ts';
import { parseArg, parseEnvOrLabel } from './key-value.ts';
import {
  parseCmd,
  parseEntrypoint,
  parseExpose,
  parseMaintainer,
  parseShell,
  parseStopsignal,
  parseUser,
  parseVolume,
  parseWorkdir,
} from './image-config.ts';

/** Each instruction's parser, by its lower-case name (kept in alphabetical order). */
const PARSERS: Readonly<Record<string, InstructionParser>> = {
  add: parseCopyOrAdd,
  arg: parseArg,
  cmd: parseCmd,
  copy: parseCopyOrAdd,
  entrypoint: parseEntrypoint,
  env: parseEnvOrLabel,
  expose: parseExpose,
  from: parseFrom,
  healthcheck: parseHealthcheck,
  label: parseEnvOrLabel,
  maintainer: parseMaintainer,
  onbuild: parseOnbuild,
  run: parseRun,
  shell: parseShell,
  stopsignal: parseStopsignal,
  user: parseUser,
  volume: parseVolume,
  workdir: parseWorkdir,
};

/** The instruction words BuildKit knows, upper case, in alphabetical order (the keys of the table above). */
export const INSTRUCTION_NAMES: readonly string[] = Object.keys(PARSERS).map((name) => name.toUpperCase());

/** Throws InstructionError with BuildKit's message for the node's line. */
export function parseInstruction(node: AstNode): Instruction {
  const parse = Object.hasOwn(PARSERS, node.value) ? PARSERS[node.value] : undefined;
  if (parse === undefined) {
    throw new InstructionError(withSuggestion(`unknown instruction: ${node.keyword}`, node.keyword, INSTRUCTION_NAMES, false));
  }
  return parse(nodeArgs(node), baseOf(node), new Flags(node.flags), node);
}

function parseOnbuild(args: string[], base: SharedFields, flags: Flags, node: AstNode): Instruction {
  if (args.length === 0) throw errAtLeastOne('ONBUILD');
  flags.parse();
  const trigger = goTrimSpace(args[0]!).toUpperCase();
  if (trigger === 'ONBUILD') throw new InstructionError('Chaining ONBUILD via `ONBUILD ONBUILD` isn\'t allowed');
  if (trigger === 'MAINTAINER' || trigger === 'FROM') {
    throw new InstructionError(`${trigger} isn't allowed as an ONBUILD trigger`);
  }
  let expression = node.original.replace(/^\s*ONBUILD\s*/i, '');
  for (const h of node.heredocs) expression += '\n' + h.content + h.name;
  const inst: Instruction = { kind: 'ONBUILD', ...base, expression, flags: {} };
  if (node.nested) {
    try {
      const nested: AstNode = { ...node.nested, heredocs: node.heredocs, range: node.range };
      inst.trigger = parseInstruction(nested);
    } catch (e) {
      if (!(e instanceof InstructionError)) throw e;
      inst.triggerError = e.message;
    }
  }
  return inst;
}
