// Cache scenarios, end to end through `npx layerlab`. Each expected pattern follows BuildKit's cache rules
// (fidelity reference §3.2–3.3): C = the step printed CACHED, D = it ran (DONE).
// Scenarios share one CLI process per group (so base images are resolved once); each scenario has its own
// folder and starts from an empty build cache (`docker builder prune -f`).
import { beforeAll, describe, expect, it } from 'vitest';
import { SAMPLES } from '../../../src/samples/index.ts';
import { buildSteps, layerlab, pattern, project, type CliResult } from './helpers.ts';

const SLOW = 600_000;
const BUILD = 'docker build -t app --progress=plain .';

interface Scenario {
  readonly name: string;
  readonly files: Record<string, string>;
  readonly script: string[];
}

/** Runs every scenario in one CLI process; returns each scenario's build patterns. */
async function runGroup(scenarios: Scenario[]): Promise<{ result: CliResult; patterns: Map<string, string[]> }> {
  const files: Record<string, string> = {};
  const script: string[] = [];
  for (const s of scenarios) {
    for (const [p, t] of Object.entries(s.files)) files[`${s.name}/${p}`] = t;
    script.push(`cd /${s.name}`, 'docker builder prune -f > /dev-null.txt', ...s.script);
  }
  const dir = await project(files);
  const result = await layerlab(['--context', dir, '-c', script.join('\n')]);
  const builds = buildSteps(result.stderr).map(pattern);
  const patterns = new Map<string, string[]>();
  let i = 0;
  for (const s of scenarios) {
    const n = s.script.filter((l) => l.startsWith('docker build')).length;
    patterns.set(s.name, builds.slice(i, i + n));
    i += n;
  }
  return { result, patterns };
}

const nodeApp = SAMPLES['node-app']!;
const improved = nodeApp.checkpoints!.find((c) => c.name === 'step-2')!.files;

const nodeScenarios: Scenario[] = [
  { name: 'edit-naive', files: nodeApp.files, script: [BUILD, "echo '// edit 1' >> src/index.js", BUILD] },
  { name: 'edit-improved', files: improved, script: [BUILD, "echo '// edit 2' >> src/index.js", BUILD] },
  {
    name: 'package-json',
    files: improved,
    script: [BUILD, `echo '{"name":"node-app","version":"1.0.1","dependencies":{"express":"^4.21.2"}}' > package.json`, BUILD],
  },
  { name: 'touch', files: nodeApp.files, script: [BUILD, 'touch src/index.js package.json', BUILD] },
  { name: 'chmod', files: nodeApp.files, script: [BUILD, 'chmod +x src/index.js', BUILD] },
  { name: 'ignored', files: nodeApp.files, script: [BUILD, 'echo ignored > npm-debug.log', BUILD, 'echo again >> npm-debug.log', BUILD] },
  { name: 'no-cache', files: nodeApp.files, script: [BUILD, `${BUILD} --no-cache`] },
];

const multi = [
  'FROM alpine:3.21 AS unused',
  'RUN echo never > /never.txt',
  '',
  'FROM alpine:3.21 AS build',
  'WORKDIR /src',
  'COPY a.txt .',
  'RUN cat a.txt > out.txt',
  '',
  'FROM alpine:3.21',
  'COPY --from=build /src/out.txt /out.txt',
  'CMD ["cat", "/out.txt"]',
  '',
].join('\n');

const smallScenarios: Scenario[] = [
  {
    name: 'build-arg',
    files: { Dockerfile: 'FROM alpine:3.21\nARG V=1\nCOPY a.txt /a.txt\nRUN echo $V > /v.txt\nRUN cat /v.txt\n', 'a.txt': 'a\n' },
    script: [BUILD, `${BUILD} --build-arg V=2`, `${BUILD} --build-arg V=2`, `${BUILD} --build-arg V=2 --build-arg HTTP_PROXY=http://proxy.example:3128`],
  },
  {
    name: 'reorder',
    files: {
      Dockerfile: 'FROM alpine:3.21\nCOPY a.txt /a.txt\nCOPY b.txt /b.txt\nRUN cat /a.txt /b.txt\n',
      'Dockerfile.reordered': 'FROM alpine:3.21\nCOPY b.txt /b.txt\nCOPY a.txt /a.txt\nRUN cat /a.txt /b.txt\n',
      'a.txt': 'a\n',
      'b.txt': 'b\n',
    },
    script: [BUILD, 'mv Dockerfile.reordered Dockerfile', BUILD],
  },
  { name: 'multi', files: { Dockerfile: multi, 'a.txt': 'a\n' }, script: [BUILD] },
  { name: 'target', files: { Dockerfile: multi, 'a.txt': 'a\n' }, script: ['docker build --target build -t app --progress=plain .'] },
];

describe('cache scenarios (node-app sample)', () => {
  let out: Awaited<ReturnType<typeof runGroup>>;
  beforeAll(async () => {
    out = await runGroup(nodeScenarios);
  }, SLOW);

  it('every command succeeds', () => {
    expect(out.result.status).toBe(0);
  });

  it('editing a source file re-runs COPY . . and, in the naive order, npm ci after it', () => {
    expect(out.patterns.get('edit-naive')).toEqual(['FROM:D WORKDIR:D COPY:D RUN:D', 'FROM:C WORKDIR:C COPY:D RUN:D']);
  });

  it('with the package files copied first, a source edit keeps npm ci cached', () => {
    expect(out.patterns.get('edit-improved')![1]).toBe('FROM:C WORKDIR:C COPY:C RUN:C COPY:D');
  });

  it('editing package.json re-runs the install and everything after it', () => {
    expect(out.patterns.get('package-json')![1]).toBe('FROM:C WORKDIR:C COPY:D RUN:D COPY:D');
  });

  it('touch changes only mtime, which is not part of the key: everything stays cached', () => {
    expect(out.patterns.get('touch')![1]).toBe('FROM:C WORKDIR:C COPY:C RUN:C');
  });

  it('chmod +x changes the mode, which is part of the key: COPY misses', () => {
    expect(out.patterns.get('chmod')![1]).toBe('FROM:C WORKDIR:C COPY:D RUN:D');
  });

  it('editing a file listed in .dockerignore keeps everything cached', () => {
    expect(out.patterns.get('ignored')!.slice(1)).toEqual(['FROM:C WORKDIR:C COPY:C RUN:C', 'FROM:C WORKDIR:C COPY:C RUN:C']);
  });

  // --no-cache marks RUN and COPY/ADD ignore-cache (BuildKit dockerfile2llb/convert.go dispatchRun,
  // convert_copy.go); WORKDIR's mkdir is not marked, so right after FROM it is CACHED.
  it('--no-cache runs RUN and COPY again; a WORKDIR right after FROM stays cached; the base is not pulled again', () => {
    expect(out.patterns.get('no-cache')![1]).toBe('FROM:C WORKDIR:C COPY:D RUN:D');
  });
});

describe('cache scenarios (small Dockerfiles)', () => {
  let out: Awaited<ReturnType<typeof runGroup>>;
  beforeAll(async () => {
    out = await runGroup(smallScenarios);
  }, SLOW);

  it('every command succeeds', () => {
    expect(out.result.status).toBe(0);
  });

  it('a changed build arg misses at the first RUN after the ARG, not at COPY; proxy args never miss', () => {
    expect(out.patterns.get('build-arg')).toEqual([
      'FROM:D COPY:D RUN:D RUN:D',
      'FROM:C COPY:C RUN:D RUN:D',
      'FROM:C COPY:C RUN:C RUN:C',
      'FROM:C COPY:C RUN:C RUN:C',
    ]);
  });

  it('reordering instructions misses from the first moved step on', () => {
    expect(out.patterns.get('reorder')![1]).toBe('FROM:C COPY:D COPY:D RUN:D');
  });

  it('a stage the target does not need is never built; stages are labelled by name or stage-N', () => {
    // Both stages start from the same base: BuildKit merges the identical FROM operations into one vertex.
    expect(out.patterns.get('multi')).toEqual(['FROM:C WORKDIR:D COPY:D RUN:D COPY:D']);
    expect(out.result.stderr).not.toContain('[unused');
    expect(out.result.stderr).not.toContain('echo never');
    expect(out.result.stderr).toContain('[build 2/4] WORKDIR /src');
    expect(out.result.stderr).toContain('[stage-2 2/2] COPY --from=build /src/out.txt /out.txt');
  });

  it('--target builds the named stage and what it needs, nothing after it', () => {
    expect(out.patterns.get('target')).toEqual(['FROM:C WORKDIR:D COPY:D RUN:D']);
    const targetBuild = out.result.stderr.split(/^#0 building with/m).at(-1)!;
    expect(targetBuild).not.toContain('stage-2');
  });
});
