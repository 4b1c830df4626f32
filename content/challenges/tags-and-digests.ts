// Challenges of the lesson "Tags, digests and the registry" (content/lessons/tags-and-digests.mdx).
import type { ChallengeSpec, CheckContext } from '../../src/course/types.ts';
import { imageOf, shortId } from '../../src/course/facts.ts';

const REPO = 'learner/app';

async function remoteDigest(ctx: CheckContext, tag: string): Promise<string | undefined> {
  const r = await ctx.engine.registry.registry.resolve(REPO, tag);
  return r.kind === 'found' ? r.remote.digest : undefined;
}

const challenges: ChallengeSpec[] = [
  {
    name: 'moving-tag',
    title: 'A tag moves, a digest stays',
    goal: 'In the lab registry, learner/app:1.0 must keep your first build while learner/app:latest moves on to a second, changed build.',
    start: { preset: 'node-app@step-2' },
    goalMet: async (ctx) => {
      const one = await remoteDigest(ctx, '1.0');
      const latest = await remoteDigest(ctx, 'latest');
      return !!one && !!latest && one !== latest;
    },
    diagnoses: [
      {
        id: 'latest-not-moved',
        test: async (ctx) => {
          const one = await remoteDigest(ctx, '1.0');
          const latest = await remoteDigest(ctx, 'latest');
          if (!one || one !== latest) return undefined;
          return `learner/app:1.0 and learner/app:latest both point to ${shortId(one)}: latest has not moved. Change src/index.js, build again, tag the new image learner/app:latest and push that tag.`;
        },
      },
      {
        id: 'one-tag-pushed',
        test: async (ctx) => {
          const one = await remoteDigest(ctx, '1.0');
          const latest = await remoteDigest(ctx, 'latest');
          if (!one === !latest) return undefined;
          const [has, lacks] = one ? ['1.0', 'latest'] : ['latest', '1.0'];
          return `The registry has learner/app:${has} (${shortId((one ?? latest)!)}) but no learner/app:${lacks} yet.`;
        },
      },
      {
        id: 'tagged-not-pushed',
        test: (ctx) => {
          const local = ['learner/app:1.0', 'learner/app:latest'].find((t) => imageOf(ctx, t));
          if (!local) return undefined;
          const user = ctx.engine.registry.registry.user;
          return `${local} is a tag in your local store only: the registry has nothing in learner/app yet. docker push sends a tag and its layers${user === 'learner' ? '' : ', once you are logged in as learner (docker login -u learner)'}.`;
        },
      },
    ],
    notYet: 'The registry has no learner/app yet. Build the app, give the image a name in your namespace with docker tag, log in and push.',
    explanation:
      'Pushing latest again pointed that tag at the new image, while 1.0 kept the first one. Each image keeps its digest for ever: pulling learner/app@sha256:… always gives the same bytes, whatever the tags do.',
    hints: [
      'In this lab, `docker login -u learner` opens your namespace learner/ in the lab registry.',
      '`docker build -t app .`, then `docker tag app learner/app:1.0` and `docker push learner/app:1.0`.',
      'Change src/index.js, build again, then tag and push learner/app:latest. docker push prints each tag’s digest.',
    ],
    solution: [
      { run: 'docker login -u learner' },
      { run: 'docker build -t app .' },
      { run: 'docker tag app learner/app:1.0' },
      { run: 'docker push learner/app:1.0' },
      { run: 'echo "// version 1.1" >> src/index.js' },
      { run: 'docker build -t app .' },
      { run: 'docker tag app learner/app:latest' },
      { run: 'docker push learner/app:latest' },
    ],
  },
];

export default challenges;
