// Helpers for end-to-end tests that drive the headless CLI exactly as a user would: `npx layerlab`.
import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs `npx layerlab ARGS` from the repository root (stdout is a pipe, so no TTY and no ANSI). */
export function layerlab(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      'npx',
      ['--no-install', 'layerlab', ...args],
      { cwd: options.cwd ?? ROOT, env: { ...process.env, NPM_CONFIG_LOGLEVEL: 'error', NO_COLOR: '', ...options.env }, maxBuffer: 64 * 1024 * 1024, timeout: 120_000 },
      (error, stdout, stderr) => {
        const status = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ status, stdout, stderr });
      },
    );
  });
}

/** Writes `files` into a fresh temporary folder and returns its path. */
export async function project(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'layerlab-e2e-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

export interface StepOutcome {
  /** The vertex name, e.g. `[2/4] COPY . .`. */
  name: string;
  status: 'CACHED' | 'DONE' | 'ERROR' | 'CANCELED';
}

/**
 * Splits plain progress output into builds (each starts with `#0 building with`) and returns, per build,
 * the Dockerfile steps (`[…]` vertices, not `[internal]`) with how each ended.
 */
export function buildSteps(output: string): StepOutcome[][] {
  const builds = output.split(/^#0 building with .*$/m).slice(1);
  return builds.map((text) => {
    const names = new Map<string, string>();
    const out: StepOutcome[] = [];
    for (const line of text.split('\n')) {
      const m = /^(#\d+) (.*)$/.exec(line);
      if (!m) continue;
      const [, id, rest] = m;
      if (!names.has(id!)) {
        names.set(id!, rest!);
        continue;
      }
      const end = /^(CACHED|DONE [\d.]+s|ERROR: .*|CANCELED)$/.exec(rest!);
      const name = names.get(id!)!;
      if (end && /^\[(?!internal\])/.test(name)) out.push({ name, status: end[1]!.split(/[ :]/)[0] as StepOutcome['status'] });
    }
    return out;
  });
}

/** `CACHED`/`DONE` per step as a compact pattern, e.g. `FROM:C WORKDIR:C COPY:D RUN:D`. */
export function pattern(steps: StepOutcome[]): string {
  return steps.map((s) => `${s.name.replace(/^\[[^\]]*\] /, '').split(' ')[0]}:${s.status[0]}`).join(' ');
}
