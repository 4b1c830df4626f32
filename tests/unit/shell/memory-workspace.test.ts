import { describe, expect, it } from 'vitest';
import { MemoryWorkspace, createMemoryWorkspace, workspacePath } from '../../../src/workspace/memory.ts';
import { WorkspaceError } from '../../../src/workspace/types.ts';

const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe('MemoryWorkspace', () => {
  it('treats relative and absolute paths alike and never climbs above the root', () => {
    expect(workspacePath('src/../a//b/./c')).toBe('/a/b/c');
    expect(workspacePath('../../x')).toBe('/x');
  });

  it('creates parents for the sample files and reads them back', async () => {
    const ws = await createMemoryWorkspace({ 'src/a/b.txt': 'b', 'top.txt': 't' });
    expect(await ws.readdir('/')).toEqual(['src', 'top.txt']);
    expect(text(await ws.readFile('src/a/b.txt'))).toBe('b');
    expect((await ws.stat('/src/a'))!.type).toBe('dir');
  });

  it('raises errno-style errors', async () => {
    const ws = await createMemoryWorkspace({ 'd/f.txt': 'x' });
    const code = async (p: Promise<unknown>) => {
      try {
        await p;
        return 'ok';
      } catch (e) {
        return e instanceof WorkspaceError ? e.code : 'other';
      }
    };
    expect(await code(ws.readFile('/nope'))).toBe('ENOENT');
    expect(await code(ws.readFile('/d'))).toBe('EISDIR');
    expect(await code(ws.remove('/d'))).toBe('ENOTEMPTY');
    expect(await code(ws.mkdir('/d'))).toBe('EEXIST');
    expect(await code(ws.writeFile('/missing/x.txt', 'x'))).toBe('ENOENT');
    expect(await code(ws.readdir('/d/f.txt'))).toBe('ENOTDIR');
    expect(await code(ws.rename('/d', '/d/inner'))).toBe('EINVAL');
  });

  it('rename moves whole trees; remove recursive deletes them', async () => {
    const ws = await createMemoryWorkspace({ 'a/b/c.txt': 'c' });
    await ws.rename('/a', '/z');
    expect(text(await ws.readFile('/z/b/c.txt'))).toBe('c');
    expect(await ws.stat('/a')).toBeNull();
    await ws.remove('/z', { recursive: true });
    expect(await ws.readdir('/')).toEqual([]);
  });

  it('touch changes only mtime or creates an empty file; chmod keeps permission bits only', async () => {
    let clock = 1000;
    const ws = new MemoryWorkspace({ now: () => clock });
    await ws.writeFile('/f', 'data');
    clock = 5000;
    await ws.touch('/f', 9000);
    expect(await ws.stat('/f')).toEqual({ type: 'file', mode: 0o644, size: 4, mtimeMs: 9000 });
    await ws.touch('/new', 7000);
    expect(await ws.stat('/new')).toEqual({ type: 'file', mode: 0o644, size: 0, mtimeMs: 7000 });
    await ws.chmod('/f', 0o100755);
    expect((await ws.stat('/f'))!.mode).toBe(0o755);
  });

  it('writeFile keeps an existing file\'s mode unless told otherwise', async () => {
    const ws = await createMemoryWorkspace({ 'run.sh': 'a' });
    await ws.chmod('/run.sh', 0o755);
    await ws.writeFile('/run.sh', 'b');
    expect((await ws.stat('/run.sh'))!.mode).toBe(0o755);
    await ws.writeFile('/run.sh', 'c', { mode: 0o600 });
    expect((await ws.stat('/run.sh'))!.mode).toBe(0o600);
  });
});
