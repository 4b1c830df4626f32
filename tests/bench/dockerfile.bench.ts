// Benchmark of the Dockerfile front end: parse + expand + lint of a generated 2,000-line Dockerfile.
import { loadavg, cpus } from 'node:os';
import {
  buildMetaArgs,
  expandInstruction,
  lintDockerfile,
  parseDockerfile,
  vertexName,
} from '../../src/engine/dockerfile/index.ts';
import type { Dockerfile, Instruction } from '../../src/engine/dockerfile/index.ts';
import { median } from './timing.ts';

const RUNS = 25;
const WARMUP = 5;

/** A deterministic, realistic-looking Dockerfile with exactly `lines` lines. */
export function generateDockerfile(lines: number): string {
  const out: string[] = ['# syntax=docker/dockerfile:1', 'ARG BASE=alpine:3.20', 'ARG VERSION=1.0.0'];
  let stage = 0;
  let i = 0;
  while (out.length < lines) {
    if (i % 100 === 0) {
      out.push(`FROM \${BASE} AS stage${stage}`, `ARG VERSION`, `WORKDIR /srv/app${stage}`);
      stage++;
    }
    switch (i % 10) {
      case 0:
        out.push(`ENV APP_HOME=/srv/app${i} PATH=/srv/app${i}/bin:$PATH LEVEL=${i}`);
        break;
      case 1:
        out.push(`RUN apk add --no-cache curl git \\`, `    && mkdir -p $APP_HOME/data \\`, `    && echo "build ${i} for \${VERSION}"`);
        break;
      case 2:
        out.push(`COPY --chown=app:app src/module${i}/ $APP_HOME/module${i}/`);
        break;
      case 3:
        out.push(`LABEL org.example.step${i}="value ${i}" org.example.version=\${VERSION}`);
        break;
      case 4:
        out.push(`RUN --mount=type=cache,target=/root/.cache echo \${LEVEL:-0} > /tmp/level${i}`);
        break;
      case 5:
        out.push(`ARG OPT${i}=\${VERSION%%.*}`);
        break;
      case 6:
        out.push(`COPY <<EOF /etc/app${i}.conf`, `level=\${LEVEL}`, `home=$APP_HOME`, `EOF`);
        break;
      case 7:
        out.push(`WORKDIR $APP_HOME/w${i}`);
        break;
      case 8:
        out.push(`EXPOSE ${8000 + (i % 1000)}/tcp`);
        break;
      case 9:
        out.push(`USER app`, `CMD ["./bin/server", "--port", "${8000 + (i % 1000)}"]`);
        break;
    }
    i++;
  }
  return out.slice(0, lines).join('\n') + '\n';
}

/** Expands every instruction the way a build walks a stage: ENV and ARG values feed later lines. */
export function expandAll(df: Dockerfile): number {
  const globals = buildMetaArgs(df.metaArgs, {});
  let count = 0;
  for (const st of df.stages) {
    const env = new Map<string, string>();
    expandInstruction(st.from, globals, df.directives.escape);
    count++;
    for (const inst of st.instructions) {
      let e: Instruction;
      if (inst.kind === 'ARG') {
        e = expandInstruction(inst, env, df.directives.escape);
        if (e.kind === 'ARG') {
          for (const a of e.args) {
            const v = a.value ?? globals.get(a.name);
            if (v !== undefined) env.set(a.name, v);
          }
        }
      } else {
        e = expandInstruction(inst, env, df.directives.escape);
        if (e.kind === 'ENV') for (const p of e.pairs) env.set(p.key, p.value);
      }
      if (inst.kind === 'RUN' || inst.kind === 'COPY' || inst.kind === 'ADD' || inst.kind === 'WORKDIR') {
        vertexName(inst, env, df.directives.escape);
      }
      count++;
    }
  }
  return count;
}


export async function bench(): Promise<Array<{ name: string; median_ms?: number; value?: number; unit?: string; target?: string }>> {
  const text = generateDockerfile(2000);
  const lineCount = text.split('\n').length - 1;
  const total: number[] = [];
  const cpuTotal: number[] = [];
  const parse: number[] = [];
  const expand: number[] = [];
  const lint: number[] = [];
  let instructions = 0;
  for (let run = 0; run < WARMUP + RUNS; run++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const r = parseDockerfile(text);
    const t1 = performance.now();
    if (!r.ok) throw new Error(`generated Dockerfile did not parse: ${r.error.message}`);
    instructions = expandAll(r.dockerfile);
    const t2 = performance.now();
    lintDockerfile(r.dockerfile, { files: ['package.json', 'src/index.js'], dockerignore: ['node_modules'] });
    const t3 = performance.now();
    const c = process.cpuUsage(c0);
    if (run >= WARMUP) {
      cpuTotal.push((c.user + c.system) / 1000);
      parse.push(t1 - t0);
      expand.push(t2 - t1);
      lint.push(t3 - t2);
      total.push(t3 - t0);
    }
  }
  return [
    { name: `dockerfile: parse+expand+lint, ${lineCount} lines (median of ${RUNS})`, median_ms: median(total), target: '< 20 ms' },
    // CPU time of this process counts all its threads (the garbage collector's helpers too), so on a quiet
    // machine it reads above the wall time; on a busy one it is inflated less than wall time is. It is
    // shown for reading the other rows, not held to the target (which is wall time). The fastest run
    // shows the cost without interference.
    { name: `dockerfile: parse+expand+lint, CPU time of all threads (median of ${RUNS})`, median_ms: median(cpuTotal) },
    { name: `dockerfile: parse+expand+lint, fastest of ${RUNS}`, value: Math.min(...total), unit: 'ms' },
    { name: 'dockerfile: parse only', median_ms: median(parse) },
    { name: 'dockerfile: expand only', median_ms: median(expand) },
    { name: 'dockerfile: lint only', median_ms: median(lint) },
    { name: 'dockerfile: instructions in the benchmark file', value: instructions, unit: 'instructions' },
    // Medians depend on what else runs on the machine; this says how busy it was.
    { name: `dockerfile: machine load average while measuring (${cpus().length} CPUs)`, value: Number(loadavg()[0]!.toFixed(2)), unit: 'load' },
  ];
}
