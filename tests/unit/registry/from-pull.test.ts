// A base image that a Dockerfile's FROM pulls travels over the same simulated network as `docker pull`:
// the pull's events follow the network preset (`lab-network`), and the FROM vertex of the build takes as
// long as that pull, with a row per fetched layer at the pull's own times. BuildKit lists only the blobs
// it fetches on the FROM vertex (moby/buildkit util/pull/pull.go fetches missing content only; the
// progress rows come from util/progress/progressui), so a layer the store already holds gets no row.
import { describe, expect, it } from 'vitest';
import { createLabEngine, type LabEngine } from '../../../src/engine/index.ts';
import { createLabShell } from '../../../src/shell/index.ts';
import { createMemoryWorkspace } from '../../../src/workspace/memory.ts';
import type { EngineEvent } from '../../../src/engine/builder/events.ts';
import type { PullEvent } from '../../../src/engine/registry/index.ts';

const IMAGE = 'node:22-alpine';

interface Session {
  engine: LabEngine;
  events: EngineEvent[];
  run(line: string): Promise<{ status: number; text: string }>;
}

async function session(): Promise<Session> {
  const engine = createLabEngine();
  const ws = await createMemoryWorkspace({ Dockerfile: `FROM ${IMAGE}\nRUN echo hi > /hi\n` });
  const shell = createLabShell({ workspace: ws, engine });
  const events: EngineEvent[] = [];
  engine.subscribe((e) => events.push(e));
  return {
    engine,
    events,
    async run(line) {
      let text = '';
      const status = await shell.run(line, { stdout: (s) => (text += s), stderr: (s) => (text += s), tty: false, columns: 120 });
      return { status, text };
    },
  };
}

const isPull = (e: EngineEvent): e is PullEvent => e.type.startsWith('pull-');
const pullEvents = (s: Session, from = 0): PullEvent[] => s.events.slice(from).filter(isPull);

/** Builds the sample Dockerfile under a preset (after `setup`); returns the FROM vertex and the FROM's pull. */
async function buildUnder(preset: string, setup: string[] = []) {
  const s = await session();
  expect((await s.run(`lab-network ${preset}`)).status).toBe(0);
  for (const line of setup) expect((await s.run(line)).status).toBe(0);
  const mark = s.events.length;
  const r = await s.run('docker build --progress=plain -t app .');
  expect(r.status).toBe(0);
  const built = s.events.slice(mark);
  const fromStart = built.find((e) => e.type === 'step-start' && e.name.includes(`FROM docker.io/library/${IMAGE}`));
  expect(fromStart).toBeDefined();
  const id = fromStart!.type === 'step-start' ? fromStart!.stepId : '';
  const fromDone = built.find((e) => e.type === 'step-done' && e.stepId === id);
  const rows = built.filter((e) => e.type === 'step-status' && e.stepId === id && e.statusId.startsWith('sha256:'));
  return {
    session: s,
    text: r.text,
    fromMs: fromDone?.type === 'step-done' ? fromDone.durationMs : NaN,
    fromStartAt: fromStart!.type === 'step-start' ? fromStart!.at : NaN,
    rows,
    pull: pullEvents(s, mark),
  };
}

/** `docker pull` of the same image in a fresh lab under a preset (after `setup`). */
async function pullUnder(preset: string, setup: string[] = []): Promise<PullEvent[]> {
  const s = await session();
  expect((await s.run(`lab-network ${preset}`)).status).toBe(0);
  for (const line of setup) expect((await s.run(line)).status).toBe(0);
  const mark = s.events.length;
  expect((await s.run(`docker pull ${IMAGE}`)).status).toBe(0);
  return pullEvents(s, mark);
}

const doneAt = (events: readonly PullEvent[]): number => events.find((e) => e.type === 'pull-done')!.at;

describe("FROM's pull follows the network preset", () => {
  it('the same FROM pull takes longer on conference Wi-Fi than in a datacentre, in its pull events and in the FROM vertex', async () => {
    const slow = await buildUnder('conference-wifi');
    const fast = await buildUnder('datacentre');
    expect(slow.pull.length).toBeGreaterThan(0);
    expect(fast.pull.length).toBeGreaterThan(0);
    expect(doneAt(slow.pull)).toBeGreaterThan(doneAt(fast.pull));
    expect(slow.fromMs).toBeGreaterThan(fast.fromMs);
    // At 1 MB/s (the conference Wi-Fi preset) the FROM vertex cannot be shorter than the bytes it moved.
    const bytes = slow.pull.find((e) => e.type === 'pull-done');
    expect(bytes?.type === 'pull-done' && bytes.bytesDownloaded).toBeGreaterThan(1_000_000);
    const moved = bytes?.type === 'pull-done' ? bytes.bytesDownloaded : 0;
    expect(slow.fromMs).toBeGreaterThanOrEqual(moved / 1_000_000 * 1000);
    // The plain output shows it too: the largest layer's row carries the conference Wi-Fi time.
    const seconds = (text: string) => Math.max(...[...text.matchAll(/^#\d+ sha256:\w+ [\d.]+[kM]?B \/ [\d.]+[kM]?B ([\d.]+)s done$/gm)].map((m) => Number(m[1])));
    expect(seconds(slow.text)).toBeGreaterThan(seconds(fast.text));
  }, 60_000);

  it('under one preset, the FROM pull is the same as `docker pull` of that image, and the FROM vertex lasts as long', async () => {
    const built = await buildUnder('conference-wifi');
    const pulled = await pullUnder('conference-wifi');
    expect(built.pull.map((e) => [e.type, e.at])).toEqual(pulled.map((e) => [e.type, e.at]));
    expect(built.fromMs).toBe(Math.round(doneAt(pulled)));
    // One download row per layer, each finishing when `docker pull` says that layer's download completed.
    const completes = pulled.filter((e) => e.type === 'pull-layer-state' && e.state === 'download-complete');
    const downloadRows = built.rows.filter((e) => e.type === 'step-status' && !e.statusId.startsWith('extract-'));
    expect(downloadRows).toHaveLength(completes.length);
    for (const c of completes) {
      const row = downloadRows.find((e) => e.type === 'step-status' && c.type === 'pull-layer-state' && e.statusId === c.digest);
      expect(row?.type === 'step-status' ? row.at : undefined).toBe(built.fromStartAt + Math.round(c.at));
    }
  }, 60_000);

  it('a partial pull: a layer already in the store moves no bytes and gets no FROM row, as with `docker pull`', async () => {
    const built = await buildUnder('conference-wifi', ['docker pull alpine:3.21']);
    const pulled = await pullUnder('conference-wifi', ['docker pull alpine:3.21']);
    const exists = pulled.filter((e) => e.type === 'pull-layer-state' && e.state === 'already-exists');
    expect(exists).toHaveLength(1);
    expect(built.pull.map((e) => [e.type, e.at])).toEqual(pulled.map((e) => [e.type, e.at]));
    expect(built.fromMs).toBe(Math.round(doneAt(pulled)));
    const shared = exists[0]!.type === 'pull-layer-state' ? exists[0]!.digest : '';
    expect(built.rows.some((e) => e.type === 'step-status' && e.statusId.endsWith(shared))).toBe(false);
    expect(built.text).not.toContain(`${shared} `);
    // Fewer bytes to move than the cold FROM, so a shorter FROM vertex on the same network.
    const cold = await buildUnder('conference-wifi');
    expect(built.fromMs).toBeLessThan(cold.fromMs);
  }, 60_000);
});
