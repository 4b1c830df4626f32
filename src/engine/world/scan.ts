// Finds installed packages by reading an image's filesystem, the way SBOM scanners do: the apk
// database, the dpkg status file, npm package.json files under node_modules and pip dist-info.
import { contentText, getNode, walk, type DirNode, type FsNode } from '../fs/index.ts';
import type { ScannedPackage } from './types.ts';

function text(root: DirNode, path: string): string | undefined {
  const node = getNode(root, path);
  return node?.type === 'file' ? contentText(node.content) : undefined;
}

export function scanPackages(root: DirNode): ScannedPackage[] {
  const out: ScannedPackage[] = [];
  const apk = text(root, '/lib/apk/db/installed');
  if (apk) {
    for (const stanza of apk.split('\n\n')) {
      const name = /^P:(.*)$/m.exec(stanza)?.[1];
      const version = /^V:(.*)$/m.exec(stanza)?.[1];
      if (name && version) out.push({ manager: 'apk', name, version, path: '/lib/apk/db/installed' });
    }
  }
  const dpkg = text(root, '/var/lib/dpkg/status');
  if (dpkg) {
    for (const stanza of dpkg.split('\n\n')) {
      const name = /^Package: (.*)$/m.exec(stanza)?.[1];
      const version = /^Version: (.*)$/m.exec(stanza)?.[1];
      if (name && version && /^Status: install ok installed$/m.test(stanza)) out.push({ manager: 'apt', name, version, path: '/var/lib/dpkg/status' });
    }
  }
  for (const { path, node } of walk(root)) {
    if (node.type !== 'file') continue;
    if (path.endsWith('/package.json') && /\/node_modules\/(@[^/]+\/)?[^/]+\/package\.json$/.test(path)) {
      const pkg = parseJson(node);
      if (typeof pkg?.['name'] === 'string' && typeof pkg['version'] === 'string') out.push({ manager: 'npm', name: pkg['name'], version: pkg['version'], path });
    } else if (/\.dist-info\/METADATA$/.test(path)) {
      const meta = contentText(node.content);
      const name = /^Name: (.*)$/m.exec(meta)?.[1];
      const version = /^Version: (.*)$/m.exec(meta)?.[1];
      if (name && version) out.push({ manager: 'pip', name, version, path });
    }
  }
  return out;
}

function parseJson(node: FsNode): Record<string, unknown> | undefined {
  if (node.type !== 'file') return undefined;
  try {
    return JSON.parse(contentText(node.content)) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
