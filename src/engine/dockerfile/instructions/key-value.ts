/**
 * The instructions that set names to values: ENV and LABEL (key, value, separator triples from the
 * parser) and ARG (name with an optional default).
 */
import type { ArgDecl, Instruction, KeyValuePair } from '../types.ts';
import { errAtLeastOne, InstructionError } from './errors.ts';
import type { AstNode } from '../parser/ast.ts';
import type { Flags } from './flags.ts';
import type { SharedFields } from './node-input.ts';

export function parseEnvOrLabel(args: string[], base: SharedFields, flags: Flags, node: AstNode): Instruction {
  flags.parse();
  const name = node.value.toUpperCase();
  if (args.length === 0) throw errAtLeastOne(name);
  if (args.length % 3 !== 0) throw new InstructionError(`Bad input to ${name}, too many arguments`);
  const pairs: KeyValuePair[] = [];
  for (let j = 0; j < args.length; j += 3) {
    if (args[j]!.length === 0) throw new InstructionError(`${name} names can not be blank`);
    pairs.push({ key: args[j]!, value: args[j + 1]!, legacy: args[j + 2] === '' });
  }
  return node.value === 'env'
    ? { kind: 'ENV', ...base, pairs, flags: {} }
    : { kind: 'LABEL', ...base, pairs, flags: {} };
}

export function parseArg(args: string[], base: SharedFields): Instruction {
  if (args.length < 1) throw errAtLeastOne('ARG');
  const decls: ArgDecl[] = [];
  for (const a of args) {
    const eq = a.indexOf('=');
    if (eq >= 0) {
      if (eq === 0) throw new InstructionError('ARG names can not be blank');
      decls.push({ name: a.slice(0, eq), value: a.slice(eq + 1) });
    } else decls.push({ name: a });
  }
  return { kind: 'ARG', ...base, args: decls, flags: {} };
}
