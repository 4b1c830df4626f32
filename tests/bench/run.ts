// Runs every tests/bench/*.bench.ts in turn and prints one table.
//
// Usage: npm run bench [-- name-filter…] [-- --json results.json]
// Each bench file exports `bench(): Promise<BenchResult[]>` and runs in a Node process of its own, so
// caches warmed by one file (memoised layers, loaded modules) do not flatter the next one's "first"
// figures. A file that throws is reported as failed and the others still run; the exit code is
// non-zero when any file failed.

import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface BenchResult {
  name: string;
  median_ms?: number;
  value?: number;
  unit?: string;
  target?: string;
}

interface FileOutcome {
  file: string;
  seconds: number;
  results: BenchResult[];
  error?: string;
}

function isBenchResult(row: unknown): row is BenchResult {
  if (typeof row !== 'object' || row === null) return false;
  const r = row as Record<string, unknown>;
  return (
    typeof r.name === 'string' &&
    (r.median_ms === undefined || typeof r.median_ms === 'number') &&
    (r.value === undefined || typeof r.value === 'number') &&
    (r.unit === undefined || typeof r.unit === 'string') &&
    (r.target === undefined || typeof r.target === 'string') &&
    (r.median_ms !== undefined || r.value !== undefined)
  );
}

export async function runBenchFile(file: string): Promise<FileOutcome> {
  const started = performance.now();
  const name = path.basename(file);
  try {
    const mod = (await import(pathToFileURL(file).href)) as { bench?: unknown };
    if (typeof mod.bench !== 'function') throw new Error('it does not export a bench() function');
    const rows: unknown = await (mod.bench as () => Promise<unknown>)();
    if (!Array.isArray(rows)) throw new Error('bench() did not return an array');
    const bad = rows.find((row) => !isBenchResult(row));
    if (bad !== undefined) throw new Error(`bench() returned a malformed row: ${JSON.stringify(bad)}`);
    return { file: name, seconds: (performance.now() - started) / 1000, results: rows as BenchResult[] };
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return { file: name, seconds: (performance.now() - started) / 1000, results: [], error: message };
  }
}

/** Marks the line on which a child process reports its outcome (as JSON) to the parent. */
const OUTCOME_MARK = '\u0000bench-outcome:';

/** Runs one bench file in a fresh Node process; its own output passes through. */
function runInOwnProcess(file: string): Promise<FileOutcome> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--one', file], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
    });
    child.on('close', (code) => {
      const lines = out.split('\n');
      const marked = lines.find((l) => l.startsWith(OUTCOME_MARK));
      for (const l of lines) if (l && l !== marked) console.log(l);
      if (marked) resolve(JSON.parse(marked.slice(OUTCOME_MARK.length)) as FileOutcome);
      else resolve({ file: path.basename(file), seconds: 0, results: [], error: `its process exited (status ${code}) without reporting` });
    });
  });
}

function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 10 ? value.toFixed(1) : value.toFixed(2);
}

export function formatTable(outcomes: readonly FileOutcome[]): string {
  const header = ['file', 'measure', 'result', 'target'];
  const rows: string[][] = [];
  for (const outcome of outcomes) {
    if (outcome.error !== undefined) {
      rows.push([outcome.file, 'FAILED', (outcome.error.split('\n')[0] ?? '').slice(0, 100), '']);
      continue;
    }
    for (const result of outcome.results) {
      const shown =
        result.median_ms !== undefined
          ? `${formatNumber(result.median_ms)} ms (median)`
          : `${formatNumber(result.value ?? 0)}${result.unit ? ` ${result.unit}` : ''}`;
      rows.push([outcome.file, result.name, shown, result.target ?? '']);
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const filters: string[] = [];
  let jsonOut: string | undefined;
  if (argv[0] === '--one' && argv[1]) {
    // The child side of runInOwnProcess.
    // On a line of its own, even if the bench left a partial line.
    console.log(`\n${OUTCOME_MARK}${JSON.stringify(await runBenchFile(argv[1]))}`);
    return 0;
  }
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--json') jsonOut = argv[++i];
    else filters.push(arg);
  }
  const dir = import.meta.dirname;
  const files = (await readdir(dir))
    .filter((name) => name.endsWith('.bench.ts'))
    .filter((name) => filters.length === 0 || filters.some((f) => name.includes(f)))
    .sort();
  if (files.length === 0) {
    console.error(`No bench files${filters.length ? ` matching ${filters.join(', ')}` : ''} in ${dir}`);
    return 1;
  }
  const outcomes: FileOutcome[] = [];
  for (const file of files) {
    console.log(`bench: running ${file}…`);
    const outcome = await runInOwnProcess(path.join(dir, file));
    console.log(
      outcome.error === undefined
        ? `bench: ${file} done in ${outcome.seconds.toFixed(1)} s`
        : `bench: ${file} FAILED after ${outcome.seconds.toFixed(1)} s:\n${outcome.error}`,
    );
    outcomes.push(outcome);
  }
  console.log(`\n${formatTable(outcomes)}`);
  if (jsonOut) await writeFile(jsonOut, `${JSON.stringify(outcomes, null, 2)}\n`);
  const failed = outcomes.filter((outcome) => outcome.error !== undefined);
  if (failed.length > 0) {
    console.error(`\n${failed.length} bench file(s) failed: ${failed.map((o) => o.file).join(', ')}`);
    return 1;
  }
  return 0;
}

if (import.meta.main) {
  process.exitCode = await main(process.argv.slice(2));
}
