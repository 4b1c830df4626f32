// Checks shared by the lessons "The build cache" and the capstone: RUN npm ci must come from the
// cache after a code edit. Kept apart from both lessons' challenges, so each lesson's page loads only
// what it uses.
import type { CheckContext } from '../../../src/course/types.ts';
import { buildsOf, code, dockerfileSteps, fileIn, findStep, firstCause, imageOf, instructionOf, latestBuild, stepLabel } from '../../../src/course/facts.ts';
import type { BuildRecord } from '../../../src/course/activity.ts';

/** The latest build's npm ci step, and what made it run again. */
function install(build: BuildRecord) {
  return findStep(build, /^RUN .*npm (ci|install)/);
}

function sawCodeEdit(build: BuildRecord): boolean {
  return dockerfileSteps(build).some((s) => s.status === 'built' && /src\/index\.js/.test(s.reason ?? ''));
}

function works(ctx: CheckContext): boolean {
  const img = imageOf(ctx, 'app');
  return !!img && !!fileIn(img, '/app/node_modules/express/package.json') && !!fileIn(img, '/app/src/index.js');
}

/** The diagnoses of "npm ci must come from the cache after a code edit", shared with the capstone. */
export function cacheDiagnoses(tag: string) {
  return [
    {
      id: 'build-failed',
      test: (ctx: CheckContext) => (latestBuild(ctx, tag)?.ok === false ? `The last build of ${tag} failed. The terminal shows the error; fix it and build again.` : undefined),
    },
    {
      id: 'install-reran',
      test: (ctx: CheckContext) => {
        const b = latestBuild(ctx, tag);
        const step = b && install(b);
        if (!b || !step || step.status !== 'built' || buildsOf(ctx, tag).length < 2) return undefined;
        const cause = firstCause(b);
        if (!cause || cause === step) return undefined;
        return `${stepLabel(step)} ${code(instructionOf(step))} ran again because ${stepLabel(cause).toLowerCase()} ${code(instructionOf(cause))} changed: ${cause.reason}. Only the files npm needs should be copied before the install.`;
      },
    },
    {
      id: 'no-modules',
      test: (ctx: CheckContext) => {
        const img = imageOf(ctx, tag);
        if (!img || buildsOf(ctx, tag).length === 0 || fileIn(img, '/app/node_modules/express/package.json')) return undefined;
        return `${tag} has no /app/node_modules/express: npm ci must still run in the image, after package.json and package-lock.json are copied.`;
      },
    },
    {
      id: 'no-code',
      test: (ctx: CheckContext) => {
        const img = imageOf(ctx, tag);
        if (!img || buildsOf(ctx, tag).length === 0 || fileIn(img, '/app/src/index.js')) return undefined;
        return `${tag} has no /app/src/index.js: the code must still be copied, after the install.`;
      },
    },
    {
      id: 'no-edit',
      test: (ctx: CheckContext) => {
        const b = latestBuild(ctx, tag);
        if (!b?.ok || sawCodeEdit(b)) return undefined;
        const step = install(b);
        return `Your last build of ${tag} ${step?.status === 'cached' ? 'took RUN npm ci from the cache' : 'ran'}, but no step of it saw src/index.js change since the build before. Edit src/index.js, save it, and build again.`;
      },
    },
  ];
}

/** Goal: the latest build of `tag` saw src/index.js change and still took npm ci from the cache. */
export function cacheGoal(ctx: CheckContext, tag: string): boolean {
  const b = latestBuild(ctx, tag);
  if (!b?.ok || !sawCodeEdit(b)) return false;
  return install(b)?.status === 'cached' && works(ctx);
}
