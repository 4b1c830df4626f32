import { describe, expect, it } from 'vitest';
import { lessonSchema } from '../../../src/components/site/lesson-schema.ts';
import { markdownHeadings, readLessonSources } from '../../tools/lessons.ts';
import { SAMPLES } from '../../../src/samples/index.ts';
import { checkpointsOf, parsePreset } from '../../../src/workspace/samples.ts';

const lessons = readLessonSources();

describe('lesson sources', () => {
  it('exist', () => {
    expect(lessons.length).toBeGreaterThan(0);
  });

  it.each(lessons.map((lesson) => [lesson.slug, lesson] as const))('%s has valid frontmatter', (_slug, lesson) => {
    const result = lessonSchema.safeParse(lesson.frontmatter);
    expect(result.success, result.error?.message).toBe(true);
  });

  it('have URL-safe slugs (lower case words joined by hyphens)', () => {
    for (const lesson of lessons) expect(lesson.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it.each(lessons.map((lesson) => [lesson.slug, lesson] as const))(
    '%s opens the lab on a sample (and checkpoint) that exists',
    (_slug, lesson) => {
      const { sample, checkpoint } = parsePreset(String(lesson.frontmatter.preset));
      const project = SAMPLES[sample];
      expect(project, `sample "${sample}" in src/samples/index.ts`).toBeDefined();
      if (project && checkpoint !== undefined) {
        expect(checkpointsOf(project).map((c) => c.name)).toContain(checkpoint);
      }
    },
  );

  it('have distinct orders', () => {
    const orders = lessons.map((lesson) => lesson.frontmatter.order);
    expect(new Set(orders).size).toBe(orders.length);
  });

  it.each(lessons.map((lesson) => [lesson.slug, lesson] as const))(
    '%s starts its outline at h2 (the page supplies the h1) and skips no level',
    (_slug, lesson) => {
      expect(lesson.headings.length).toBeGreaterThan(0);
      expect(lesson.headings[0]?.depth).toBe(2);
      for (let i = 1; i < lesson.headings.length; i += 1) {
        const previous = lesson.headings[i - 1]?.depth ?? 2;
        const current = lesson.headings[i]?.depth ?? 0;
        expect(current).toBeGreaterThanOrEqual(2);
        expect(current).toBeLessThanOrEqual(previous + 1);
      }
    },
  );
});

describe('lesson 1, "What is an image"', () => {
  const lesson = lessons.find((candidate) => candidate.slug === 'what-is-an-image');

  it('is the first lesson', () => {
    expect(lesson?.frontmatter.order).toBe(1);
    expect(lesson?.frontmatter.title).toBe('What is an image');
  });

  it('has a "Try it now" section with the three terminal commands, and further reading', () => {
    const texts = lesson?.headings.map((heading) => heading.text) ?? [];
    expect(texts).toContain('Try it now');
    expect(texts).toContain('Further reading');
    const tryItNow = lesson?.body.split('## Try it now')[1]?.split('\n## ')[0] ?? '';
    const commands = [...tryItNow.matchAll(/<Command run="([^"]+)"/g)].map((match) => match[1]);
    expect(commands).toEqual(['docker search ubuntu', 'docker pull ubuntu', 'docker history ubuntu']);
  });

  it('names only RUN, COPY and ADD (and WORKDIR) as instructions that add layers', () => {
    const body = lesson?.body ?? '';
    expect(body).toMatch(/RUN, COPY and ADD add file system layers/);
    expect(body).toMatch(/layer for `WORKDIR`/);
    for (const instruction of ['ENV', 'ARG', 'LABEL', 'EXPOSE', 'USER', 'CMD', 'ENTRYPOINT']) {
      expect(body).toContain(`\`${instruction}\``);
    }
    expect(body).toMatch(/add no layer/);
  });
});

describe('lessonSchema', () => {
  const valid = { title: 'T', description: 'D', order: 2, preset: 'node-app' };

  it('accepts a complete frontmatter', () => {
    expect(lessonSchema.parse(valid)).toEqual(valid);
    expect(lessonSchema.parse({ ...valid, preset: 'go-app@multi-stage' }).preset).toBe('go-app@multi-stage');
  });

  it.each([
    ['a missing title', { ...valid, title: undefined }],
    ['a blank title', { ...valid, title: '  ' }],
    ['a missing description', { ...valid, description: undefined }],
    ['order 0', { ...valid, order: 0 }],
    ['a fractional order', { ...valid, order: 1.5 }],
    ['order as text', { ...valid, order: '1' }],
    ['a missing preset', { ...valid, preset: undefined }],
    ['a preset with spaces', { ...valid, preset: 'node app' }],
    ['a preset with an empty checkpoint', { ...valid, preset: 'node-app@' }],
  ])('rejects %s', (_what, frontmatter) => {
    expect(lessonSchema.safeParse(frontmatter).success).toBe(false);
  });
});

describe('markdownHeadings', () => {
  it('reads ATX headings outside code fences, with inline markup removed', () => {
    const body = [
      '## First `code` part',
      'text',
      '```dockerfile',
      '# not a heading',
      '```',
      '### **Bold** and [link](https://example.org) ##',
      '~~~',
      '## fenced',
      '~~~',
      '#no space, not a heading',
    ].join('\n');
    expect(markdownHeadings(body)).toEqual([
      { depth: 2, text: 'First code part' },
      { depth: 3, text: 'Bold and link' },
    ]);
  });
});
