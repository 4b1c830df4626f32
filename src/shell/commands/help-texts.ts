// `COMMAND --help` for the lab shell's commands, in each tool's own shape: the docker CLI's usage
// template (docker/cli cli/cobra.go: Usage, description, Aliases, Options as pflag lays them out), GNU
// coreutils' `Usage: … / options` for the file commands, bash's builtin help for cd and pwd, and git's
// usage for git. Only the options the lab implements are listed, and a closing "In this lab, …" line says
// what differs. Loaded only when a learner asks for help (a lazily imported chunk).
//
// docker build, docker images and docker history print their own, longer help (docker.ts): for them,
// and for echo, true and false (which in bash print or ignore --help), helpText returns undefined and
// the command runs.
import type { CommandSpec } from '../types.ts';

/** One option: short form ('' if none), long form, value type ('' for a boolean), description. */
type Option = readonly [short: string, long: string, type: string, text: string];

interface DockerHelp {
  /** Docker's description, when it differs from the spec's summary. */
  readonly text?: string;
  readonly options: readonly Option[];
  readonly lab?: string;
}

/** pflag's FlagUsagesWrapped: `  -a, --all` or `      --no-trunc`, the type, then the text in one column. */
function optionLines(options: readonly Option[]): string {
  const heads = options.map(([short, long, type]) => `${short && long ? `  ${short}, ${long}` : short ? `  ${short}` : `      ${long}`}${type ? ` ${type}` : ''}`);
  const width = Math.max(...heads.map((h) => h.length)) + 3;
  return options.map((o, i) => `${heads[i]!.padEnd(width)}${o[3]}`).join('\n');
}

const PRUNE_FORCE: Option = ['-f', '--force', '', 'Do not prompt for confirmation'];
const NO_PROMPTS = 'In this lab, prompts cannot be answered: add -f to go ahead.';

const DOCKER = new Map<string, DockerHelp>([
  ['docker run', {
    options: [
      ['-d', '--detach', '', 'Run container in background and print container ID'],
      ['', '--entrypoint', 'string', 'Overwrite the default ENTRYPOINT of the image'],
      ['-e', '--env', 'list', 'Set environment variables'],
      ['-i', '--interactive', '', 'Keep STDIN open even if not attached'],
      ['', '--name', 'string', 'Assign a name to the container'],
      ['-p', '--publish', 'list', "Publish a container's port(s) to the host"],
      ['', '--pull', 'string', 'Pull image before running ("always", "missing", "never") (default "missing")'],
      ['', '--rm', '', 'Automatically remove the container and its associated anonymous volumes when it exits'],
      ['-t', '--tty', '', 'Allocate a pseudo-TTY'],
      ['-u', '--user', 'string', 'Username or UID (format: <name|uid>[:<group|gid>])'],
      ['-w', '--workdir', 'string', 'Working directory inside the container'],
    ],
    lab: 'In this lab, containers have no volumes, networks or restart policies: --platform, --network, --hostname,\n--restart and --init are accepted and have no effect, and -v/--mount are refused.',
  }],
  ['docker create', {
    options: [
      ['', '--entrypoint', 'string', 'Overwrite the default ENTRYPOINT of the image'],
      ['-e', '--env', 'list', 'Set environment variables'],
      ['-i', '--interactive', '', 'Keep STDIN open even if not attached'],
      ['', '--name', 'string', 'Assign a name to the container'],
      ['-p', '--publish', 'list', "Publish a container's port(s) to the host"],
      ['', '--rm', '', 'Automatically remove the container and its associated anonymous volumes when it exits'],
      ['-t', '--tty', '', 'Allocate a pseudo-TTY'],
      ['-u', '--user', 'string', 'Username or UID (format: <name|uid>[:<group|gid>])'],
      ['-w', '--workdir', 'string', 'Working directory inside the container'],
    ],
  }],
  ['docker exec', {
    options: [
      ['-d', '--detach', '', 'Detached mode: run command in the background'],
      ['-e', '--env', 'list', 'Set environment variables'],
      ['-i', '--interactive', '', 'Keep STDIN open even if not attached'],
      ['-t', '--tty', '', 'Allocate a pseudo-TTY'],
      ['-u', '--user', 'string', 'Username or UID (format: "<name|uid>[:<group|gid>]")'],
      ['-w', '--workdir', 'string', 'Working directory inside the container'],
    ],
  }],
  ['docker ps', {
    options: [
      ['-a', '--all', '', 'Show all containers (default shows just running)'],
      ['-l', '--latest', '', 'Show the latest created container (includes all states)'],
      ['', '--no-trunc', '', "Don't truncate output"],
      ['-q', '--quiet', '', 'Only display container IDs'],
      ['-s', '--size', '', 'Display total file sizes'],
    ],
  }],
  ['docker logs', {
    options: [
      ['-n', '--tail', 'string', 'Number of lines to show from the end of the logs (default "all")'],
      ['-t', '--timestamps', '', 'Show timestamps'],
    ],
  }],
  ['docker stop', { options: [['-s', '--signal', 'string', 'Signal to send to the container'], ['-t', '--timeout', 'int', 'Seconds to wait before killing the container']],
    lab: 'In this lab, a container stops at once: --signal and --timeout are accepted and have no effect.' }],
  ['docker start', { options: [['-a', '--attach', '', 'Attach STDOUT/STDERR and forward signals'], ['-i', '--interactive', '', "Attach container's STDIN"]] }],
  ['docker rm', { options: [['-f', '--force', '', 'Force the removal of a running container (uses SIGKILL)']] }],
  ['docker diff', { options: [] }],
  ['docker commit', {
    options: [
      ['-a', '--author', 'string', 'Author (e.g., "John Hannibal Smith <hannibal@a-team.com>")'],
      ['-m', '--message', 'string', 'Commit message'],
    ],
    lab: 'In this lab, --change is not supported.',
  }],
  ['docker container prune', { options: [PRUNE_FORCE], lab: NO_PROMPTS }],
  ['docker pull', {
    options: [
      ['-a', '--all-tags', '', 'Download all tagged images in the repository'],
      ['', '--platform', 'string', 'Set platform if server is multi-platform capable'],
      ['-q', '--quiet', '', 'Suppress verbose output'],
    ],
    lab: 'In this lab, images come from the lab\'s own registry, over the simulated network (lab-network).',
  }],
  ['docker push', { options: [['-a', '--all-tags', '', 'Push all tags of an image to the repository'], ['-q', '--quiet', '', 'Suppress verbose output']],
    lab: 'In this lab, images are pushed to the lab\'s own registry, never to Docker Hub.' }],
  ['docker tag', { options: [] }],
  ['docker search', {
    options: [
      ['-f', '--filter', 'filter', 'Filter output based on conditions provided'],
      ['', '--format', 'string', 'Pretty-print search using a Go template'],
      ['', '--limit', 'int', 'Max number of search results'],
      ['', '--no-trunc', '', "Don't truncate output"],
    ],
    lab: 'In this lab, the search covers the lab\'s catalogue of toy images.',
  }],
  ['docker login', {
    options: [['-p', '--password', 'string', 'Password or Personal Access Token (PAT)'], ['', '--password-stdin', '', 'Take the Password or Personal Access Token (PAT) from stdin'], ['-u', '--username', 'string', 'Username']],
    lab: 'In this lab, any name and password are accepted: nothing leaves your browser.',
  }],
  ['docker logout', { options: [] }],
  ['docker save', { text: 'Save one or more images to a tar archive (streamed to STDOUT by default)',
    options: [['-o', '--output', 'string', 'Write to a file, instead of STDOUT'], ['', '--platform', 'string', 'Save only the given platform variant']] }],
  ['docker load', { text: 'Load an image from a tar archive or STDIN',
    options: [['-i', '--input', 'string', 'Read from tar archive file, instead of STDIN'], ['-q', '--quiet', '', 'Suppress the load output']],
    lab: 'In this lab, docker load reads a file of the project: use -i FILE.' }],
  ['docker image prune', { options: [['-a', '--all', '', 'Remove all unused images, not just dangling ones'], ['', '--filter', 'filter', 'Provide filter values (e.g. "until=<timestamp>")'], PRUNE_FORCE], lab: NO_PROMPTS }],
  ['docker rmi', { options: [['-f', '--force', '', 'Force removal of the image'], ['', '--no-prune', '', 'Do not delete untagged parents']] }],
  ['docker image inspect', { options: [['-f', '--format', 'string', 'Format output using a custom template']] }],
  ['docker builder prune', { options: [['-a', '--all', '', 'Include internal/frontend images'], PRUNE_FORCE], lab: NO_PROMPTS }],
  ['docker system prune', { options: [['-a', '--all', '', 'Remove all unused images not just dangling ones'], PRUNE_FORCE, ['', '--volumes', '', 'Prune anonymous volumes']], lab: NO_PROMPTS }],
  ['docker system df', { options: [['-v', '--verbose', '', 'Show detailed information on space usage']] }],
  ['docker version', { options: [], lab: 'In this lab, --format is not supported.' }],
]);

function dockerHelp(spec: CommandSpec, help: DockerHelp): string {
  const aliases = [...(spec.aliases ?? []), spec.name];
  let out = `\nUsage:  ${spec.usage ?? spec.name}\n\n${help.text ?? spec.summary}\n`;
  if (aliases.length > 1) out += `\nAliases:\n  ${aliases.join(', ')}\n`;
  if (help.options.length) out += `\nOptions:\n${optionLines(help.options)}\n`;
  if (help.lab) out += `\n${help.lab}\n`;
  return out;
}

/** GNU coreutils' --help shape; the text is the lab's own. */
const FILES = new Map<string, { usage: string; text: string; options?: readonly Option[] }>([
  ['ls', { usage: 'ls [OPTION]... [FILE]...', text: 'List information about the FILEs (the current directory by default).',
    options: [['-a', '', '', 'do not ignore entries starting with .'], ['-A', '', '', 'do not list implied . and ..'], ['-h', '', '', 'with -l, print sizes like 1K 234M 2G'], ['-l', '', '', 'use a long listing format'], ['-1', '', '', 'list one file per line']] }],
  ['cat', { usage: 'cat [FILE]...', text: 'Concatenate FILE(s) to standard output.' }],
  ['mkdir', { usage: 'mkdir [OPTION]... DIRECTORY...', text: 'Create the DIRECTORY(ies), if they do not already exist.', options: [['-p', '', '', 'no error if existing, make parent directories as needed']] }],
  ['rm', { usage: 'rm [OPTION]... [FILE]...', text: 'Remove (unlink) the FILE(s).', options: [['-f', '', '', 'ignore nonexistent files, never prompt'], ['-r', '', '', 'remove directories and their contents recursively (-R too)']] }],
  ['mv', { usage: 'mv [OPTION]... SOURCE... DIRECTORY', text: 'Rename SOURCE to DEST, or move SOURCE(s) to DIRECTORY.', options: [['-f', '', '', 'do not prompt before overwriting']] }],
  ['cp', { usage: 'cp [OPTION]... SOURCE... DIRECTORY', text: 'Copy SOURCE to DEST, or multiple SOURCE(s) to DIRECTORY.',
    options: [['-a', '', '', 'copy directories recursively, as -r does'], ['-f', '', '', 'overwrite an existing destination'], ['-r', '', '', 'copy directories recursively (-R too)']] }],
  ['touch', { usage: 'touch FILE...', text: 'Update the modification time of each FILE to the current time; a FILE that does not exist is created empty.' }],
  ['chmod', { usage: 'chmod MODE FILE...', text: 'Change the mode of each FILE to MODE (octal, such as 755, or symbolic, such as +x).' }],
  ['find', { usage: 'find [DIRECTORY]', text: 'List every file and directory under DIRECTORY (the current directory by default).' }],
  ['clear', { usage: 'clear', text: 'Clear the terminal screen (Ctrl-L does the same).' }],
]);

function fileHelp(name: string, help: { usage: string; text: string; options?: readonly Option[] }): string {
  let out = `Usage: ${help.usage}\n${help.text}\n`;
  if (help.options?.length) out += `\n${optionLines(help.options)}\n`;
  out += `\nIn this lab, ${name} works on the build context (your project files)${help.options?.length ? ' and knows only the options above' : ''}.\n`;
  return out;
}

/** bash's `help BUILTIN` shape (`cd --help` prints it). */
const BUILTINS = new Map<string, string>([
  ['cd', 'cd: cd [DIR]\n    Change the shell working directory.\n\n    Change the current directory to DIR. The default DIR is / (the lab shell\'s HOME: the top of\n    your project). `cd -` is not supported in this lab.\n'],
  ['pwd', 'pwd: pwd\n    Print the name of the current working directory.\n'],
  ['help', 'help: help [COMMAND]\n    Display information about the lab shell\'s commands.\n\n    With COMMAND, show its usage; without, list every command. COMMAND --help shows its options.\n'],
]);

const GIT_SUBCOMMANDS: readonly [string, string, string][] = [
  ['init', 'git init [-q | --quiet] [-b <branch-name>]', 'Create an empty Git repository or reinitialize an existing one'],
  ['add', 'git add [<options>] [--] <pathspec>...', 'Add file contents to the index'],
  ['restore', 'git restore [<options>] [--source=<branch>] <file>...', 'Restore working tree files'],
  ['reset', 'git reset [--mixed | --soft | --hard] [<commit>]', 'Reset current HEAD to the specified state'],
  ['status', 'git status [<options>] [--] [<pathspec>...]', 'Show the working tree status'],
  ['diff', 'git diff [<options>] [<commit>] [--] [<path>...]', 'Show changes between commits, commit and working tree, etc'],
  ['log', 'git log [<options>] [<revision-range>]', 'Show commit logs'],
  ['show', 'git show [<options>] <object>...', 'Show various types of objects'],
  ['commit', 'git commit [<options>] [--] <pathspec>...', 'Record changes to the repository'],
  ['branch', 'git branch [<options>] [<branch-name>]', 'List, create, or delete branches'],
  ['switch', 'git switch [<options>] <branch>', 'Switch branches'],
  ['checkout', 'git checkout [<options>] <branch>', 'Switch branches or restore working tree files'],
  ['tag', 'git tag [-m <msg>] <tagname> [<commit>]', 'Create, list, delete or verify tags'],
  ['config', 'git config [<options>] <name> [<value>]', 'Get and set repository options'],
];

function gitHelp(args: readonly string[]): string {
  const sub = args.find((a) => !a.startsWith('-'));
  const one = GIT_SUBCOMMANDS.find(([name]) => name === sub);
  if (one) return `usage: ${one[1]}\n\n   ${one[2]}\n\nIn this lab, git ${one[0]} --help shows this summary; real git opens the git-${one[0]} manual page.\n`;
  const width = Math.max(...GIT_SUBCOMMANDS.map(([n]) => n.length)) + 3;
  return (
    'usage: git <command> [<args>]\n\nThese are the Git commands this lab has, over the build context (your project files):\n\n' +
    GIT_SUBCOMMANDS.map(([n, , text]) => `   ${n.padEnd(width)}${text}`).join('\n') +
    "\n\n'git <command> --help' shows a command's usage. In this lab, git has no remotes: there is no clone, fetch, pull or push.\n"
  );
}

/** Flags of docker run/create/exec that take a value, so that `--name x --help` still asks for help. */
const RUN_VALUE_FLAG = /^(--name|-e|--env|-p|--publish|--entrypoint|-w|--workdir|-u|--user|--pull|--platform|--network|-h|--hostname|--restart|-v|--volume|--mount)$/;

/**
 * `--help` before `--` asks for a command's help, as in the docker CLI, GNU tools and git; docker's
 * commands also take `-h` (not run and create, where -h is --hostname). For docker run, create and exec
 * only the options before the image or container count: what follows is the container's command.
 */
export function asksForHelp(name: string, args: readonly string[]): boolean {
  const docker = name.startsWith('docker');
  const runLike = name === 'docker run' || name === 'docker create' || name === 'docker exec';
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') return false;
    if (a === '--help' || (docker && a === '-h' && name !== 'docker run' && name !== 'docker create')) return true;
    if (runLike && !a.startsWith('-') && !RUN_VALUE_FLAG.test(args[i - 1] ?? '')) return false;
  }
  return false;
}

/** The help text for `spec` asked with --help, or undefined when the command prints its own (or, as in bash, none). */
export function helpText(spec: CommandSpec, args: readonly string[] = []): string | undefined {
  const docker = DOCKER.get(spec.name);
  if (docker) return dockerHelp(spec, docker);
  const file = FILES.get(spec.name);
  if (file) return fileHelp(spec.name, file);
  const builtin = BUILTINS.get(spec.name);
  if (builtin) return builtin;
  if (spec.name === 'git') return gitHelp(args);
  if (spec.name === 'docker' || spec.name === 'docker build' || spec.name === 'docker images' || spec.name === 'docker history') return undefined;
  if (spec.name === 'echo' || spec.name === 'true' || spec.name === 'false') return undefined;
  // Any other command (one a later family adds): its registered usage and summary.
  return `Usage: ${spec.usage ?? spec.name}\n\n${spec.summary}\n`;
}

/** The help to print for this command line, or undefined when it does not ask for help (or the command prints its own). */
export function helpFor(spec: CommandSpec, args: readonly string[]): string | undefined {
  return asksForHelp(spec.name, args) ? helpText(spec, args) : undefined;
}
