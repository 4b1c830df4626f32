// Challenges of the lesson "A Dockerfile lists the steps" (content/lessons/dockerfile-steps.mdx).
import type { ChallengeSpec, CheckContext } from '../../src/course/types.ts';
import { code, configOf, extendsImage, fileIn, imageOf, latestBuild, layerSteps, readText } from '../../src/course/facts.ts';
import { contentText } from '../../src/engine/fs/index.ts';

const HTML = '/usr/share/nginx/html';

const START_DOCKERFILE = `FROM nginx:alpine
COPY index.html ${HTML}/
COPY style.css ${HTML}/
`;

async function servesBoth(ctx: CheckContext): Promise<string | undefined> {
  const img = imageOf(ctx, 'site')!;
  for (const name of ['index.html', 'style.css']) {
    const node = fileIn(img, `${HTML}/${name}`);
    const mine = await readText(ctx, name);
    if (!node || node.type !== 'file' || contentText(node.content) !== mine) return name;
  }
  return undefined;
}

function hasVersion(ctx: CheckContext): boolean {
  return (configOf(imageOf(ctx, 'site')!).config?.Env ?? []).includes('SITE_VERSION=1');
}

function added(ctx: CheckContext): string[] {
  const img = imageOf(ctx, 'site')!;
  const base = imageOf(ctx, 'nginx:alpine')!;
  return layerSteps(img).slice(base.layers.length);
}

const challenges: ChallengeSpec[] = [
  {
    name: 'one-layer',
    title: 'Which steps add a layer',
    goal: 'Build site so that it adds exactly one layer to nginx:alpine, serves both index.html and style.css, and sets SITE_VERSION=1 in its environment.',
    start: { preset: 'nginx-site@step-1', images: ['nginx:alpine'], files: { Dockerfile: START_DOCKERFILE } },
    goalMet: async (ctx) => {
      const img = imageOf(ctx, 'site');
      const base = imageOf(ctx, 'nginx:alpine');
      if (!img || !base || !extendsImage(img, base) || img.layers.length !== base.layers.length + 1) return false;
      return hasVersion(ctx) && (await servesBoth(ctx)) === undefined;
    },
    diagnoses: [
      {
        id: 'build-failed',
        test: (ctx) => (latestBuild(ctx, 'site')?.ok === false ? 'The last build of site failed, so the image is the one from before (if any). The terminal shows the error; fix the Dockerfile and build again.' : undefined),
      },
      {
        id: 'not-on-nginx',
        test: (ctx) => {
          const img = imageOf(ctx, 'site');
          const base = imageOf(ctx, 'nginx:alpine');
          if (!img || !base || extendsImage(img, base)) return undefined;
          return 'site is not built on nginx:alpine: its layers do not start with nginx:alpine’s. Keep FROM nginx:alpine as the first line.';
        },
      },
      {
        id: 'run-export',
        test: (ctx) => {
          if (!imageOf(ctx, 'site') || hasVersion(ctx)) return undefined;
          const steps = added(ctx);
          const run = steps.findIndex((s) => /^RUN .*SITE_VERSION/.test(s));
          if (run < 0) return undefined;
          return `site’s layer ${imageOf(ctx, 'nginx:alpine')!.layers.length + run + 1} comes from ${code(steps[run]!)}: it added a layer, and its variable ended with the step, so the image’s config has no SITE_VERSION. An instruction that only changes the config sets it without a layer.`;
        },
      },
      {
        id: 'extra-layers',
        test: (ctx) => {
          const img = imageOf(ctx, 'site');
          if (!img) return undefined;
          const steps = added(ctx);
          if (steps.length <= 1) return undefined;
          const first = imageOf(ctx, 'nginx:alpine')!.layers.length + 1;
          return `site adds ${steps.length} layers to nginx:alpine: ${steps.map((s, i) => `layer ${first + i} (${code(s)})`).join(', ')}. Each COPY adds a layer; one COPY can take several files.`;
        },
      },
      {
        id: 'missing-file',
        test: async (ctx) => {
          if (!imageOf(ctx, 'site')) return undefined;
          const missing = await servesBoth(ctx);
          return missing ? `site’s ${HTML}/${missing} is not your ${missing}: copy both files into ${HTML}/.` : undefined;
        },
      },
      {
        id: 'no-version',
        test: (ctx) => (imageOf(ctx, 'site') && !hasVersion(ctx) ? 'site adds one layer and serves both files, but its config’s environment has no SITE_VERSION=1 (docker image inspect site shows Config.Env).' : undefined),
      },
    ],
    notYet: 'There is no image called site yet. Build one from the Dockerfile with the tag site.',
    explanation:
      'One COPY with two sources made one layer holding both files. ENV changed only the image’s configuration: it left a line in docker history with size 0B and no layer.',
    hints: [
      'A COPY can take several sources before its destination: `COPY index.html style.css /usr/share/nginx/html/`.',
      '`ENV SITE_VERSION=1` records the variable in the image’s config. A `RUN export …` would add a layer and forget the variable.',
      'Build with `docker build -t site .`, then compare `docker history site` with `docker history nginx:alpine`.',
    ],
    solution: [
      { write: 'Dockerfile', content: `FROM nginx:alpine\nENV SITE_VERSION=1\nCOPY index.html style.css ${HTML}/\n` },
      { run: 'docker build -t site .' },
      { run: 'docker history site' },
    ],
  },
];

export default challenges;
