// Reads the lesson sources (content/lessons/*.mdx) independently of Astro's content layer, so tests
// can compare what the site renders with what the author wrote.

import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseFrontmatter } from 'astro/markdown';

export const LESSONS_DIR = path.join(import.meta.dirname, '..', '..', 'content', 'lessons');

export interface SourceHeading {
  readonly depth: number;
  readonly text: string;
}

export interface LessonSource {
  /** File name without .mdx: the lesson's URL slug. */
  readonly slug: string;
  readonly file: string;
  readonly frontmatter: Record<string, unknown>;
  /** The MDX body after the frontmatter. */
  readonly body: string;
  /** Markdown ATX headings (## …) of the body, outside code fences, in order. */
  readonly headings: readonly SourceHeading[];
}

/** The plain text of a Markdown heading: inline code and emphasis markers removed. */
export function headingText(raw: string): string {
  return raw
    .replace(/\s+#+\s*$/, '')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/(\*\*|__)(.*?)\1/g, '$2')
    .replace(/(\*|_)(.*?)\1/g, '$2')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .trim();
}

export function markdownHeadings(body: string): SourceHeading[] {
  const headings: SourceHeading[] = [];
  let fence: string | null = null;
  for (const line of body.split('\n')) {
    const fenceMatch = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (fenceMatch) {
      const marker = fenceMatch[1] ?? '';
      if (fence === null) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length) fence = null;
      continue;
    }
    if (fence !== null) continue;
    const match = /^\s{0,3}(#{1,6})\s+(.+)$/.exec(line);
    if (match) headings.push({ depth: (match[1] ?? '').length, text: headingText(match[2] ?? '') });
  }
  return headings;
}

export function readLessonSources(dir: string = LESSONS_DIR): LessonSource[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.mdx'))
    .sort()
    .map((name) => {
      const file = path.join(dir, name);
      const { frontmatter, content } = parseFrontmatter(readFileSync(file, 'utf8'));
      return { slug: name.slice(0, -'.mdx'.length), file, frontmatter, body: content, headings: markdownHeadings(content) };
    });
}
