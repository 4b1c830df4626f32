// The object stores of the lab's IndexedDB database, in a module of their own: the page opens the
// database (and creates them) without loading the workspace filesystem that uses the files store.
/** The lab's key-value records (engine state, history, which workspace is open). */
export const KV_STORE = 'kv';
/** The workspaces' files, one record per path (idb-fs.ts). */
export const FILES_STORE = 'files';
