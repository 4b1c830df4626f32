// What the lab shell says when a command is not there: the shell's or docker's own answer, then, in the
// lab's words, a likely typo fix or what to use instead of a tool the lab does not have. Loaded only
// when a lookup fails (a lazily imported chunk), so it costs a first build nothing.
//
// Every table here is a Map and every lookup goes through it, so a command named `constructor`,
// `valueOf` or `__proto__` is just a name that is not found.
import type { CommandRegistry, ShellIO } from '../types.ts';

/** Optimal string alignment distance: edits, with a swap of two neighbours counting as one (`biuld`). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** The closest candidate within two edits (one for words of three letters or fewer), if any. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  if (word.length > 40) return undefined;
  const max = word.length <= 3 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = max + 1;
  for (const c of candidates) {
    if (c === word) continue;
    const dist = editDistance(word.toLowerCase(), c.toLowerCase());
    if (dist < bestDistance) {
      best = c;
      bestDistance = dist;
    }
  }
  return best;
}

const hint = (line: string): string => `Hint from the lab: did you mean "${line}"?\n`;

const EDITOR = 'In this lab, there is no text editor in the terminal: edit files in the editor beside it, or write them with echo TEXT > FILE.';
const IN_IMAGE = (tool: string): string =>
  `In this lab, the terminal's shell works on your project files and runs docker and git; ${tool} runs inside images. Put it in a RUN step of the Dockerfile, or try it in a container: docker run -it alpine sh`;
const READ = 'In this lab, use cat FILE to read a file.';

/** Tools a newcomer reaches for that the lab's terminal shell does not have, with what to use instead. */
const MISSING_TOOLS = new Map<string, (args: readonly string[]) => string>([
  ...['vim', 'vi', 'nvim', 'nano', 'emacs', 'pico', 'ed', 'code'].map((t) => [t, () => EDITOR] as const),
  ...['less', 'more', 'head', 'tail', 'bat'].map((t) => [t, () => READ] as const),
  ...['sudo', 'su', 'doas'].map((t) => [t, (args: readonly string[]) =>
    `In this lab, ${t} is not needed: you already have every right the lab gives. ${args.length ? `Run the command without it: ${args.join(' ')}` : 'Run commands without it.'}`] as const),
  ['docker-compose', () => 'In this lab, there is no Docker Compose: build each image with docker build and start it with docker run.'],
  ['man', () => 'In this lab, there are no manual pages: run COMMAND --help, or help for every command the lab has.'],
  ...['kubectl', 'podman', 'minikube', 'kind', 'nerdctl'].map((t) => [t, () => `In this lab, there is no ${t}: the lab simulates Docker only (run docker --help).`] as const),
  ...['ssh', 'ping', 'nc', 'telnet'].map((t) => [t, () => `In this lab, there is no network to reach from the terminal, so there is no ${t}.`] as const),
  ...['apt', 'apt-get', 'apk', 'yum', 'dnf', 'brew', 'npm', 'npx', 'node', 'yarn', 'python', 'python3', 'pip', 'pip3', 'go', 'make', 'gcc', 'curl', 'wget',
    'grep', 'sed', 'awk', 'sort', 'wc', 'tar', 'gzip', 'which', 'whoami', 'env', 'export', 'bash', 'sh'].map((t) => [t, () => IN_IMAGE(t)] as const),
]);

/** bash's answer for a command that is not found (status 127), with the lab's hint when there is one. */
export function commandNotFound(argv: readonly string[], registry: CommandRegistry, io: ShellIO): number {
  const name = argv[0]!;
  io.stderr(`${name}: command not found\n`);
  const instead = MISSING_TOOLS.get(name);
  if (instead) {
    io.stderr(`${instead(argv.slice(1))}\n`);
    return 127;
  }
  const first = new Set(registry.all().flatMap((s) => [s.name, ...(s.aliases ?? [])]).map((n) => n.split(' ')[0]!));
  const fix = closest(name, first);
  if (fix) io.stderr(hint([fix, ...argv.slice(1)].join(' ')));
  return 127;
}

const DOCKER_INSTEAD = new Map<string, string>([
  ['compose', 'In this lab, there is no Docker Compose: build each image with docker build and start it with docker run.'],
  ['scout', 'In this lab, there is no Docker Scout: the Images view beside the terminal lists an image\'s packages and sample advisories.'],
  ['network', 'In this lab, containers have no networks to manage: -p on docker run publishes a port.'],
  ['volume', 'In this lab, containers have no volumes: what a container writes stays in its own layer (docker diff shows it).'],
  ['cp', 'In this lab, there is no docker cp: read a file with docker exec CONTAINER cat FILE, or COPY it in the Dockerfile.'],
  ['kill', 'In this lab, there is no docker kill: use docker stop.'],
  ['restart', 'In this lab, there is no docker restart: use docker stop, then docker start.'],
  ['attach', 'In this lab, there is no docker attach: open a shell with docker exec -it CONTAINER sh.'],
  ['top', 'In this lab, there is no docker top: docker ps lists the containers and their commands.'],
  ['stats', 'In this lab, there is no docker stats: docker ps -s shows each container\'s size.'],
  ['info', 'In this lab, there is no docker info: docker version and docker system df say what the lab\'s engine is and holds.'],
  ['export', 'In this lab, there is no docker export: docker commit makes an image of a container, and docker save writes an image to a file.'],
  ['import', 'In this lab, there is no docker import: docker load reads an image that docker save wrote.'],
  ['init', 'In this lab, there is no docker init: the project already has a Dockerfile (open it in the editor).'],
  ['context', 'In this lab, there is one engine and no other context.'],
  ['bake', 'In this lab, there is no docker bake: build each image with docker build.'],
]);
for (const swarm of ['swarm', 'stack', 'service', 'node', 'secret', 'config']) DOCKER_INSTEAD.set(swarm, 'In this lab, there is no Swarm: one engine runs containers one at a time with docker run.');
for (const other of ['plugin', 'trust', 'manifest', 'checkpoint', 'debug', 'pause', 'unpause', 'port', 'rename', 'update', 'wait', 'events']) {
  DOCKER_INSTEAD.set(other, `In this lab, docker ${other} is not available: run docker --help for the commands the lab has.`);
}

/**
 * docker's answer to an unknown command (docker/cli cmd/docker/docker.go since v28: "docker: unknown command:
 * docker NAME" and a pointer to --help; cli/required.go adds the usage line for a management command),
 * then, in the lab's words, what to use instead or the closest command. Status 1, as docker's.
 */
export function dockerUnknown(ctx: { io: ShellIO; registry: CommandRegistry }, group: string | undefined, word: string, rest: readonly string[]): number {
  const path = group ? `docker ${group}` : 'docker';
  ctx.io.stderr(
    group
      ? `docker: unknown command: ${path} ${word}\n\nUsage:  ${path} COMMAND\n\nRun '${path} --help' for more information\n`
      : `docker: unknown command: docker ${word}\n\nRun 'docker --help' for more information\n`,
  );
  const instead = group ? undefined : DOCKER_INSTEAD.get(word);
  if (instead) {
    ctx.io.stderr(`${instead}\n`);
    return 1;
  }
  const prefix = `${path} `;
  const words = new Set<string>();
  for (const s of ctx.registry.all()) for (const n of [s.name, ...(s.aliases ?? [])]) if (n.startsWith(prefix)) words.add(n.slice(prefix.length).split(' ')[0]!);
  const fix = closest(word, words);
  if (fix) ctx.io.stderr(hint([path, fix, ...rest].join(' ')));
  return 1;
}
