// Stands in for `diff3` in the browser build (aliased in src/lab/tools/vite-shims.ts). isomorphic-git
// imports it for three-way merges of file contents (merge, cherry-pick, stash), none of which the lab
// imports (src/workspace/git-api.ts). Being CommonJS, the real package stayed in the bundle (1.6 KB
// gzipped) although nothing could call it. Node keeps the real package.

export default function diff3Merge(): never {
  throw new Error('three-way merges are not part of the lab');
}
