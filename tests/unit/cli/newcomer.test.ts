// The things a newcomer tries first, through `npx layerlab` (stdin and stdout are pipes: no TTY).
import { describe, expect, it } from 'vitest';
import { layerlab } from './helpers.ts';

const SLOW = 180_000;

describe('npx layerlab: first things a newcomer types', () => {
  it('docker run hello-world prints the binary\'s greeting on stdout (the pull goes to stderr) and exits 0', async () => {
    const r = await layerlab(['-c', 'docker run hello-world']);
    // docker-library/hello-world hello.c: the message starts with a blank line and this greeting.
    expect(r.stdout.startsWith('\nHello from Docker!\nThis message shows that your installation appears to be working correctly.\n')).toBe(true);
    expect(r.stdout).toContain(' $ docker run -it ubuntu bash\n');
    expect(r.stderr).toContain("Unable to find image 'hello-world:latest' locally\n");
    expect(r.status).toBe(0);
  }, SLOW);

  it('the sample app\'s image opens a shell in its WORKDIR with -i (the next lines are its input)', async () => {
    // The default sample: FROM node:22-alpine, WORKDIR /app, and node's docker-entrypoint.sh.
    const r = await layerlab(['-c', ['docker build -q -t app .', 'docker run -i --rm app sh', 'pwd', 'ls package.json', 'exit 3', 'echo back $?'].join('\n')]);
    expect(r.stdout.split('\n').slice(1)).toEqual(['/app', 'package.json', 'back 3', '']);
    expect(r.status).toBe(0);
  }, SLOW);

  it('typos, missing tools and --help answer as docker and bash do, with the status they use', async () => {
    const typo = await layerlab(['-c', 'dokcer ps']);
    expect(typo.stderr).toBe('dokcer: command not found\nHint from the lab: did you mean "docker ps"?\n');
    expect(typo.status).toBe(127);
    const compose = await layerlab(['-c', 'docker compose up']);
    expect(compose.stderr).toContain("docker: unknown command: docker compose\n\nRun 'docker --help' for more information\nIn this lab, there is no Docker Compose");
    expect(compose.status).toBe(1);
    const help = await layerlab(['-c', 'docker run --help']);
    expect(help.stdout).toMatch(/^\nUsage: {2}docker run \[OPTIONS\] IMAGE \[COMMAND\] \[ARG\.\.\.\]\n\nCreate and run a new container from an image\n/);
    expect(help.status).toBe(0);
    const proto = await layerlab(['-c', 'valueOf\n__proto__\ndocker constructor']);
    expect(proto.stderr).toBe("valueOf: command not found\n__proto__: command not found\ndocker: unknown command: docker constructor\n\nRun 'docker --help' for more information\n");
    expect(proto.stdout).toBe('');
  }, SLOW);

  it('a package the toy index lacks gets the package manager\'s own error, and then the lab says its index is small', async () => {
    // apt (apt-pkg/cacheset.cc): "Unable to locate package %s", status 100; without lists (no apt-get
    // update yet) that is the real cause, so nothing is added. apk (src/app_add.c, solver errors):
    // "unable to select packages:" then "NAME (no such package)". git is in Ubuntu 24.04's main archive
    // and wget in Alpine's main repository, so the lab must not leave the learner thinking they are not.
    const apt = await layerlab(['-c', "docker run ubuntu:24.04 sh -c 'apt-get install -y git; echo status $?; apt-get update >/dev/null; apt-get install -y git; echo status $?'"]);
    const aptErr = apt.stderr.split('\n').filter((l) => l.startsWith('E:') || l.startsWith('In this lab'));
    expect(aptErr[0]).toBe('E: Unable to locate package git');
    expect(aptErr[1]).toBe('E: Unable to locate package git');
    expect(aptErr[2]).toMatch(/^In this lab, Ubuntu noble's package index is a small one \(\d+ packages\): a real image may well have what is missing here\.$/);
    expect(aptErr).toHaveLength(3);
    expect(apt.stdout.match(/status \d+/g)).toEqual(['status 100', 'status 100']);
    const apk = await layerlab(['-c', 'docker run alpine:3.21 apk add --no-cache wget']);
    expect(apk.stderr).toContain('ERROR: unable to select packages:\n  wget (no such package):\n    required by: world[wget]\nIn this lab, Alpine\'s package index is a small one (');
  }, SLOW);

  it('docker version and docker --version print the lab\'s labelled values', async () => {
    const r = await layerlab(['-c', 'docker --version\ndocker version']);
    expect(r.stdout.startsWith("Docker version: none (this is Layerlab's simulated docker CLI, not a Docker release)\nClient:\n Version:           none")).toBe(true);
    expect(r.status).toBe(0);
  }, SLOW);
});
