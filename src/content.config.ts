import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { lessonSchema } from './components/site/lesson-schema.ts';

// Lessons live in content/lessons/<slug>.mdx; the file name (without .mdx) is the URL slug.
const lessons = defineCollection({
  loader: glob({ pattern: '*.mdx', base: './content/lessons' }),
  schema: lessonSchema,
});

export const collections = { lessons };
