// Challenges of the lesson "Capstone: fix a Dockerfile" (content/lessons/capstone.mdx).
import type { ChallengeSpec, CheckContext } from '../../src/course/types.ts';
import { configOf, fileIn, imageOf, latestBuild, layersAdding } from '../../src/course/facts.ts';
import { cacheDiagnoses, cacheGoal } from './build-cache.ts';
import { NPMRC, secretDiagnoses } from './deleting-files.ts';

const BAD = `FROM node:22-alpine
WORKDIR /app
COPY . .
RUN npm ci
RUN rm -f .npmrc
EXPOSE 3000
CMD ["node", "src/index.js"]
`;

function runsAsRoot(ctx: CheckContext): boolean | undefined {
  const img = imageOf(ctx, 'app');
  if (!img) return undefined;
  const user = (configOf(img).config?.User ?? '').split(':')[0];
  return user === '' || user === 'root' || user === '0';
}

const [buildFailed, ...cacheRest] = cacheDiagnoses('app');

const challenges: ChallengeSpec[] = [
  {
    name: 'fix-the-dockerfile',
    title: 'Fix a bad Dockerfile',
    goal: 'Make app pass the checklist: no .npmrc in any layer, RUN npm ci cached after a code edit, and not running as root.',
    start: { preset: 'node-app@step-1', files: { '.npmrc': NPMRC, Dockerfile: BAD } },
    goalMet: (ctx) => {
      const img = imageOf(ctx, 'app');
      return !!img && layersAdding(img, '/app/.npmrc').length === 0 && runsAsRoot(ctx) === false && cacheGoal(ctx, 'app');
    },
    diagnoses: [
      buildFailed!,
      ...secretDiagnoses('app', '/app/.npmrc', '.npmrc'),
      {
        id: 'root-user',
        test: (ctx) =>
          latestBuild(ctx, 'app') && runsAsRoot(ctx)
            ? 'app runs as root: its config sets no user. The node image has an unprivileged user named node; switch to it after the install, before CMD.'
            : undefined,
      },
      ...cacheRest,
    ],
    notYet: 'There is no build of app since the challenge started. Build it once as it is, and read what the check says.',
    explanation:
      'app now leaves .npmrc out of the context, installs from the lock file before copying the code, so a code edit reuses the install, and runs as the node user. Each item was checked on the engine’s state: the layers, the last build’s cache and the image config.',
    hints: [
      'Take the checklist one item at a time: build, read the check, fix, build again.',
      '.dockerignore keeps a file out of every layer; a later RUN rm does not.',
      'Copy package.json and package-lock.json, run npm ci, then COPY . . and finally `USER node`.',
    ],
    solution: [
      { run: 'echo .npmrc >> .dockerignore' },
      {
        write: 'Dockerfile',
        content: 'FROM node:22-alpine\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nUSER node\nEXPOSE 3000\nCMD ["node", "src/index.js"]\n',
      },
      { run: 'docker build -t app .' },
      { run: 'echo "// a code edit" >> src/index.js' },
      { run: 'docker build -t app --explain-cache .' },
    ],
  },
];

export default challenges;
