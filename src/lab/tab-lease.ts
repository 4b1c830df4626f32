// The owner lock of lab tabs where the browser has no Web Locks (tabs.ts): a lease in localStorage,
// offered with the part of the Web Locks API that tabs.ts uses. Its holder renews it every two seconds;
// a tab takes it only when it is free or has not been renewed for ten seconds (its tab closed or
// slept), and a holder that sees another tab's lease (a `storage` event, which reaches sleeping tabs
// too) has lost it: `onLapsed` is called, and it stops owning at once.

/** The part of the Web Locks API (`navigator.locks`) that tabs.ts uses. */
export interface LockManagerLike {
  request(name: string, options: { ifAvailable?: boolean; mode?: 'exclusive' }, cb: (lock: unknown) => Promise<unknown>): Promise<unknown>;
  request(name: string, cb: (lock: unknown) => Promise<unknown>): Promise<unknown>;
}

export const LEASE_KEY = 'layerlab:owner-lease';
const RENEW_MS = 2000;
const EXPIRES_MS = 10_000;

export function storageLease(store: Storage, onLapsed: () => void): LockManagerLike {
  const me = Math.random().toString(36).slice(2);
  let renew: ReturnType<typeof setInterval> | undefined;
  const read = (): { id?: string; at?: number } => {
    try {
      return JSON.parse(store.getItem(LEASE_KEY)!) ?? {};
    } catch {
      return {};
    }
  };
  const write = (): void => {
    try {
      store.setItem(LEASE_KEY, JSON.stringify({ id: me, at: Date.now() }));
    } catch {
      /* a full localStorage: the lease lapses, and another tab may take it */
    }
  };
  const release = (): void => {
    clearInterval(renew);
    if (renew && read().id === me) store.removeItem(LEASE_KEY);
    renew = undefined;
  };
  const tryTake = async (): Promise<boolean> => {
    const l = read();
    if (l.id && l.id !== me && Date.now() - (l.at ?? 0) < EXPIRES_MS) return false;
    write();
    // Two tabs may write at once: a moment later, the lease holds the id of the one that won.
    await new Promise((r) => setTimeout(r, 60));
    if (read().id !== me) return false;
    renew = setInterval(write, RENEW_MS);
    return true;
  };
  // Waits in line: asks again when the lease changes (its holder let go) and every renewal period (it lapsed).
  const take = (): Promise<void> =>
    new Promise((resolve) => {
      const attempt = async (): Promise<void> => {
        if (renew || !(await tryTake())) return;
        removeEventListener('storage', attempt);
        clearInterval(poll);
        resolve();
      };
      addEventListener('storage', attempt);
      const poll = setInterval(attempt, RENEW_MS);
      void attempt();
    });
  addEventListener('storage', (e) => {
    if (!renew || e.key !== LEASE_KEY || read().id === me) return;
    clearInterval(renew);
    renew = undefined;
    onLapsed();
  });
  addEventListener('pagehide', release);
  return {
    async request(_name: string, a: unknown, b?: (lock: unknown) => Promise<unknown>): Promise<unknown> {
      const cb = (b ?? a) as (lock: unknown) => Promise<unknown>;
      const got = b ? await tryTake() : (await take(), true);
      try {
        return await cb(got ? {} : null);
      } finally {
        if (got) release();
      }
    },
  } as LockManagerLike;
}
