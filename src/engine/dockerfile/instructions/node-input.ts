/**
 * What every instruction parser reads off its AST node: the arguments, the fields all instructions share,
 * and the command-line and heredoc forms that several of them use.
 */
import type { CommandLine, Heredoc, Instruction, InstructionBase } from '../types.ts';
import type { AstNode } from '../parser/ast.ts';
import type { Flags } from './flags.ts';

/** The fields every instruction shares, copied from its node. */
export type SharedFields = Omit<InstructionBase, 'kind'>;

/**
 * The shape of every instruction parser: nodeArgs(node), baseOf(node) and the node's flags (each parser
 * declares the ones it accepts), then the node itself for its heredocs and JSON form. Throws
 * InstructionError.
 */
export type InstructionParser = (args: string[], base: SharedFields, flags: Flags, node: AstNode) => Instruction;

/** BuildKit's nodeArgs: the Next chain, with ONBUILD's nested node flattened. */
export function nodeArgs(node: AstNode): string[] {
  if (node.nested) return [node.nested.keyword, ...nodeArgs(node.nested)];
  return node.next;
}

export function baseOf(node: AstNode): SharedFields {
  return {
    keyword: node.keyword,
    range: node.range,
    original: node.original,
    rawFlags: node.flags,
    tokens: node.tokens,
    comments: node.comments,
  };
}

export function cmdLine(args: string[], json: boolean): CommandLine {
  if (json) return { form: 'exec', args: [...args] };
  return { form: 'shell', command: args.join(' ') };
}

/** BuildKit's ChompHeredocContent: strips leading tabs from every line. */
export function chompHeredoc(content: string): string {
  return content.replace(/^\t+/gm, '');
}

export function typedHeredoc(h: Heredoc): Heredoc {
  return h.chomp ? { ...h, content: chompHeredoc(h.content) } : { ...h };
}
