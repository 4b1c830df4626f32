// Challenges of the lesson "The build cache" (content/lessons/build-cache.mdx).
import type { ChallengeSpec, CheckContext } from '../../src/course/types.ts';
import { cacheDiagnoses, cacheGoal } from './shared/cache.ts';

const challenges: ChallengeSpec[] = [
  {
    name: 'reorder',
    title: 'Keep the install cached',
    goal: 'Change the Dockerfile so that, after an edit to src/index.js, a rebuild of app takes RUN npm ci from the cache.',
    start: { preset: 'node-app@step-1' },
    goalMet: (ctx) => cacheGoal(ctx, 'app'),
    diagnoses: cacheDiagnoses('app'),
    notYet: 'There is no build of app since the challenge started. Build it with docker build -t app ., then edit src/index.js and build again.',
    explanation:
      'The rebuild reused every step up to the first one whose input changed. Because only package.json and package-lock.json are copied before RUN npm ci, a code edit changes a later COPY, and the install comes from the cache.',
    hints: [
      'Build, edit src/index.js, and build again with --explain-cache: the engine says which step changed first, and why.',
      'RUN npm ci needs only package.json and package-lock.json. Copy those first, run the install, then copy the rest.',
      '`COPY package.json package-lock.json ./` before `RUN npm ci`, and `COPY . .` after it.',
    ],
    solution: [
      {
        write: 'Dockerfile',
        content: 'FROM node:22-alpine\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nEXPOSE 3000\nCMD ["node", "src/index.js"]\n',
      },
      { run: 'docker build -t app .' },
      { run: 'echo "// a code edit" >> src/index.js' },
      { run: 'docker build -t app --explain-cache .' },
    ],
  },
];

export default challenges;
