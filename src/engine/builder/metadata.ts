// The instructions that change only the image config and history, not the filesystem: ENV, ARG,
// LABEL, CMD, ENTRYPOINT, EXPOSE, USER, VOLUME, STOPSIGNAL, SHELL, MAINTAINER, ONBUILD, HEALTHCHECK.
// Each writes an empty-layer history entry with BuildKit's `created_by` text.
import type { Instruction } from '../dockerfile/index.ts';
import { BuildFailure, linesOf } from './failure.ts';
import type { HandlerScope } from './scope.ts';
import { recordHistory, type StageState } from './stage.ts';
import { expandAt, goQuote, goQuoteSlice } from './words.ts';

export type MetadataInstruction = Extract<
  Instruction,
  { kind: 'ENV' | 'ARG' | 'LABEL' | 'CMD' | 'ENTRYPOINT' | 'EXPOSE' | 'USER' | 'VOLUME' | 'STOPSIGNAL' | 'SHELL' | 'MAINTAINER' | 'ONBUILD' | 'HEALTHCHECK' }
>;

export type MetadataScope = Pick<HandlerScope, 'escape' | 'buildArgs' | 'metaArgs' | 'historyCreated'>;

export function applyMetadata(scope: MetadataScope, st: StageState, inst: MetadataInstruction): void {
  const commit = (createdBy: string): void => recordHistory(st, scope.historyCreated, createdBy, true);
  switch (inst.kind) {
    case 'ENV': {
      const parts: string[] = [];
      for (const p of inst.pairs) {
        st.runEnv.set(p.key, p.value);
        st.config.Env = addEnv(st.config.Env, p.key, p.value);
        parts.push(`${p.key}=${p.value}`);
      }
      commit(`ENV ${parts.join(' ')}`);
      return;
    }
    case 'ARG': {
      const parts: string[] = [];
      for (const a of inst.args) {
        const hasValue = Object.hasOwn(scope.buildArgs, a.name);
        let value: string | undefined = a.value;
        let hasDefault = a.value !== undefined;
        if (!hasDefault && !hasValue && scope.metaArgs.has(a.name)) {
          value = scope.metaArgs.get(a.name);
          hasDefault = false;
        }
        if (hasValue) value = scope.buildArgs[a.name];
        else if (hasDefault && value !== undefined) value = expandAt(value, st.runEnv, scope.escape, inst);
        if (value !== undefined) st.runEnv.set(a.name, value);
        st.argNames.add(a.name);
        const existing = st.buildArgs.findIndex((b) => b.key === a.name);
        if (existing >= 0) st.buildArgs.splice(existing, 1);
        st.buildArgs.push({ key: a.name, value });
        parts.push(value !== undefined ? `${a.name}=${value}` : a.name);
      }
      commit(`ARG ${parts.join(' ')}`);
      return;
    }
    case 'LABEL': {
      st.config.Labels = { ...(st.config.Labels ?? {}) };
      const parts: string[] = [];
      for (const p of inst.pairs) {
        st.config.Labels[p.key] = p.value;
        parts.push(`${p.key}=${p.value}`);
      }
      commit(`LABEL ${parts.join(' ')}`);
      return;
    }
    case 'CMD':
    case 'ENTRYPOINT': {
      const args = inst.cmd.form === 'exec' ? inst.cmd.args : [...(st.config.Shell ?? ['/bin/sh', '-c']), inst.cmd.command];
      if (inst.kind === 'CMD') {
        st.config.Cmd = args;
        st.config.ArgsEscaped = true;
      } else {
        st.config.Entrypoint = args;
        if (!st.stage.instructions.some((i) => i.kind === 'CMD')) delete st.config.Cmd;
      }
      commit(`${inst.kind} ${goQuoteSlice(args)}`);
      return;
    }
    case 'EXPOSE': {
      st.config.ExposedPorts = { ...(st.config.ExposedPorts ?? {}) };
      const ports: string[] = [];
      for (const p of inst.ports) {
        const norm = p.includes('/') ? p.toLowerCase() : `${p}/tcp`;
        st.config.ExposedPorts[norm] = {};
        ports.push(norm);
      }
      commit(`EXPOSE [${ports.join(' ')}]`);
      return;
    }
    case 'USER':
      st.config.User = inst.user;
      commit(`USER ${inst.user}`);
      return;
    case 'VOLUME': {
      st.config.Volumes = { ...(st.config.Volumes ?? {}) };
      for (const v of inst.volumes) {
        if (v === '') throw new BuildFailure('VOLUME specified can not be an empty string', { lines: linesOf(inst) });
        st.config.Volumes[v] = {};
      }
      commit(`VOLUME [${inst.volumes.join(' ')}]`);
      return;
    }
    case 'STOPSIGNAL':
      st.config.StopSignal = inst.signal;
      commit(`STOPSIGNAL ${inst.signal}`);
      return;
    case 'SHELL':
      st.config.Shell = [...inst.shell];
      commit(`SHELL [${inst.shell.join(' ')}]`);
      return;
    case 'MAINTAINER':
      st.author = inst.maintainer;
      commit(`MAINTAINER ${inst.maintainer}`);
      return;
    case 'ONBUILD':
      st.config.OnBuild = [...(st.config.OnBuild ?? []), inst.expression];
      return;
    case 'HEALTHCHECK': {
      const f = inst.flags;
      st.config.Healthcheck = {
        Test: inst.test,
        ...(f.interval ? { Interval: f.interval } : {}),
        ...(f.timeout ? { Timeout: f.timeout } : {}),
        ...(f.startPeriod ? { StartPeriod: f.startPeriod } : {}),
        ...(f.startInterval ? { StartInterval: f.startInterval } : {}),
        ...(f.retries ? { Retries: f.retries } : {}),
      };
      const dur = (ns?: number): string => `${(ns ?? 0) / 1e9}s`;
      commit(`HEALTHCHECK &{${goQuoteSlice(inst.test)} ${goQuote(dur(f.interval))} ${goQuote(dur(f.timeout))} ${goQuote(dur(f.startPeriod))} ${goQuote(dur(f.startInterval))} '\\x${(f.retries ?? 0).toString(16).padStart(2, '0')}'}`);
      return;
    }
  }
}

function envKey(entry: string): string {
  const i = entry.indexOf('=');
  return i < 0 ? entry : entry.slice(0, i);
}

/** Env arrays addEnv made, with where each name sits in them. */
const envPositions = new WeakMap<readonly string[], Map<string, number>>();

/**
 * `env` with `k=v` set: in place of the first `k=…`, else appended. The caller hands `env` over and
 * keeps the result instead (`st.config.Env = addEnv(st.config.Env, …)`): an array that addEnv made
 * itself is updated in place, any other (a base image's, a clone) is copied once. With a name →
 * position map beside it, each ENV costs constant time; copying and scanning the whole list every
 * time made 20,000 ENV lines take close to a minute.
 */
function addEnv(env: string[], k: string, v: string): string[] {
  let out = env;
  let positions = envPositions.get(env);
  const known = positions?.get(k);
  // The map goes with the array; should anything else have changed the array, start afresh.
  if (known !== undefined && envKey(env[known] ?? '') !== k) positions = undefined;
  if (!positions) {
    out = env.slice();
    positions = new Map();
    for (let i = 0; i < out.length; i++) {
      const name = envKey(out[i]!);
      if (!positions.has(name)) positions.set(name, i);
    }
    envPositions.set(out, positions);
  }
  const at = positions.get(k);
  if (at !== undefined) out[at] = `${k}=${v}`;
  else {
    positions.set(k, out.length);
    out.push(`${k}=${v}`);
  }
  return out;
}
