// Path patterns, shared by the build checks and the builder: `.dockerignore` rules (moby/patternmatcher semantics: `*`, `?`, `**`, `!` exceptions,
// the last matching rule wins, a rule that matches a directory covers everything under it) and COPY
// source wildcards (Go filepath.Match: `*`, `?`, `[a-z]` within one path segment).

function escapeRegex(c: string): string {
  return /[.+^${}()|[\]\\]/.test(c) ? '\\' + c : c;
}

/** Cleans a relative pattern or path like Go's filepath.Clean, without a leading `/`. */
export function cleanRelative(p: string): string {
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out.join('/') || '.';
}

function globToRegex(pattern: string, doubleStar: boolean): RegExp {
  let re = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') {
      if (doubleStar && pattern[i + 1] === '*') {
        i++;
        // `**/` also matches zero directories.
        if (pattern[i + 1] === '/') {
          i++;
          re += '(?:.*/)?';
        } else re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        let cls = pattern.slice(i + 1, end);
        if (cls.startsWith('^') || cls.startsWith('!')) cls = '^' + cls.slice(1);
        re += `[${cls.replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else if (c === '\\' && i + 1 < pattern.length) {
      re += escapeRegex(pattern[++i]!);
    } else re += escapeRegex(c);
  }
  return new RegExp(re + '$');
}

interface Rule {
  readonly exclusion: boolean;
  /** The pattern after cleaning, without `!`. */
  readonly source: string;
  readonly re: RegExp;
  readonly depth: number;
}

export class IgnoreMatcher {
  private readonly rules: Rule[];
  readonly patterns: readonly string[];

  constructor(patterns: readonly string[]) {
    this.patterns = patterns;
    this.rules = [];
    for (const raw of patterns) {
      let p = raw.trim();
      if (!p || p.startsWith('#')) continue;
      let exclusion = false;
      if (p.startsWith('!')) {
        exclusion = true;
        p = p.slice(1).trim();
      }
      p = cleanRelative(p);
      this.rules.push({ exclusion, source: p, re: globToRegex(p, true), depth: p.split('/').length });
    }
  }

  get empty(): boolean {
    return this.rules.length === 0;
  }

  /** True when some rule is a `!` exception (BuildKit's CopyIgnoredFile check stays silent then). */
  get hasExclusions(): boolean {
    return this.rules.some((r) => r.exclusion);
  }

  // True when a rule excludes the whole context: `*`, `**` or `**` followed by `/*`.
  get ignoresRoot(): boolean {
    return this.rules.some((r) => !r.exclusion && (r.source === '*' || r.source === '**' || r.source === '**/*'));
  }

  /** True when `path` (relative, `/`-separated) is excluded from the context. */
  ignores(path: string): boolean {
    const file = cleanRelative(path);
    const parts = file.split('/');
    let matched = false;
    for (const rule of this.rules) {
      let match = rule.re.test(file);
      if (!match && parts.length > 1) {
        // A rule matching one of the parent directories covers the file too.
        for (let n = 1; n < parts.length && !match; n++) match = rule.re.test(parts.slice(0, n).join('/'));
      }
      if (match) matched = !rule.exclusion;
    }
    return matched;
  }
}

/** Parses `.dockerignore` text into its pattern lines (comments and blanks dropped). */
export function parseIgnoreFile(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

/** True when a COPY source contains wildcard characters. */
export function hasWildcard(s: string): boolean {
  return /[*?[]/.test(s);
}

/** Go filepath.Match for one whole relative path (wildcards never cross `/`). */
export function matchGlob(pattern: string, path: string): boolean {
  return globToRegex(pattern, false).test(path);
}
