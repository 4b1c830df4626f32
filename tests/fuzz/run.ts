// npm run fuzz: runs the shell and build fuzz generators for a while (5 minutes unless
// FUZZ_SECONDS says otherwise) and prints how many cases ran, how they ended, how many hung and how
// many were internal errors, with the inputs of the first few bad ones.
//
// The cases run in a worker thread. One that has not ended after FUZZ_HANG_SECONDS (10) is a hang:
// the worker is stopped and a new one goes on with the next seed. The exit code is 1 when any case
// hung or was an internal error.
import { Worker } from 'node:worker_threads';

const seconds = Number(process.env['FUZZ_SECONDS'] ?? 300);
const hangSeconds = Number(process.env['FUZZ_HANG_SECONDS'] ?? 10);
let seed = Number(process.env['FUZZ_SEED'] ?? Date.now() % 1_000_000);
const firstSeed = seed;

const counts = { runs: 0, shell: 0, build: 0, ok: 0, error: 0, limit: 0, hangs: 0, internal: 0 };
const bad: { what: string; kind: string; input: string; detail: string }[] = [];
const started = Date.now();
let current: { kind: string; input: string; base: string; at: number } | undefined;
let worker: Worker;

function spawn(): void {
  worker = new Worker(new URL('./worker.ts', import.meta.url), { workerData: { seed } });
  worker.on('message', (m: { type: 'start'; kind: string; input: string; base: string } | { type: 'done'; verdict: { kind: string; why?: string; output?: string } }) => {
    if (m.type === 'start') {
      current = { kind: m.kind, input: m.input, base: m.base, at: Date.now() };
      return;
    }
    if (!current) return;
    counts.runs++;
    counts[current.kind as 'shell' | 'build']++;
    const k = m.verdict.kind as 'ok' | 'error' | 'limit' | 'internal';
    counts[k]++;
    if (k === 'internal') bad.push({ what: 'internal', kind: current.kind, input: current.input, detail: `${m.verdict.why}: ${(m.verdict.output ?? '').slice(0, 300)}` });
    current = undefined;
  });
  worker.on('error', (e: Error) => {
    counts.internal++;
    bad.push({ what: 'worker crashed', kind: current?.kind ?? '?', input: current?.input ?? '', detail: e.message });
    current = undefined;
    seed += 100_003;
    if (Date.now() - started < seconds * 1000) spawn();
  });
}

spawn();
const watch = setInterval(() => {
  if (current && Date.now() - current.at > hangSeconds * 1000) {
    counts.runs++;
    counts.hangs++;
    bad.push({ what: 'hang', kind: current.kind, input: current.input, detail: `no end after ${hangSeconds} s (${current.base})` });
    current = undefined;
    void worker.terminate();
    seed += 100_003;
    spawn();
  }
}, 250);

setTimeout(async () => {
  clearInterval(watch);
  await worker.terminate();
  const secs = ((Date.now() - started) / 1000).toFixed(0);
  console.log(`fuzz: ${secs} s, seeds from ${firstSeed}`);
  console.log(`runs ${counts.runs} (shell ${counts.shell}, build ${counts.build})`);
  console.log(`ended: ok ${counts.ok}, docker/shell error ${counts.error}, lab limit ${counts.limit}`);
  console.log(`hangs ${counts.hangs}, internal errors ${counts.internal}`);
  for (const b of bad.slice(0, 10)) console.log(`\n[${b.what}] ${b.kind}: ${JSON.stringify(b.input).slice(0, 400)}\n  ${b.detail}`);
  process.exit(counts.hangs || counts.internal ? 1 : 0);
}, seconds * 1000);
