// `layerlab check`: the course's challenges from the command line, for instructors and CI.
//   layerlab check --list                 every challenge id (LESSON/CHALLENGE), one a line
//   layerlab check ID [SCRIPT_FILE]       the starting state, then the script's commands, then the check
//   layerlab check ID --solution          the same with the challenge's reference solution
// Exit status: 0 when the goal is met, 1 when it is not, 2 for a usage error.
import { readFile } from 'node:fs/promises';
import { CHALLENGES, challengeById } from './catalog.ts';
import { runChallenge } from './run.ts';
import type { SolutionStep } from './types.ts';

const USAGE = `Usage: layerlab check --list
       layerlab check ID [SCRIPT_FILE]
       layerlab check ID --solution

Opens a challenge's starting state in a fresh lab, runs the script's commands (one per line, as
layerlab SCRIPT_FILE does; without a file, none) or the reference solution, then checks the goal.
Prints the verdict and, on a miss, why. Exit status 0 when the goal is met, 1 when it is not.
`;

export async function checkMain(argv: string[]): Promise<number> {
  const out = (s: string) => void process.stdout.write(s);
  const err = (s: string) => void process.stderr.write(s);
  if (argv.includes('-h') || argv.includes('--help')) {
    out(USAGE);
    return 0;
  }
  if (argv[0] === '--list') {
    if (argv.length > 1) return usage(err, `unexpected argument ${argv[1]}`);
    out(CHALLENGES.map((c) => `${c.id}\n`).join(''));
    return 0;
  }
  const [id, arg, ...rest] = argv;
  if (!id || id.startsWith('-')) return usage(err, id ? `unknown option ${id}` : 'a challenge ID is needed');
  if (rest.length) return usage(err, `unexpected argument ${rest[0]}`);
  const challenge = challengeById(id);
  if (!challenge) {
    err(`layerlab check: no challenge "${id}" (layerlab check --list shows them)\n`);
    return 2;
  }
  let steps: readonly SolutionStep[] = [];
  if (arg === '--solution') steps = challenge.solution;
  else if (arg !== undefined) {
    if (arg.startsWith('-')) return usage(err, `unknown option ${arg}`);
    try {
      steps = [{ run: await readFile(arg, 'utf8') }];
    } catch {
      err(`layerlab check: ${arg}: No such file or directory\n`);
      return 2;
    }
  }
  const tty = process.stdout.isTTY === true;
  const io = {
    stdout: (s: string) => void process.stdout.write(s),
    stderr: (s: string) => void process.stderr.write(s),
    tty,
    columns: process.stdout.columns || 80,
  };
  const echo = arg === '--solution';
  const run = await runChallenge(challenge, steps, io, echo ? (line) => out(`$ ${line}\n`) : undefined);
  const v = run.verdict;
  out(`\n${challenge.id}: ${challenge.title}\nGoal: ${challenge.goal}\n`);
  if (v.pass) out(`PASS: ${v.message}\n`);
  else out(`MISS (${v.diagnosis}): ${v.message}\n`);
  return v.pass ? 0 : 1;
}

function usage(err: (s: string) => void, message: string): number {
  err(`layerlab check: ${message}\n\n${USAGE}`);
  return 2;
}
