import { z } from 'astro/zod';

/**
 * Frontmatter of a lesson (content/lessons/<slug>.mdx). Kept outside src/content.config.ts so that
 * unit tests can check every lesson file against it without Astro's virtual modules.
 */
export const lessonSchema = z.object({
  /** Shown as the page's h1 and in the lesson list. */
  title: z.string().trim().min(1),
  /** One or two sentences: the page's meta description and the summary in the lesson list. */
  description: z.string().trim().min(1).max(300),
  /** Position in the course, 1 for the first lesson. Orders must be unique. */
  order: z.number().int().positive(),
  /**
   * The lab preset the lesson's lab opens with, passed to mountLab: a sample project from
   * src/samples/index.ts, optionally with a checkpoint ("node-app" or "node-app@start").
   */
  preset: z.string().regex(/^[a-z0-9][a-z0-9._-]*(?:[@#][A-Za-z0-9._/-]+)?$/, 'a preset such as "node-app" or "node-app@start"'),
  /**
   * The lesson's lab challenges, in order: names of the challenges kept in content/challenges/<slug>.ts
   * (their ids are `<slug>/<name>`). The lesson page shows them in its challenge panel.
   */
  challenges: z.array(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a challenge name such as "reorder"')).default([]),
});

export type LessonFrontmatter = z.infer<typeof lessonSchema>;
