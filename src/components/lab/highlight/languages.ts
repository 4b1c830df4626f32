// Which tokenizer and comment syntax a file gets, by its name.

import { GO, JAVASCRIPT, JSON_LANGUAGE, PYTHON, TYPESCRIPT, tokenizeCode, type CodeLanguage } from './code.ts';
import { tokenizeDockerfile } from './dockerfile.ts';
import { tokenizeHtml } from './html.ts';
import type { Tokenizer } from './token.ts';

export interface FileLanguage {
  readonly tokenize: Tokenizer;
  /** For toggleComment (CodeMirror's `commentTokens` language data). */
  readonly comments: { line?: string; block?: { open: string; close: string } };
}

export function isDockerfile(path: string): boolean {
  const name = path.split('/').pop() ?? '';
  return name === 'Dockerfile' || name.startsWith('Dockerfile.') || name.endsWith('.Dockerfile') || name.endsWith('.dockerfile');
}

const code = (lang: CodeLanguage): FileLanguage => ({
  tokenize: (text) => tokenizeCode(text, lang),
  comments: {
    ...(lang.lineComment ? { line: lang.lineComment } : {}),
    ...(lang.blockComment ? { block: { open: lang.blockComment[0], close: lang.blockComment[1] } } : {}),
  },
});

const HTML: FileLanguage = { tokenize: tokenizeHtml, comments: { block: { open: '<!--', close: '-->' } } };

const BY_EXTENSION: Readonly<Record<string, FileLanguage>> = {
  js: code(JAVASCRIPT),
  mjs: code(JAVASCRIPT),
  cjs: code(JAVASCRIPT),
  jsx: code(JAVASCRIPT),
  ts: code(TYPESCRIPT),
  mts: code(TYPESCRIPT),
  tsx: code(TYPESCRIPT),
  json: code(JSON_LANGUAGE),
  py: code(PYTHON),
  go: code(GO),
  html: HTML,
  htm: HTML,
};

const DOCKERFILE: FileLanguage = { tokenize: tokenizeDockerfile, comments: { line: '#' } };
/** .dockerignore, .gitignore and shell scripts: whole-line `#` comments. */
const HASH_COMMENTS: FileLanguage = {
  tokenize: (text) => Array.from(text.matchAll(/^[ \t]*#.*/gm), (m) => ({ from: m.index, to: m.index + m[0].length, kind: 'comment' as const })),
  comments: { line: '#' },
};

export function languageOf(path: string): FileLanguage | null {
  if (isDockerfile(path)) return DOCKERFILE;
  const name = path.split('/').pop() ?? '';
  const ext = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
  if (name === '.dockerignore' || name === '.gitignore' || ext === 'sh') return HASH_COMMENTS;
  return BY_EXTENSION[ext] ?? null;
}
