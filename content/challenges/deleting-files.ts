// Challenges of the lesson "Deleting a file does not shrink an image" (content/lessons/deleting-files.mdx).
import type { ChallengeSpec, CheckContext } from '../../src/course/types.ts';
import { fileIn, imageOf, latestBuild, layersAdding } from '../../src/course/facts.ts';
import { NPMRC, secretDiagnoses } from './shared/secret.ts';

const START = `FROM node:22-alpine
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN rm -f .npmrc
CMD ["node", "src/index.js"]
`;

function secretFree(ctx: CheckContext, tag: string, path: string): boolean {
  const img = imageOf(ctx, tag);
  return !!img && layersAdding(img, path).length === 0;
}

const challenges: ChallengeSpec[] = [
  {
    name: 'no-secret-in-layers',
    title: 'A secret that is really gone',
    goal: 'Build app so that no layer of it holds .npmrc, while the image still has the app’s code.',
    start: { preset: 'node-app@step-2', files: { '.npmrc': NPMRC, Dockerfile: START } },
    goalMet: (ctx) => latestBuild(ctx, 'app')?.ok === true && secretFree(ctx, 'app', '/app/.npmrc') && !!fileIn(imageOf(ctx, 'app')!, '/app/src/index.js'),
    diagnoses: [
      {
        id: 'build-failed',
        test: (ctx) => (latestBuild(ctx, 'app')?.ok === false ? 'The last build of app failed. The terminal shows the error; fix it and build again.' : undefined),
      },
      ...secretDiagnoses('app', '/app/.npmrc', '.npmrc'),
      {
        id: 'lost-code',
        test: (ctx) => {
          const img = imageOf(ctx, 'app');
          return img && latestBuild(ctx, 'app') && !fileIn(img, '/app/src/index.js') ? 'app has no /app/src/index.js any more: keep copying the code, and leave out only .npmrc.' : undefined;
        },
      },
    ],
    notYet: 'There is no build of app since the challenge started. Build it with docker build -t app ., then look at docker history app.',
    explanation:
      'The builder never received .npmrc, so no layer could hold it. A RUN rm in a later layer only hides a file: the layer that added it still ships with the image.',
    hints: [
      'Build, then run docker history app: which layer added .npmrc, and what did RUN rm -f .npmrc add?',
      'A file that never reaches the build context cannot reach a layer. Which file lists what the context leaves out?',
      'Add .npmrc to .dockerignore (echo .npmrc >> .dockerignore), remove the RUN rm line, and build again.',
    ],
    solution: [
      { run: 'docker build -t app .' },
      { run: 'echo .npmrc >> .dockerignore' },
      { write: 'Dockerfile', content: START.replace('RUN rm -f .npmrc\n', '') },
      { run: 'docker build -t app .' },
      { run: 'docker history app' },
    ],
  },
];

export default challenges;
