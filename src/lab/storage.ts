// Where the lab keeps its state. In the browser: a small IndexedDB key-value store (engine state,
// history, which workspace is open) and the workspaces' files, one record per path. When
// IndexedDB is missing or fails, the lab says so and keeps everything in memory.

// The lab's core (in its Worker) opens the whole storage (openBrowserStorage); the page only needs
// the key-value store (openPageStorage), so it does not load the workspace filesystems.
import { MemFs, type PromiseFs } from '../workspace/memfs.ts';
import { PersistentFs } from './idb-fs.ts';
import { FILES_STORE, KV_STORE as STORE } from './idb-stores.ts';

export interface KeyValueStore {
  get<T>(key: string): Promise<T | undefined>;
  /** Resolves only once the value is durably written (the transaction completed). */
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
}

/** What the page keeps: its own choices (which workspace is open), and whether the lab can save at all. */
export interface PageStorage {
  readonly kind: 'indexeddb' | 'memory';
  /** Why the lab runs in memory, in words for the learner (only for kind 'memory'). */
  readonly reason?: string;
  readonly kv: KeyValueStore;
}

export interface LabStorage extends PageStorage {
  /** A filesystem for one workspace's working tree and repository. */
  openFs(workspaceId: string): Promise<PromiseFs>;
  /** Deletes a workspace's files. */
  dropFs(workspaceId: string): Promise<void>;
}

export class MemoryKeyValueStore implements KeyValueStore {
  private map = new Map<string, unknown>();
  async get<T>(key: string): Promise<T | undefined> {
    return structuredClone(this.map.get(key)) as T | undefined;
  }
  async set(key: string, value: unknown): Promise<void> {
    this.map.set(key, structuredClone(value));
  }
  async delete(key: string): Promise<void> {
    this.map.delete(key);
  }
}

export function memoryStorage(reason?: string): LabStorage {
  const fss = new Map<string, MemFs>();
  return {
    kind: 'memory',
    reason,
    kv: new MemoryKeyValueStore(),
    async openFs(id) {
      let fs = fss.get(id);
      if (!fs) {
        fs = new MemFs();
        fss.set(id, fs);
      }
      return fs;
    },
    async dropFs(id) {
      fss.delete(id);
    },
  };
}

const DB_NAME = 'layerlab';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function openDb(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    if (typeof indexedDB === 'undefined') {
      reject(new Error('this browser offers no IndexedDB'));
      return;
    }
    const req = indexedDB.open(name, 2);
    req.onupgradeneeded = () => {
      if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE);
      if (!req.result.objectStoreNames.contains(FILES_STORE)) req.result.createObjectStore(FILES_STORE);
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB could not be opened'));
    req.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
  });
}

class IdbKeyValueStore implements KeyValueStore {
  private db: IDBDatabase;
  constructor(db: IDBDatabase) {
    this.db = db;
  }
  async get<T>(key: string): Promise<T | undefined> {
    const tx = this.db.transaction(STORE, 'readonly');
    return (await request(tx.objectStore(STORE).get(key))) as T | undefined;
  }
  set(key: string, value: unknown): Promise<void> {
    return new Promise((resolve, reject) => {
      const tx = this.db.transaction(STORE, 'readwrite', { durability: 'strict' });
      tx.objectStore(STORE).put(value, key);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error ?? new Error('the write was aborted'));
    });
  }
  delete(key: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const tx = this.db.transaction(STORE, 'readwrite');
      tx.objectStore(STORE).delete(key);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
  }
}

/** Describes a storage failure in plain words. */
export function storageProblem(err: unknown): string {
  const name = (err as { name?: string } | null)?.name;
  if (name === 'QuotaExceededError') return 'the browser storage for this site is full';
  // An iframe sandboxed without allow-same-origin has an opaque origin, which may store nothing.
  if (name === 'SecurityError' && globalThis.origin === 'null') return 'the page that embeds this lab gives it no storage';
  if (name === 'InvalidStateError' || name === 'SecurityError') return 'this browser does not allow this site to store data (private browsing?)';
  return err instanceof Error ? err.message : String(err);
}

/**
 * Opens IndexedDB-backed storage, or falls back to memory with the reason. `storageKey` (an embed's
 * `storage-key`) opens a database of its own, so two embeds on one site keep separate work.
 */
export async function openBrowserStorage(storageKey?: string): Promise<LabStorage> {
  let db: IDBDatabase;
  try {
    db = await openDb(storageKey ? `${DB_NAME}:${storageKey}` : DB_NAME);
    // Prove that writes work (private modes may open the database and then refuse to write).
    const kv = new IdbKeyValueStore(db);
    await kv.set('probe', Date.now());
  } catch (err) {
    return memoryStorage(`In this tab the lab cannot save your work, because ${storageProblem(err)}. It keeps working in memory; export a .zip to keep your files.`);
  }
  const kv = new IdbKeyValueStore(db);
  return {
    kind: 'indexeddb',
    kv,
    async openFs(id) {
      return PersistentFs.open(db, `ws-${id}`);
    },
    async dropFs(id) {
      await PersistentFs.drop(db, `ws-${id}`);
    },
  };
}

/** The page's part of the storage: the key-value store of the same database, or memory with the reason. */
export async function openPageStorage(storageKey?: string): Promise<PageStorage> {
  try {
    const db = await openDb(storageKey ? `${DB_NAME}:${storageKey}` : DB_NAME);
    const kv = new IdbKeyValueStore(db);
    await kv.set('probe', Date.now());
    return { kind: 'indexeddb', kv };
  } catch (err) {
    return { kind: 'memory', kv: new MemoryKeyValueStore(), reason: `In this tab the lab cannot save your work, because ${storageProblem(err)}. It keeps working in memory; export a .zip to keep your files.` };
  }
}
