/**
 * Line-level Dockerfile parser with the behaviour of BuildKit's frontend/dockerfile/parser:
 * parser directives, comments, line continuations, flags, per-instruction argument forms, heredocs,
 * and the AST dump format. Every node keeps source ranges.
 *
 * This module is the line loop (parser.Parse); its steps live in parser/: source-lines and offset-map
 * (physical lines and positions), directives, line-node and words (one line to one node), heredoc, dump.
 */
import type { Diagnostic, Heredoc, SourceRange } from './types.ts';
import { goTrimLeft, goTrimSpace, leadingSpaceLength, utf8Length } from './text.ts';
import { DockerfileSyntaxError, type Ast, type AstNode } from './parser/ast.ts';
import { isComment, lineRange, splitSourceLines, trimContinuation } from './parser/source-lines.ts';
import { OffsetMap } from './parser/offset-map.ts';
import { possibleDirective, type DirectiveState } from './parser/directives.ts';
import { NameValError, nodeFromLine, NotJSON } from './parser/line-node.ts';
import { canContainHeredoc, heredocsFromLine, type HeredocHead } from './parser/heredoc.ts';
import { dumpParsed } from './parser/dump.ts';

export { DockerfileSyntaxError } from './parser/ast.ts';
export type { Ast, AstNode } from './parser/ast.ts';

/** BuildKit reads lines with bufio.Scanner: a line of 65,536 bytes or more stops the scan. */
export const MAX_LINE_BYTES = 65535;

export const NO_EMPTY_CONTINUATION_URL = 'https://docs.docker.com/go/dockerfile/rule/no-empty-continuation/';

/**
 * Parses Dockerfile text into BuildKit's AST. Throws DockerfileSyntaxError with BuildKit's message.
 * `text` must not be empty (BuildKit's converter refuses empty files before parsing).
 */
export function parseAst(text: string): Ast {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const src = splitSourceLines(text);
  const lines = src.map((l) => l.text);
  // bufio.Scanner stops at the first line of 65,536 bytes or more.
  let limit = src.length;
  let tooLong = false;
  for (let i = 0; i < src.length; i++) {
    const t = src[i]!.raw;
    const content = t.endsWith('\n') ? t.slice(0, -1) : t;
    if (content.length >= 16384 && utf8Length(content) > MAX_LINE_BYTES) {
      limit = i;
      tooLong = true;
      break;
    }
  }
  const d: DirectiveState = { done: false, seen: new Set(), escape: '\\' };
  const children: AstNode[] = [];
  const warnings: Diagnostic[] = [];
  let comments: string[] = [];
  let i = 0; // index of next source line to read
  const err = (message: string, start: number, end: number): never => {
    const s = Math.max(1, start);
    const e = Math.max(s, end);
    throw new DockerfileSyntaxError(message, {
      start: { line: s, column: 0 },
      end: { line: e, column: (lines[e - 1] ?? '').length },
    });
  };

  while (i < limit) {
    const first = src[i]!;
    const lineNo = i + 1;
    i++;
    let text0 = first.text;
    if (isComment(text0)) {
      const c = goTrimSpace(first.raw.slice(1));
      if (c === '') comments = [];
      else comments.push(c);
    }
    const lead = leadingSpaceLength(text0);
    text0 = text0.slice(lead);
    let isDirective: boolean;
    try {
      isDirective = possibleDirective(d, text0, lineNo);
    } catch (e) {
      if (e instanceof DockerfileSyntaxError) {
        e.range = lineRange(lineNo, first.text);
        e.line = lineNo;
      }
      throw e;
    }
    if (isDirective) comments.pop();
    if (isComment(text0)) text0 = '';
    const startLine = lineNo;
    let [body, eol] = trimContinuation(text0, d.escape);
    if (eol && body.length === 0) continue;
    const map = new OffsetMap(0, lineNo, lead);
    let joined = body;
    let lastLine = lineNo;
    let lastCol = lead + text0.length;
    let emptyContinuation = false;
    while (!eol && i < limit) {
      const cur = src[i]!;
      const curNo = i + 1;
      i++;
      lastLine = curNo;
      lastCol = cur.text.length;
      possibleDirective(d, cur.text, curNo);
      if (isComment(cur.text)) continue;
      if (goTrimLeft(cur.text).length === 0) {
        emptyContinuation = true;
        continue;
      }
      const [b, e] = trimContinuation(cur.text, d.escape);
      map.add(joined.length, curNo, 0);
      joined += b;
      eol = e;
    }
    map.setEnd({ line: lastLine, column: lastCol });
    const line = joined;
    let range: SourceRange = { start: { line: startLine, column: lead }, end: { line: lastLine, column: lastCol } };
    if (emptyContinuation) {
      warnings.push({
        rule: 'NoEmptyContinuation',
        message: 'Empty continuation line',
        severity: 'warning',
        range: { start: { line: lastLine, column: 0 }, end: { line: lastLine, column: lastCol } },
        url: NO_EMPTY_CONTINUATION_URL,
        description: 'Empty continuation lines will become errors in a future release',
      });
    }
    let node: AstNode;
    try {
      node = nodeFromLine(line, map, d.escape, comments, range);
    } catch (e) {
      if (e instanceof NameValError || e instanceof NotJSON) err(e.message, startLine, lastLine);
      throw e;
    }
    if (canContainHeredoc(node) && line.includes('<<')) {
      let heads: HeredocHead[];
      try {
        heads = heredocsFromLine(line);
      } catch (e) {
        if (e instanceof DockerfileSyntaxError) err(e.message, startLine, lastLine);
        throw e;
      }
      let searchFrom = 0;
      for (const h of heads) {
        let content = '';
        let terminated = false;
        const markerAt = line.indexOf('<<', searchFrom);
        if (markerAt >= 0) searchFrom = markerAt + 2;
        const hStart = map.at(markerAt >= 0 ? markerAt : 0);
        while (i < limit) {
          const cur = src[i]!;
          i++;
          lastLine = i;
          lastCol = cur.text.length;
          let term = cur.text;
          if (h.chomp) term = term.replace(/^\t+/, '');
          if (term === h.name) {
            terminated = true;
            break;
          }
          content += cur.raw;
        }
        if (!terminated) err('unterminated heredoc', startLine, i);
        const hd: Heredoc = {
          name: h.name,
          content,
          expand: h.expand,
          chomp: h.chomp,
          range: { start: hStart, end: { line: lastLine, column: lastCol } },
        };
        if (h.fd !== undefined) hd.fileDescriptor = h.fd;
        node.heredocs.push(hd);
      }
      range = { start: range.start, end: { line: lastLine, column: lastCol } };
      node.range = range;
      if (node.nested) node.nested.range = range;
    }
    children.push(node);
    comments = [];
  }

  if (children.length === 0) err('file with no instructions', i, i);
  if (tooLong) {
    err(`dockerfile line greater than max allowed size of ${MAX_LINE_BYTES}`, limit + 1, limit + 1);
  }
  const ast: Ast = { escape: d.escape, children, lines, warnings };
  if (d.syntax !== undefined) ast.syntax = d.syntax;
  if (d.check !== undefined) ast.check = d.check;
  return ast;
}

/** Parses `text` and returns BuildKit's AST dump. Throws DockerfileSyntaxError. */
export function dumpAst(text: string): string {
  return dumpParsed(parseAst(text));
}
