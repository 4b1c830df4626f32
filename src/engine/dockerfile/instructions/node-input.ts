/**
 * What every instruction parser reads off its AST node: the arguments, the fields all instructions share,
 * and the command-line and heredoc forms that several of them use.
 */
import type { CommandLine, Heredoc, InstructionBase } from '../types.ts';
import type { AstNode } from '../parser/ast.ts';
import type { Flags } from './flags.ts';

/** One node as the instruction parsers take it (built once per node by parseInstruction). */
export interface NodeInput {
  node: AstNode;
  /** nodeArgs(node). */
  args: string[];
  base: Omit<InstructionBase, 'kind'>;
  flags: Flags;
  json: boolean;
}

/** BuildKit's nodeArgs: the Next chain, with ONBUILD's nested node flattened. */
export function nodeArgs(node: AstNode): string[] {
  if (node.nested) return [node.nested.keyword, ...nodeArgs(node.nested)];
  return node.next;
}

export function baseOf(node: AstNode): Omit<InstructionBase, 'kind'> {
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
