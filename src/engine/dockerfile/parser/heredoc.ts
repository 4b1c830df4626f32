/**
 * Heredoc heads (`<<EOF`, `<<-"EOF"`, `3<<EOF`) on RUN, COPY and ADD lines, found with BuildKit's lexer
 * settings. The bodies are read by the line loop in parser.ts.
 */
import { ShellLexer } from '../lexer.ts';
import { DockerfileSyntaxError, type AstNode } from './ast.ts';

const HEREDOC_INSTRUCTIONS = new Set(['add', 'copy', 'run']);
const RE_HEREDOC = /^(\d*)<<(-?)\s*([^<]*)$/;

export function canContainHeredoc(node: AstNode): boolean {
  let n = node;
  if (n.value === 'onbuild' && n.nested) n = n.nested;
  return HEREDOC_INSTRUCTIONS.has(n.value) && !n.json;
}

export interface HeredocHead {
  name: string;
  expand: boolean;
  chomp: boolean;
  fd?: number;
}

const heredocLineLexer = new ShellLexer('\\', { rawQuotes: true, rawEscapes: true, skipUnsetEnv: true });
const heredocWordLexer = new ShellLexer('\\', { skipUnsetEnv: true });
const heredocWordLexerRaw = new ShellLexer('\\', { skipUnsetEnv: true, rawQuotes: true });
const noEnv = (): undefined => undefined;

/** BuildKit's ParseHeredoc: a heredoc head such as `<<EOF`, `<<-"EOF"` or `3<<EOF`, else undefined. */
export function parseHeredocWord(src: string): HeredocHead | undefined {
  const m = RE_HEREDOC.exec(src);
  if (!m) return undefined;
  const rest = m[3]!;
  if (rest.length === 0) return undefined;
  const words = heredocWordLexer.processWords(rest, noEnv);
  if (words.length !== 1) return undefined;
  const raw = heredocWordLexerRaw.processWords(rest, noEnv);
  if (raw.length !== words.length) {
    throw new DockerfileSyntaxError(`internal lexing of heredoc produced inconsistent results: ${rest}`);
  }
  const word = words[0]!;
  const count = (s: string) => s.split("'").length - 1 + (s.split('"').length - 1);
  const head: HeredocHead = { name: word, expand: count(word) === count(raw[0]!), chomp: m[2] === '-' };
  if (m[1] !== '') {
    const fd = Number(m[1]);
    if (Number.isSafeInteger(fd)) head.fd = fd;
  }
  return head;
}

/** BuildKit's MustParseHeredoc: like parseHeredocWord, but a word that fails to lex is simply not a heredoc. */
export function mustParseHeredocWord(src: string): HeredocHead | undefined {
  try {
    return parseHeredocWord(src);
  } catch {
    return undefined;
  }
}

export function heredocsFromLine(line: string): HeredocHead[] {
  let words: string[];
  try {
    words = heredocLineLexer.processWords(line, noEnv);
  } catch {
    words = [];
  }
  const out: HeredocHead[] = [];
  for (const w of words) {
    const h = parseHeredocWord(w);
    if (h) out.push(h);
  }
  return out;
}
