/**
 * Rules about the global ARGs and what FROM makes of them (validateBaseImagesWithDefaultArgs,
 * buildDispatchStates): undeclared args in FROM, a default that gives no valid image name, and the
 * --platform checks. Returns the global args as the stages then see them.
 */
import type { Dockerfile, SourceRange } from '../types.ts';
import type { ShellLexer } from '../lexer.ts';
import { suggest } from '../text.ts';
import { PREDEFINED_ARGS } from '../expand.ts';
import { secretNameRule } from './secrets.ts';
import type { Sink } from './sink.ts';

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

export function fromArgRules(dockerfile: Dockerfile, lex: ShellLexer, sink: Sink): Map<string, string> {
  const { metaArgs, stages } = dockerfile;
  const globals = new Map<string, string>();
  for (const k of PREDEFINED_ARGS) globals.set(k, '');
  globals.set('TARGETPLATFORM', 'linux/amd64');
  globals.set('BUILDPLATFORM', 'linux/amd64');
  globals.set('TARGETOS', 'linux');
  globals.set('BUILDOS', 'linux');
  globals.set('TARGETARCH', 'amd64');
  globals.set('BUILDARCH', 'amd64');
  const declaredMeta = new Set<string>();
  for (const a of metaArgs) {
    for (const d of a.args) {
      declaredMeta.add(d.name);
      if (d.value !== undefined) {
        try {
          globals.set(d.name, lex.processWord(d.value, globals));
        } catch {
          /* BuildKit stops this check on an expansion error */
        }
      }
      secretNameRule(sink, 'ARG', d.name, a.range);
    }
  }
  const fromKeys = [...new Set([...declaredMeta, ...globals.keys()])];
  const undeclared = (unmatched: ReadonlySet<string>, range: SourceRange) => {
    for (const u of unmatched) {
      if (fromKeys.includes(u)) continue;
      const s = suggest(u, fromKeys, true);
      sink.add('UndefinedArgInFrom', `FROM argument '${u}' is not declared${s ? ` (did you mean ${s}?)` : ''}`, range);
    }
  };
  for (const st of stages) {
    let res;
    try {
      res = lex.process(st.baseName, globals, false);
    } catch {
      continue;
    }
    undeclared(res.unmatched, st.from.range);
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
        undeclared(pm.unmatched, st.from.range);
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
  return globals;
}
