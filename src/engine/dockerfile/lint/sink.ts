/**
 * Where findings go, and which are kept: the `# check=` directive for the whole file and `# check=`
 * comments above single instructions skip rules or turn them into errors.
 */
import type { Diagnostic, Dockerfile, Instruction, SourceRange } from '../types.ts';
import { parseGoBool } from '../text.ts';
import { BUILDKIT_RULES, LAYER_LESSON } from './rules.ts';

export interface CheckConfig {
  skipAll: boolean;
  skip: Set<string>;
  error: boolean;
}

/** Every rule on, as warnings: no `# check=`, or one that does not parse. */
function defaultChecks(): CheckConfig {
  return { skipAll: false, skip: new Set(), error: false };
}

/** BuildKit's ParseLintOptions for `# check=skip=A,B;error=true`. Invalid options are ignored. */
export function parseCheck(value: string | undefined): CheckConfig {
  const cfg = defaultChecks();
  if (!value) return cfg;
  const v = value.split(' ')[0]!.trim();
  if (v === '') return cfg;
  for (const part of v.split(';').slice(0, 3)) {
    const eq = part.indexOf('=');
    if (eq < 0) return defaultChecks();
    const k = part.slice(0, eq).trim();
    const val = part.slice(eq + 1).trim();
    if (k === 'skip') {
      if (val === 'all') cfg.skipAll = true;
      else for (const r of val.split(',')) cfg.skip.add(r.trim());
    } else if (k === 'error') {
      const b = parseGoBool(val);
      if (b === undefined) return defaultChecks();
      cfg.error = b;
    } else if (k !== 'experimental') return defaultChecks();
  }
  return cfg;
}

export interface Sink {
  add(rule: string, message: string, range: SourceRange): void;
  hint(rule: string, message: string, range: SourceRange): void;
  out: Diagnostic[];
}

/**
 * BuildKit's WithMergedConfigFromComments: a comment such as `# check=skip=RuleName` directly above an
 * instruction also skips rules for that instruction. Keyed by the instruction's first line.
 */
export function commentChecks(dockerfile: Dockerfile): Map<number, CheckConfig> {
  const out = new Map<number, CheckConfig>();
  const visit = (i: Instruction) => {
    for (const c of i.comments) {
      const m = /^check[\t\n\f\r ]*=[\t\n\f\r ]*(.+?)[\t\n\f\r ]*$/i.exec(c);
      if (!m) continue;
      out.set(i.range.start.line, parseCheck(m[1]));
      break;
    }
  };
  for (const a of dockerfile.metaArgs) visit(a);
  for (const st of dockerfile.stages) {
    visit(st.from);
    for (const i of st.instructions) visit(i);
  }
  return out;
}

export function makeSink(check: CheckConfig, local: Map<number, CheckConfig>): Sink {
  const out: Diagnostic[] = [];
  return {
    out,
    add(rule, message, range) {
      if (check.skipAll || check.skip.has(rule)) return;
      const here = local.get(range.start.line);
      if (here && (here.skipAll || here.skip.has(rule))) return;
      const info = BUILDKIT_RULES[rule];
      const d: Diagnostic = { rule, message, severity: check.error ? 'error' : 'warning', range };
      if (info) {
        d.url = info.url;
        d.description = info.description;
      }
      out.push(d);
    },
    hint(rule, message, range) {
      out.push({ rule, message, severity: 'hint', range, lesson: LAYER_LESSON });
    },
  };
}
