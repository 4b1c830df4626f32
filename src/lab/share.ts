// "Copy link": the Dockerfile and small text files of the build context, deflated and base64url-encoded
// into the URL fragment (`#lab=…`). What comes back from a URL is validated and only ever used as text.

import { deflateSync, strToU8 } from 'fflate';
import { printableName } from '../workspace/names.ts';
import { concat } from '../engine/image/gzip.ts';

import { SHARE_PARAM } from './share-param.ts';
export { SHARE_PARAM };
/** Files larger than this are left out of a link. */
export const SHARE_MAX_FILE_BYTES = 16 * 1024;
/** The encoded fragment stays below this many characters (links longer than this break in chat tools). */
export const SHARE_MAX_FRAGMENT_CHARS = 16000;
const MAX_FILES = 64;

export interface SharedProject {
  /** Workspace-relative path → text content. */
  readonly files: Record<string, string>;
  /** Sample the project started from, when known (informational). */
  readonly preset?: string;
  /** Paths the link held that the lab did not open (a `.git` folder, unsafe names), printable. */
  readonly refused?: readonly string[];
}

export interface ShareResult {
  readonly fragment: string;
  /** Paths left out because they were too big, binary, or over the link's size budget. */
  readonly omitted: string[];
}

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function isText(data: Uint8Array): boolean {
  if (data.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(data);
    return true;
  } catch {
    return false;
  }
}

/**
 * A path is acceptable from a link or a .zip when it is relative, has no `..` or empty parts, is short,
 * and holds no control character (C0, DEL or C1: a terminal would act on them when a name is printed).
 */
export function isSafeSharedPath(path: string): boolean {
  if (path.length === 0 || path.length > 200 || path.startsWith('/') || path.includes('\\')) return false;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(path)) return false;
  return path.split('/').every((p) => p !== '' && p !== '.' && p !== '..');
}

/**
 * A path inside a `.git` folder (any part named `.git`, in any case, as git itself refuses to check
 * out: verify_path in git's read-cache.c). The lab keeps each workspace's repository itself.
 */
export function isGitPath(path: string): boolean {
  return path.split('/').some((p) => p.toLowerCase() === '.git');
}

function encode(project: SharedProject): string {
  const json = JSON.stringify({ v: 1, p: project.preset, f: project.files });
  return `${SHARE_PARAM}=${toBase64Url(deflateSync(strToU8(json), { level: 9 }))}`;
}

/**
 * Builds the fragment for the given files: the Dockerfile always (when present), then the other text
 * files from smallest to largest while the link stays within its budget.
 */
export function encodeShare(files: ReadonlyMap<string, Uint8Array>, preset?: string): ShareResult {
  const omitted: string[] = [];
  const chosen: Record<string, string> = {};
  const candidates = [...files.entries()].sort(([a, x], [b, y]) => {
    const da = a === 'Dockerfile' ? 0 : 1;
    const db = b === 'Dockerfile' ? 0 : 1;
    return da - db || x.byteLength - y.byteLength || (a < b ? -1 : 1);
  });
  let fragment = encode({ files: chosen, preset });
  for (const [path, data] of candidates) {
    if (Object.keys(chosen).length >= MAX_FILES || data.byteLength > SHARE_MAX_FILE_BYTES || !isText(data) || !isSafeSharedPath(path)) {
      omitted.push(path);
      continue;
    }
    chosen[path] = new TextDecoder().decode(data);
    const next = encode({ files: chosen, preset });
    if (next.length > SHARE_MAX_FRAGMENT_CHARS) {
      delete chosen[path];
      omitted.push(path);
      continue;
    }
    fragment = next;
  }
  return { fragment, omitted: omitted.sort() };
}

/** The most a link's data may inflate to. */
const MAX_SHARED_BYTES = 4 * 1024 * 1024;

/**
 * Inflates raw DEFLATE (what encodeShare's deflateSync writes) with the browser's own decompressor, so
 * the page reads a link without a copy of the compression library; it stops past `limit` bytes.
 */
async function inflateRaw(data: Uint8Array, limit: number): Promise<Uint8Array> {
  const reader = new Blob([data as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new Error('too large');
    }
    parts.push(value);
  }
  return concat(parts, size);
}

/** Reads a `#lab=…` fragment. Resolves to null when the fragment holds no share; rejects on a damaged one. */
export async function decodeShare(hash: string): Promise<SharedProject | null> {
  const h = hash.startsWith('#') ? hash.slice(1) : hash;
  const params = new URLSearchParams(h);
  const value = params.get(SHARE_PARAM);
  if (value === null) return null;
  if (value.length > SHARE_MAX_FRAGMENT_CHARS * 2) throw new Error('The shared link is too long to be a lab link.');
  let parsed: unknown;
  try {
    const raw = await inflateRaw(fromBase64Url(value), MAX_SHARED_BYTES);
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
  } catch {
    throw new Error('The shared link is damaged: its data could not be read.');
  }
  const obj = parsed as { v?: unknown; p?: unknown; f?: unknown } | null;
  if (!obj || typeof obj !== 'object' || obj.v !== 1 || typeof obj.f !== 'object' || obj.f === null || Array.isArray(obj.f)) {
    throw new Error('The shared link is not a lab link this version understands.');
  }
  const entries = Object.entries(obj.f as Record<string, unknown>);
  if (entries.length > MAX_FILES) throw new Error('The shared link holds too many files.');
  const files: Record<string, string> = {};
  const refused: string[] = [];
  for (const [path, content] of entries) {
    // One bad entry does not stop the rest from opening; the learner is told which were left out.
    if (!isSafeSharedPath(path) || isGitPath(path) || typeof content !== 'string') refused.push(printableName(path).slice(0, 80));
    else files[path] = content;
  }
  if (Object.keys(files).length === 0 && refused.length > 0) throw new Error(`The shared link holds an unacceptable file name or content: ${refused.join(', ')}`);
  return { files, preset: typeof obj.p === 'string' ? obj.p.slice(0, 100) : undefined, ...(refused.length ? { refused } : {}) };
}
