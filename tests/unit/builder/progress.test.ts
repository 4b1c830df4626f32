// BuildKit progress rendering through the lab shell (in process): parallel stages, merged FROM vertices,
// tty frames, quiet mode.
import { describe, expect, it } from 'vitest';
import { createLabEngine } from '../../../src/engine/index.ts';
import { createLabShell } from '../../../src/shell/index.ts';
import { createMemoryWorkspace } from '../../../src/workspace/memory.ts';

async function run(files: Record<string, string>, line: string, tty = false) {
  const ws = await createMemoryWorkspace(files);
  const shell = createLabShell({ workspace: ws, engine: createLabEngine() });
  let out = '';
  let err = '';
  const status = await shell.run(line, { stdout: (s) => (out += s), stderr: (s) => (err += s), tty, columns: 100 });
  return { status, out, err };
}

const PARALLEL = [
  'FROM alpine:3.21 AS a',
  'RUN echo a > /a.txt',
  'FROM alpine:3.21 AS b',
  'RUN echo b > /b.txt',
  'FROM alpine:3.21',
  'COPY --from=a /a.txt /',
  'COPY --from=b /b.txt /',
  '',
].join('\n');

describe('plain progress', () => {
  it('independent stages run side by side: their RUN vertices interleave, with `#N ...` when output switches', async () => {
    const r = await run({ Dockerfile: PARALLEL }, 'docker build --progress=plain .');
    expect(r.status).toBe(0);
    const heads = [...r.err.matchAll(/^#(\d+) (\[[^\]]+\] .*)$/gm)].map((m) => `${m[1]} ${m[2]}`);
    // One FROM vertex for the three stages that share the base; the stage-2 steps are numbered 2/3 and 3/3.
    expect(heads.filter((h) => h.includes('FROM'))).toHaveLength(1);
    expect(r.err).toContain('[stage-2 2/3] COPY --from=a /a.txt /');
    expect(r.err).toContain('[stage-2 3/3] COPY --from=b /b.txt /');
    // Both RUNs start before either finishes.
    const startA = r.err.indexOf('[a 2/2] RUN echo a > /a.txt');
    const startB = r.err.indexOf('[b 2/2] RUN echo b > /b.txt');
    const doneA = r.err.search(/^#\d+ DONE/m);
    expect(startA).toBeGreaterThan(0);
    expect(startB).toBeGreaterThan(0);
    expect(r.err).toMatch(/^#\d+ \.\.\.$/m);
    // Vertex numbers follow start order.
    const nums = [...new Set(heads.map((h) => Number(h.split(' ')[0])))];
    expect(nums).toEqual([...nums].sort((x, y) => x - y));
    expect(doneA).toBeGreaterThan(0);
  });

  it('single-stage labels have no stage name and pad the index to the width of the total', async () => {
    const lines = ['FROM alpine:3.21'];
    for (let i = 0; i < 10; i++) lines.push(`RUN echo ${i} > /f${i}`);
    const r = await run({ Dockerfile: lines.join('\n') + '\n' }, 'docker build --progress=plain .');
    expect(r.err).toContain('[ 1/11] FROM docker.io/library/alpine:3.21@sha256:');
    expect(r.err).toContain('[ 2/11] RUN echo 0 > /f0');
    expect(r.err).toContain('[11/11] RUN echo 9 > /f9');
  });

  it('-q prints only the image ID on stdout and no progress', async () => {
    const r = await run({ Dockerfile: 'FROM alpine:3.21\nRUN echo hi > /hi\n' }, 'docker build -q .');
    expect(r.out).toMatch(/^sha256:[0-9a-f]{64}\n$/);
    expect(r.err).toBe('');
  });
});

describe('tty progress', () => {
  it('draws the [+] Building block with right-aligned times and ends FINISHED', async () => {
    const r = await run({ Dockerfile: 'FROM alpine:3.21\nRUN echo hi > /hi\n' }, 'docker build -t x .', true);
    expect(r.status).toBe(0);
    const frames = r.err.split('[+] Building ');
    const last = frames.at(-1)!.replace(/\x1b\[[0-9;]*[mKJA]/g, '');
    expect(last).toMatch(/^\d+\.\ds \(\d+\/\d+\) FINISHED +docker:default\n/);
    expect(last).toMatch(/ => \[2\/2\] RUN echo hi > \/hi +\d+\.\ds\n/);
    expect(last).toMatch(/ => exporting to image +\d+\.\ds\n/);
    // Redraws move the cursor up over the previous frame.
    expect(r.err).toMatch(/\x1b\[\d+A/);
  });
});
