// Loads isomorphic-git on first use. isomorphic-git calls a global Buffer, which browsers lack, so
// there our own small stand-in (shims/buffer.ts) is installed before git first runs; Node has its own.

export type IsoGit = typeof import('./git-api.ts');

let loading: Promise<IsoGit> | undefined;

export function loadGit(): Promise<IsoGit> {
  loading ??= (async () => {
    const g = globalThis as { Buffer?: unknown };
    if (g.Buffer === undefined) {
      const { Buffer } = await import('./shims/buffer.ts');
      g.Buffer ??= Buffer;
    }
    return import('./git-api.ts');
  })();
  return loading;
}
