/**
 * Which instruction fields BuildKit expands, and how (dockerfile2llb/convert.go dispatch, the
 * instructions' Expand methods, dispatchArg, dispatchExpose, buildMetaArgs, defaultArgs, processCmdEnv).
 */
import type { Env, EscapeToken, Heredoc, Instruction, MountSpec } from './types.ts';
import { ExpansionError } from './types.ts';
import { ShellLexer } from './lexer.ts';
import { parseMount } from './instructions/mount.ts';
import { mustParseHeredocWord } from './parser/heredoc.ts';
import { goTrimSpace } from './text.ts';

/** Proxy build args that work without an ARG line (either letter case); excluded from the RUN cache key. */
export const PROXY_ARGS: readonly string[] = [
  'HTTP_PROXY',
  'http_proxy',
  'HTTPS_PROXY',
  'https_proxy',
  'FTP_PROXY',
  'ftp_proxy',
  'NO_PROXY',
  'no_proxy',
  'ALL_PROXY',
  'all_proxy',
];

/** Automatic global args BuildKit defines before the first FROM (platform.go defaultArgs). */
export const PREDEFINED_ARGS: readonly string[] = [
  'BUILDPLATFORM',
  'BUILDOS',
  'BUILDOSVERSION',
  'BUILDARCH',
  'BUILDVARIANT',
  'TARGETPLATFORM',
  'TARGETOS',
  'TARGETOSVERSION',
  'TARGETARCH',
  'TARGETVARIANT',
  'TARGETSTAGE',
];

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
  osVersion?: string;
}

function formatPlatform(p: Platform): string {
  return p.variant ? `${p.os}/${p.architecture}/${p.variant}` : `${p.os}/${p.architecture}`;
}

/**
 * BuildKit's defaultArgs: the automatic global args for a build/target platform and target stage name
 * ("default" when the target has no name). `overrides` are --build-arg values for those names.
 */
export function defaultArgs(
  build: Platform,
  target: Platform,
  targetStage: string | undefined,
  overrides: Readonly<Record<string, string>> = {},
): Map<string, string> {
  const pairs: Array<[string, string]> = [
    ['BUILDPLATFORM', formatPlatform(build)],
    ['BUILDOS', build.os],
    ['BUILDOSVERSION', build.osVersion ?? ''],
    ['BUILDARCH', build.architecture],
    ['BUILDVARIANT', build.variant ?? ''],
    ['TARGETPLATFORM', formatPlatform(target)],
    ['TARGETOS', target.os],
    ['TARGETOSVERSION', target.osVersion ?? ''],
    ['TARGETARCH', target.architecture],
    ['TARGETVARIANT', target.variant ?? ''],
    ['TARGETSTAGE', targetStage || 'default'],
  ];
  const m = new Map<string, string>();
  for (const [k, v] of pairs) m.set(k, Object.hasOwn(overrides, k) ? overrides[k]! : v);
  return m;
}

export function toEnvMap(env: Env): Map<string, string> {
  return env instanceof Map ? new Map(env) : new Map(Object.entries(env));
}

/**
 * BuildKit's buildMetaArgs: evaluates the ARGs before the first FROM in order. A --build-arg replaces the
 * default; a default is expanded with the global args defined so far. Returns the global args that FROM
 * lines (and stage-level `ARG NAME` re-declarations) see. Throws ExpansionError.
 */
export function buildMetaArgs(
  metaArgs: ReadonlyArray<Extract<Instruction, { kind: 'ARG' }>>,
  buildArgs: Readonly<Record<string, string>>,
  defaults: Env = {},
  escape: EscapeToken = '\\',
): Map<string, string> {
  const args = toEnvMap(defaults);
  const lex = new ShellLexer(escape);
  for (const cmd of metaArgs) {
    for (const a of cmd.args) {
      let value: string | undefined;
      if (Object.hasOwn(buildArgs, a.name)) value = buildArgs[a.name];
      else if (a.value !== undefined) value = lex.processWord(a.value, args);
      if (value !== undefined) args.set(a.name, value);
    }
  }
  return args;
}

/**
 * The value one `ARG` declaration inside a stage gives its variable (BuildKit's dispatchArg):
 *  - a --build-arg for the name wins, even over a default;
 *  - otherwise a default is expanded with the stage's current env (ENV and earlier ARGs);
 *  - otherwise a global (pre-FROM) arg of that name is brought in;
 *  - otherwise the variable stays unset (undefined).
 * Global args are never visible in a stage without such a declaration.
 */
export function argValue(
  decl: { name: string; value?: string },
  scope: {
    buildArgs?: Readonly<Record<string, string>>;
    globals?: ReadonlyMap<string, string>;
    env?: Env;
    escape?: EscapeToken;
  } = {},
): string | undefined {
  const b = scope.buildArgs;
  if (b && Object.hasOwn(b, decl.name)) return b[decl.name];
  if (decl.value !== undefined) return lexer(scope.escape ?? '\\').processWord(decl.value, scope.env ?? noEnv);
  return scope.globals?.get(decl.name);
}

const plain = { '\\': new ShellLexer('\\'), '`': new ShellLexer('`') };
const forRunNames = {
  '\\': new ShellLexer('\\', { rawQuotes: true, skipUnsetEnv: true }),
  '`': new ShellLexer('`', { rawQuotes: true, skipUnsetEnv: true }),
};
const heredocBodies = new ShellLexer('\\', { skipProcessQuotes: true });
const noEnv = new Map<string, string>();

function lexer(escape: EscapeToken): ShellLexer {
  return plain[escape] ?? plain['\\'];
}

/**
 * Returns a copy of `inst` with the fields BuildKit expands for that instruction expanded against `env`
 * (the ENV and ARG values in scope at that line; for FROM, the global args). What is expanded:
 *  - ENV, LABEL: keys and values, all against the values before the instruction
 *  - COPY/ADD: sources, destination, --chown, --chmod, ADD --checksum; heredoc bodies with an unquoted
 *    delimiter (quotes kept, as BuildKit's SkipProcessQuotes). COPY --from must not contain variables.
 *  - WORKDIR, USER, STOPSIGNAL, VOLUME; EXPOSE (split into words)
 *  - ARG default values (each declaration sees the ones before it in the same line; names are not expanded)
 *  - RUN --mount option values (then validated with BuildKit's messages)
 *  - FROM: the image name and --platform
 *  - RUN/CMD/ENTRYPOINT/SHELL/HEALTHCHECK/MAINTAINER/ONBUILD: nothing (the shell expands at run time)
 * Throws ExpansionError (lexer and validation failures, with BuildKit's messages).
 */
export function expandInstruction<T extends Instruction>(inst: T, env: Env, escape: EscapeToken = '\\'): T {
  const lex = lexer(escape);
  const e = env;
  const w = (s: string): string => lex.processWord(s, e);
  const i = inst as Instruction;
  switch (i.kind) {
    case 'ENV':
    case 'LABEL':
      return { ...i, pairs: i.pairs.map((p) => ({ ...p, key: w(p.key), value: w(p.value) })) } as T;
    case 'COPY':
    case 'ADD': {
      if (i.kind === 'COPY' && i.flags.from !== undefined) {
        const r = lex.processWord(i.flags.from, noEnv);
        if (r !== i.flags.from) {
          throw new ExpansionError(
            'variable expansion is not supported for --from, define a new stage with FROM using ARG from global scope as a workaround',
          );
        }
      }
      const flags = { ...i.flags } as Record<string, unknown>;
      if (i.flags.chown !== undefined) flags.chown = w(i.flags.chown);
      if (i.flags.chmod !== undefined) flags.chmod = w(i.flags.chmod);
      if (i.kind === 'ADD' && i.flags.checksum !== undefined) flags.checksum = w(i.flags.checksum);
      const sources = i.sources.map(w);
      const dest = w(i.dest);
      const heredocs: Heredoc[] = i.heredocs.map((h) =>
        h.expand ? { ...h, content: heredocBodies.processWord(h.content, e) } : h,
      );
      return { ...i, flags, sources, dest, heredocs } as T;
    }
    case 'WORKDIR':
      return { ...i, path: w(i.path) } as T;
    case 'USER':
      return { ...i, user: w(i.user) } as T;
    case 'STOPSIGNAL':
      return { ...i, signal: w(i.signal) } as T;
    case 'VOLUME':
      return { ...i, volumes: i.volumes.map(w) } as T;
    case 'EXPOSE':
      return { ...i, ports: i.ports.flatMap((p) => lex.processWords(p, e)) } as T;
    case 'ARG': {
      // Each default sees the declarations before it on the same line, over the given env.
      const local = new Map<string, string>();
      const base = e instanceof Map ? (k: string) => e.get(k) : (k: string) => (Object.hasOwn(e, k) ? (e as Record<string, string>)[k] : undefined);
      const get = (k: string): string | undefined => (local.has(k) ? local.get(k) : base(k));
      const args = i.args.map((a) => {
        if (a.value === undefined) return { ...a };
        const v = lex.processWord(a.value, get);
        local.set(a.name, v);
        return { name: a.name, value: v };
      });
      return { ...i, args } as T;
    }
    case 'RUN': {
      let mount: MountSpec[];
      try {
        mount = i.flags.mount.map((m) => parseMount(m.raw, w));
      } catch (err) {
        if (err instanceof ExpansionError) throw err;
        throw new ExpansionError((err as Error).message);
      }
      return { ...i, flags: { ...i.flags, mount } } as T;
    }
    case 'FROM': {
      const image = w(i.image);
      if (image === '') throw new ExpansionError(`base name (${i.image}) should not be blank`);
      const flags = { ...i.flags };
      if (i.flags.platform !== undefined) flags.platform = w(i.flags.platform);
      return { ...i, image, flags } as T;
    }
    default:
      return inst;
  }
}

function uppercaseCmd(s: string): string {
  const sp = s.indexOf(' ');
  return sp < 0 ? s.toUpperCase() : s.slice(0, sp).toUpperCase() + s.slice(sp);
}

/** BuildKit's summarizeHeredoc: first line of the trimmed body, with "..." when there are more. */
export function summarizeHeredoc(doc: string): string {
  const lines = goTrimSpace(doc).replace(/\r\n/g, '\n').split('\n');
  return lines[0]! + (lines.length > 1 ? '...' : '');
}

/**
 * The progress (vertex) name BuildKit gives RUN, COPY, ADD and WORKDIR, without the `[stage i/N]` prefix:
 * the instruction text with variables substituted (processCmdEnv) and the keyword upper-cased.
 *  - RUN: unset variables are left as written and quotes are kept; secret mounts with env= are masked
 *    as ****; a single heredoc adds ` (first line...)`.
 *  - COPY/ADD/WORKDIR: ordinary expansion (unset variables become empty, quotes are removed).
 * If expansion fails the text is kept as written, as BuildKit does.
 */
export function vertexName(inst: Instruction, env: Env, escape: EscapeToken = '\\'): string {
  let e: Env = env;
  let text = goTrimSpace(inst.original);
  if (inst.kind === 'RUN') {
    const first = inst.heredocs[0];
    if (first && inst.cmd.form === 'shell') {
      if (mustParseHeredocWord(inst.cmd.command) !== undefined) text += ` (${summarizeHeredoc(first.content)})`;
    }
    const masks = inst.flags.mount.filter((m) => m.type === 'secret' && m.env !== undefined);
    if (masks.length > 0) {
      const copy = toEnvMap(env);
      for (const m of masks) copy.set(m.env!, '****');
      e = copy;
    }
    const lex = forRunNames[escape] ?? forRunNames['\\'];
    try {
      text = lex.processWord(text, e);
    } catch {
      /* keep as written */
    }
    return uppercaseCmd(text);
  }
  if (inst.kind === 'COPY' || inst.kind === 'ADD' || inst.kind === 'WORKDIR') {
    try {
      text = lexer(escape).processWord(text, e);
    } catch {
      /* keep as written */
    }
    return uppercaseCmd(text);
  }
  return uppercaseCmd(text);
}
