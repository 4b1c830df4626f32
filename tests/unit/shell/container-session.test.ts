// The lab shell routes lines to an interactive container shell (`docker run -it IMAGE sh`, `docker exec -it`)
// until it exits, for the browser terminal and the CLI alike.
import { describe, expect, it } from 'vitest';
import { createLabShell } from '../../../src/shell/index.ts';
import type { ShellIO } from '../../../src/shell/index.ts';
import { createLabEngine } from '../../../src/engine/index.ts';
import { labContainers } from '../../../src/engine/container/index.ts';
import { createMemoryWorkspace } from '../../../src/workspace/memory.ts';

async function setup(files: Record<string, string> = { Dockerfile: 'FROM alpine:3.21\n' }, io: Partial<ShellIO> = {}) {
  const engine = createLabEngine();
  const ws = await createMemoryWorkspace(files);
  const shell = createLabShell({ workspace: ws, engine });
  let out = '';
  let err = '';
  const base: ShellIO = { stdout: (s) => void (out += s), stderr: (s) => void (err += s), tty: true, columns: 80, ...io };
  const run = async (line: string) => {
    out = '';
    err = '';
    const status = await shell.run(line, base);
    return { status, out, err };
  };
  await run('docker pull alpine:3.21');
  return { engine, ws, shell, run, io: base };
}

describe('interactive container shells in the lab shell', () => {
  it('docker run -it IMAGE sh: lines go to the container, with its prompt, until exit N', async () => {
    const { shell, run, engine, ws } = await setup();
    expect(shell.prompt()).toBe('lab:/$ ');
    const start = await run('docker run -it --name box alpine:3.21 sh');
    expect(start.status).toBe(0);
    // busybox ash's default prompt for root in / (what `docker run -it alpine sh` shows).
    expect(shell.prompt()).toBe('/ # ');
    expect(shell.container?.name).toBe('box');
    expect(labContainers(engine).get('box')?.state).toBe('running');
    expect((await run('echo made > /tmp/f; cat /tmp/f')).out).toBe('made\n');
    // The write landed in the container, not the workspace.
    expect(await ws.stat('/tmp/f')).toBeNull();
    expect((await run('cd /etc')).status).toBe(0);
    expect(shell.prompt()).toBe('/etc # ');
    expect((await run('ls /etc/alpine-release')).out).toBe('/etc/alpine-release\n');
    const exit = await run('exit 3');
    expect(exit.status).toBe(3);
    expect(shell.container).toBeUndefined();
    expect(shell.prompt()).toBe('lab:/$ ');
    expect((await run('echo $?')).out).toBe('3\n');
    const c = labContainers(engine).get('box')!;
    expect(c.state).toBe('exited');
    expect(c.exitCode).toBe(3);
    expect((await run('docker diff box')).out).toBe('C /tmp\nA /tmp/f\n');
  });

  it('the rest of the line runs after the container shell exits, with its status; --rm removes the container', async () => {
    const { shell, run, engine } = await setup();
    await run('docker run -it --rm --name gone alpine:3.21 sh && echo ok || echo failed');
    expect(shell.container?.name).toBe('gone');
    const r = await run('exit 2');
    expect(r.out).toBe('failed\n');
    expect(labContainers(engine).get('gone')).toBeUndefined();
    await run('docker run -it --rm alpine:3.21 sh && echo ok || echo failed');
    expect((await run('exit')).out).toBe('ok\n');
    expect(labContainers(engine).list(true)).toHaveLength(0);
  });

  it('the prompt shows the image WORKDIR, and the workspace prompt has colours only when asked', async () => {
    const { shell, run } = await setup({ Dockerfile: 'FROM alpine:3.21\nWORKDIR /app\n' });
    expect(shell.prompt({ color: true })).toBe('\x1b[1;32mlab\x1b[0m:\x1b[1;34m/\x1b[0m$ ');
    expect((await run('docker build -q -t w .')).status).toBe(0);
    await run('docker run -it w sh');
    expect(shell.prompt()).toBe('/app # ');
    expect(shell.prompt({ color: true })).toBe('/app # ');
    expect((await run('pwd')).out).toBe('/app\n');
    await run('exit');
    await run('mkdir sub && cd sub');
    expect(shell.prompt()).toBe('lab:/sub$ ');
  });

  it('docker exec -it C sh: exiting ends the exec, not the container, and its writes stay in the container', async () => {
    const { shell, run, engine } = await setup();
    expect((await run('docker run -dit --name bg alpine:3.21 sh')).status).toBe(0);
    expect(labContainers(engine).get('bg')?.state).toBe('running');
    await run('docker exec -it bg sh');
    expect(shell.container).toMatchObject({ name: 'bg', tty: true, main: false });
    await run('touch /by-exec');
    expect((await run('false')).status).toBe(1);
    expect((await run('exit')).status).toBe(1);
    expect(shell.container).toBeUndefined();
    expect(labContainers(engine).get('bg')?.state).toBe('running');
    expect((await run('docker diff bg')).out).toBe('A /by-exec\n');
  });

  it('-i without -t: no prompt, no completion; end of input closes the shell with its last status', async () => {
    const { shell, run, io, engine } = await setup();
    await run('docker run -i --name plain alpine:3.21 sh');
    expect(shell.container).toMatchObject({ name: 'plain', tty: false, main: true });
    expect(shell.prompt()).toBe('');
    expect((await shell.complete('ls /et', 6)).candidates).toEqual([]);
    expect((await run('ls /')).out).toContain('etc\n');
    await run('false');
    expect(await shell.endInput(io)).toBe(1);
    expect(shell.container).toBeUndefined();
    expect(labContainers(engine).get('plain')?.exitCode).toBe(1);
    // Without a container shell, end of input changes nothing.
    expect(await shell.endInput(io)).toBe(1);
  });

  it('Ctrl-D (end of input) in a terminal session exits like `exit`', async () => {
    const { shell, run, io } = await setup();
    await run('docker run -it alpine:3.21 sh');
    await run('true');
    expect(await shell.endInput(io)).toBe(0);
    expect(shell.prompt()).toBe('lab:/$ ');
  });

  it('follows docker: -it needs terminal input; -t alone does not', async () => {
    const { run, shell } = await setup({}, { stdinTty: false, tty: false });
    const r = await run('docker run -it alpine:3.21 sh');
    expect(r.err).toBe('the input device is not a TTY\n');
    expect(r.status).toBe(1);
    expect(shell.container).toBeUndefined();
    const t = await run('docker run -t alpine:3.21 echo hi');
    expect(t.err).toBe('');
    expect(t.out).toBe('hi\n');
    expect(t.status).toBe(0);
    // Detached, nothing attaches: no TTY check.
    expect((await run('docker run -dit alpine:3.21 sh')).status).toBe(0);
  });

  it('tab completion inside a container completes its commands and paths, never the workspace', async () => {
    const { shell, run } = await setup({ Dockerfile: 'FROM alpine:3.21\n', 'etcetera.txt': 'x' });
    expect((await shell.complete('cat Dock', 8)).candidates).toEqual(['Dockerfile']);
    await run('docker run -it alpine:3.21 sh');
    expect((await shell.complete('cat Dock', 8)).candidates).toEqual([]);
    // In the container's / : its etc/, not the workspace's etcetera.txt.
    expect((await shell.complete('cat et', 6)).candidates).toEqual(['etc/']);
    expect((await shell.complete('ls /et', 6))).toEqual({ start: 3, candidates: ['/etc/'] });
    expect((await shell.complete('cat /etc/alpine-r', 17)).candidates).toEqual(['/etc/alpine-release']);
    await run('cd /etc');
    expect((await shell.complete('cat alpine-r', 12)).candidates).toEqual(['alpine-release']);
    // Command names come from the container's PATH (busybox's applets), not the lab's commands.
    const cmds = (await shell.complete('wh', 2)).candidates;
    expect(cmds).toContain('which');
    expect((await shell.complete('dock', 4)).candidates).toEqual([]);
    await run('exit');
    expect((await shell.complete('dock', 4)).candidates).toEqual(['docker']);
  });

  it('docker start -ai restarts an exited interactive container\'s shell over its own writable layer', async () => {
    const { shell, run, engine } = await setup();
    await run('docker run -it --name box alpine:3.21 sh');
    await run('cd /tmp && echo kept > note');
    await run('exit 2');
    expect(labContainers(engine).get('box')?.exitCode).toBe(2);
    expect((await run('docker start -ai box other')).err).toBe('you cannot start and attach multiple containers at once\n');
    expect((await run('docker start -ai box')).status).toBe(0);
    expect(labContainers(engine).get('box')?.state).toBe('running');
    // A new shell: back in the working directory, with the file the first one wrote.
    expect(shell.prompt()).toBe('/ # ');
    expect((await run('cat /tmp/note')).out).toBe('kept\n');
    expect((await run('exit 0')).status).toBe(0);
    expect(labContainers(engine).get('box')).toMatchObject({ state: 'exited', exitCode: 0 });
  });

  it('`cmd; exit N` on one line runs cmd, then leaves the container with N', async () => {
    const { shell, run } = await setup();
    await run('docker run -it alpine:3.21 sh');
    const r = await run('echo bye; exit 7');
    expect(r.out).toBe('bye\n');
    expect(r.status).toBe(7);
    expect(shell.container).toBeUndefined();
    await run('docker run -it alpine:3.21 sh');
    // Without N, exit keeps the status of the command before it.
    expect((await run('false; exit')).status).toBe(1);
    expect(shell.container).toBeUndefined();
    // A quoted "; exit" is text, not a command.
    await run('docker run -it alpine:3.21 sh');
    expect((await run('echo "a; exit"')).out).toBe('a; exit\n');
    expect(shell.container).toBeDefined();
  });
});
