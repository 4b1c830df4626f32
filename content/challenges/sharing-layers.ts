// Challenges of the lesson "Sharing layers" (content/lessons/sharing-layers.mdx).
import type { ChallengeSpec, CheckContext } from '../../src/course/types.ts';
import type { PullRecord } from '../../src/course/activity.ts';

function nodePulls(ctx: CheckContext): PullRecord[] {
  return ctx.activity.pulls.filter((p) => p.done && p.repository === 'library/node' && p.tagOrDigest === '22-alpine');
}

const shared = (p: PullRecord) => p.layers.filter((l) => l.state === 'already-exists');

const challenges: ChallengeSpec[] = [
  {
    name: 'already-exists',
    title: 'Download only what is missing',
    goal: 'Pull node:22-alpine so that at least one of its layers says “Already exists” instead of downloading.',
    start: { preset: 'node-app@step-2', absentImages: ['node:22-alpine', 'alpine:3.21'] },
    goalMet: (ctx) => nodePulls(ctx).some((p) => !p.upToDate && shared(p).length > 0),
    diagnoses: [
      {
        id: 'up-to-date',
        test: (ctx) => {
          const last = nodePulls(ctx).at(-1);
          if (!last?.upToDate) return undefined;
          return 'node:22-alpine was already in your store, so the pull had nothing to fetch (“Image is up to date”). Remove it with docker rmi node:22-alpine, and pull it again once the store holds its base.';
        },
      },
      {
        id: 'other-alpine-first',
        test: (ctx) => {
          const last = nodePulls(ctx).at(-1);
          const base = last?.layers.find((l) => l.index === 0);
          const other = ctx.activity.pulls.find((p) => p.repository === 'library/alpine' && p.tagOrDigest !== '3.21');
          if (!last || !base || shared(last).length > 0 || !other) return undefined;
          const otherLayer = other.layers[0]?.id;
          return `You pulled alpine:${other.tagOrDigest} first, but its layer${otherLayer ? ` ${otherLayer}` : ''} is not node:22-alpine’s base layer ${base.id}, so all of node:22-alpine’s layers were downloaded. Layers are shared by digest, not by name.`;
        },
      },
      {
        id: 'all-downloaded',
        test: (ctx) => {
          const last = nodePulls(ctx).at(-1);
          const base = last?.layers.find((l) => l.index === 0);
          if (!last || !base || shared(last).length > 0) return undefined;
          return `All ${last.layers.length} layers of node:22-alpine were downloaded: your store held none of them. Its bottom layer ${base.id} is the one alpine:3.21 is made of. Pull alpine:3.21, remove node:22-alpine (docker rmi node:22-alpine) and pull it again.`;
        },
      },
    ],
    notYet: 'node:22-alpine has not been pulled since the challenge started. docker pull downloads an image; first think about which image it is built on.',
    explanation:
      'docker pull fetched node:22-alpine’s manifest, saw that its bottom layer was already in the store (alpine:3.21 brought it), printed “Already exists” for it and downloaded only the layers node added.',
    hints: [
      '`docker history node:22-alpine` after a pull, or the Images tab, shows which layers an image is made of.',
      'node:22-alpine is built FROM alpine. An image that already has that layer makes the pull skip it.',
      '`docker pull alpine:3.21`, then `docker pull node:22-alpine`.',
    ],
    solution: [{ run: 'docker pull alpine:3.21' }, { run: 'docker pull node:22-alpine' }, { run: 'docker system df' }],
  },
];

export default challenges;
