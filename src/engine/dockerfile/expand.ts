import type { Env, Instruction } from './types.ts';

export const PROXY_ARGS: readonly string[] = [];
export const PREDEFINED_ARGS: readonly string[] = [];

export function toEnvMap(env: Env): Map<string, string> {
  return env instanceof Map ? new Map(env) : new Map(Object.entries(env));
}

/**
 * Returns a copy of `inst` with the fields BuildKit expands for that instruction expanded against `env`
 * (RUN/CMD/ENTRYPOINT command text is left to the shell). Throws ExpansionError.
 */
export function expandInstruction<T extends Instruction>(inst: T, _env: Env): T {
  return inst;
}

/** The progress name of RUN/COPY/ADD/WORKDIR: variables substituted, unset ones left as written. */
export function vertexName(inst: Instruction, _env: Env): string {
  return inst.original;
}
