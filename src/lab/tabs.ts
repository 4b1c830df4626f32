// Several tabs of the lab never write at the same time. The tab holding the Web Lock
// "layerlab-owner" owns the stored workspace; another tab is read-only until it takes over. Taking
// over asks the owner (over a BroadcastChannel) to save and let go of the lock.

export type TabRole = 'owner' | 'readonly';

export interface TabCoordinator {
  readonly role: TabRole;
  /** Asks the owning tab to let go, then waits for the lock. Resolves once this tab owns the lab. */
  takeOver(): Promise<void>;
  /** Called when another tab took over; `release` must be called once this tab has saved. */
  onLost(handler: (release: () => void) => void): void;
  /** Called when a read-only tab can take over without asking (the owner closed). */
  onAvailable(handler: () => void): void;
  dispose(): void;
}

const LOCK_BASE = 'layerlab-owner';
const CHANNEL = 'layerlab-tabs';

interface LockManagerLike {
  request(name: string, options: { ifAvailable?: boolean; mode?: 'exclusive' }, cb: (lock: unknown) => Promise<unknown>): Promise<unknown>;
  request(name: string, cb: (lock: unknown) => Promise<unknown>): Promise<unknown>;
}

function locks(): LockManagerLike | undefined {
  return (globalThis.navigator as Navigator & { locks?: LockManagerLike } | undefined)?.locks;
}

/**
 * `storageKey` names a separate store (an embed's `storage-key`): its tabs coordinate among themselves,
 * so two embeds on one page are both owners of their own work.
 */
export async function coordinateTabs(storageKey?: string): Promise<TabCoordinator> {
  const lm = locks();
  const LOCK = storageKey ? `${LOCK_BASE}:${storageKey}` : LOCK_BASE;
  const channel = typeof BroadcastChannel !== 'undefined' ? new BroadcastChannel(storageKey ? `${CHANNEL}:${storageKey}` : CHANNEL) : null;
  let lostHandler: ((release: () => void) => void) | null = null;
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

  channel?.addEventListener('message', (ev: MessageEvent) => {
    const msg = ev.data as { type?: string } | null;
    if (msg?.type === 'take-over' && role === 'owner') {
      role = 'readonly';
      const release = () => {
        releaseLock?.();
        releaseLock = null;
        channel.postMessage({ type: 'released' });
        watchForFree();
      };
      if (lostHandler) lostHandler(release);
      else release();
    }
  });

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
      channel?.postMessage({ type: 'take-over' });
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
