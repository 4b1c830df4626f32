// The embed's configuration, read from the iframe's URL. The query holds the settings; the fragment
// may hold files given inline (`#files=` base64url of a JSON object path → text), so they never reach
// a server's logs. Everything here is data: a bad value is dropped with a problem in plain words, and
// the lab still opens with the rest.

import { fromBase64Url } from '../lab/share.ts';

export const EMBED_VIEWS = ['terminal', 'editor', 'files', 'pictures'] as const;
export type EmbedView = (typeof EMBED_VIEWS)[number];
export const EMBED_READONLY_PARTS = ['editor', 'files'] as const;
export type EmbedReadonlyPart = (typeof EMBED_READONLY_PARTS)[number];
export const EMBED_THEMES = ['light', 'dark', 'auto', 'host'] as const;
export type EmbedTheme = (typeof EMBED_THEMES)[number];
export const EMBED_NETWORKS = ['conference-wifi', 'home', 'datacentre'] as const;
export type EmbedNetwork = (typeof EMBED_NETWORKS)[number];

export const MAX_START_COMMANDS = 10;
export const MAX_INLINE_FILES = 64;
export const MAX_INLINE_BYTES = 512 * 1024;
const MAX_COMMAND_CHARS = 4096;

export interface EmbedConfig {
  readonly preset?: string;
  readonly challenge?: string;
  readonly views: readonly EmbedView[];
  readonly readonly: readonly EmbedReadonlyPart[];
  readonly run: readonly string[];
  readonly theme: EmbedTheme;
  readonly network?: EmbedNetwork;
  readonly storageKey?: string;
  /** Origins the lab accepts messages from, besides none; empty means "the page that embeds us" (its origin). */
  readonly origins: readonly string[];
  /** Files given inline: path → text. */
  readonly files?: Readonly<Record<string, string>>;
  /** What was wrong with the URL, in words for the author (shown once in the lab, sent as an error event). */
  readonly problems: readonly string[];
}

const PRESET_RE = /^[a-z0-9][a-z0-9-]{0,40}(@[a-z0-9][a-z0-9.-]{0,40})?$/;
const CHALLENGE_RE = /^[a-z0-9][a-z0-9-]{0,60}\/[a-z0-9][a-z0-9-]{0,60}$/;
const STORAGE_KEY_RE = /^[A-Za-z0-9_-]{1,40}$/;

function list(value: string | null): string[] {
  if (value === null) return [];
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function show(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

/** A path is acceptable inline when it is relative, has no `..`, no empty parts, no control characters and stays out of `.git`. */
export function isSafeInlinePath(path: string): boolean {
  if (path.length === 0 || path.length > 200 || path.startsWith('/') || path.includes('\\')) return false;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(path)) return false;
  const parts = path.split('/');
  if (parts[0] === '.git') return false;
  return parts.every((p) => p !== '' && p !== '.' && p !== '..');
}

/** Reads `files=` from a fragment: base64url of UTF-8 JSON, an object of path → text. */
export function parseInlineFiles(encoded: string, problems: string[]): Record<string, string> | undefined {
  if (encoded.length > (MAX_INLINE_BYTES * 4) / 3 + 8) {
    problems.push(`The inline files are larger than ${MAX_INLINE_BYTES / 1024} KB; they were left out.`);
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(fromBase64Url(encoded)));
  } catch {
    problems.push('The inline files could not be read (expected base64url of a JSON object); they were left out.');
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    problems.push('The inline files must be a JSON object of path → text; they were left out.');
    return undefined;
  }
  const files: Record<string, string> = {};
  let count = 0;
  for (const [path, content] of Object.entries(parsed as Record<string, unknown>)) {
    if (!isSafeInlinePath(path) || typeof content !== 'string') {
      problems.push(`The inline file ${show(path)} was left out: its name or content is not acceptable.`);
      continue;
    }
    if (++count > MAX_INLINE_FILES) {
      problems.push(`Only the first ${MAX_INLINE_FILES} inline files were kept.`);
      break;
    }
    files[path] = content;
  }
  return count > 0 ? files : undefined;
}

/** Reads the embed's configuration from its URL's query and fragment. Never throws. */
export function parseEmbedConfig(search: string, hash = ''): EmbedConfig {
  const q = new URLSearchParams(search);
  const problems: string[] = [];

  const preset = q.get('preset') ?? undefined;
  if (preset !== undefined && !PRESET_RE.test(preset)) problems.push(`preset ${show(preset)} is not a preset name; the default sample opens.`);
  const challenge = q.get('challenge') ?? undefined;
  if (challenge !== undefined && !CHALLENGE_RE.test(challenge)) problems.push(`challenge ${show(challenge)} is not a challenge id (lesson/challenge).`);

  const pick = <T extends string>(name: string, allowed: readonly T[], fallback: readonly T[]): T[] => {
    const raw = q.get(name);
    if (raw === null) return [...fallback];
    const out: T[] = [];
    for (const v of list(raw)) {
      if ((allowed as readonly string[]).includes(v)) {
        if (!out.includes(v as T)) out.push(v as T);
      } else problems.push(`${name}: ${show(v)} is not one of ${allowed.join(', ')}.`);
    }
    return out;
  };
  let views = pick('views', EMBED_VIEWS, EMBED_VIEWS);
  if (views.length === 0) {
    problems.push('views named nothing that can be shown; the whole lab is shown.');
    views = [...EMBED_VIEWS];
  }
  const readonly = pick('readonly', EMBED_READONLY_PARTS, []);

  const run: string[] = [];
  for (const line of q.getAll('run').flatMap((v) => v.split('\n'))) {
    const command = line.trim();
    if (!command) continue;
    if (command.length > MAX_COMMAND_CHARS) problems.push(`A start command longer than ${MAX_COMMAND_CHARS} characters was left out.`);
    else if (run.length >= MAX_START_COMMANDS) {
      problems.push(`Only the first ${MAX_START_COMMANDS} start commands run.`);
      break;
    } else run.push(command);
  }

  const themeRaw = q.get('theme') ?? 'auto';
  const theme = (EMBED_THEMES as readonly string[]).includes(themeRaw) ? (themeRaw as EmbedTheme) : 'auto';
  if (theme !== themeRaw) problems.push(`theme ${show(themeRaw)} is not one of ${EMBED_THEMES.join(', ')}; auto is used.`);

  const networkRaw = q.get('network') ?? undefined;
  const network = networkRaw !== undefined && (EMBED_NETWORKS as readonly string[]).includes(networkRaw) ? (networkRaw as EmbedNetwork) : undefined;
  if (networkRaw !== undefined && !network) problems.push(`network ${show(networkRaw)} is not one of ${EMBED_NETWORKS.join(', ')}.`);

  const storageRaw = q.get('storage-key') ?? undefined;
  const storageKey = storageRaw !== undefined && STORAGE_KEY_RE.test(storageRaw) ? storageRaw : undefined;
  if (storageRaw !== undefined && !storageKey) problems.push(`storage-key ${show(storageRaw)} must be 1 to 40 letters, digits, - or _.`);

  const origins: string[] = [];
  for (const o of list(q.get('origin'))) {
    let origin: string | null = null;
    try {
      const u = new URL(o);
      if ((u.protocol === 'https:' || u.protocol === 'http:') && u.origin === o.replace(/\/$/, '')) origin = u.origin;
    } catch {
      origin = null;
    }
    if (origin) origins.push(origin);
    else problems.push(`origin ${show(o)} is not an origin such as https://docs.example.com.`);
  }

  const fragment = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  const encodedFiles = fragment.get('files');
  const files = encodedFiles ? parseInlineFiles(encodedFiles, problems) : undefined;

  return {
    preset: preset !== undefined && PRESET_RE.test(preset) ? preset : undefined,
    challenge: challenge !== undefined && CHALLENGE_RE.test(challenge) ? challenge : undefined,
    views,
    readonly,
    run,
    theme,
    network,
    storageKey,
    origins,
    files,
    problems,
  };
}
