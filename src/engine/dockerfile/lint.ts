/**
 * Build checks. BuildKit's rules (frontend/dockerfile/linter/ruleset.go, applied where
 * instructions/parse.go and dockerfile2llb/{convert,validations,convert_expose}.go apply them) keep
 * BuildKit's names, messages and links. Our own layer and cache hints use the "Layerlab/" prefix.
 */
import type { Diagnostic, Dockerfile, Instruction, LintContext, SourceRange, Stage } from './types.ts';
import { ShellLexer } from './lexer.ts';
import { suggest } from './text.ts';
import { PREDEFINED_ARGS } from './expand.ts';
import { IgnoreMatcher } from './patterns.ts';

export interface RuleInfo {
  description: string;
  url: string;
}

const DOCS = 'https://docs.docker.com/go/dockerfile/rule/';

export const BUILDKIT_RULES: Readonly<Record<string, RuleInfo>> = {
  StageNameCasing: { description: 'Stage names should be lowercase', url: DOCS + 'stage-name-casing/' },
  FromAsCasing: { description: "The 'as' keyword should match the case of the 'from' keyword", url: DOCS + 'from-as-casing/' },
  NoEmptyContinuation: {
    description: 'Empty continuation lines will become errors in a future release',
    url: DOCS + 'no-empty-continuation/',
  },
  ConsistentInstructionCasing: {
    description: 'All commands within the Dockerfile should use the same casing (either upper or lower)',
    url: DOCS + 'consistent-instruction-casing/',
  },
  DuplicateStageName: { description: 'Stage names should be unique', url: DOCS + 'duplicate-stage-name/' },
  ReservedStageName: { description: 'Reserved words should not be used as stage names', url: DOCS + 'reserved-stage-name/' },
  JSONArgsRecommended: {
    description: 'JSON arguments recommended for ENTRYPOINT/CMD to prevent unintended behavior related to OS signals',
    url: DOCS + 'json-args-recommended/',
  },
  MaintainerDeprecated: {
    description: 'The MAINTAINER instruction is deprecated, use a label instead to define an image author',
    url: DOCS + 'maintainer-deprecated/',
  },
  UndefinedArgInFrom: { description: 'FROM command must use declared ARGs', url: DOCS + 'undefined-arg-in-from/' },
  WorkdirRelativePath: {
    description:
      'Relative workdir without an absolute workdir declared within the build can have unexpected results if the base image changes',
    url: DOCS + 'workdir-relative-path/',
  },
  UndefinedVar: { description: 'Variables should be defined before their use', url: DOCS + 'undefined-var/' },
  MultipleInstructionsDisallowed: {
    description: 'Multiple instructions of the same type should not be used in the same stage',
    url: DOCS + 'multiple-instructions-disallowed/',
  },
  LegacyKeyValueFormat: {
    description: 'Legacy key/value format with whitespace separator should not be used',
    url: DOCS + 'legacy-key-value-format/',
  },
  RedundantTargetPlatform: {
    description: 'Setting platform to predefined $TARGETPLATFORM in FROM is redundant as this is the default behavior',
    url: DOCS + 'redundant-target-platform/',
  },
  SecretsUsedInArgOrEnv: {
    description: 'Sensitive data should not be used in the ARG or ENV commands',
    url: DOCS + 'secrets-used-in-arg-or-env/',
  },
  InvalidDefaultArgInFrom: {
    description: 'Default value for global ARG results in an empty or invalid base image name',
    url: DOCS + 'invalid-default-arg-in-from/',
  },
  FromPlatformFlagConstDisallowed: {
    description: 'FROM --platform flag should not use a constant value',
    url: DOCS + 'from-platform-flag-const-disallowed/',
  },
  CopyIgnoredFile: {
    description: 'Attempting to Copy file that is excluded by .dockerignore',
    url: DOCS + 'copy-ignored-file/',
  },
  ExposeProtoCasing: {
    description: 'Protocol in EXPOSE instruction should be lowercase',
    url: DOCS + 'expose-proto-casing/',
  },
  ExposeInvalidFormat: {
    description:
      'IP address and host-port mapping should not be used in EXPOSE instruction. This will become an error in a future release',
    url: DOCS + 'expose-invalid-format/',
  },
};

/** The lesson our own hints point to. */
export const LAYER_LESSON = 'what-is-an-image';

export const LAYERLAB_RULES = {
  DeletedInLaterLayer: 'Layerlab/DeletedInLaterLayer',
  CopyAllBeforeInstall: 'Layerlab/CopyAllBeforeInstall',
  ConsecutiveRun: 'Layerlab/ConsecutiveRun',
  AddWhereCopyWould: 'Layerlab/AddWhereCopyWould',
  MissingDockerignore: 'Layerlab/MissingDockerignore',
} as const;

interface CheckConfig {
  skipAll: boolean;
  skip: Set<string>;
  error: boolean;
}

/** BuildKit's ParseLintOptions for `# check=skip=A,B;error=true`. Invalid options are ignored. */
function parseCheck(value: string | undefined): CheckConfig {
  const cfg: CheckConfig = { skipAll: false, skip: new Set(), error: false };
  if (!value) return cfg;
  const v = value.split(' ')[0]!.trim();
  if (v === '') return cfg;
  for (const part of v.split(';').slice(0, 3)) {
    const eq = part.indexOf('=');
    if (eq < 0) return { skipAll: false, skip: new Set(), error: false };
    const k = part.slice(0, eq).trim();
    const val = part.slice(eq + 1).trim();
    if (k === 'skip') {
      if (val === 'all') cfg.skipAll = true;
      else for (const r of val.split(',')) cfg.skip.add(r.trim());
    } else if (k === 'error') {
      const b = ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(val);
      const f = ['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(val);
      if (!b && !f) return { skipAll: false, skip: new Set(), error: false };
      cfg.error = b;
    } else if (k !== 'experimental') return { skipAll: false, skip: new Set(), error: false };
  }
  return cfg;
}

function isSelfConsistent(s: string): boolean {
  return s === s.toLowerCase() || s === s.toUpperCase();
}

const heredocLexer = new ShellLexer('\\', { skipProcessQuotes: true });

const SECRET_DENY = /(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)/i;
const SECRET_ALLOW = /(?:_|^)(?:public|file|version)(?:_|$)/i;

/** Env names assumed present in a base image when the caller does not say (PATH is set by nearly every image). */
const ASSUMED_BASE_ENV = ['PATH'];

const PATH_COMP = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DOMAIN_COMP = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMP}(?:\\.${DOMAIN_COMP})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const REFERENCE = new RegExp(
  `^(?:${DOMAIN}/)?${PATH_COMP}(?:/${PATH_COMP})*(?::[\\w][\\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$`,
);

/** Whether `ref` parses as a normalized image reference (distribution/reference grammar). */
function isValidReference(ref: string): boolean {
  if (ref === '' || ref.length > 255 + 200) return false;
  return REFERENCE.test(ref);
}

// ---------------------------------------------------------------------------------------------
// Path cleaning for the CopyIgnoredFile message (Go path.Clean)

function cleanPath(p: string): string {
  const abs = p.startsWith('/');
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!abs) out.push('..');
      continue;
    }
    out.push(seg);
  }
  const s = out.join('/');
  return abs ? '/' + s : s === '' ? '.' : s;
}

// ---------------------------------------------------------------------------------------------

interface Sink {
  add(rule: string, message: string, range: SourceRange): void;
  hint(rule: string, message: string, range: SourceRange): void;
  out: Diagnostic[];
}

/**
 * BuildKit's WithMergedConfigFromComments: a comment such as `# check=skip=RuleName` directly above an
 * instruction also skips rules for that instruction. Keyed by the instruction's first line.
 */
function commentChecks(dockerfile: Dockerfile): Map<number, CheckConfig> {
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

function makeSink(check: CheckConfig, local: Map<number, CheckConfig>): Sink {
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

const DEP_INSTALL =
  /\b(?:npm\s+(?:ci|install|i)\b|yarn(?:\s+install)?\b|pnpm\s+(?:install|i)\b|pip3?\s+install\b|poetry\s+install\b|pipenv\s+install\b|bundle\s+install\b|composer\s+install\b|go\s+mod\s+download\b|cargo\s+(?:build|fetch)\b|mvn\b|gradle\b)/;

interface CacheWriter {
  re: RegExp;
  paths: RegExp;
  what: string;
  /** A flag that makes the command leave nothing behind. */
  unless?: RegExp;
}

const CACHE_WRITERS: CacheWriter[] = [
  { re: /\bapt(?:-get)?\s+(?:-\S+\s+)*update\b/, paths: /\/var\/lib\/apt\/lists/, what: 'apt package lists (/var/lib/apt/lists)' },
  { re: /\bapt(?:-get)?\s+(?:-\S+\s+)*install\b/, paths: /\/var\/cache\/apt/, what: 'downloaded .deb files (/var/cache/apt)' },
  {
    re: /\bapk\s+(?:-\S+\s+)*(?:update|add)\b/,
    paths: /\/var\/cache\/apk/,
    what: 'the apk package index (/var/cache/apk)',
    unless: /--no-cache\b/,
  },
  {
    re: /\bpip3?\s+install\b/,
    paths: /(?:\/root)?\/\.cache\/pip|~\/\.cache\/pip/,
    what: "pip's download cache (~/.cache/pip)",
    unless: /--no-cache-dir\b/,
  },
  { re: /\b(?:npm\s+(?:ci|install|i)\b)/, paths: /(?:\/root)?\/\.npm\b|~\/\.npm\b/, what: "npm's download cache (~/.npm)" },
  { re: /\b(?:dnf|yum)\s+(?:-\S+\s+)*install\b/, paths: /\/var\/cache\/(?:dnf|yum)/, what: 'the dnf/yum cache (/var/cache/dnf)' },
];

const RM_RE = /\brm\s+(?:-\S+\s+)*([^;&|]*)/g;

function shellText(i: Instruction): string | undefined {
  if (i.kind !== 'RUN') return undefined;
  if (i.cmd.form === 'exec') return i.cmd.args.join(' ');
  return i.cmd.command + i.heredocs.map((h) => '\n' + h.content).join('');
}

function isArchive(p: string): boolean {
  return /\.(?:tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|tzst|gz|bz2|xz)$/i.test(p);
}

function isRemote(p: string): boolean {
  return /^(?:https?:\/\/|git@|git:\/\/|ssh:\/\/)/i.test(p) || /\.git(?:#.*)?$/.test(p);
}

function lineOf(i: Instruction): number {
  return i.range.start.line;
}

/**
 * Applies BuildKit's build checks that fit a learner's Dockerfile plus our own layer hints.
 * The parser's warnings (NoEmptyContinuation) are included. `# check=skip=...;error=true` is honoured for
 * BuildKit rules (error=true makes them errors, as `docker build` then fails).
 * Each list is ordered by line.
 */
export function lintDockerfile(dockerfile: Dockerfile, context: LintContext = {}): Diagnostic[] {
  const check = parseCheck(dockerfile.directives.check);
  const sink = makeSink(check, commentChecks(dockerfile));
  for (const w of dockerfile.parseWarnings) sink.add(w.rule, w.message, w.range);
  const escape = dockerfile.directives.escape;
  const lex = new ShellLexer(escape);
  const stages = dockerfile.stages;

  // FROM-level rules (instructions/parse.go).
  for (const st of stages) {
    const f = st.from;
    if (f.stageName !== undefined && f.stageName !== f.stageName.toLowerCase()) {
      sink.add('StageNameCasing', `Stage name '${f.stageName}' should be lowercase`, f.range);
    }
    if (f.asKeyword !== undefined) {
      const lower = f.keyword === f.keyword.toLowerCase();
      const upper = f.keyword === f.keyword.toUpperCase();
      if ((lower || upper) && f.asKeyword !== (lower ? f.asKeyword.toLowerCase() : f.asKeyword.toUpperCase())) {
        sink.add('FromAsCasing', `'${f.asKeyword}' and '${f.keyword}' keywords' casing do not match`, f.range);
      }
    }
    for (const i of st.instructions) {
      if (i.kind === 'MAINTAINER') sink.add('MaintainerDeprecated', 'Maintainer instruction is deprecated in favor of using label', i.range);
    }
  }

  // validateStageNames
  const seen = new Set<string>();
  for (const st of stages) {
    if (st.name === undefined) continue;
    if (st.name === 'context' || st.name === 'scratch') {
      sink.add('ReservedStageName', `Stage name should not use the same name as reserved stage "${st.name}"`, st.from.range);
    }
    if (seen.has(st.name)) {
      sink.add('DuplicateStageName', `Duplicate stage name "${st.name}", stage names should be unique`, st.from.range);
    }
    seen.add(st.name);
  }

  // validateCommandCasing
  let lowerCount = 0;
  let upperCount = 0;
  const count = (k: string) => {
    if (isSelfConsistent(k)) {
      if (k === k.toLowerCase()) lowerCount++;
      else upperCount++;
    }
  };
  for (const st of stages) {
    count(st.from.keyword);
    for (const i of st.instructions) count(i.keyword);
  }
  const majorityLower = lowerCount > upperCount;
  const caseMatch = (k: string, range: SourceRange) => {
    let correct = '';
    if (majorityLower && k.toLowerCase() !== k) correct = 'lowercase';
    else if (!majorityLower && k.toUpperCase() !== k) correct = 'uppercase';
    if (correct) {
      sink.add('ConsistentInstructionCasing', `Command '${k}' should match the case of the command majority (${correct})`, range);
    }
  };
  for (const st of stages) {
    caseMatch(st.from.keyword, st.from.range);
    for (const i of st.instructions) caseMatch(i.keyword, i.range);
  }

  // Global args (validateBaseImagesWithDefaultArgs, buildDispatchStates).
  const globals = new Map<string, string>();
  for (const k of PREDEFINED_ARGS) globals.set(k, '');
  globals.set('TARGETPLATFORM', 'linux/amd64');
  globals.set('BUILDPLATFORM', 'linux/amd64');
  globals.set('TARGETOS', 'linux');
  globals.set('BUILDOS', 'linux');
  globals.set('TARGETARCH', 'amd64');
  globals.set('BUILDARCH', 'amd64');
  const declaredMeta = new Set<string>();
  for (const a of dockerfile.metaArgs) {
    for (const d of a.args) {
      declaredMeta.add(d.name);
      if (d.value !== undefined) {
        try {
          globals.set(d.name, lex.processWord(d.value, globals));
        } catch {
          /* BuildKit stops this check on an expansion error */
        }
      }
      if (SECRET_DENY.test(d.name) && !SECRET_ALLOW.test(d.name)) {
        sink.add('SecretsUsedInArgOrEnv', `Do not use ARG or ENV instructions for sensitive data (ARG "${d.name}")`, a.range);
      }
    }
  }
  const fromKeys = [...new Set([...declaredMeta, ...globals.keys()])];
  for (const st of stages) {
    let res;
    try {
      res = lex.process(st.baseName, globals, false);
    } catch {
      continue;
    }
    for (const u of res.unmatched) {
      if (fromKeys.includes(u)) continue;
      const s = suggest(u, fromKeys, true);
      sink.add('UndefinedArgInFrom', `FROM argument '${u}' is not declared${s ? ` (did you mean ${s}?)` : ''}`, st.from.range);
    }
    if (!isValidReference(res.result)) {
      sink.add('InvalidDefaultArgInFrom', `Default value for ARG ${st.baseName} results in empty or invalid base image name`, st.from.range);
    }
    if (st.platform !== undefined) {
      let pm;
      try {
        pm = lex.process(st.platform, globals, false);
      } catch {
        pm = undefined;
      }
      if (pm) {
        for (const u of pm.unmatched) {
          if (fromKeys.includes(u)) continue;
          const s = suggest(u, fromKeys, true);
          sink.add('UndefinedArgInFrom', `FROM argument '${u}' is not declared${s ? ` (did you mean ${s}?)` : ''}`, st.from.range);
        }
        if (pm.matched.size === 1 && pm.unmatched.size === 0 && pm.matched.has('TARGETPLATFORM')) {
          sink.add(
            'RedundantTargetPlatform',
            `Setting platform to predefined ${st.platform} in FROM is redundant as this is the default behavior`,
            st.from.range,
          );
        }
        if (pm.matched.size === 0 && pm.unmatched.size === 0 && /^[a-z0-9_-]+(?:\/[a-z0-9_-]+){0,2}$/i.test(pm.result)) {
          const [os, arch] = pm.result.split('/');
          const name = st.name ?? '';
          if (!(os && name.includes(os)) && !(arch && name.includes(arch))) {
            sink.add('FromPlatformFlagConstDisallowed', `FROM --platform flag should not use constant value "${pm.result}"`, st.from.range);
          }
        }
      }
    }
  }

  // Per-stage dispatch-time rules.
  const byName = new Map<string, Stage>();
  const stageShell = new Map<number, boolean>();
  const stageEnv = new Map<number, Map<string, string>>();
  const ignore = context.dockerignore ? new IgnoreMatcher(context.dockerignore) : undefined;
  for (const st of stages) {
    const parent = byName.get(st.baseName.toLowerCase());
    const env = new Map<string, string>(parent ? stageEnv.get(parent.index) : undefined);
    if (!parent) for (const k of ASSUMED_BASE_ENV) env.set(k, '');
    let hasShell = parent ? (stageShell.get(parent.index) ?? false) : false;
    const declared = new Set<string>();
    let workdirSet = false;
    const once: Record<string, Instruction | undefined> = {};
    const report = (i: Instruction, unmatched: ReadonlySet<string>) => {
      if (unmatched.size === 0) return;
      for (const u of unmatched) {
        if (declared.has(u)) continue;
        const s = suggest(u, [...env.keys()], true);
        sink.add('UndefinedVar', `Usage of undefined variable '$${u}'${s ? ` (did you mean $${s}?)` : ''}`, i.range);
      }
    };
    const word = (i: Instruction, s: string, e: Map<string, string> = env): string => {
      try {
        const r = lex.process(s, e, false);
        report(i, r.unmatched);
        return r.result;
      } catch {
        return s;
      }
    };
    for (const i of st.instructions) {
      switch (i.kind) {
        case 'ENV': {
          const updates: Array<[string, string]> = [];
          for (const p of i.pairs) updates.push([word(i, p.key), word(i, p.value)]);
          for (const p of i.pairs) {
            if (p.legacy) sink.add('LegacyKeyValueFormat', `"${i.keyword} key=value" should be used instead of legacy "${i.keyword} key value" format`, i.range);
          }
          for (const [k] of updates) {
            if (SECRET_DENY.test(k) && !SECRET_ALLOW.test(k)) {
              sink.add('SecretsUsedInArgOrEnv', `Do not use ARG or ENV instructions for sensitive data (ENV "${k}")`, i.range);
            }
          }
          for (const [k, v] of updates) env.set(k, v);
          break;
        }
        case 'LABEL':
          for (const p of i.pairs) {
            word(i, p.key);
            word(i, p.value);
          }
          for (const p of i.pairs) {
            if (p.legacy) sink.add('LegacyKeyValueFormat', `"${i.keyword} key=value" should be used instead of legacy "${i.keyword} key value" format`, i.range);
          }
          break;
        case 'ARG':
          for (const a of i.args) {
            if (SECRET_DENY.test(a.name) && !SECRET_ALLOW.test(a.name)) {
              sink.add('SecretsUsedInArgOrEnv', `Do not use ARG or ENV instructions for sensitive data (ARG "${a.name}")`, i.range);
            }
            let v: string | undefined;
            if (a.value !== undefined) v = word(i, a.value);
            else if (globals.has(a.name)) v = globals.get(a.name);
            declared.add(a.name);
            if (v !== undefined) env.set(a.name, v);
          }
          break;
        case 'WORKDIR': {
          const p = word(i, i.path);
          if (!workdirSet && !p.startsWith('/')) {
            sink.add('WorkdirRelativePath', `Relative workdir "${p}" can have unexpected results if the base image changes`, i.range);
          }
          workdirSet = true;
          break;
        }
        case 'USER':
          word(i, i.user);
          break;
        case 'STOPSIGNAL':
          word(i, i.signal);
          break;
        case 'VOLUME':
          for (const v of i.volumes) word(i, v);
          break;
        case 'RUN':
          for (const m of i.flags.mount) {
            for (const field of m.raw.split(',')) {
              const eq = field.indexOf('=');
              if (eq >= 0) word(i, field.slice(eq + 1));
            }
          }
          break;
        case 'COPY':
        case 'ADD': {
          if (i.flags.chown !== undefined) word(i, i.flags.chown);
          if (i.flags.chmod !== undefined) word(i, i.flags.chmod);
          if (i.kind === 'ADD' && i.flags.checksum !== undefined) word(i, i.flags.checksum);
          const srcs = i.sources.map((s) => word(i, s));
          word(i, i.dest);
          for (const h of i.heredocs) {
            if (!h.expand) continue;
            try {
              report(i, heredocLexer.process(h.content, env, false).unmatched);
            } catch {
              /* an expansion error is reported by the build, not by this check */
            }
          }
          const fromOther = i.kind === 'COPY' && i.flags.from !== undefined;
          if (ignore && !ignore.hasExclusions && !fromOther) {
            for (const s of srcs) {
              if (i.kind === 'ADD' && isRemote(s)) continue;
              let src = cleanPath(s);
              if (src === '.' || src === '/') {
                if (!ignore.ignoresRoot) continue;
              }
              src = src.replace(/^\/+/, '');
              if (src !== '' && ignore.ignores(src)) {
                sink.add('CopyIgnoredFile', `Attempting to ${i.kind === 'ADD' ? 'Add' : 'Copy'} file "${cleanPath(s)}" that is excluded by .dockerignore`, i.range);
              }
            }
          }
          break;
        }
        case 'CMD':
        case 'ENTRYPOINT':
        case 'HEALTHCHECK': {
          const prev = once[i.kind];
          if (prev) {
            sink.add(
              'MultipleInstructionsDisallowed',
              `Multiple ${i.keyword} instructions should not be used in the same stage because only the last one will be used`,
              prev.range,
            );
          }
          once[i.kind] = i;
          if (i.kind !== 'HEALTHCHECK' && i.cmd.form === 'shell' && !hasShell) {
            sink.add('JSONArgsRecommended', `JSON arguments recommended for ${i.keyword} to prevent unintended behavior related to OS signals`, i.range);
          }
          break;
        }
        case 'SHELL':
          hasShell = true;
          break;
        case 'EXPOSE':
          for (const raw of i.ports) {
            let words: string[];
            try {
              words = lex.processWords(raw, env);
            } catch {
              continue;
            }
            for (const p of words) {
              const slash = p.lastIndexOf('/');
              const proto = slash >= 0 ? p.slice(slash + 1) : '';
              if (proto !== '' && proto !== proto.toLowerCase()) {
                sink.add('ExposeProtoCasing', `Defined protocol '${p}' in EXPOSE instruction should be lowercase`, i.range);
              }
              const portPart = slash >= 0 ? p.slice(0, slash) : p;
              if (portPart.includes(':')) {
                sink.add('ExposeInvalidFormat', `EXPOSE instruction should not define an IP address or host-port mapping, found '${p}'`, i.range);
              }
            }
          }
          break;
        default:
          break;
      }
    }
    stageEnv.set(st.index, env);
    stageShell.set(st.index, hasShell);
    if (st.name !== undefined) byName.set(st.name, st);
  }

  layerHints(dockerfile, context, sink);
  return sink.out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column);
}

function layerHints(dockerfile: Dockerfile, context: LintContext, sink: Sink): void {
  for (const st of dockerfile.stages) {
    const list = st.instructions;
    // Package lists or caches written by one RUN and deleted by a later RUN.
    const written: Array<{ w: CacheWriter; at: Instruction }> = [];
    for (const i of list) {
      const text = shellText(i);
      if (text === undefined) continue;
      const removed: string[] = [];
      RM_RE.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = RM_RE.exec(text)) !== null) removed.push(m[1]!);
      for (const r of removed) {
        for (const prev of written) {
          if (prev.at !== i && prev.w.paths.test(r) && !prev.w.re.test(text)) {
            sink.hint(
              LAYERLAB_RULES.DeletedInLaterLayer,
              `This RUN deletes ${prev.w.what}, which the RUN on line ${lineOf(prev.at)} downloaded. ` +
                `That earlier layer keeps the files, so the image does not get smaller: each layer only adds to the ones below it. ` +
                `Download and clean up in the same RUN.`,
              i.range,
            );
          }
        }
      }
      for (const w of CACHE_WRITERS) {
        if (w.re.test(text) && !(w.unless && w.unless.test(text)) && !removed.some((r) => w.paths.test(r))) {
          written.push({ w, at: i });
        }
      }
    }

    // COPY . . before a dependency install.
    for (let k = 0; k < list.length; k++) {
      const c = list[k]!;
      if (c.kind !== 'COPY' || c.flags.from !== undefined) continue;
      if (!c.sources.some((s) => s === '.' || s === './' || s === '*')) continue;
      for (let j = k + 1; j < list.length; j++) {
        const r = list[j]!;
        const t = shellText(r);
        if (t !== undefined && DEP_INSTALL.test(t)) {
          sink.hint(
            LAYERLAB_RULES.CopyAllBeforeInstall,
            `This COPY brings in the whole build context before the dependency install on line ${lineOf(r)}. ` +
              `Any edit to any file then changes this step's cache key, so the install runs again on every rebuild. ` +
              `Copy only the dependency manifests first (for example package.json and package-lock.json), install, then copy the rest.`,
            c.range,
          );
          break;
        }
      }
    }

    // Consecutive RUNs.
    for (let k = 1; k < list.length; k++) {
      const a = list[k - 1]!;
      const b = list[k]!;
      if (a.kind === 'RUN' && b.kind === 'RUN' && a.cmd.form === 'shell' && b.cmd.form === 'shell' && a.heredocs.length === 0 && b.heredocs.length === 0 && a.flags.mount.length === 0 && b.flags.mount.length === 0) {
        sink.hint(
          LAYERLAB_RULES.ConsecutiveRun,
          `This RUN directly follows the RUN on line ${lineOf(a)}. Each RUN makes its own layer; ` +
            `joined with && they make one layer, and files created and deleted within one RUN never reach the image.`,
          b.range,
        );
      }
    }

    // ADD where COPY would do.
    for (const i of list) {
      if (i.kind !== 'ADD') continue;
      if (i.heredocs.length === 0 && i.sources.length > 0 && i.sources.every((s) => !isRemote(s) && !isArchive(s))) {
        sink.hint(
          LAYERLAB_RULES.AddWhereCopyWould,
          `ADD also downloads URLs and unpacks local tar archives. These sources are plain files, so COPY does the same job and says what you mean.`,
          i.range,
        );
      }
    }
  }

  // Missing .dockerignore with node_modules or .git in the context.
  if (context.files && (context.dockerignore === null || context.dockerignore === undefined)) {
    const heavy: string[] = [];
    for (const dir of ['node_modules', '.git']) {
      if (context.files.some((f) => f === dir || f.startsWith(dir + '/') || f.includes('/' + dir + '/'))) heavy.push(dir);
    }
    if (heavy.length > 0) {
      let target: Instruction | undefined;
      for (const st of dockerfile.stages) {
        for (const i of st.instructions) {
          if ((i.kind === 'COPY' && i.flags.from === undefined) || i.kind === 'ADD') {
            if (!target) target = i;
            if (i.sources.some((s) => s === '.' || s === './')) {
              target = i;
              break;
            }
          }
        }
      }
      const range = target?.range ?? dockerfile.stages[0]!.from.range;
      const names = heavy.join(' and ');
      const them = heavy.length > 1 ? 'them' : 'it';
      const copiesAll = target !== undefined && 'sources' in target && target.sources.some((s) => s === '.' || s === './');
      sink.hint(
        LAYERLAB_RULES.MissingDockerignore,
        `The build context has no .dockerignore, yet it holds ${names}. ` +
          (copiesAll
            ? `This ${target!.kind} of the whole context sends ${them} to the builder and puts ${them} in the image. `
            : `A COPY of the whole context would send ${them} to the builder and put ${them} in the image. `) +
          `Add a .dockerignore that lists ${names}.`,
        range,
      );
    }
  }
}

export const _internal = { parseCheck, cleanPath, isValidReference };
