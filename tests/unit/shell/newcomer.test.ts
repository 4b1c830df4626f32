// The things a newcomer tries first, through the lab shell (the browser terminal's and the CLI's):
// interactive shells in the usual images, docker version, hello-world, --help everywhere, typos, tools the
// lab does not have, and command names that are also names on JavaScript's Object prototype.
import { describe, expect, it } from 'vitest';
import { createLabShell } from '../../../src/shell/index.ts';
import type { ShellIO } from '../../../src/shell/index.ts';
import { createLabEngine } from '../../../src/engine/index.ts';
import { createMemoryWorkspace } from '../../../src/workspace/memory.ts';

async function setup(files: Record<string, string> = { Dockerfile: 'FROM alpine:3.21\n' }) {
  const engine = createLabEngine();
  const ws = await createMemoryWorkspace(files);
  const shell = createLabShell({ workspace: ws, engine });
  const run = async (line: string) => {
    let out = '';
    let err = '';
    const io: ShellIO = { stdout: (s) => void (out += s), stderr: (s) => void (err += s), tty: true, columns: 100 };
    const status = await shell.run(line, io);
    return { status, out, err };
  };
  return { shell, run };
}

describe('docker run -it IMAGE SHELL opens the shell the image has', () => {
  // docker-library/node 22/alpine3.21/docker-entrypoint.sh: `if [ "${1#-}" != "${1}" ] || [ -z "$(command -v "${1}")" ] …; then
  // set -- node "$@"; fi; exec "$@"`: an argument that is a command in PATH (sh) is run itself.
  it('an image built on node:22-alpine (ENTRYPOINT docker-entrypoint.sh): `docker run -it app sh` is a shell in WORKDIR', async () => {
    const { shell, run } = await setup({ Dockerfile: 'FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nCMD ["node", "index.js"]\n', 'index.js': 'console.log(1)\n' });
    expect((await run('docker build -q -t app .')).status).toBe(0);
    const start = await run('docker run -it app sh');
    expect(start).toEqual({ status: 0, out: '', err: '' });
    // busybox ash's prompt for root: the working directory, then `#`.
    expect(shell.prompt()).toBe('/app # ');
    expect((await run('ls')).out).toContain('index.js');
    expect((await run('exit 4')).status).toBe(4);
    expect(shell.prompt()).toBe('lab:/$ ');
  });

  it('node:22-alpine sh, and nginx bash (Debian-based: it has bash, with bash\'s prompt)', async () => {
    const { shell, run } = await setup();
    await run('docker pull -q node:22-alpine');
    await run('docker pull -q nginx');
    expect((await run('docker run -it node:22-alpine sh')).status).toBe(0);
    expect(shell.prompt()).toBe('/ # ');
    await run('exit');
    // nginx's /docker-entrypoint.sh ends with `exec "$@"` (docker-library/nginx mainline/debian/docker-entrypoint.sh).
    expect((await run('docker run -it --name web nginx bash')).status).toBe(0);
    const id = shell.container!.id.slice(0, 12);
    expect(shell.prompt()).toBe(`root@${id}:/# `);
    expect((await run('ls /bin/bash')).out).toBe('/bin/bash\n');
    await run('cd /etc/nginx');
    expect(shell.prompt()).toBe(`root@${id}:/etc/nginx# `);
    await run('exit');
    expect(shell.container).toBeUndefined();
  });

  it('alpine has no bash: the container fails to start as runc reports it, status 127, and no shell opens', async () => {
    const { shell, run } = await setup();
    await run('docker pull -q alpine:3.21');
    const r = await run('docker run -it alpine:3.21 bash');
    // runc's error for a missing executable, as the daemon returns it and the docker CLI prints it.
    expect(r.err).toBe(
      'docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: ' +
        'unable to start container process: error during container init: exec: "bash": executable file not found in $PATH: unknown\n\n' +
        "Run 'docker run --help' for more information\n",
    );
    expect(r.status).toBe(127);
    expect(shell.container).toBeUndefined();
    expect(shell.prompt()).toBe('lab:/$ ');
    // docker exec into a running alpine container: the same, from the exec path.
    await run('docker run -dit --name box alpine:3.21 sh');
    const exec = await run('docker exec -it box bash');
    expect(exec.err).toBe('OCI runtime exec failed: exec failed: unable to start container process: exec: "bash": executable file not found in $PATH: unknown\n');
    expect(exec.status).toBe(127);
    expect(shell.container).toBeUndefined();
    expect((await run('docker exec -it box sh')).status).toBe(0);
    expect(shell.prompt()).toBe('/ # ');
  });
});

describe('docker version and docker --version', () => {
  it('--version and -v say in docker\'s place that the lab is not a Docker release, with no version number', async () => {
    const { run } = await setup();
    for (const flag of ['--version', '-v']) {
      const r = await run(`docker ${flag}`);
      expect(r).toEqual({ status: 0, out: "Docker version: none (this is Layerlab's simulated docker CLI, not a Docker release)\n", err: '' });
    }
  });

  it('docker version has docker\'s template (Client, Server, Engine) with the lab\'s own values and says where it differs', async () => {
    const { run } = await setup();
    const r = await run('docker version');
    expect(r.status).toBe(0);
    const lines = r.out.split('\n');
    // docker/cli cli/command/system/version.go: defaultVersionTemplate, written through
    // tabwriter.NewWriter(out, 20, 1, 1, ' ', 0): every key column is 20 wide.
    expect(lines.slice(0, 5)).toEqual([
      'Client:',
      " Version:           none (Layerlab's simulated docker CLI)",
      " API version:       none (the lab's CLI calls its engine directly; there is no Engine API)",
      ' OS/Arch:           linux/amd64 (the platform the lab builds and runs)',
      ' Context:           default',
    ]);
    expect(lines.slice(6, 11)).toEqual(['Server: Layerlab simulated engine', ' Engine:', '  Version:          none (a simulation of Docker Engine, not a Docker release)', '  OS/Arch:          linux/amd64', '  Experimental:     false']);
    expect(r.out).toContain('\nIn this lab, the docker CLI, the engine and BuildKit are one program');
    // The only version figures are the cited ones: docker/cli v29.7.2 and the API its vendored client
    // speaks (vendor/github.com/moby/moby/client/client.go: MaxAPIVersion = "1.55").
    expect(r.out.match(/\d+\.\d+(\.\d+)?/g)).toEqual(['29.7.2', '1.55']);
    expect((await run('docker version extra')).status).toBe(1);
    expect((await run('docker version --bogus')).err).toBe("unknown flag: --bogus\nSee 'docker version --help'.\n");
  });
});

describe('docker run hello-world', () => {
  // docker-library/hello-world hello.c (DOCKER_ARCH "amd64"): the message the binary writes.
  const GREETING =
    '\nHello from Docker!\nThis message shows that your installation appears to be working correctly.\n\n' +
    'To generate this message, Docker took the following steps:\n 1. The Docker client contacted the Docker daemon.\n' +
    ' 2. The Docker daemon pulled the "hello-world" image from the Docker Hub.\n    (amd64)\n' +
    ' 3. The Docker daemon created a new container from that image which runs the\n    executable that produces the output you are currently reading.\n' +
    ' 4. The Docker daemon streamed that output to the Docker client, which sent it\n    to your terminal.\n\n' +
    'To try something more ambitious, you can run an Ubuntu container with:\n $ docker run -it ubuntu bash\n\n' +
    'Share images, automate workflows, and more with a free Docker ID:\n https://hub.docker.com/\n\n' +
    'For more examples and ideas, visit:\n https://docs.docker.com/get-started/\n\n';

  it('pulls the image, prints the greeting and exits 0', async () => {
    const { run } = await setup();
    const r = await run('docker run hello-world');
    expect(r.err).toContain("Unable to find image 'hello-world:latest' locally\n");
    expect(r.err).toContain('Status: Downloaded newer image for hello-world:latest\n');
    expect(r.out).toBe(GREETING);
    expect(r.status).toBe(0);
  });

  it('is FROM scratch with one file: COPY hello / (10,072 bytes: 10.1kB), CMD ["/hello"], and no shell', async () => {
    const { run } = await setup();
    await run('docker pull -q hello-world');
    const history = (await run('docker history hello-world')).out.split('\n');
    expect(history[1]).toMatch(/^[0-9a-f]{12} .* CMD \["\/hello"\] +0B +buildkit\.dockerfile\.v0$/);
    expect(history[2]).toMatch(/^<missing> .* COPY hello \/ # buildkit +10\.1kB +buildkit\.dockerfile\.v0$/);
    expect(history).toHaveLength(4);
    const sh = await run('docker run --rm hello-world sh');
    expect(sh.err).toContain('exec: "sh": executable file not found in $PATH: unknown');
    expect(sh.status).toBe(127);
  });

  it('a learner\'s own program named hello runs as itself, not as Docker\'s greeting', async () => {
    const { run } = await setup({ Dockerfile: 'FROM alpine:3.21\nCOPY --chmod=755 hello /usr/local/bin/hello\nCMD ["hello"]\n', hello: '#!/bin/sh\necho mine\n' });
    expect((await run('docker build -q -t mine .')).status).toBe(0);
    const r = await run('docker run --rm mine');
    expect(r).toEqual({ status: 0, out: 'mine\n', err: '' });
  });
});

describe('--help on every command', () => {
  it('every registered command answers --help with its help on stdout, status 0, and does not run', async () => {
    const { shell, run } = await setup();
    for (const spec of shell.registry.all()) {
      const r = await run(`${spec.name} --help`);
      expect({ cmd: spec.name, status: r.status, err: r.err }).toEqual({ cmd: spec.name, status: spec.name === 'false' ? 1 : 0, err: '' });
      // bash: echo prints its arguments, true and false ignore them.
      if (spec.name === 'echo') expect(r.out).toBe('--help\n');
      else if (spec.name === 'true' || spec.name === 'false') expect(r.out).toBe('');
      // The docker CLI's usage template (docker/cli cli/cobra.go): a blank line, then "Usage:  docker …".
      else if (spec.name.startsWith('docker')) expect(r.out, spec.name).toMatch(/^\nUsage: {2}docker /);
      else if (spec.name === 'git') expect(r.out).toMatch(/^usage: git /);
      // bash's builtins print "NAME: SYNOPSIS" (`cd --help`); coreutils print "Usage: NAME …".
      else if (['cd', 'pwd', 'help'].includes(spec.name)) expect(r.out, spec.name).toMatch(new RegExp(`^${spec.name}: ${spec.name}`));
      else expect(r.out, spec.name).toMatch(new RegExp(`^Usage: ${spec.name}\\b`));
    }
  });

  it('docker ps --help has docker\'s shape: usage, description, aliases and options in pflag\'s columns', async () => {
    const { run } = await setup();
    const r = await run('docker ps --help');
    expect(r.out).toBe(
      '\nUsage:  docker ps [OPTIONS]\n\nList containers\n\nAliases:\n  docker container ls, docker container list, docker container ps, docker ps\n\nOptions:\n' +
        '  -a, --all        Show all containers (default shows just running)\n' +
        '  -l, --latest     Show the latest created container (includes all states)\n' +
        "      --no-trunc   Don't truncate output\n" +
        '  -q, --quiet      Only display container IDs\n' +
        '  -s, --size       Display total file sizes\n',
    );
    // -h is docker's shorthand for --help, and an alias gets the same help.
    expect((await run('docker ps -h')).out).toBe(r.out);
    expect((await run('docker container ls --help')).out).toBe(r.out);
  });

  it('help does not run the command: no prune prompt, no table, no container', async () => {
    const { run } = await setup();
    expect((await run('docker builder prune --help')).out).not.toContain('WARNING!');
    expect((await run('docker system df --help')).out).not.toContain('TYPE');
    await run('docker pull -q alpine:3.21');
    await run('docker run --rm --name x --help alpine:3.21');
    expect((await run('docker ps -aq')).out).toBe('');
  });

  it('after the image, --help belongs to the container\'s command (docker run stops parsing its flags there)', async () => {
    const { run } = await setup();
    await run('docker pull -q alpine:3.21');
    const r = await run('docker run --rm alpine:3.21 ls --help');
    expect(r.out).not.toContain('Usage:  docker');
    // busybox's ls answers its own --help.
    expect(r.out + r.err).toContain('BusyBox');
    // On docker run, -h is --hostname (it takes a value), not help.
    expect((await run('docker run --rm -h box alpine:3.21 true')).out).toBe('');
  });

  it('management groups list their commands; git and the file commands answer in their own shapes', async () => {
    const { run } = await setup();
    const image = await run('docker image');
    expect(image.out).toMatch(/^\nUsage: {2}docker image COMMAND\n\nManage images\n\nCommands:\n/);
    expect(image.out).toContain('\n  ls       List images');
    expect(image.out).toContain("\nRun 'docker image COMMAND --help' for more information on a command.\n");
    expect((await run('docker image --help')).out).toBe(image.out);
    const git = await run('git commit --help');
    expect(git.out).toMatch(/^usage: git commit \[<options>\] \[--\] <pathspec>\.\.\.\n/);
    const ls = await run('ls --help');
    expect(ls.out).toMatch(/^Usage: ls \[OPTION\]\.\.\. \[FILE\]\.\.\.\n/);
    expect(ls.out).toContain('\n  -l   use a long listing format\n');
  });
});

describe('typos get docker\'s or the shell\'s answer, then a suggestion', () => {
  // docker/cli cmd/docker/docker.go (since v28, commit a6e96c7): "docker: unknown command: docker NAME",
  // a blank line and "Run 'docker --help' for more information"; docker itself suggests nothing.
  it('docker biuld: docker\'s unknown-command error, then the lab\'s hint with the whole corrected line', async () => {
    const { run } = await setup();
    const r = await run('docker biuld -t app .');
    expect(r).toEqual({
      status: 1,
      out: '',
      err: "docker: unknown command: docker biuld\n\nRun 'docker --help' for more information\nHint from the lab: did you mean \"docker build -t app .\"?\n",
    });
    expect((await run('docker imgaes')).err).toContain('did you mean "docker images"?');
  });

  it('dokcer ps: bash\'s "command not found" with status 127, then the hint', async () => {
    const { run } = await setup();
    expect(await run('dokcer ps')).toEqual({ status: 127, out: '', err: 'dokcer: command not found\nHint from the lab: did you mean "docker ps"?\n' });
    expect((await run('gti status')).err).toBe('gti: command not found\nHint from the lab: did you mean "git status"?\n');
    // Nothing close: the shell's answer alone.
    expect((await run('frobnicate')).err).toBe('frobnicate: command not found\n');
  });

  it('an unknown command in a management group: cli/required.go\'s error with the group\'s usage line', async () => {
    const { run } = await setup();
    const r = await run('docker image lss');
    expect(r.err).toBe("docker: unknown command: docker image lss\n\nUsage:  docker image COMMAND\n\nRun 'docker image --help' for more information\nHint from the lab: did you mean \"docker image ls\"?\n");
    expect(r.status).toBe(1);
  });
});

describe('commands the lab does not have say so, and what to use instead', () => {
  it('docker compose and docker scout: docker\'s answer for a missing plugin, then the lab\'s', async () => {
    const { run } = await setup();
    const compose = await run('docker compose up');
    expect(compose.err).toBe(
      "docker: unknown command: docker compose\n\nRun 'docker --help' for more information\nIn this lab, there is no Docker Compose: build each image with docker build and start it with docker run.\n",
    );
    expect(compose.status).toBe(1);
    expect((await run('docker scout cves app')).err).toContain('In this lab, there is no Docker Scout: the Images view beside the terminal');
  });

  it('vim, nano, sudo, less: bash\'s answer, then what to use in the lab', async () => {
    const { run } = await setup();
    for (const editor of ['vim Dockerfile', 'nano Dockerfile', 'vi x']) {
      const r = await run(editor);
      expect(r.status).toBe(127);
      expect(r.err).toBe(`${editor.split(' ')[0]}: command not found\nIn this lab, there is no text editor in the terminal: edit files in the editor beside it, or write them with echo TEXT > FILE.\n`);
    }
    expect((await run('sudo docker ps')).err).toBe('sudo: command not found\nIn this lab, sudo is not needed: you already have every right the lab gives. Run the command without it: docker ps\n');
    expect((await run('less Dockerfile')).err).toBe('less: command not found\nIn this lab, use cat FILE to read a file.\n');
    expect((await run('apt-get install curl')).err).toContain('apt-get runs inside images. Put it in a RUN step of the Dockerfile');
  });
});

describe('command names never reach the Object prototype', () => {
  const NAMES = ['valueOf', 'toString', '__proto__', 'constructor', 'hasOwnProperty', '__defineGetter__'];

  it('as a command: "command not found", 127', async () => {
    const { run } = await setup();
    for (const name of NAMES) expect(await run(name)).toEqual({ status: 127, out: '', err: `${name}: command not found\n` });
  });

  it('as a docker command, in a management group, with --help, and as a help topic', async () => {
    const { run } = await setup();
    for (const name of NAMES) {
      expect(await run(`docker ${name}`)).toEqual({ status: 1, out: '', err: `docker: unknown command: docker ${name}\n\nRun 'docker --help' for more information\n` });
      expect((await run(`docker container ${name}`)).err).toBe(`docker: unknown command: docker container ${name}\n\nUsage:  docker container COMMAND\n\nRun 'docker container --help' for more information\n`);
      expect((await run(`${name} --help`)).err).toBe(`${name}: command not found\n`);
      expect((await run(`help ${name}`)).err).toBe(`help: no help topics match '${name}'\n`);
    }
  });
});
