// A filesystem for one workspace that lives in memory and is written through to IndexedDB, one record
// per path. Mutations mark paths dirty; flush() stores them in a single transaction and resolves only
// when that transaction has completed, so "Saved" in the UI means the data is on disk.

import { MemFs, collectEntries, restoreEntries, type FsStats, type FsTreeNode, type PromiseFs, type ReadFileOptions, type StoredEntry } from '../workspace/memfs.ts';

import { FILES_STORE as STORE } from './idb-stores.ts';

export class PersistentFs implements PromiseFs {
  private mem = new MemFs();
  private db: IDBDatabase;
  private prefix: string;
  /** Paths whose node (and subtree) must be rewritten, or removed when gone. */
  private dirty = new Set<string>();
  private flushing: Promise<void> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Called whenever a save fails (quota, private mode…); flush() also rejects. */
  onError: ((err: unknown) => void) | null = null;

  private constructor(db: IDBDatabase, name: string) {
    this.db = db;
    this.prefix = `${name}:`;
  }

  static async open(db: IDBDatabase, name: string): Promise<PersistentFs> {
    const fs = new PersistentFs(db, name);
    const range = IDBKeyRange.bound(fs.prefix, fs.prefix + '\uffff');
    const entries = await new Promise<Array<[string, StoredEntry]>>((resolve, reject) => {
      const tx = db.transaction(STORE, 'readonly');
      const store = tx.objectStore(STORE);
      const keysReq = store.getAllKeys(range);
      const valsReq = store.getAll(range);
      tx.oncomplete = () => {
        const keys = keysReq.result as string[];
        const vals = valsReq.result as StoredEntry[];
        resolve(keys.map((k, i) => [k.slice(fs.prefix.length), vals[i]!]));
      };
      tx.onerror = () => reject(tx.error);
    });
    await restoreEntries(fs.mem, entries);
    return fs;
  }

  static upgrade(db: IDBDatabase): void {
    if (!db.objectStoreNames.contains(STORE)) db.createObjectStore(STORE);
  }

  /** Removes every record of a filesystem. */
  static async drop(db: IDBDatabase, name: string): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction(STORE, 'readwrite');
      tx.objectStore(STORE).delete(IDBKeyRange.bound(`${name}:`, `${name}:\uffff`));
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
  }

  private mark(...paths: string[]): void {
    for (const p of paths) this.dirty.add(normal(p));
    // Writes made by isomorphic-git arrive without a flush: save them shortly after, in the background.
    if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        // flush() has reported a failure through onError already.
        this.flush().catch(() => undefined);
      }, 200);
    }
  }

  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.dirty.size === 0) return;
    const paths = [...this.dirty];
    this.dirty.clear();
    const puts: Array<[string, StoredEntry]> = [];
    for (const p of paths) puts.push(...(await collectEntries(this.mem, p)));
    this.flushing = new Promise<void>((resolve, reject) => {
      const tx = this.db.transaction(STORE, 'readwrite', { durability: 'strict' });
      const store = tx.objectStore(STORE);
      for (const p of paths) {
        // The old node and its subtree go; whatever exists now is written back below.
        store.delete(this.prefix + p);
        store.delete(IDBKeyRange.bound(this.prefix + (p === '/' ? '/' : p + '/'), this.prefix + (p === '/' ? '/' : p + '/') + '\uffff'));
      }
      for (const [p, e] of puts) store.put(e, this.prefix + p);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error ?? new Error('the save was aborted'));
    });
    try {
      await this.flushing;
    } catch (err) {
      // Kept in memory and marked again, so the next save retries them.
      for (const p of paths) this.dirty.add(p);
      this.onError?.(err);
      throw err;
    } finally {
      this.flushing = null;
    }
  }

  readFile(path: string, options?: ReadFileOptions | 'utf8'): Promise<Uint8Array | string> {
    return this.mem.readFile(path, options);
  }
  readTree(path: string): Promise<FsTreeNode | null> {
    return this.mem.readTree(path);
  }
  async writeFile(path: string, data: Uint8Array | string, options?: { mode?: number; encoding?: 'utf8' } | 'utf8'): Promise<void> {
    await this.mem.writeFile(path, data, options);
    this.mark(path);
  }
  async mkdir(path: string, options?: { mode?: number }): Promise<void> {
    await this.mem.mkdir(path, options);
    this.mark(path);
  }
  async rmdir(path: string): Promise<void> {
    await this.mem.rmdir(path);
    this.mark(path);
  }
  async unlink(path: string): Promise<void> {
    await this.mem.unlink(path);
    this.mark(path);
  }
  stat(path: string): Promise<FsStats> {
    return this.mem.stat(path);
  }
  lstat(path: string): Promise<FsStats> {
    return this.mem.lstat(path);
  }
  readdir(path: string): Promise<string[]> {
    return this.mem.readdir(path);
  }
  readlink(path: string): Promise<string> {
    return this.mem.readlink(path);
  }
  async symlink(target: string, path: string): Promise<void> {
    await this.mem.symlink(target, path);
    this.mark(path);
  }
  async rename(from: string, to: string): Promise<void> {
    await this.mem.rename(from, to);
    this.mark(from, to);
  }
  async chmod(path: string, mode: number): Promise<void> {
    await this.mem.chmod(path, mode);
    this.mark(path);
  }
  async utimes(path: string, atimeMs: number, mtimeMs: number): Promise<void> {
    await this.mem.utimes(path, atimeMs, mtimeMs);
    this.mark(path);
  }
}

function normal(path: string): string {
  const parts = path.split('/').filter((p) => p && p !== '.');
  return '/' + parts.join('/');
}
