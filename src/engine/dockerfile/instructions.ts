/**
 * Typed instructions and stages from the AST, with the checks and error texts of BuildKit's
 * frontend/dockerfile/instructions package (parse.go, bflag.go, commands_run*.go).
 *
 * This module reads the whole file into stages (instructions.Parse); one node becomes one instruction in
 * instructions/dispatch.ts, with a module per instruction family beside it.
 */
import type { ArgInstruction, Diagnostic, Dockerfile, DockerfileError, Instruction, ParseResult, Stage } from './types.ts';
import { DockerfileSyntaxError, parseAst } from './parser.ts';
import { utf8Length } from './text.ts';
import { InstructionError } from './instructions/errors.ts';
import { parseInstruction } from './instructions/dispatch.ts';

// The editor's highlighter imports the instruction names from here.
export { INSTRUCTION_NAMES } from './instructions/dispatch.ts';

/** Inputs larger than this are refused before parsing (the lab's own limit; BuildKit has none). */
export const MAX_DOCKERFILE_BYTES = 1024 * 1024;

function fail(message: string, range: DockerfileError['range'], warnings: Diagnostic[], line?: number): ParseResult {
  const error: DockerfileError = { message };
  if (range) {
    error.range = range;
    error.line = line ?? range.start.line;
  }
  return { ok: false, error, warnings };
}

/**
 * Parses a Dockerfile as BuildKit does (parser.Parse, then instructions.Parse). Never throws: every failure
 * is returned as `{ ok: false, error }` with BuildKit's message and a source range.
 */
export function parseDockerfile(text: string): ParseResult {
  try {
    return parseDockerfileUnsafe(text);
  } catch (e) {
    // Defensive: an unexpected internal failure is still reported as a typed error, never thrown.
    const msg = e instanceof Error ? e.message : String(e);
    return fail(`internal error while parsing the Dockerfile: ${msg}`, { start: { line: 1, column: 0 }, end: { line: 1, column: 0 } }, []);
  }
}

function parseDockerfileUnsafe(text: string): ParseResult {
  const whole = { start: { line: 1, column: 0 }, end: { line: 1, column: 0 } };
  if (typeof text !== 'string' || text.length === 0) return fail('the Dockerfile cannot be empty', whole, []);
  if (text.length > MAX_DOCKERFILE_BYTES / 4 && utf8Length(text) > MAX_DOCKERFILE_BYTES) {
    return fail(
      `Dockerfile too large: ${utf8Length(text)} bytes. In this lab a Dockerfile can be at most ${MAX_DOCKERFILE_BYTES} bytes (1 MiB).`,
      whole,
      [],
    );
  }
  let ast;
  try {
    ast = parseAst(text);
  } catch (e) {
    if (e instanceof DockerfileSyntaxError) return fail(e.message, e.range ?? whole, []);
    throw e;
  }
  const warnings = ast.warnings;
  const metaArgs: ArgInstruction[] = [];
  const stages: Stage[] = [];
  for (const node of ast.children) {
    let inst: Instruction;
    try {
      inst = parseInstruction(node);
    } catch (e) {
      if (e instanceof InstructionError) {
        return fail(`dockerfile parse error on line ${node.range.start.line}: ${e.message}`, e.range ?? node.range, warnings, node.range.start.line);
      }
      throw e;
    }
    if (stages.length === 0 && inst.kind === 'ARG') {
      metaArgs.push(inst);
      continue;
    }
    if (inst.kind === 'FROM') {
      const st: Stage = {
        index: stages.length,
        baseName: inst.image,
        range: { start: inst.range.start, end: inst.range.end },
        from: inst,
        instructions: [],
      };
      if (inst.stageName !== undefined) st.name = inst.stageName.toLowerCase();
      if (inst.flags.platform !== undefined) st.platform = inst.flags.platform;
      stages.push(st);
      continue;
    }
    const cur = stages[stages.length - 1];
    if (!cur) return fail('no build stage in current context', node.range, warnings);
    cur.instructions.push(inst);
    cur.range = { start: cur.range.start, end: inst.range.end };
  }
  if (stages.length === 0) {
    const r = metaArgs[metaArgs.length - 1]?.range ?? whole;
    return fail('dockerfile contains no stages to build', r, warnings);
  }
  const directives: Dockerfile['directives'] = { escape: ast.escape };
  if (ast.syntax !== undefined) directives.syntax = ast.syntax;
  if (ast.check !== undefined) directives.check = ast.check;
  const dockerfile: Dockerfile = { directives, metaArgs, stages, lines: ast.lines, parseWarnings: warnings };
  return { ok: true, dockerfile, warnings };
}
