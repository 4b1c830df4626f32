// A lesson's picture is what the engine holds after the lesson's commands. The expected rows are the
// ones `docker history app` and `docker build` print in the lab for the same commands (sizes as
// docker history shows them; "cached" where the build printed CACHED), written out by hand.
import { describe, expect, it } from 'vitest';
import { lessonPicture } from '../../../src/course/picture.ts';

describe('a lesson picture', () => {
  it('draws the layers of a rebuild after a code edit, newest last, with what came from the cache', async () => {
    const picture = await lessonPicture({
      start: { preset: 'node-app@step-1' },
      steps: [{ run: 'docker build -t app .\necho "// a code edit" >> src/index.js\ndocker build -t app .' }],
      images: ['app'],
      base: 'node:22-alpine',
    });
    expect(picture.columns).toHaveLength(1);
    const rows = picture.columns[0]!.rows.map((r) => [r.step, r.size, r.kind, r.state ?? '']);
    expect(rows).toEqual([
      // node:22-alpine's four layers: 7.57MB + 138MB + 5.35MB + 388B in its docker history.
      ['FROM node:22-alpine', '4 layers, 151MB', 'base', ''],
      ['WORKDIR /app', '0B', 'layer', 'cached'],
      ['COPY . .', '9.68kB', 'layer', 'ran'],
      ['RUN npm ci', '2.9MB', 'layer', 'ran'],
      ['EXPOSE [3000/tcp]', '0B', 'config', ''],
      ['CMD ["node" "src/index.js"]', '0B', 'config', ''],
    ]);
  }, 60_000);

  it('marks the layers two images share, and draws containers’ writable layers over their image', async () => {
    const shared = await lessonPicture({
      start: { preset: 'node-app@step-1', images: ['alpine:3.21'] },
      steps: [{ run: "docker run --name writer alpine:3.21 sh -c 'echo hello > /greeting.txt'\ndocker commit writer greeting:v1\ndocker run --name one alpine:3.21 touch /hello.txt" }],
      images: ['greeting:v1', 'alpine:3.21'],
      containers: true,
    });
    const [greeting, alpine] = shared.columns;
    expect(greeting!.rows.map((r) => [r.step, r.size, r.shared ?? false])).toEqual([
      ['ADD alpine-minirootfs-3.21.0-x86_64.tar.gz /', '7.57MB', true],
      ['CMD ["/bin/sh"]', '0B', false],
      ['sh -c echo hello > /greeting.txt', '6B', false],
    ]);
    expect(greeting!.containers).toEqual([]);
    // The containers run alpine:3.21; the committed one wrote /greeting.txt, the other /hello.txt.
    expect(alpine!.containers.map((c) => [c.name, c.changes]).sort()).toEqual([
      ['one', 'added /hello.txt'],
      ['writer', 'added /greeting.txt'],
    ]);
  }, 60_000);

  it('draws names with the image each points to: a tag moved by a rebuild, an older tag left where it was', async () => {
    const picture = await lessonPicture({
      start: { preset: 'node-app@step-2' },
      steps: [{ run: 'docker build -t app .\ndocker tag app learner/app:1.0\necho "// edit" >> src/index.js\ndocker build -t app .' }],
      images: [],
      names: ['app', 'learner/app:1.0'],
    });
    expect(picture.columns).toEqual([]);
    const [app, old] = picture.names;
    expect(app!.name).toBe('app');
    expect(old!.name).toBe('learner/app:1.0');
    expect(app!.id).toMatch(/^[0-9a-f]{12}$/);
    expect(old!.id).toMatch(/^[0-9a-f]{12}$/);
    expect(app!.id).not.toBe(old!.id);
  }, 60_000);

  it('says which image the commands did not make, rather than drawing an empty picture', async () => {
    await expect(lessonPicture({ start: { preset: 'node-app@step-1' }, steps: [], images: ['app'] })).rejects.toThrow('lesson picture: the commands made no image app');
  });
});
