// Challenges of the lesson "The build context" (content/lessons/build-context.mdx).
import type { ChallengeSpec, CheckContext } from '../../src/course/types.ts';
import { code, contextBytes, copiedFiles, fileIn, imageOf, latestBuild, progressBytes, readText, findStep } from '../../src/course/facts.ts';
import { contentText } from '../../src/engine/fs/index.ts';

// A node_modules folder as a laptop's `npm install` left it: an older express than the lock file's.
const LOCAL_EXPRESS = `{
  "name": "express",
  "version": "4.17.1",
  "description": "Installed on the laptop long ago, for another platform",
  "main": "index.js"
}
`;
const LOCAL_INDEX = `'use strict';\n\nmodule.exports = require('./lib/express');\n`;
const LOCAL_LIB = `'use strict';\n// express 4.17.1 as npm install left it on the laptop\nmodule.exports = function createApplication() {};\n`.repeat(40);

function lastCopyAll(ctx: CheckContext) {
  const b = latestBuild(ctx, 'app');
  return b?.ok ? findStep(b, /^COPY \. /) : undefined;
}

function sentModules(ctx: CheckContext) {
  return copiedFiles(ctx, lastCopyAll(ctx)).filter((f) => f.path.startsWith('node_modules/'));
}

function installedExpress(ctx: CheckContext): string | undefined {
  const node = imageOf(ctx, 'app') && fileIn(imageOf(ctx, 'app')!, '/app/node_modules/express/package.json');
  return node?.type === 'file' ? /"version":\s*"([^"]+)"/.exec(contentText(node.content))?.[1] : undefined;
}

const challenges: ChallengeSpec[] = [
  {
    name: 'ignore-node-modules',
    title: 'Leave node_modules out of the context',
    goal: 'Build app so that nothing from your own node_modules/ is sent in the build context, and the image keeps the express that npm ci installs.',
    start: {
      preset: 'node-app@step-2',
      files: {
        '.dockerignore': null,
        'node_modules/express/package.json': LOCAL_EXPRESS,
        'node_modules/express/index.js': LOCAL_INDEX,
        'node_modules/express/lib/express.js': LOCAL_LIB,
      },
    },
    goalMet: (ctx) => {
      const b = latestBuild(ctx, 'app');
      return !!b?.ok && !!lastCopyAll(ctx) && sentModules(ctx).length === 0 && installedExpress(ctx) === '4.21.2' && !!fileIn(imageOf(ctx, 'app')!, '/app/src/index.js');
    },
    diagnoses: [
      {
        id: 'build-failed',
        test: (ctx) => (latestBuild(ctx, 'app')?.ok === false ? 'The last build of app failed. The terminal shows the error; fix it and build again.' : undefined),
      },
      {
        id: 'ignored-not-rebuilt',
        test: async (ctx) => {
          if (sentModules(ctx).length === 0) return undefined;
          const ignore = (await readText(ctx, '.dockerignore')) ?? '';
          if (!/^\/?node_modules\/?\s*$/m.test(ignore)) return undefined;
          return 'Your .dockerignore now leaves out node_modules, but the last build of app ran before that. Build again: the context is sent afresh for every build.';
        },
      },
      {
        id: 'modules-sent',
        test: (ctx) => {
          const b = latestBuild(ctx, 'app');
          const mods = sentModules(ctx);
          if (!b || mods.length === 0) return undefined;
          const sent = contextBytes(b);
          const version = installedExpress(ctx);
          const bytes = mods.reduce((n, f) => n + f.size, 0);
          return `The build context sent ${sent !== undefined ? progressBytes(sent) : 'your folder'}, and ${progressBytes(bytes)} of it is node_modules/ (${mods.length} files, such as ${code(mods[0]!.path)}). ${code('COPY . .')} then copied them over what npm ci installed${version ? `: the image’s express is ${version}, your laptop’s copy` : ''}.`;
        },
      },
      {
        id: 'lost-code',
        test: (ctx) => {
          const img = imageOf(ctx, 'app');
          if (!img || !latestBuild(ctx, 'app') || fileIn(img, '/app/src/index.js')) return undefined;
          return 'app has no /app/src/index.js: .dockerignore leaves out more than node_modules. The code must still reach the image.';
        },
      },
    ],
    notYet: 'There is no build of app since the challenge started. Look at the project with ls, then build it with docker build -t app .',
    explanation:
      'With node_modules in .dockerignore, the builder never received that folder: the context was smaller, COPY . . could not copy it, and the image kept the express that npm ci installed from the lock file.',
    hints: [
      'Build once and look at the line “transferring context”: that is what the builder received.',
      'A .dockerignore file in the context’s root lists what the builder must not receive, one pattern a line.',
      'Write `node_modules` into .dockerignore (echo node_modules > .dockerignore), then build again.',
    ],
    solution: [
      { run: 'docker build -t app .' },
      { run: 'echo node_modules > .dockerignore' },
      { run: 'docker build -t app .' },
    ],
  },
];

export default challenges;
