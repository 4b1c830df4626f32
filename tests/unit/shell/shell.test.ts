import { describe, expect, it } from 'vitest';
import { createLabShell } from '../../../src/shell/index.ts';
import { createLabEngine } from '../../../src/engine/index.ts';
import { createMemoryWorkspace } from '../../../src/workspace/memory.ts';
import { parseCommandLine, ShellSyntaxError, isIncomplete } from '../../../src/shell/parse.ts';
import { applyChmod } from '../../../src/engine/fs/index.ts';

async function setup(files: Record<string, string> = { 'a.txt': 'alpha\n', 'src/index.js': 'x\n' }) {
  const ws = await createMemoryWorkspace(files);
  const shell = createLabShell({ workspace: ws, engine: createLabEngine() });
  const run = async (line: string, tty = false) => {
    let out = '';
    let err = '';
    const status = await shell.run(line, { stdout: (s) => (out += s), stderr: (s) => (err += s), tty, columns: 80 });
    return { status, out, err };
  };
  return { ws, shell, run };
}

describe('command-line parsing', () => {
  it('splits quoted words, keeping spaces inside quotes and removing the quotes', () => {
    const [cmd] = parseCommandLine(`echo 'a  b' "c $X d" e\\ f`, (n) => (n === 'X' ? 'x' : undefined));
    expect(cmd!.argv).toEqual(['echo', 'a  b', 'c x d', 'e f']);
  });

  it('keeps $ literal inside single quotes and expands $? inside double quotes', () => {
    const [cmd] = parseCommandLine(`echo '$HOME' "$?"`, (n) => (n === '?' ? '3' : '/h'));
    expect(cmd!.argv).toEqual(['echo', '$HOME', '3']);
  });

  it('joins commands with ;, && and || and records redirections', () => {
    const cmds = parseCommandLine('a; b && c > out.txt || d >> log', () => undefined);
    expect(cmds.map((c) => [c.argv[0], c.connector])).toEqual([
      ['a', ';'],
      ['b', ';'],
      ['c', '&&'],
      ['d', '||'],
    ]);
    expect(cmds[2]!.redirects).toEqual([{ fd: 1, append: false, target: 'out.txt' }]);
    expect(cmds[3]!.redirects).toEqual([{ fd: 1, append: true, target: 'log' }]);
  });

  it('reports pipes as unsupported rather than misreading them', () => {
    expect(() => parseCommandLine('ls | wc', () => undefined)).toThrow(ShellSyntaxError);
    expect(() => parseCommandLine('ls | wc', () => undefined)).toThrow(/pipes/);
  });

  it('knows when a command continues on the next line', () => {
    expect(isIncomplete("echo 'abc")).toBe(true);
    expect(isIncomplete('echo a &&')).toBe(true);
    expect(isIncomplete('echo a')).toBe(false);
  });
});

describe('file commands over the workspace', () => {
  it('writes and appends with > and >>, then cats the file', async () => {
    const { run } = await setup();
    expect((await run('echo one > f.txt && echo two >> f.txt')).status).toBe(0);
    expect((await run('cat f.txt')).out).toBe('one\ntwo\n');
  });

  it('runs the right side of && only on success and of || only on failure', async () => {
    const { run } = await setup();
    const r = await run('cat missing && echo yes || echo no');
    expect(r.out).toBe('no\n');
    expect(r.err).toBe('cat: missing: No such file or directory\n');
  });

  it('returns 127 for an unknown command with a shell-style message', async () => {
    const { run } = await setup();
    const r = await run('frobnicate');
    expect(r.status).toBe(127);
    expect(r.err).toBe('frobnicate: command not found\n');
  });

  it('mkdir -p, cd, pwd and relative paths work together', async () => {
    const { run, ws } = await setup();
    await run('mkdir -p a/b/c && cd a/b && touch new.txt && pwd');
    expect(await ws.stat('/a/b/new.txt')).not.toBeNull();
    expect((await run('pwd')).out).toBe('/a/b\n');
    expect((await run('cd ../..; ls')).out).toBe('a\na.txt\nsrc\n');
  });

  it('mv renames and moves into directories; cp -r copies trees; rm -r removes them', async () => {
    const { run, ws } = await setup();
    await run('mv a.txt b.txt && mkdir d && mv b.txt d');
    expect(await ws.stat('/d/b.txt')).not.toBeNull();
    expect(await ws.stat('/b.txt')).toBeNull();
    await run('cp -r src copy');
    expect(new TextDecoder().decode(await ws.readFile('/copy/index.js'))).toBe('x\n');
    expect((await run('cp src nowhere')).err).toBe("cp: -r not specified; omitting directory 'src'\n");
    expect((await run('rm src')).err).toBe("rm: cannot remove 'src': Is a directory\n");
    await run('rm -r src');
    expect(await ws.stat('/src')).toBeNull();
  });

  it('touch changes only the modification time; chmod +x sets the exec bits', async () => {
    const { run, ws } = await setup();
    const before = (await ws.stat('/a.txt'))!;
    await run('touch a.txt');
    const after = (await ws.stat('/a.txt'))!;
    expect(after.mtimeMs).toBeGreaterThan(before.mtimeMs);
    expect(after.size).toBe(before.size);
    expect(after.mode).toBe(before.mode);
    await run('chmod +x a.txt');
    expect((await ws.stat('/a.txt'))!.mode).toBe(0o755);
  });

  it('ls -l prints permission strings and sizes', async () => {
    const { run } = await setup();
    const r = await run('ls -l a.txt');
    expect(r.out).toMatch(/^-rw-r--r-- 1 root root 6 \w{3} [ \d]\d \d\d:\d\d a\.txt\n$/);
  });

  it('help lists the commands and says how to get more', async () => {
    const { run } = await setup();
    const r = await run('help');
    for (const name of ['ls', 'cat', 'docker build', 'docker images', 'docker history', 'docker rmi']) expect(r.out).toContain(name);
    // The toy world's simplification is said in plain words.
    expect(r.out).toContain('install from the lab\u2019s toy package index: no real network is used.');
  });
});

describe('chmod modes', () => {
  it('applies octal and symbolic modes like chmod(1)', () => {
    expect(applyChmod('755', 0o644, false, { flavor: 'gnu' })).toBe(0o755);
    expect(applyChmod('+x', 0o644, false, { flavor: 'gnu' })).toBe(0o755);
    expect(applyChmod('u+x', 0o644, false, { flavor: 'gnu' })).toBe(0o744);
    expect(applyChmod('go-r', 0o644, false, { flavor: 'gnu' })).toBe(0o600);
    expect(applyChmod('a=r', 0o755, false, { flavor: 'gnu' })).toBe(0o444);
    expect(applyChmod('bogus', 0o644, false, { flavor: 'gnu' })).toBeUndefined();
  });
});

describe('completion', () => {
  it('completes command names, docker subcommands, flags and paths', async () => {
    const { shell } = await setup();
    expect((await shell.complete('ca', 2)).candidates).toContain('cat');
    const sub = await shell.complete('docker bu', 9);
    expect(sub.start).toBe(7);
    expect(sub.candidates).toEqual(expect.arrayContaining(['build', 'builder']));
    expect((await shell.complete('docker build --no', 17)).candidates).toContain('--no-cache');
    expect((await shell.complete('cat sr', 6)).candidates).toEqual(['src/']);
    expect((await shell.complete('cat src/i', 9)).candidates).toEqual(['src/index.js']);
  });
});

describe('tty', () => {
  it('non-tty output of file commands has no ANSI escapes', async () => {
    const { run } = await setup();
    const r = await run('ls; help; clear');
    expect(r.out).not.toMatch(/\x1b\[/);
  });
});

describe('redirection of stderr', () => {
  it('2>&1 after > f sends both streams to the file; 2> f captures errors; >&2 sends output to stderr', async () => {
    const { run, ws } = await setup();
    await run('cat a.txt missing > both.txt 2>&1');
    expect(new TextDecoder().decode(await ws.readFile('/both.txt'))).toBe('alpha\ncat: missing: No such file or directory\n');
    const r = await run('cat missing 2> err.txt');
    expect(r.err).toBe('');
    expect(new TextDecoder().decode(await ws.readFile('/err.txt'))).toBe('cat: missing: No such file or directory\n');
    const e = await run('echo oops >&2');
    expect(e.out).toBe('');
    expect(e.err).toBe('oops\n');
  });
});
