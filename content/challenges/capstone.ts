// Challenges of the lesson "Capstone: fix a Dockerfile" (content/lessons/capstone.mdx).
import type { ChallengeSpec, CheckContext } from '../../src/course/types.ts';
import type { StoredImage } from '../../src/engine/index.ts';
import { code, configOf, fileIn, imageOf, latestBuild, layersAdding, layerSize, layerSteps } from '../../src/course/facts.ts';
import { cacheDiagnoses, cacheGoal } from './shared/cache.ts';
import { NPMRC, secretDiagnoses } from './shared/secret.ts';

const BAD = `FROM node:22-alpine
RUN apk add --no-cache python3 make g++
WORKDIR /app
COPY . .
RUN npm ci
RUN rm -f .npmrc
EXPOSE 3000
CMD ["node", "src/index.js"]
`;

/** A compiler toolchain, installed "in case a dependency needs building": express never does. */
const TOOLS = ['/usr/bin/g++', '/usr/bin/gcc', '/usr/bin/make', '/usr/bin/python3'];

/** Layers of app that add any of the build tools, bottom first. */
function toolLayers(ctx: CheckContext): { img: StoredImage; layers: number[] } | undefined {
  const img = imageOf(ctx, 'app');
  if (!img) return undefined;
  return { img, layers: [...new Set(TOOLS.flatMap((t) => layersAdding(img, t)))].sort((a, b) => a - b) };
}

/** The size item: what the tools cost, from the layer that added them. */
const sizeDiagnoses = [
  {
    id: 'build-tools-hidden',
    test: (ctx: CheckContext) => {
      const t = toolLayers(ctx);
      if (!t || t.layers.length === 0 || TOOLS.some((p) => fileIn(t.img, p))) return undefined;
      const l = t.layers[0]!;
      return `The build tools are gone from the final filesystem, but layer ${l + 1} (${code(layerSteps(t.img)[l] ?? '')}) still holds them: ${layerSize(t.img, l)} that every pull of app downloads. A later layer cannot make an image smaller; leave the install out instead.`;
    },
  },
  {
    id: 'build-tools',
    test: (ctx: CheckContext) => {
      const t = toolLayers(ctx);
      if (!t || t.layers.length === 0) return undefined;
      const l = t.layers[0]!;
      return `Layer ${l + 1} (${code(layerSteps(t.img)[l] ?? '')}) adds ${layerSize(t.img, l)}: a C++ compiler, make and Python. app never uses them at run time, and express is plain JavaScript, so npm ci compiles nothing either.`;
    },
  },
];

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
    goal: 'Make app pass the checklist: no build tools it never uses, no .npmrc in any layer, RUN npm ci cached after a code edit, and not running as root.',
    start: { preset: 'node-app@step-1', files: { '.npmrc': NPMRC, Dockerfile: BAD } },
    goalMet: (ctx) => {
      const img = imageOf(ctx, 'app');
      return !!img && toolLayers(ctx)?.layers.length === 0 && layersAdding(img, '/app/.npmrc').length === 0 && runsAsRoot(ctx) === false && cacheGoal(ctx, 'app');
    },
    diagnoses: [
      buildFailed!,
      ...sizeDiagnoses,
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
      'app now carries no build tools, leaves .npmrc out of the context, installs from the lock file before copying the code, so a code edit reuses the install, and runs as the node user. Each item was checked on the engine’s state: the layers, the last build’s cache and the image config.',
    hints: [
      'Take the checklist one item at a time: build, read the check, fix, build again. `docker history app` shows what each layer costs.',
      'Nothing in this app is compiled: the RUN apk add line can go.',
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
