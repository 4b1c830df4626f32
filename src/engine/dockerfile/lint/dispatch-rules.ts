/**
 * The rules BuildKit applies while dispatching each stage's instructions (dockerfile2llb convert.go,
 * convert_expose.go): undefined variables, legacy `KEY value` syntax, secrets in ARG/ENV, relative
 * WORKDIR, sources excluded by .dockerignore, repeated CMD/ENTRYPOINT/HEALTHCHECK, shell-form
 * CMD/ENTRYPOINT, and EXPOSE's format.
 */
import type { EnvInstruction, Instruction, LabelInstruction, LintContext, Stage } from '../types.ts';
import { ShellLexer } from '../lexer.ts';
import { suggest } from '../text.ts';
import { IgnoreMatcher } from '../patterns.ts';
import { secretNameRule } from './secrets.ts';
import type { Sink } from './sink.ts';
import { cleanPath, isRemote } from './sources.ts';

const heredocLexer = new ShellLexer('\\', { skipProcessQuotes: true });

/** Env names assumed present in a base image when the caller does not say (PATH is set by nearly every image). */
const ASSUMED_BASE_ENV = ['PATH'];

/** LegacyKeyValueFormat: `ENV key value` (or LABEL) written without the `=`. */
function legacyKeyValueRule(i: EnvInstruction | LabelInstruction, sink: Sink): void {
  for (const p of i.pairs) {
    if (p.legacy) sink.add('LegacyKeyValueFormat', `"${i.keyword} key=value" should be used instead of legacy "${i.keyword} key value" format`, i.range);
  }
}

export function dispatchRules(
  stages: readonly Stage[],
  context: LintContext,
  lex: ShellLexer,
  globals: ReadonlyMap<string, string>,
  sink: Sink,
): void {
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
          legacyKeyValueRule(i, sink);
          for (const [k] of updates) secretNameRule(sink, 'ENV', k, i.range);
          for (const [k, v] of updates) env.set(k, v);
          break;
        }
        case 'LABEL':
          for (const p of i.pairs) {
            word(i, p.key);
            word(i, p.value);
          }
          legacyKeyValueRule(i, sink);
          break;
        case 'ARG':
          for (const a of i.args) {
            secretNameRule(sink, 'ARG', a.name, i.range);
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
}
