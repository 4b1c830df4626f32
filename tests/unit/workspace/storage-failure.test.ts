// A full disk must not turn a shell write into a false error (issue 13, item 8): the change is made in
// memory and is the shell's true answer; the storage's failure is reported by the storage itself
// (PersistentFs.onError in the browser), and the changes stay pending for the next save.
import { describe, expect, it } from 'vitest';
import { GitWorkspace } from '../../../src/workspace/git-workspace.ts';
import { MemFs } from '../../../src/workspace/memfs.ts';
import { createLabShell } from '../../../src/shell/index.ts';
import { createLabEngine } from '../../../src/engine/index.ts';

/** An in-memory fs whose saves fail while `full` is set, as IndexedDB does when the quota is used up. */
class FullDiskFs extends MemFs {
  full = false;
  failures = 0;
  async flush(): Promise<void> {
    if (!this.full) return;
    this.failures++;
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  }
}

describe('writes when storage is full', () => {
  it('the shell reports what happened in memory, not an error', async () => {
    const fs = new FullDiskFs();
    const ws = new GitWorkspace({ fs });
    await ws.ensureRoot();
    const shell = createLabShell({ workspace: ws, engine: createLabEngine() });
    fs.full = true;
    let err = '';
    const io = { stdout: () => undefined, stderr: (s: string) => (err += s), tty: false, columns: 80 };
    expect(await shell.run('echo hello > new.txt', io)).toBe(0);
    expect(await shell.run('mkdir -p d && echo x >> d/f.txt && mv new.txt d/ && rm d/f.txt', io)).toBe(0);
    // Before: "sh: new.txt: No such file or directory" for every write.
    expect(err).toBe('');
    expect(new TextDecoder().decode(await ws.readFile('d/new.txt'))).toBe('hello\n');
    expect(await ws.listFiles()).toEqual(['d/new.txt']);
    expect(fs.failures).toBeGreaterThanOrEqual(5);
  });
});
