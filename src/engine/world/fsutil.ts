// Small helpers over the immutable fs tree, shared by root-filesystem builders, package installs
// and the shell. Paths are resolved through symlinked directories (usr-merge's /bin -> usr/bin).
import {
  DEFAULT_MTIME, contentText, dirname, emptyDir, fileNode, generatedContent, getNode, resolvePath, setNode, statNode, symlinkNode, textContent,
  type Content, type DirNode, type FsNode, type GeneratedContent,
} from '../fs/index.ts';

export interface Owner {
  uid: number;
  gid: number;
}

const ROOT: Owner = { uid: 0, gid: 0 };

/** The real location of `path` with every directory component's symlinks followed (the last one is kept). */
export function realParent(root: DirNode, path: string): string {
  const dir = resolvePath(root, dirname(path), true);
  const name = path.split('/').filter(Boolean).pop() ?? '';
  return dir === '/' ? `/${name}` : `${dir}/${name}`;
}

/** Creates `path` and any missing parents as directories (mkdir -p). */
export function mkdirs(root: DirNode, path: string, mode = 0o755, owner: Owner = ROOT, mtime = DEFAULT_MTIME): DirNode {
  const parts = path.split('/').filter(Boolean);
  let cur = '';
  for (const part of parts) {
    cur = realParent(root, `${cur}/${part}`);
    const node = statNode(root, cur);
    if (node?.type === 'dir') {
      cur = resolvePath(root, cur, true);
      continue;
    }
    root = setNode(root, cur, { ...emptyDir({ mode, ...owner, mtime }) });
  }
  return root;
}

export function putNode(root: DirNode, path: string, node: FsNode): DirNode {
  root = mkdirs(root, dirname(path));
  const real = realParent(root, path);
  const existing = getNode(root, real);
  if (existing?.type === 'dir' && node.type === 'dir') return setNode(root, real, { ...node, entries: existing.entries });
  return setNode(root, real, node);
}

export function putText(root: DirNode, path: string, text: string, mode = 0o644, owner: Owner = ROOT): DirNode {
  return putNode(root, path, fileNode(textContent(text), { mode, ...owner }));
}

/** Source and text files compress about 4x (like real .py/.go/.js/.h files); binaries about 2.3x. */
const TEXT_FILE = /\.(py|pyi|go|js|mjs|cjs|ts|h|hpp|pm|pl|vim|txt|md|json|html|css|sh|rb|c|cc|s|mod|sum|sample|crt|pem|1|conf)$/;

export function bulkContent(seed: string, size: number, path: string): GeneratedContent {
  return TEXT_FILE.test(path) ? generatedContent(seed, size, 0.8) : generatedContent(seed, size);
}

export function putBulk(root: DirNode, path: string, size: number, mode = 0o755, owner: Owner = ROOT, seed = path): DirNode {
  return putNode(root, path, fileNode(bulkContent(seed, size, path), { mode, ...owner }));
}

export function putContent(root: DirNode, path: string, content: Content, mode = 0o644, owner: Owner = ROOT): DirNode {
  return putNode(root, path, fileNode(content, { mode, ...owner }));
}

export function putLink(root: DirNode, path: string, target: string, owner: Owner = ROOT): DirNode {
  return putNode(root, path, symlinkNode(target, owner));
}

/** The text of a regular file (following symlinks), or undefined when it is missing or not a file. */
export function readText(root: DirNode, path: string): string | undefined {
  try {
    const node = statNode(root, path);
    return node?.type === 'file' ? contentText(node.content) : undefined;
  } catch {
    return undefined;
  }
}

export function appendText(root: DirNode, path: string, text: string, mode = 0o644): DirNode {
  return putText(root, path, (readText(root, path) ?? '') + text, mode);
}

export function exists(root: DirNode, path: string): boolean {
  try {
    return statNode(root, path) !== undefined;
  } catch {
    return false;
  }
}
