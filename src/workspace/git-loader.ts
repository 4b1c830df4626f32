// Loads isomorphic-git on first use. Under Vite there is no global Buffer, and isomorphic-git needs
// one, so the `buffer` polyfill is installed before git's module is evaluated.

export type IsoGit = typeof import('./git-api.ts');

let loading: Promise<IsoGit> | undefined;

export function loadGit(): Promise<IsoGit> {
  loading ??= (async () => {
    const g = globalThis as { Buffer?: unknown };
    if (g.Buffer === undefined) {
      const { Buffer } = await import('buffer');
      g.Buffer ??= Buffer;
    }
    return import('./git-api.ts');
  })();
  return loading;
}
