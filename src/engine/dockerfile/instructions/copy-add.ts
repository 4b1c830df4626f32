/**
 * COPY and ADD: the flags each accepts, the destination, and the sources with heredoc sources taken out.
 */
import type { AddInstruction, CopyInstruction, Heredoc } from '../types.ts';
import { mustParseHeredocWord } from '../parser/heredoc.ts';
import { errNoDestination, InstructionError } from './errors.ts';
import type { AstNode } from '../parser/ast.ts';
import type { Flags } from './flags.ts';
import { typedHeredoc, type SharedFields } from './node-input.ts';

export function parseCopyOrAdd(args: string[], base: SharedFields, flags: Flags, node: AstNode): AddInstruction | CopyInstruction {
  const name = node.value.toUpperCase();
  if (args.length < 2) throw errNoDestination(name);
  if (node.value === 'add') {
    flags.add('chown', 'string').add('chmod', 'string').add('link', 'bool').add('keep-git-dir', 'bool');
    flags.add('checksum', 'string').add('unpack', 'bool').add('exclude', 'strings');
  } else {
    flags.add('chown', 'string').add('from', 'string').add('chmod', 'string').add('link', 'bool');
    flags.add('exclude', 'strings').add('parents', 'bool');
  }
  flags.parse();
  const dest = args[args.length - 1]!;
  if (mustParseHeredocWord(dest)) throw new InstructionError(`${name} cannot accept a heredoc as a destination`);
  const byName = new Map<string, Heredoc>();
  for (const h of node.heredocs) byName.set(h.name, h);
  const sources: string[] = [];
  const heredocs: Heredoc[] = [];
  for (const src of args.slice(0, -1)) {
    const head = mustParseHeredocWord(src);
    if (head) {
      const found = byName.get(head.name);
      const h: Heredoc = found
        ? { ...found, expand: head.expand, chomp: head.chomp }
        : { name: head.name, content: '', expand: head.expand, chomp: head.chomp, range: node.range };
      heredocs.push(typedHeredoc(h));
    } else sources.push(src);
  }
  const fields = { ...base, sources, dest, heredocs, json: node.json };
  const chown = flags.str('chown');
  const chmod = flags.str('chmod');
  if (node.value === 'add') {
    const inst: AddInstruction = {
      kind: 'ADD',
      ...fields,
      flags: { link: flags.bool('link'), exclude: flags.list('exclude') },
    };
    const checksum = flags.str('checksum');
    if (chown !== undefined) inst.flags.chown = chown;
    if (chmod !== undefined) inst.flags.chmod = chmod;
    if (checksum !== undefined) inst.flags.checksum = checksum;
    if (flags.has('keep-git-dir')) inst.flags.keepGitDir = flags.bool('keep-git-dir');
    if (flags.has('unpack')) inst.flags.unpack = flags.bool('unpack');
    return inst;
  }
  const inst: CopyInstruction = {
    kind: 'COPY',
    ...fields,
    flags: { link: flags.bool('link'), parents: flags.bool('parents'), exclude: flags.list('exclude') },
  };
  const from = flags.str('from');
  if (from !== undefined) inst.flags.from = from;
  if (chown !== undefined) inst.flags.chown = chown;
  if (chmod !== undefined) inst.flags.chmod = chmod;
  return inst;
}
