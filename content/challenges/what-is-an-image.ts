// Challenges of the lesson "What is an image" (content/lessons/what-is-an-image.mdx).
import type { ChallengeSpec } from '../../src/course/types.ts';
import { code, containerChanges, imageOf, newContainers } from '../../src/course/facts.ts';
import type { CheckContext } from '../../src/course/types.ts';

const FILE = '/hello.txt';

function fromAlpine(ctx: CheckContext) {
  const alpine = imageOf(ctx, 'alpine:3.21');
  return alpine ? newContainers(ctx).filter((c) => c.imageId === alpine.id) : [];
}

function hasFile(ctx: CheckContext, c: ReturnType<typeof fromAlpine>[number]): boolean {
  return containerChanges(ctx, c).some((ch) => ch.kind !== 'deleted' && ch.path === FILE);
}

function changesText(ctx: CheckContext, c: ReturnType<typeof fromAlpine>[number]): string {
  const list = containerChanges(ctx, c).map((ch) => `${ch.kind} ${ch.path}`);
  return list.length ? list.slice(0, 4).join(', ') + (list.length > 4 ? ', …' : '') : 'no changes';
}

const challenges: ChallengeSpec[] = [
  {
    name: 'two-containers',
    title: 'One image, two containers',
    goal: 'Run two containers from alpine:3.21 and create /hello.txt in only one of them.',
    start: { preset: 'node-app', images: ['alpine:3.21'] },
    goalMet: (ctx) => {
      const list = fromAlpine(ctx);
      return list.some((c) => hasFile(ctx, c)) && list.some((c) => !hasFile(ctx, c));
    },
    diagnoses: [
      {
        id: 'file-in-both',
        test: (ctx) => {
          const list = fromAlpine(ctx);
          if (list.length < 2 || !list.every((c) => hasFile(ctx, c))) return undefined;
          return `Every container you ran from alpine:3.21 (${list.map((c) => code(c.name)).sort().join(', ')}) has ${FILE} in its own writable layer, because you created it in each. Leave one container without it, to see that a container never sees another one's files.`;
        },
      },
      {
        id: 'one-container',
        test: (ctx) => {
          const list = fromAlpine(ctx);
          if (list.length !== 1) return undefined;
          const c = list[0]!;
          return `So far one container, ${code(c.name)}, was made from alpine:3.21 (its writable layer: ${changesText(ctx, c)}). Run a second container from the same image.`;
        },
      },
      {
        id: 'no-file',
        test: (ctx) => {
          const list = fromAlpine(ctx);
          if (list.length < 2) return undefined;
          return `None of your containers from alpine:3.21 has ${FILE} in its writable layer (${list.map((c) => `${code(c.name)}: ${changesText(ctx, c)}`).join('; ')}). Run one with ${code('touch /hello.txt')} as its command.`;
        },
      },
      {
        id: 'other-image',
        test: (ctx) => {
          const others = newContainers(ctx);
          if (others.length === 0) return undefined;
          return `Your containers run ${[...new Set(others.map((c) => code(c.imageRef)))].join(', ')}, not alpine:3.21. The goal needs two containers made from the same image, alpine:3.21.`;
        },
      },
    ],
    notYet: 'There is no container from alpine:3.21 yet. `docker run` creates a container from an image and starts it.',
    explanation:
      'Both containers started from the same read-only image. The file you created went into one container’s own writable layer (docker diff shows it as A /hello.txt); the other container and the image itself never changed.',
    hints: [
      '`docker run --name one alpine:3.21 touch /hello.txt` makes a container whose command creates the file.',
      'Run a second container from alpine:3.21 with another command, such as `ls /`, then compare them with `docker diff one` and `docker diff two`.',
    ],
    solution: [
      { run: 'docker run --name one alpine:3.21 touch /hello.txt' },
      { run: 'docker run --name two alpine:3.21 ls /' },
      { run: 'docker diff one' },
      { run: 'docker diff two' },
    ],
  },
];

export default challenges;
