// Challenges of the lesson "Layers by hand" (content/lessons/layers-by-hand.mdx).
import type { ChallengeSpec } from '../../src/course/types.ts';
import { code, containerChanges, extendsImage, imageOf, layerSteps, newContainers, shortId } from '../../src/course/facts.ts';

const FILE = '/greeting.txt';

const challenges: ChallengeSpec[] = [
  {
    name: 'commit-a-layer',
    title: 'Commit a container as a layer',
    goal: 'Make an image greeting:v1 from a container in which you wrote /greeting.txt: one layer on top of alpine:3.21.',
    start: { preset: 'node-app@step-1', images: ['alpine:3.21'] },
    goalMet: (ctx) => {
      const img = imageOf(ctx, 'greeting:v1');
      const alpine = imageOf(ctx, 'alpine:3.21');
      if (!img || !alpine || !extendsImage(img, alpine) || img.layers.length !== alpine.layers.length + 1) return false;
      return img.layers[img.layers.length - 1]!.changes.some((c) => c.kind !== 'deleted' && c.path === FILE);
    },
    diagnoses: [
      {
        id: 'not-on-alpine',
        test: (ctx) => {
          const img = imageOf(ctx, 'greeting:v1');
          const alpine = imageOf(ctx, 'alpine:3.21');
          if (!img || !alpine || extendsImage(img, alpine)) return undefined;
          return `greeting:v1 is not built on alpine:3.21: its bottom layer is ${shortId(img.layers[0]?.diffId ?? '')}, alpine:3.21's is ${shortId(alpine.layers[0]!.diffId)}. Commit a container that was run from alpine:3.21.`;
        },
      },
      {
        id: 'extra-layers',
        test: (ctx) => {
          const img = imageOf(ctx, 'greeting:v1');
          const alpine = imageOf(ctx, 'alpine:3.21');
          if (!img || !alpine || img.layers.length <= alpine.layers.length + 1) return undefined;
          const added = layerSteps(img).slice(alpine.layers.length);
          return `greeting:v1 has ${added.length} layers over alpine:3.21's (${added.map((s) => code(s || 'commit')).join(', ')}): the container you committed was itself made from a committed image. Commit a container run straight from alpine:3.21.`;
        },
      },
      {
        id: 'no-file-in-layer',
        test: (ctx) => {
          const img = imageOf(ctx, 'greeting:v1');
          if (!img) return undefined;
          const top = img.layers[img.layers.length - 1]!;
          const list = top.changes.map((c) => c.path);
          const holds = list.length ? `holds ${list.slice(0, 4).map(code).join(', ')} but not ${FILE}` : 'is empty';
          return `greeting:v1's top layer, the one docker commit made, ${holds}: the container you committed never wrote ${FILE}. Check a container with docker diff before you commit it.`;
        },
      },
      {
        id: 'not-committed',
        test: (ctx) => {
          const c = newContainers(ctx).find((x) => containerChanges(ctx, x).some((ch) => ch.kind !== 'deleted' && ch.path === FILE));
          if (!c) return undefined;
          return `Container ${code(c.name)} holds ${FILE} in its writable layer, but there is no image greeting:v1 yet. The writable layer belongs to the container until docker commit turns it into an image's layer.`;
        },
      },
    ],
    notYet: 'No container has written /greeting.txt yet. Run one from alpine:3.21 whose command writes the file.',
    explanation:
      'docker commit took the container’s writable layer, the one file you wrote, and stacked it as a new read-only layer on alpine:3.21’s. docker history shows it on top, with the command that made it.',
    hints: [
      "`docker run --name writer alpine:3.21 sh -c 'echo hello > /greeting.txt'` writes the file in a container's writable layer.",
      '`docker commit writer greeting:v1` turns that layer into an image; `docker history greeting:v1` lists the layers.',
    ],
    solution: [
      { run: "docker run --name writer alpine:3.21 sh -c 'echo hello > /greeting.txt'" },
      { run: 'docker diff writer' },
      { run: 'docker commit writer greeting:v1' },
      { run: 'docker history greeting:v1' },
    ],
  },
];

export default challenges;
