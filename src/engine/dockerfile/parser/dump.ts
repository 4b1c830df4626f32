/**
 * BuildKit's AST dump format (Node.Dump), which the parser test files give as the expected result.
 */
import { goQuote, goQuoteSlice, goTrimSpace } from '../text.ts';
import type { Ast, AstNode } from './ast.ts';

/** One node in BuildKit's Node.Dump() form, without the surrounding parentheses. */
export function dumpNode(node: AstNode): string {
  let s = node.keyword.toLowerCase();
  if (node.flags.length > 0) s += ' ' + goQuoteSlice(node.flags.map((f) => f.text));
  if (node.nested) s += ' (' + dumpNode(node.nested) + ')';
  for (const v of node.next) s += ' ' + goQuote(v);
  return goTrimSpace(s);
}

/** Dumps a parsed AST as BuildKit's `AST.Dump()` followed by a newline (the testfiles' `result`). */
export function dumpParsed(ast: Ast): string {
  let s = '';
  for (const c of ast.children) s += '(' + dumpNode(c) + ')\n';
  return goTrimSpace(s) + '\n';
}
