// The lab shell's chmod, cp, mv and rm over the semantics it shares with a container's shell
// (src/engine/fs), in GNU coreutils' words. Where the two shells used to disagree (s and t
// modes, the umask, -R, . and ..), the expected values come from GNU coreutils: gnulib
// lib/modechange.c, src/chmod.c, src/copy.c ("are the same file", "into itself") and src/remove.c.
import { describe, expect, it } from 'vitest';
import { createLabShell } from '../../../src/shell/index.ts';
import { createLabEngine } from '../../../src/engine/index.ts';
import { createMemoryWorkspace } from '../../../src/workspace/memory.ts';

async function setup() {
  const ws = await createMemoryWorkspace({ 'run.sh': '#!/bin/sh\n', 'src/a.js': 'a\n', 'src/lib/b.js': 'b\n' });
  const shell = createLabShell({ workspace: ws, engine: createLabEngine() });
  const run = async (line: string) => {
    let out = '';
    let err = '';
    const status = await shell.run(line, { stdout: (s) => (out += s), stderr: (s) => (err += s), tty: false, columns: 80 });
    return { status, out, err };
  };
  return { ws, run };
}

describe('chmod in the lab shell', () => {
  it('takes set-ID and sticky bits, as a container\'s chmod does', async () => {
    const { ws, run } = await setup();
    expect((await run('chmod u+s run.sh')).status).toBe(0);
    expect((await ws.stat('/run.sh'))!.mode & 0o7777).toBe(0o4644);
    expect((await run('ls -l run.sh')).out).toMatch(/^-rwSr--r-- /);
  });

  it('honours the umask (022) when no who letter is given: +w on a 444 file gives 644', async () => {
    const { ws, run } = await setup();
    await run('chmod 444 run.sh');
    await run('chmod +w run.sh');
    expect((await ws.stat('/run.sh'))!.mode & 0o7777).toBe(0o644);
  });

  it('-R changes the folder and everything under it; a mode may start with -', async () => {
    const { ws, run } = await setup();
    expect((await run('chmod -R +x src')).status).toBe(0);
    expect((await ws.stat('/src/lib/b.js'))!.mode & 0o777).toBe(0o755);
    expect((await run('chmod -x src/a.js')).status).toBe(0);
    expect((await ws.stat('/src/a.js'))!.mode & 0o777).toBe(0o644);
  });

  it('an invalid mode is refused', async () => {
    const { run } = await setup();
    const r = await run('chmod u+q run.sh');
    expect(r.err).toBe("chmod: invalid mode: 'u+q'\n");
    expect(r.status).toBe(1);
  });
});

describe('cp, mv and rm in the lab shell', () => {
  it('cp names the target it built (DEST/NAME) when it is the source itself', async () => {
    const { run } = await setup();
    const r = await run('cp run.sh .');
    expect(r.err).toBe("cp: 'run.sh' and './run.sh' are the same file\n");
    expect(r.status).toBe(1);
  });

  it('cp and mv refuse to put a folder inside itself, in GNU\'s words for each', async () => {
    const { run } = await setup();
    const c = await run('cp -r src src/lib');
    expect(c.err).toBe("cp: cannot copy a directory, 'src', into itself, 'src/lib/src'\n");
    const m = await run('mv src src/lib');
    expect(m.err).toBe("mv: cannot move 'src' to a subdirectory of itself, 'src/lib/src'\n");
    expect((await run('ls src')).out).toBe('a.js\nlib\n');
  });

  it('rm -r refuses . and .. as GNU rm does', async () => {
    const { run } = await setup();
    await run('cd src');
    const r = await run('rm -r . ..');
    expect(r.err).toBe("rm: refusing to remove '.' or '..' directory: skipping '.'\nrm: refusing to remove '.' or '..' directory: skipping '..'\n");
    expect(r.status).toBe(1);
  });

  it('an unknown long option is named as GNU getopt names it', async () => {
    const { run } = await setup();
    expect((await run('rm --bogus run.sh')).err).toBe("rm: unrecognized option '--bogus'\n");
    expect((await run('rm -5 run.sh')).err).toBe("rm: invalid option -- '5'\n");
  });
});
