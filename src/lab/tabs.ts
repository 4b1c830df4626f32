// Several tabs of the lab never write at the same time. The tab holding the Web Lock
// "layerlab-owner" owns the stored workspace; another tab is read-only until it takes over. Taking
// over asks the owner (over a BroadcastChannel, else a localStorage message) to save and let go of
// the lock. Where the browser has no Web Locks, the lock is a lease in localStorage (tab-lease.ts).

import { storageLease, type LockManagerLike } from './tab-lease.ts';

export type { LockManagerLike };

export type TabRole = 'owner' | 'readonly';

export interface TabCoordinator {
  readonly role: TabRole;
  /** Asks the owning tab to let go, then waits for the lock. Resolves once this tab owns the lab. */
  takeOver(): Promise<void>;
  /**
   * Called when another tab took over; `release` must be called once this tab has saved. `lapsed` is
   * true when a lease ran out unasked (this tab slept): the other tab owns the data already, so this
   * one must not save.
   */
  onLost(handler: (release: () => void, lapsed: boolean) => void): void;
  /** Called when a read-only tab can take over without asking (the owner closed). */
  onAvailable(handler: () => void): void;
  dispose(): void;
}

const LOCK_BASE = 'layerlab-owner';
const CHANNEL = 'layerlab-tabs';
const TAKE_OVER_KEY = 'layerlab:take-over';

function locks(): LockManagerLike | undefined {
  return (globalThis.navigator as Navigator & { locks?: LockManagerLike } | undefined)?.locks;
}

/**
 * `storageKey` names a separate store (an embed's `storage-key`): its tabs coordinate among themselves,
 * so two embeds on one page are both owners of their own work.
 */
export async function coordinateTabs(storageKey?: string): Promise<TabCoordinator> {
  let store: Storage | null = null;
  try {
    store = localStorage;
  } catch {
    /* no localStorage either: each tab works on its own */
  }
  const suffix = storageKey ? `:${storageKey}` : '';
  const LOCK = LOCK_BASE + suffix;
  const takeOverKey = TAKE_OVER_KEY + suffix;
  // A lease can lapse while its tab sleeps; the tab that took it is then the owner, this one not.
  const lm = locks() ?? (store ? storageLease(store, () => lostHere(true)) : undefined);
  const channel = typeof BroadcastChannel !== 'undefined' ? new BroadcastChannel(CHANNEL + suffix) : null;
  let lostHandler: ((release: () => void, lapsed: boolean) => void) | null = null;
  let availableHandler: (() => void) | null = null;
  let releaseLock: (() => void) | null = null;
  let role: TabRole = 'owner';
  let disposed = false;

  const hold = (): Promise<boolean> =>
    new Promise<boolean>((resolveAcquired) => {
      if (!lm) {
        resolveAcquired(true);
        return;
      }
      lm.request(LOCK, { ifAvailable: true }, async (lock) => {
        if (!lock) {
          resolveAcquired(false);
          return;
        }
        resolveAcquired(true);
        await new Promise<void>((release) => {
          releaseLock = release;
        });
      }).catch(() => resolveAcquired(true));
      // Web Locks refuse an opaque origin (an iframe sandboxed without allow-same-origin). Such a tab has
      // no shared storage to protect, so it owns its own in-memory lab.
    });

  const owned = await hold();
  role = owned ? 'owner' : 'readonly';

  // A read-only tab queues for the lock: it gets it when the owner lets go (take-over) or closes.
  let ownedWaiters: (() => void)[] = [];
  const watchForFree = () => {
    if (!lm || role === 'owner') return;
    lm.request(LOCK, async () => {
      if (disposed) return;
      role = 'owner';
      const waiters = ownedWaiters;
      ownedWaiters = [];
      for (const w of waiters) w();
      if (waiters.length === 0) availableHandler?.();
      await new Promise<void>((release) => {
        releaseLock = release;
      });
    }).catch(() => undefined);
  };
  watchForFree();

  function lostHere(lapsed: boolean): void {
    if (role !== 'owner') return;
    role = 'readonly';
    const release = () => {
      releaseLock?.();
      releaseLock = null;
      watchForFree();
    };
    if (lostHandler) lostHandler(release, lapsed);
    else release();
  }
  channel?.addEventListener('message', (ev: MessageEvent) => {
    if ((ev.data as { type?: string } | null)?.type === 'take-over') lostHere(false);
  });
  if (!channel) addEventListener('storage', (e) => e.key === takeOverKey && lostHere(false));

  return {
    get role() {
      return role;
    },
    async takeOver() {
      if (role === 'owner') return;
      if (!lm) {
        role = 'owner';
        return;
      }
      const owned = new Promise<void>((resolve) => ownedWaiters.push(resolve));
      if (channel) channel.postMessage({ type: 'take-over' });
      else store?.setItem(takeOverKey, String(Date.now()));
      await owned;
    },
    onLost(handler) {
      lostHandler = handler;
    },
    onAvailable(handler) {
      availableHandler = handler;
    },
    dispose() {
      disposed = true;
      releaseLock?.();
      channel?.close();
    },
  };
}
