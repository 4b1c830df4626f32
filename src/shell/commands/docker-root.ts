// `docker` itself: its help, `--version`, `docker version`, the management groups (`docker image`,
// `docker container`, …) and unknown commands. Lazily imported by docker.ts: none of it is on a first
// build's path. Shapes follow docker/cli at 28f7560 (after v29.7.2), the snapshot the lab follows
// (/work/shared/reference/buildkit-fidelity.md): cli/cobra.go's usage template, cmd/docker/docker.go's
// unknown-command error and cli/command/system/version.go's version template.
import type { CommandContext, CommandRegistry } from '../types.ts';
import { dockerUnknown } from './guidance.ts';

/** Management commands: `docker GROUP COMMAND`. */
const GROUPS = new Map<string, string>([
  ['builder', 'Manage builds'],
  ['buildx', 'Docker Buildx'],
  ['container', 'Manage containers'],
  ['image', 'Manage images'],
  ['system', 'Manage Docker'],
]);

/** The root help's "Common Commands", in docker's order, where the lab has them. */
const COMMON = ['run', 'exec', 'ps', 'build', 'pull', 'push', 'images', 'login', 'logout', 'search', 'version'];

const rpad = (s: string, n: number): string => s.padEnd(n);

function subcommands(registry: CommandRegistry, prefix: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of registry.all()) {
    if (s.hidden) continue;
    for (const n of [s.name, ...(s.aliases ?? [])]) {
      if (!n.startsWith(prefix)) continue;
      const word = n.slice(prefix.length);
      if (!word.includes(' ') && !out.has(word)) out.set(word, s.summary);
    }
  }
  return out;
}

function rootHelp(registry: CommandRegistry): string {
  const subs = subcommands(registry, 'docker ');
  const list = (names: string[], describe: (n: string) => string): string => names.map((n) => `  ${rpad(n, 12)}${describe(n)}`).join('\n');
  const common = COMMON.filter((n) => subs.has(n));
  const groups = [...GROUPS.keys()].filter((g) => subcommands(registry, `docker ${g} `).size > 0);
  const rest = [...subs.keys()].filter((n) => !common.includes(n)).sort();
  return (
    '\nUsage:  docker [OPTIONS] COMMAND\n\nThe lab\'s simulated Docker engine: it builds, pulls and runs toy images in your browser.\n' +
    `\nCommon Commands:\n${list(common, (n) => subs.get(n)!)}\n` +
    `\nManagement Commands:\n${list(groups, (g) => GROUPS.get(g)!)}\n` +
    `\nCommands:\n${list(rest, (n) => subs.get(n)!)}\n` +
    '\nGlobal Options:\n  -v, --version   Print version information and quit\n' +
    "\nRun 'docker COMMAND --help' for more information on a command.\n" +
    '\nIn this lab, only the commands above exist, each with the options its --help lists.\n'
  );
}

function groupHelp(registry: CommandRegistry, group: string): string {
  const subs = subcommands(registry, `docker ${group} `);
  const names = [...subs.keys()].sort();
  const width = Math.max(...names.map((n) => n.length)) + 1;
  return (
    `\nUsage:  docker ${group} COMMAND\n\n${GROUPS.get(group)}\n\nCommands:\n` +
    names.map((n) => `  ${rpad(n, width)} ${subs.get(n)}`).join('\n') +
    `\n\nRun 'docker ${group} COMMAND --help' for more information on a command.\n`
  );
}

/**
 * `docker --version`. Docker prints `Docker version X.Y.Z, build COMMIT`; the lab is not a Docker release
 * and has no version of Docker's to print, so it says what it is in that place.
 */
const VERSION_LINE = 'Docker version: none (this is Layerlab\'s simulated docker CLI, not a Docker release)\n';

/** tabwriter.NewWriter(out, 20, 1, 1, ' ', 0) as docker version uses it: a key column at least 20 wide. */
function rows(indent: string, pairs: [string, string][]): string {
  const width = Math.max(20, ...pairs.map(([k]) => indent.length + k.length + 2));
  return pairs.map(([k, v]) => `${rpad(`${indent}${k}:`, width)}${v}\n`).join('');
}

/** `docker version`: docker's template (client, then server components), with the lab's own values. */
export function dockerVersion(ctx: CommandContext): number {
  const bad = ctx.args.find((a) => a !== '--help' && a !== '-h');
  if (bad !== undefined) {
    const message = bad.startsWith('-') ? (bad.startsWith('--') ? `unknown flag: ${bad.split('=')[0]}` : `unknown shorthand flag: '${bad[1]}' in ${bad}`) : undefined;
    if (message) ctx.io.stderr(`${message}\nSee 'docker version --help'.\n`);
    else ctx.io.stderr(`docker: 'docker version' accepts no arguments\n\nUsage:  docker version [OPTIONS]\n\nRun 'docker version --help' for more information\n`);
    return message ? 125 : 1;
  }
  ctx.io.stdout(
    'Client:\n' +
      rows(' ', [
        ['Version', "none (Layerlab's simulated docker CLI)"],
        ['API version', 'none (the lab\'s CLI calls its engine directly; there is no Engine API)'],
        ['OS/Arch', 'linux/amd64 (the platform the lab builds and runs)'],
        ['Context', 'default'],
      ]) +
      '\nServer: Layerlab simulated engine\n Engine:\n' +
      rows('  ', [
        ['Version', 'none (a simulation of Docker Engine, not a Docker release)'],
        ['OS/Arch', 'linux/amd64'],
        ['Experimental', 'false'],
      ]) +
      ' BuildKit:\n' +
      rows('  ', [['Version', "none (the lab's builder follows BuildKit's rules)"]]) +
      '\nIn this lab, the docker CLI, the engine and BuildKit are one program that runs in your browser (or in\n' +
      'Node, for the headless CLI). It follows the docker CLI and BuildKit of late 2026 (docker/cli after\n' +
      'v29.7.2, whose client speaks Engine API 1.55), but it is not Docker, so it prints no Docker version,\n' +
      'Go version, Git commit or build date.\n',
  );
  return 0;
}

/** `docker` with no command, a global flag, a management group or an unknown command. */
export function dockerRoot(ctx: CommandContext): number {
  const registry = ctx.shell.registry;
  const [first, ...rest] = ctx.args;
  if (first === undefined || first === '--help' || first === '-h') {
    ctx.io.stdout(rootHelp(registry));
    return 0;
  }
  if (first === '--version' || first === '-v') {
    ctx.io.stdout(VERSION_LINE);
    return 0;
  }
  if (first.startsWith('-')) {
    ctx.io.stderr(`${first.startsWith('--') ? `unknown flag: ${first.split('=')[0]}` : `unknown shorthand flag: '${first[1]}' in ${first}`}\nSee 'docker --help'.\n`);
    return 125;
  }
  if (GROUPS.has(first) && subcommands(registry, `docker ${first} `).size > 0) {
    const [sub, ...subRest] = rest;
    if (sub === undefined || sub === '--help' || sub === '-h') {
      ctx.io.stdout(groupHelp(registry, first));
      return 0;
    }
    return dockerUnknown({ io: ctx.io, registry }, first, sub, subRest);
  }
  return dockerUnknown({ io: ctx.io, registry }, undefined, first, rest);
}
