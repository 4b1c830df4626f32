import { getCollection, type CollectionEntry } from 'astro:content';

export type Lesson = CollectionEntry<'lessons'>;

/** All lessons in course order (frontmatter `order`). */
export async function lessonsInOrder(): Promise<Lesson[]> {
  const lessons = await getCollection('lessons');
  return lessons.sort((a, b) => a.data.order - b.data.order);
}

/** The site-relative path of a lesson's page (without the base path). */
export function lessonPath(lesson: Lesson): string {
  return `lessons/${lesson.id}/`;
}
