import { describe, expect, it } from 'vitest';
import { lessonSchema } from '../../../src/components/site/lesson-schema.ts';
import { markdownHeadings, readLessonSources } from '../../tools/lessons.ts';
import { SAMPLES } from '../../../src/samples/index.ts';
import { checkpointsOf, parsePreset } from '../../../src/workspace/samples.ts';
import { challengesOf } from '../../../src/course/catalog.ts';

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
    // A lesson without challenges gets an empty list.
    expect(lessonSchema.parse(valid)).toEqual({ ...valid, challenges: [] });
    expect(lessonSchema.parse({ ...valid, challenges: ['reorder'] }).challenges).toEqual(['reorder']);
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

describe('lesson challenges', () => {
  const ordered = [...lessons].sort((a, b) => Number(a.frontmatter.order) - Number(b.frontmatter.order));

  /** The command lines of a lesson's <Command run="…"/> blocks (run="…", run='…' or run={'…'}). */
  const commandsOf = (body: string): string[] =>
    [...body.matchAll(/<Command run=(?:"([^"]*)"|\{'([^']*)'\}|\{"([^"]*)"\})\s*\/>/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');

  /** `docker build -t app .` → `docker build`; `echo x >> f` → `echo`. */
  const verb = (line: string): string => {
    const words = line.trim().split(/\s+/);
    return words[0] === 'docker' || words[0] === 'git' ? `${words[0]} ${words[1]}` : (words[0] ?? '');
  };

  it('the course has 8 to 10 lessons, each with at least one challenge', () => {
    expect(lessons.length).toBeGreaterThanOrEqual(8);
    expect(lessons.length).toBeLessThanOrEqual(10);
    for (const lesson of lessons) expect((lessonSchema.parse(lesson.frontmatter).challenges ?? []).length, lesson.slug).toBeGreaterThan(0);
  });

  it.each(lessons.map((lesson) => [lesson.slug, lesson] as const))('%s lists exactly the challenges kept for it, in order', (slug, lesson) => {
    const listed = lessonSchema.parse(lesson.frontmatter).challenges;
    expect(listed.map((name) => `${slug}/${name}`)).toEqual(challengesOf(slug).map((c) => c.id));
  });

  it.each(lessons.map((lesson) => [lesson.slug, lesson] as const))('%s: its challenges start on the sample its lab opens', (slug, lesson) => {
    const { sample } = parsePreset(String(lesson.frontmatter.preset));
    for (const c of challengesOf(slug)) {
      const start = parsePreset(c.start.preset);
      expect(start.sample, c.id).toBe(sample);
      if (start.checkpoint) expect(checkpointsOf(SAMPLES[sample]!).map((cp) => cp.name)).toContain(start.checkpoint);
    }
  });

  it.each(lessons.map((lesson) => [lesson.slug, lesson] as const))('%s shows every kind of command its solutions need, in it or an earlier lesson', (slug, lesson) => {
    const shown = new Set(ordered.filter((l) => Number(l.frontmatter.order) <= Number(lesson.frontmatter.order)).flatMap((l) => commandsOf(l.body).map(verb)));
    for (const c of challengesOf(slug)) {
      for (const step of c.solution) if ('run' in step) expect(shown, `${c.id}: ${step.run}`).toContain(verb(step.run));
    }
  });

  it('rejects a challenge name that is not a slug', () => {
    const bad = lessonSchema.safeParse({ title: 'T', description: 'D', order: 1, preset: 'node-app', challenges: ['Not A Slug'] });
    expect(bad.success).toBe(false);
  });
});
